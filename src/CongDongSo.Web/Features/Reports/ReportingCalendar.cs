using System.Globalization;
using CongDongSo.Web.Data;

namespace CongDongSo.Web.Features.Reports;

/// <summary>One period a reporting rule asks a report for, with the window its figures cover and its due date.</summary>
/// <param name="Label">"Tháng 3/2026", "Quý I/2026", "6 tháng đầu năm 2026", "Năm 2026".</param>
/// <param name="Start">The period's first day (the calendar's).</param>
/// <param name="End">The period's last day.</param>
/// <param name="DataFrom">First day of the figures (after the cut-off of the month before).</param>
/// <param name="DataTo">Last day of the figures: the cut-off, or the period's end.</param>
/// <param name="StatedDue">The due date as the rule states it: the last day a report is on time.</param>
/// <param name="Due">The due date kept: the stated one, or the working day before it when the rule moves it.</param>
/// <param name="DayOff">Why the stated due date is not a working day (a weekend or a holiday's name); null when it is.</param>
/// <param name="DueStated">False when the plan names no due day: the period's due month's last day stands in.</param>
public sealed record ReportingPeriod(string Label, DateOnly Start, DateOnly End, DateOnly DataFrom, DateOnly DataTo, DateOnly StatedDue, DateOnly Due,
    string? DayOff, bool DueStated)
{
    public bool Moved => Due != StatedDue;
}

/// <summary>
/// The reporting calendar a plan's rules make, as data: period type, the month and day it is due in
/// ("before the 20th of the last month of the quarter", "before the 14th of the next month",
/// "before 30/11", a one-off date), the data cut-off, and what happens on a day off.
/// </summary>
public static class ReportingCalendar
{
    private static readonly string[] s_quarters = ["I", "II", "III", "IV"];

    /// <summary>Months a period of this cadence lasts.</summary>
    public static int Months(Cadence cadence) => cadence switch
    {
        Cadence.Month => 1,
        Cadence.Quarter => 3,
        Cadence.HalfYear => 6,
        _ => 12,
    };

    /// <summary>The periods of <paramref name="year"/> the rule asks for, in order; a one-off rule's single period when its date falls in that year.</summary>
    public static List<ReportingPeriod> Periods(PlanReporting rule, int year, IReadOnlyDictionary<DateOnly, string> holidays)
    {
        var result = new List<ReportingPeriod>();
        if (rule.Period is Cadence.Once or Cadence.Week)
        {
            if (rule.DueDate is { } date && date.Year == year)
            {
                var (due, off) = Keep(rule, date, holidays);
                result.Add(new ReportingPeriod(string.Create(CultureInfo.InvariantCulture, $"Hạn {date:dd/MM/yyyy}"), new DateOnly(year, 1, 1), date,
                    new DateOnly(year, 1, 1), date, date, due, off, true));
            }
            return result;
        }
        var months = Months(rule.Period);
        for (var first = 1; first <= 12; first += months)
        {
            var start = new DateOnly(year, first, 1);
            var end = start.AddMonths(months).AddDays(-1);
            var (dataFrom, dataTo) = rule.CutoffDay is { } cutoff
                ? (DayIn(start.AddMonths(-1), cutoff).AddDays(1), DayIn(end, cutoff))
                : (start, end);
            // The month it is due in: counted from the period's first month (a year's is the calendar month).
            var dueMonth = rule.Period == Cadence.Year
                ? new DateOnly(year, Math.Clamp(rule.DueMonth ?? 12, 1, 12), 1)
                : start.AddMonths((rule.DueMonth ?? months) - 1);
            DateOnly stated;
            if (rule.DueDay is { } day)
            {
                stated = DayIn(dueMonth, day);
                if (rule.DueBefore)
                {
                    stated = stated.AddDays(-1);
                }
            }
            else
            {
                stated = dueMonth.AddMonths(1).AddDays(-1);
            }
            var (kept, dayOff) = Keep(rule, stated, holidays);
            result.Add(new ReportingPeriod(Label(rule.Period, start), start, end, dataFrom, dataTo, stated, kept, dayOff, rule.DueDay is not null));
        }
        return result;
    }

    public static string Label(Cadence cadence, DateOnly start) => cadence switch
    {
        Cadence.Month => string.Create(CultureInfo.InvariantCulture, $"Tháng {start.Month}/{start.Year}"),
        Cadence.Quarter => string.Create(CultureInfo.InvariantCulture, $"Quý {s_quarters[(start.Month - 1) / 3]}/{start.Year}"),
        Cadence.HalfYear => string.Create(CultureInfo.InvariantCulture, $"{(start.Month == 1 ? "6 tháng đầu năm" : "6 tháng cuối năm")} {start.Year}"),
        _ => string.Create(CultureInfo.InvariantCulture, $"Năm {start.Year}"),
    };

    /// <summary>Why a day is not a working day: "Thứ Bảy", "Chủ nhật" or the holiday's name; null for a working day.</summary>
    public static string? DayOff(DateOnly day, IReadOnlyDictionary<DateOnly, string> holidays) =>
        holidays.TryGetValue(day, out var name) ? name
        : day.DayOfWeek == DayOfWeek.Saturday ? "Thứ Bảy"
        : day.DayOfWeek == DayOfWeek.Sunday ? "Chủ nhật"
        : null;

    /// <summary>The day of a month, or its last day when the month is shorter (31 in April is the 30th).</summary>
    private static DateOnly DayIn(DateOnly month, int day) =>
        new(month.Year, month.Month, Math.Min(Math.Max(day, 1), DateTime.DaysInMonth(month.Year, month.Month)));

    private static (DateOnly Due, string? DayOff) Keep(PlanReporting rule, DateOnly stated, IReadOnlyDictionary<DateOnly, string> holidays)
    {
        var off = DayOff(stated, holidays);
        var due = stated;
        while (rule.MoveToWorkingDay && DayOff(due, holidays) is not null)
        {
            due = due.AddDays(-1);
        }
        return (due, off);
    }
}
