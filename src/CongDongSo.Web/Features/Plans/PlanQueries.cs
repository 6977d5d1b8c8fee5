using CongDongSo.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace CongDongSo.Web.Features.Plans;

/// <summary>A plan's targets evaluated at a date, from one read of the commune's facts.</summary>
public static class PlanQueries
{
    /// <summary>The day a plan is looked at: the one asked for, else today, kept inside the plan's year.</summary>
    public static DateOnly EvaluationDay(int planYear, DateOnly? asked, DateOnly today)
    {
        var day = asked ?? today;
        var end = new DateOnly(planYear, 12, 31);
        var start = new DateOnly(planYear, 1, 1);
        return day > end ? end : day < start ? (asked is null ? start : day) : day;
    }

    public static async Task<List<TargetResult>> EvaluateAsync(AppDbContext db, Plan plan, DateOnly at, DateTime nowUtc, Guid? onlyTarget = null, CancellationToken cancellationToken = default)
    {
        var targets = await db.PlanTargets.AsNoTracking().Include(t => t.Indicator).Include(t => t.Shares)
            .Where(t => t.PlanId == plan.Id && (onlyTarget == null || t.Id == onlyTarget))
            .OrderBy(t => t.SortOrder).ToListAsync(cancellationToken);
        var formulas = targets.Select(t => t.Indicator!).DistinctBy(i => i.Id).ToDictionary(i => i.Id, i => IndicatorFormula.Parse(i.FormulaJson));
        var facts = await CommuneFacts.LoadForDashboardAsync(db, plan.CommuneId, formulas, at, nowUtc, cancellationToken);
        return [.. targets.Select(t => TargetEvaluator.Evaluate(facts, t, t.Indicator!, formulas[t.IndicatorId], plan.Year, at))];
    }

    /// <summary>The ward's catalogues as code sets, for checking a formula.</summary>
    public static async Task<(HashSet<string> Items, HashSet<string> Topics, HashSet<string> Models, HashSet<string> Activities)> CodesAsync(AppDbContext db, int communeId)
    {
        var items = await db.ReadinessItems.AsNoTracking().Where(i => i.CommuneId == null || i.CommuneId == communeId).Select(i => i.Code).ToListAsync();
        var topics = await db.TrainingTopics.AsNoTracking().Where(i => i.CommuneId == null || i.CommuneId == communeId).Select(i => i.Code).ToListAsync();
        var models = await db.CommunityModels.AsNoTracking().Where(i => i.CommuneId == null || i.CommuneId == communeId).Select(i => i.Code).ToListAsync();
        var activities = await db.SupportActivities.AsNoTracking().Where(i => i.CommuneId == null || i.CommuneId == communeId).Select(i => i.Code).ToListAsync();
        return ([.. items], [.. topics], [.. models], [.. activities]);
    }

    public static string StatusText(TargetStatus status) => status switch
    {
        TargetStatus.Achieved => "Đạt",
        TargetStatus.OnTrack => "Đúng tiến độ",
        TargetStatus.AtRisk => "Có nguy cơ không đạt",
        TargetStatus.OffTrack => "Chậm, không đạt",
        _ => "Chưa có số liệu",
    };

    public static string PlanStatusText(PlanStatus status) => status switch
    {
        PlanStatus.InForce => "Đang thực hiện",
        PlanStatus.Closed => "Đã kết thúc",
        _ => "Dự thảo",
    };

    public static string TaskStatusText(PlanTaskStatus status) => status switch
    {
        PlanTaskStatus.InProgress => "Đang thực hiện",
        PlanTaskStatus.Done => "Đã hoàn thành",
        _ => "Chưa thực hiện",
    };

    public static string CadenceText(Cadence cadence) => cadence switch
    {
        Cadence.Week => "Hằng tuần",
        Cadence.Month => "Hằng tháng",
        Cadence.Quarter => "Hằng quý",
        Cadence.HalfYear => "6 tháng",
        Cadence.Year => "Hằng năm",
        _ => "Một lần",
    };

    /// <summary>A value as the page shows it: "35,4 %" or "12"; "—" when there is none.</summary>
    public static string Format(decimal? value, ValueUnit unit, System.Globalization.CultureInfo culture) => value is not { } v ? "—"
        : unit == ValueUnit.Percent ? v.ToString("0.##", culture) + " %" : v.ToString("#,0.##", culture);
}
