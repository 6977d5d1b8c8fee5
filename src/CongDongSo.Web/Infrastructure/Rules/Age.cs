namespace CongDongSo.Web.Infrastructure.Rules;

/// <summary>
/// Ages at a date, from a birth date or, when only the year is known, by year (the way
/// the plans count "người từ 15 tuổi trở lên" and "từ 18 tuổi trở lên" from household lists).
/// </summary>
public static class Age
{
    /// <summary>Indicators of digital skills and VNeID count people from 15.</summary>
    public const int Fifteen = 15;
    /// <summary>Adults in law (Bộ luật Dân sự 2015, Điều 20): online public services, e-payment accounts.</summary>
    public const int Eighteen = 18;

    /// <summary>Completed years at <paramref name="at"/>; by year only when the date is unknown; null when neither is.</summary>
    public static int? Years(DateOnly? birthDate, int? birthYear, DateOnly at)
    {
        if (birthDate is { } born)
        {
            var years = at.Year - born.Year;
            return at < born.AddYears(years) ? years - 1 : years;
        }
        return birthYear is { } year ? at.Year - year : null;
    }

    public static bool IsAdult(DateOnly? birthDate, int? birthYear, DateOnly atDate, int minAge) =>
        Years(birthDate, birthYear, atDate) >= minAge;
}
