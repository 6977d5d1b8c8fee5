namespace CongDongSo.Web.Infrastructure.Text;

/// <summary>Vietnamese mobile numbers: 10 digits, prefixes 03/05/07/08/09; +84 or 84 accepted.</summary>
public static class VietnamesePhone
{
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
        return number.Length == 10 && number[0] == '0' && number[1] is '3' or '5' or '7' or '8' or '9' ? number : null;
    }
}
