using CongDongSo.Web.Data;

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

    /// <summary>Why the number is not valid for this person, or null when it is.</summary>
    public static string? Problem(string number, int? birthYear, Gender? gender)
    {
        if (number.Length != 12 || !number.All(char.IsAsciiDigit))
        {
            return "Số định danh phải gồm đúng 12 chữ số. / The ID number must have exactly 12 digits.";
        }
        var centuryDigit = number[3] - '0';
        var century = 1900 + (centuryDigit / 2 * 100);
        var year = century + int.Parse(number.AsSpan(4, 2), System.Globalization.CultureInfo.InvariantCulture);
        if (birthYear is { } born && born != year)
        {
            return $"Số định danh ứng với năm sinh {year}, không khớp năm sinh {born}. / The ID number encodes birth year {year}, not {born}.";
        }
        var female = centuryDigit % 2 == 1;
        if (gender is Gender.Male && female || gender is Gender.Female && !female)
        {
            return "Chữ số giới tính trong số định danh không khớp giới tính. / The sex digit of the ID number does not match the gender.";
        }
        return null;
    }
}
