using CongDongSo.Web.Infrastructure.Localization;

namespace CongDongSo.Web.Infrastructure.Rules;

/// <summary>
/// The bounds of a household's and a person's fields, one place for the forms and the imports
/// (the column sizes of Data/Population.cs follow them).
/// </summary>
public static class PopulationRules
{
    public const int MaxHouseholdCodeLength = 40;
    public const int MaxAddressLength = 300;
    public const int MaxNameLength = 150;
    public const int FirstBirthYear = 1900;

    /// <summary>Why a birth date (or, with no date, a birth year) cannot be a living resident's; null when it can.</summary>
    public static Notice? BirthProblem(DateOnly? date, int? year, DateOnly today)
    {
        if (date is { } d)
        {
            return d > today || d.Year < FirstBirthYear ? new Notice("Ngày sinh phải từ năm {0} đến hôm nay.", FirstBirthYear) : null;
        }
        return year is { } y && (y < FirstBirthYear || y > today.Year)
            ? new Notice("Năm sinh phải là năm có 4 chữ số, từ {0} đến {1}.", FirstBirthYear, today.Year)
            : null;
    }
}
