using CongDongSo.Web.Data;
using CongDongSo.Web.Infrastructure.Localization;

namespace CongDongSo.Web.Infrastructure.Privacy;

/// <summary>
/// The 12-digit personal identification number (số định danh cá nhân, NĐ 137/2015 Art. 13,
/// TT 07/2016/TT-BCA Art. 7, kept by Luật Căn cước 2023 Art. 12): 3 digits of the place of birth
/// registration, 1 digit for century and sex, 2 digits of the birth year, 6 random digits.
/// The place prefix follows the old 63-province codes, so it is not checked against today's province.
/// </summary>
public static class CitizenId
{
    /// <summary>The digits, or null when blank. Spaces and dots people type are dropped.</summary>
    public static string? Normalise(string? input)
    {
        if (string.IsNullOrWhiteSpace(input))
        {
            return null;
        }
        return new string([.. input.Where(c => !char.IsWhiteSpace(c) && c is not ('.' or '-'))]);
    }

    /// <summary>
    /// Checks a typed number against the person. An error means the number cannot be theirs or is not
    /// a number at all; a warning means it is stored but should be looked at: it disagrees with the
    /// birth year or gender given (one of the two was typed wrong), or it was repaired.
    /// </summary>
    /// <remarks>
    /// <c>repairDroppedZero</c>, for spreadsheets: 11 digits are a number stored as a number, whose
    /// leading 0 was dropped (every place code is 001–096); the zero is put back, with a warning. A
    /// person typing in a form is asked instead.
    /// </remarks>
    public static CitizenIdCheck Check(string? typed, int? birthYear, Gender? gender, bool repairDroppedZero = false)
    {
        var number = Normalise(typed?.TrimStart('\''));
        if (number is null)
        {
            return new(null, null, []);
        }
        var warnings = new List<Notice>();
        if (!number.All(char.IsAsciiDigit))
        {
            return new(null, new Notice("Số định danh chỉ gồm chữ số (ô có ký tự khác)."), []);
        }
        if (repairDroppedZero && number.Length == 11)
        {
            number = "0" + number;
            warnings.Add(new Notice("Đã thêm số 0 ở đầu số định danh (bảng tính đã bỏ mất khi lưu dạng số)."));
        }
        if (number.Length != 12)
        {
            return new(null, new Notice("Số định danh phải có 12 chữ số (ô có {0}).", number.Length), []);
        }
        var centuryDigit = number[3] - '0';
        if (centuryDigit > 5)
        {
            return new(null, new Notice("Chữ số thứ 4 của số định danh (thế kỷ và giới tính) không hợp lệ."), []);
        }
        var year = 1900 + (centuryDigit / 2 * 100) + int.Parse(number.AsSpan(4, 2), System.Globalization.CultureInfo.InvariantCulture);
        if (birthYear is { } born && born != year)
        {
            warnings.Add(new Notice("Số định danh ứng với năm sinh {0}, không khớp năm sinh {1}: cần kiểm tra lại.", year, born));
        }
        var female = centuryDigit % 2 == 1;
        if ((gender is Gender.Male && female) || (gender is Gender.Female && !female))
        {
            warnings.Add(new Notice("Chữ số giới tính của số định danh ({0}) không khớp giới tính {1}: cần kiểm tra lại.",
                female ? "nữ" : "nam", gender is Gender.Male ? "nam" : "nữ"));
        }
        return new(number, null, warnings);
    }
}

/// <summary>The number to store (null when none or invalid), why it is invalid, and what to look at.</summary>
public sealed record CitizenIdCheck(string? Number, Notice? Error, IReadOnlyList<Notice> Warnings);
