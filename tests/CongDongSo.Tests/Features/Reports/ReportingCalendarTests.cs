using CongDongSo.Web.Data;
using CongDongSo.Web.Features.Reports;

namespace CongDongSo.Tests.Features.Reports;

/// <summary>
/// Due dates of every rule the three shared plans state, worked out by hand with a 2026 calendar:
/// "before the 20th of the last month of the quarter" is due on the 19th (19/9/2026 and 19/12/2026
/// are Saturdays), "before the 27th" on the 26th (26/9 and 26/12 Saturdays too), "within Q1" on 31/3
/// (a Tuesday), "before 30/11" on 29/11 (a Sunday); plus the month and year boundaries a cut-off and a
/// next-month due day cross.
/// </summary>
public sealed class ReportingCalendarTests
{
    private static readonly Dictionary<DateOnly, string> s_holidays = new()
    {
        [new(2026, 1, 1)] = "Tết Dương lịch",
        [new(2026, 4, 30)] = "Ngày Chiến thắng 30/4",
        [new(2026, 5, 1)] = "Ngày Quốc tế Lao động 1/5",
        [new(2026, 9, 2)] = "Quốc khánh 2/9",
        [new(2027, 1, 1)] = "Tết Dương lịch",
    };

    private static PlanReporting Rule(Cadence period, int? dueMonth = null, int? dueDay = null, bool before = true, DateOnly? date = null, int? cutoff = null, bool move = false) =>
        new() { Name = "r", Period = period, DueMonth = dueMonth, DueDay = dueDay, DueBefore = before, DueDate = date, CutoffDay = cutoff, MoveToWorkingDay = move };

    private static List<string> Dues(PlanReporting rule, int year = 2026) =>
        [.. ReportingCalendar.Periods(rule, year, s_holidays).Select(p => $"{p.Label}: {p.Due:yyyy-MM-dd}{(p.DayOff is null ? "" : $" ({p.DayOff})")}")];

    [Fact]
    public void Hoa_Xuan_team_quarterly_report_is_due_before_the_20th_of_the_last_month_of_the_quarter()
    {
        Assert.Equal(["Quý I/2026: 2026-03-19", "Quý II/2026: 2026-06-19", "Quý III/2026: 2026-09-19 (Thứ Bảy)", "Quý IV/2026: 2026-12-19 (Thứ Bảy)"],
            Dues(Rule(Cadence.Quarter, dueMonth: 3, dueDay: 20)));
    }

    [Fact]
    public void The_ward_report_to_the_department_before_the_27th_moves_to_the_friday_when_the_ward_chooses()
    {
        Assert.Equal(["Quý I/2026: 2026-03-26", "Quý II/2026: 2026-06-26", "Quý III/2026: 2026-09-26 (Thứ Bảy)", "Quý IV/2026: 2026-12-26 (Thứ Bảy)"],
            Dues(Rule(Cadence.Quarter, dueMonth: 3, dueDay: 27)));
        var moved = ReportingCalendar.Periods(Rule(Cadence.Quarter, dueMonth: 3, dueDay: 27, move: true), 2026, s_holidays);
        Assert.Equal([new DateOnly(2026, 3, 26), new(2026, 6, 26), new(2026, 9, 25), new(2026, 12, 25)], moved.Select(p => p.Due));
        Assert.Equal(new DateOnly(2026, 9, 26), moved[2].StatedDue);
        Assert.True(moved[2].Moved);
        Assert.False(moved[0].Moved);
    }

    [Fact]
    public void The_member_list_within_the_first_quarter_is_one_report_due_on_31_march()
    {
        var rule = Rule(Cadence.Once, date: new DateOnly(2026, 3, 31));
        Assert.Equal(["Hạn 31/03/2026: 2026-03-31"], Dues(rule));
        Assert.Empty(Dues(rule, 2027));
    }

    [Fact]
    public void The_annual_report_before_30_november_falls_on_a_sunday_and_moves_to_friday_27th()
    {
        Assert.Equal(["Năm 2026: 2026-11-29 (Chủ nhật)"], Dues(Rule(Cadence.Year, dueMonth: 11, dueDay: 30)));
        Assert.Equal(new DateOnly(2026, 11, 27), ReportingCalendar.Periods(Rule(Cadence.Year, dueMonth: 11, dueDay: 30, move: true), 2026, s_holidays).Single().Due);
    }

    [Fact]
    public void Rules_without_a_day_are_due_at_the_end_of_their_last_month_and_say_so()
    {
        // Bình Long and Phù Đổng: monthly, quarterly and yearly with no day stated; Hòa Xuân's six-monthly.
        var monthly = ReportingCalendar.Periods(Rule(Cadence.Month), 2026, s_holidays);
        Assert.Equal(12, monthly.Count);
        Assert.Equal(new DateOnly(2026, 2, 28), monthly[1].Due);
        Assert.Equal(new DateOnly(2026, 5, 31), monthly[4].StatedDue);
        Assert.Equal("Chủ nhật", monthly[4].DayOff);
        Assert.All(monthly, p => Assert.False(p.DueStated));
        Assert.Equal(["6 tháng đầu năm 2026: 2026-06-30", "6 tháng cuối năm 2026: 2026-12-31"], Dues(Rule(Cadence.HalfYear)));
        Assert.Equal(["Năm 2026: 2026-12-31"], Dues(Rule(Cadence.Year)));
    }

    [Fact]
    public void A_monthly_report_before_the_14th_of_the_next_month_crosses_into_the_next_year_and_meets_new_year()
    {
        var rule = Rule(Cadence.Month, dueMonth: 2, dueDay: 14, cutoff: 14);
        var periods = ReportingCalendar.Periods(rule, 2026, s_holidays);
        Assert.Equal(new DateOnly(2026, 2, 13), periods[0].Due);
        // Figures from the 15th to the 14th: January's run from 15/12/2025 to 14/1/2026.
        Assert.Equal((new DateOnly(2025, 12, 15), new DateOnly(2026, 1, 14)), (periods[0].DataFrom, periods[0].DataTo));
        Assert.Equal((new DateOnly(2026, 11, 15), new DateOnly(2026, 12, 14)), (periods[11].DataFrom, periods[11].DataTo));
        Assert.Equal(new DateOnly(2027, 1, 13), periods[11].Due);
        Assert.Null(periods[11].DayOff);
        // Due on the 1st of the next month: 1/1/2027 is a holiday, and the working day before is Thursday 31/12.
        var onTheFirst = ReportingCalendar.Periods(Rule(Cadence.Month, dueMonth: 2, dueDay: 1, before: false, move: true), 2026, s_holidays);
        Assert.Equal(("Tết Dương lịch", new DateOnly(2026, 12, 31)), (onTheFirst[11].DayOff, onTheFirst[11].Due));
        // Due on 1 May: 1/5 and 30/4 are holidays, 29/4 a Wednesday.
        Assert.Equal(new DateOnly(2026, 4, 29), onTheFirst[3].Due);
    }

    [Fact]
    public void A_day_past_the_end_of_a_short_month_is_its_last_day()
    {
        var periods = ReportingCalendar.Periods(Rule(Cadence.Month, dueDay: 31, before: false), 2026, s_holidays);
        Assert.Equal([new DateOnly(2026, 1, 31), new(2026, 2, 28), new(2026, 3, 31), new(2026, 4, 30)], periods.Take(4).Select(p => p.StatedDue));
        Assert.Equal(new DateOnly(2028, 2, 29), ReportingCalendar.Periods(Rule(Cadence.Month, dueDay: 31, before: false), 2028, s_holidays)[1].StatedDue);
        // A quarterly report due in the month after the quarter, on the 5th.
        var after = ReportingCalendar.Periods(Rule(Cadence.Quarter, dueMonth: 4, dueDay: 5, before: false), 2026, s_holidays);
        Assert.Equal(new DateOnly(2027, 1, 5), after[3].Due);
        Assert.Equal(new DateOnly(2026, 10, 5), after[2].Due);
    }
}
