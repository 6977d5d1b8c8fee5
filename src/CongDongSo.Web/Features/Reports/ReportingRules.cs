using CongDongSo.Web.Data;
using CongDongSo.Web.Infrastructure.Localization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace CongDongSo.Web.Features.Reports;

/// <summary>A reporting rule as the form hands it in.</summary>
public sealed class ReportingInput
{
    public string? Name { get; set; }
    public ReportingLevel Reporter { get; set; } = ReportingLevel.Team;
    public string? FromUnit { get; set; }
    public string? ToUnit { get; set; }
    public Cadence Period { get; set; } = Cadence.Quarter;
    public int? DueMonth { get; set; }
    public int? DueDay { get; set; }
    public bool DueBefore { get; set; } = true;
    public DateOnly? DueDate { get; set; }
    public int? CutoffDay { get; set; }
    public bool MoveToWorkingDay { get; set; }
    public string? Note { get; set; }

    public static ReportingInput From(PlanReporting r) => new()
    {
        Name = r.Name, Reporter = r.Reporter, FromUnit = r.FromUnit, ToUnit = r.ToUnit, Period = r.Period, DueMonth = r.DueMonth, DueDay = r.DueDay,
        DueBefore = r.DueBefore, DueDate = r.DueDate, CutoffDay = r.CutoffDay, MoveToWorkingDay = r.MoveToWorkingDay, Note = r.Note,
    };
}

/// <summary>The checks of a reporting rule, for the form and the plan file alike; each error names its field.</summary>
public static class ReportingRules
{
    public static readonly Cadence[] Periods = [Cadence.Month, Cadence.Quarter, Cadence.HalfYear, Cadence.Year, Cadence.Once];

    public static List<(string Field, string Message)> Check(ReportingInput input, IStringLocalizer<SharedResource> l)
    {
        var errors = new List<(string, string)>();
        if (string.IsNullOrWhiteSpace(input.Name))
        {
            errors.Add((nameof(input.Name), l["Vui lòng nhập tên báo cáo."]));
        }
        else if (input.Name.Trim().Length > 300)
        {
            errors.Add((nameof(input.Name), l["Tên báo cáo dài tối đa {0} ký tự (đang có {1}).", 300, input.Name.Trim().Length]));
        }
        foreach (var (field, text, max) in new[] { (nameof(input.FromUnit), input.FromUnit, 150), (nameof(input.ToUnit), input.ToUnit, 150), (nameof(input.Note), input.Note, 1000) })
        {
            if (text is not null && text.Trim().Length > max)
            {
                errors.Add((field, l["Tối đa {0} ký tự (đang có {1}).", max, text.Trim().Length]));
            }
        }
        if (!Enum.IsDefined(input.Reporter))
        {
            errors.Add((nameof(input.Reporter), l["Vui lòng chọn đơn vị báo cáo."]));
        }
        if (!Periods.Contains(input.Period))
        {
            errors.Add((nameof(input.Period), l["Vui lòng chọn kỳ báo cáo."]));
        }
        else if (input.Period == Cadence.Once)
        {
            if (input.DueDate is null)
            {
                errors.Add((nameof(input.DueDate), l["Báo cáo một lần cần ngày hạn."]));
            }
        }
        else
        {
            // Past the period's length is allowed: the monthly report due in the next month.
            var maxMonth = input.Period == Cadence.Year ? 12 : ReportingCalendar.Months(input.Period) + 1;
            if (input.DueMonth is { } month && (month < 1 || month > maxMonth))
            {
                errors.Add((nameof(input.DueMonth), l["Tháng hạn phải từ 1 đến {0}.", maxMonth]));
            }
        }
        if (input.DueDay is { } day && (day < 1 || day > 31))
        {
            errors.Add((nameof(input.DueDay), l["Ngày hạn phải từ 1 đến 31."]));
        }
        if (input.CutoffDay is { } cutoff && (cutoff < 1 || cutoff > 28))
        {
            errors.Add((nameof(input.CutoffDay), l["Ngày chốt số liệu phải từ 1 đến 28."]));
        }
        return errors;
    }

    public static void Apply(ReportingInput input, PlanReporting rule)
    {
        static string? Text(string? s) => string.IsNullOrWhiteSpace(s) ? null : s.Trim();
        rule.Name = input.Name!.Trim();
        rule.Reporter = input.Reporter;
        rule.FromUnit = Text(input.FromUnit);
        rule.ToUnit = Text(input.ToUnit);
        rule.Period = input.Period;
        rule.DueDate = input.Period == Cadence.Once ? input.DueDate : null;
        rule.DueMonth = input.Period == Cadence.Once ? null : input.DueMonth;
        rule.DueDay = input.Period == Cadence.Once ? null : input.DueDay;
        rule.DueBefore = input.DueBefore;
        rule.CutoffDay = input.CutoffDay;
        rule.MoveToWorkingDay = input.MoveToWorkingDay;
        rule.Note = Text(input.Note);
    }

    /// <summary>The days off of a commune's calendar between two dates: national holidays and its own (its own name wins).</summary>
    public static async Task<Dictionary<DateOnly, string>> HolidaysAsync(AppDbContext db, int communeId, DateOnly from, DateOnly to, CancellationToken cancellationToken = default)
    {
        var rows = await db.Holidays.AsNoTracking().Where(h => (h.CommuneId == null || h.CommuneId == communeId) && h.Date >= from && h.Date <= to)
            .Select(h => new { h.Date, h.Name, h.CommuneId }).ToListAsync(cancellationToken);
        var result = new Dictionary<DateOnly, string>();
        foreach (var h in rows.OrderBy(h => h.CommuneId is not null))
        {
            result[h.Date] = h.Name;
        }
        return result;
    }

    /// <summary>A due date coming up, for the home page.</summary>
    public sealed record Upcoming(Guid PlanId, string Report, ReportingPeriod Period);

    /// <summary>
    /// The due dates of the commune's open plans (draft or in force) from <paramref name="today"/> to
    /// <paramref name="days"/> days ahead, soonest first; a team sees its own reports only.
    /// </summary>
    public static async Task<List<Upcoming>> UpcomingAsync(AppDbContext db, int communeId, DateOnly today, int days, bool teamOnly, CancellationToken cancellationToken = default)
    {
        var until = today.AddDays(days);
        var rules = await db.PlanReportingRules.AsNoTracking()
            .Join(db.Plans, r => new { r.CommuneId, Id = r.PlanId }, p => new { p.CommuneId, p.Id }, (r, p) => new { Rule = r, p.Year, p.Status })
            .Where(x => x.Rule.CommuneId == communeId && x.Status != PlanStatus.Closed && x.Year >= today.Year - 1 && x.Year <= until.Year
                && (!teamOnly || x.Rule.Reporter == ReportingLevel.Team))
            .ToListAsync(cancellationToken);
        if (rules.Count == 0)
        {
            return [];
        }
        var holidays = await HolidaysAsync(db, communeId, new DateOnly(today.Year - 1, 1, 1), new DateOnly(until.Year + 1, 12, 31), cancellationToken);
        return [.. rules.SelectMany(r => ReportingCalendar.Periods(r.Rule, r.Year, holidays).Select(p => new Upcoming(r.Rule.PlanId, r.Rule.Name, p)))
            .Where(u => u.Period.Due >= today && u.Period.Due <= until)
            .OrderBy(u => u.Period.Due).ThenBy(u => u.Report, StringComparer.Ordinal)];
    }

    public static string ReporterText(ReportingLevel level) => level switch
    {
        ReportingLevel.Team => "Từng tổ CNSCĐ",
        ReportingLevel.Ward => "Phường, xã",
        _ => "Đơn vị khác (công an, bộ phận một cửa…)",
    };
}
