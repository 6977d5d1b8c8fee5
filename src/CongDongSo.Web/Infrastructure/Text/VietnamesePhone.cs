using CongDongSo.Web.Infrastructure.Localization;

namespace CongDongSo.Web.Infrastructure.Text;

/// <summary>
/// Vietnamese mobile numbers: 10 digits whose first three are a prefix a carrier has been assigned
/// (Viettel 032–039, 086, 096–098; VinaPhone 081–085, 088, 091, 094; MobiFone 070, 076–079, 089,
/// 090, 093; Vietnamobile 052, 056, 058, 092; Gmobile 059, 099; Itelecom 087; Wintel 055; after the
/// 11→10-digit change of 2018); +84 or 84 accepted.
/// </summary>
public static class VietnamesePhone
{
    private static readonly HashSet<string> s_assigned =
    [
        "032", "033", "034", "035", "036", "037", "038", "039",
        "052", "055", "056", "058", "059",
        "070", "076", "077", "078", "079",
        "081", "082", "083", "084", "085", "086", "087", "088", "089",
        "090", "091", "092", "093", "094", "096", "097", "098", "099",
    ];

    /// <summary>
    /// Checks a typed number: the number to store, or why it is refused. From a spreadsheet
    /// (<paramref name="repairDroppedZero"/>), 9 digits are a number stored as a number that lost its 0:
    /// it is put back, with a warning.
    /// </summary>
    public static (string? Number, Notice? Error, Notice? Warning) Check(string? typed, bool repairDroppedZero = false)
    {
        if (string.IsNullOrWhiteSpace(typed))
        {
            return (null, null, null);
        }
        var text = typed.Trim().TrimStart('\'');
        Notice? warning = null;
        if (repairDroppedZero && text.Length == 9 && text.All(char.IsAsciiDigit) && s_assigned.Contains("0" + text[..2]))
        {
            text = "0" + text;
            warning = new Notice("Đã thêm số 0 ở đầu số điện thoại (bảng tính đã bỏ mất khi lưu dạng số).");
        }
        if (NormaliseMobile(text) is { } number)
        {
            return (number, null, warning);
        }
        var digits = Digits(text);
        return digits is { Length: 10 } && digits[0] == '0'
            ? (null, new Notice("Số điện thoại không hợp lệ: đầu số {0} không phải đầu số di động của nhà mạng Việt Nam.", digits[..3]), null)
            : (null, new Notice("Số điện thoại không hợp lệ: cần số di động Việt Nam 10 chữ số (có thể viết +84), ô có {0} chữ số.", digits?.Length ?? 0), null);
    }
    /// <summary>The number as 0xxxxxxxxx, or null when it is not a Vietnamese mobile number.</summary>
    public static string? NormaliseMobile(string? input)
    {
        if (string.IsNullOrWhiteSpace(input))
        {
            return null;
        }
        Span<char> digits = stackalloc char[16];
        var length = 0;
        var text = input.Trim();
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (char.IsAsciiDigit(c))
            {
                if (length == digits.Length)
                {
                    return null;
                }
                digits[length++] = c;
            }
            else if (c == '+' && i == 0)
            {
                continue;
            }
            else if (c is not (' ' or '.' or '-' or '(' or ')'))
            {
                return null;
            }
        }
        var number = new string(digits[..length]);
        if (number.Length == 11 && number.StartsWith("84", StringComparison.Ordinal))
        {
            number = "0" + number[2..];
        }
        else if (number.Length == 12 && number.StartsWith("840", StringComparison.Ordinal))
        {
            number = number[2..];
        }
        return number.Length == 10 && number[0] == '0' && s_assigned.Contains(number[..3]) ? number : null;
    }

    /// <summary>The digits of a phone as typed (after +84 is read as 0), or null when it holds other characters.</summary>
    private static string? Digits(string text)
    {
        var digits = new string([.. text.Where(char.IsAsciiDigit)]);
        if (text.Any(c => !char.IsAsciiDigit(c) && c is not (' ' or '.' or '-' or '(' or ')' or '+')))
        {
            return null;
        }
        return digits.StartsWith("84", StringComparison.Ordinal) && digits.Length == 11 ? "0" + digits[2..] : digits;
    }
}
