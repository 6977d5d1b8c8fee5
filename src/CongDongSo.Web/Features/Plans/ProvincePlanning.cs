using CongDongSo.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace CongDongSo.Web.Features.Plans;

/// <summary>A commune's part of a province target at a date.</summary>
public sealed record CommuneShare(int CommuneId, string Name, decimal Share, bool Allocated, AreaFigure Figure, decimal? Value, bool Meets, TargetStatus Status,
    bool HandedDown);

/// <summary>A province target at a date: the province's figure (the communes' counts summed) and each commune's share.</summary>
public sealed record ProvinceTargetResult(ProvinceTarget Target, Indicator Indicator, ValueUnit Unit, bool RollsUp, AreaFigure Figure, decimal? Actual,
    decimal? Gap, decimal? Projection, TargetStatus Status, IReadOnlyList<CommuneShare> Communes)
{
    public int CommunesMeeting => Communes.Count(c => c.Meets);
}

/// <summary>
/// Cascading: a province plan's targets handed down to the communes of the province (the same value,
/// or the value allocated to the commune), each commune's plan of that year carrying them as its own
/// targets linked to the province's; and the roll-up, the province's figure from its communes' counts.
/// </summary>
public static class ProvincePlanning
{
    /// <summary>The group under which a handed-down target stands in the commune's plan.</summary>
    public const string HandedDownGroup = "Chỉ tiêu cấp tỉnh giao";

    /// <summary>The value a province target sets a commune: its allocated share, else the province's value.</summary>
    public static (decimal Value, bool Allocated) ShareOf(ProvinceTarget target, int communeId) =>
        target.Shares.FirstOrDefault(s => s.CommuneId == communeId) is { } share ? (share.Value, true) : (target.Value, false);

    /// <summary>
    /// The communes of a province that exist in the plan's year. All of them, whoever asks: a ward sees
    /// the province's roll-up (figures of every commune summed, no one named), the province the list.
    /// </summary>
    public static Task<List<Commune>> CommunesAsync(AppDbContext db, int provinceId, int year, CancellationToken cancellationToken = default)
    {
        var start = new DateOnly(year, 1, 1);
        var end = new DateOnly(year, 12, 31);
        return db.Communes.IgnoreQueryFilters().AsNoTracking().Where(c => c.ProvinceId == provinceId && c.EffectiveFrom <= end && (c.EffectiveTo == null || c.EffectiveTo >= start))
            .OrderBy(c => c.Name).ToListAsync(cancellationToken);
    }

    /// <summary>
    /// Hands the plan's targets down to every commune of the province: each commune's plan of the year
    /// (a draft is made where there is none) gets or updates one target per province target.
    /// Returns the communes reached and the plans made. The caller saves.
    /// </summary>
    public static async Task<(int Communes, int PlansCreated)> HandDownAsync(AppDbContext db, ProvincePlan plan, DateTime nowUtc, CancellationToken cancellationToken = default)
    {
        var communes = await CommunesAsync(db, plan.ProvinceId, plan.Year, cancellationToken);
        var ids = communes.Select(c => c.Id).ToArray();
        var plans = (await db.Plans.Where(p => ids.Contains(p.CommuneId) && p.Year == plan.Year && p.Status != PlanStatus.Closed).ToListAsync(cancellationToken))
            .GroupBy(p => p.CommuneId).ToDictionary(g => g.Key, g => g.OrderByDescending(p => p.Status == PlanStatus.InForce).ThenByDescending(p => p.CreatedAtUtc).First());
        var created = 0;
        foreach (var commune in communes)
        {
            if (!plans.TryGetValue(commune.Id, out var communePlan))
            {
                communePlan = new Data.Plan
                {
                    CommuneId = commune.Id, Year = plan.Year, Title = $"Kế hoạch chuyển đổi số năm {plan.Year}", Issuer = commune.Name,
                    CreatedAtUtc = nowUtc, UpdatedAtUtc = nowUtc,
                };
                db.Plans.Add(communePlan);
                created++;
            }
            await ApplyAsync(db, communePlan, plan.Targets, cancellationToken);
        }
        plan.HandedDownAtUtc = nowUtc;
        return (communes.Count, created);
    }

    /// <summary>A commune plan made after the hand-down takes the targets of its province's plans in force for its year. The caller saves.</summary>
    public static async Task InheritAsync(AppDbContext db, Data.Plan communePlan, CancellationToken cancellationToken = default)
    {
        var provinceId = await db.Communes.IgnoreQueryFilters().Where(c => c.Id == communePlan.CommuneId).Select(c => c.ProvinceId).FirstAsync(cancellationToken);
        var targets = await db.ProvinceTargets.IgnoreQueryFilters().AsNoTracking().Include(t => t.Shares)
            .Where(t => t.ProvinceId == provinceId && db.ProvincePlans.IgnoreQueryFilters().Any(p => p.Id == t.PlanId && p.Year == communePlan.Year && p.Status == PlanStatus.InForce))
            .ToListAsync(cancellationToken);
        await ApplyAsync(db, communePlan, targets, cancellationToken);
    }

    /// <summary>Removes the commune targets handed down from a province target, before it is deleted. The caller saves.</summary>
    public static async Task WithdrawAsync(AppDbContext db, ProvinceTarget target, CancellationToken cancellationToken = default)
    {
        var copies = await db.PlanTargets.IgnoreQueryFilters().Where(t => t.ParentTargetId == target.Id).ToListAsync(cancellationToken);
        db.PlanTargets.RemoveRange(copies);
    }

    private static async Task ApplyAsync(AppDbContext db, Data.Plan communePlan, IEnumerable<ProvinceTarget> targets, CancellationToken cancellationToken)
    {
        var parents = targets.Select(t => t.Id).ToArray();
        var existing = db.Entry(communePlan).State == EntityState.Added ? []
            : await db.PlanTargets.Where(t => t.CommuneId == communePlan.CommuneId && t.PlanId == communePlan.Id && t.ParentTargetId != null && parents.Contains(t.ParentTargetId.Value))
                .ToDictionaryAsync(t => t.ParentTargetId!.Value, cancellationToken);
        foreach (var target in targets)
        {
            if (!existing.TryGetValue(target.Id, out var copy))
            {
                copy = new PlanTarget { CommuneId = communePlan.CommuneId, PlanId = communePlan.Id, ParentTargetId = target.Id, Group = HandedDownGroup };
                db.PlanTargets.Add(copy);
            }
            copy.Code = target.Code;
            copy.Text = target.Text;
            copy.IndicatorId = target.IndicatorId;
            copy.Comparator = target.Comparator;
            copy.Value = ShareOf(target, communePlan.CommuneId).Value;
            copy.Deadline = target.Deadline;
            copy.SortOrder = target.SortOrder - 100_000;
        }
    }

    /// <summary>
    /// Every target of a province plan at <paramref name="at"/>: for an indicator kept as counts, the
    /// province's figure and each commune's against its share; the status by the dashboard's rule,
    /// projected from the end of the plan's first month. Other indicators are evaluated in each
    /// commune (RollsUp false). Aggregates only.
    /// </summary>
    public static async Task<List<ProvinceTargetResult>> EvaluateAsync(AppDbContext db, ProvincePlan plan, IReadOnlyList<Commune> communes, DateOnly at, DateTime nowUtc,
        Guid? onlyTarget = null, CancellationToken cancellationToken = default)
    {
        var targets = await db.ProvinceTargets.AsNoTracking().Include(t => t.Indicator).Include(t => t.Shares)
            .Where(t => t.PlanId == plan.Id && (onlyTarget == null || t.Id == onlyTarget)).OrderBy(t => t.SortOrder).ToListAsync(cancellationToken);
        var formulas = targets.Select(t => t.Indicator!).DistinctBy(i => i.Id).ToDictionary(i => i.Id, i => IndicatorFormula.Parse(i.FormulaJson));
        var communeIds = communes.Select(c => c.Id).ToArray();
        var now = await ProvinceFigures.LoadAsync(db, communeIds, formulas, at, nowUtc, cancellationToken);
        var firstMonthEnd = new DateOnly(plan.Year, 1, 31);
        var then = at > firstMonthEnd ? await ProvinceFigures.LoadAsync(db, communeIds, formulas, firstMonthEnd, nowUtc, cancellationToken) : [];
        var handedDown = (await db.PlanTargets.IgnoreQueryFilters().AsNoTracking()
                .Where(t => t.ParentTargetId != null && communeIds.Contains(t.CommuneId) && targets.Select(p => p.Id).Contains(t.ParentTargetId.Value))
                .Select(t => new { t.CommuneId, Parent = t.ParentTargetId!.Value }).ToListAsync(cancellationToken))
            .Select(t => (t.CommuneId, t.Parent)).ToHashSet();
        var results = new List<ProvinceTargetResult>();
        foreach (var target in targets)
        {
            var formula = formulas[target.IndicatorId];
            var unit = formula.Unit;
            var rollsUp = CountDefinition.IsCounted(formula.Kind) && at >= CountChanges.CountedSince;
            AreaFigure Sum(Dictionary<(int, int), AreaFigure> figures)
            {
                var parts = communeIds.Select(c => figures.GetValueOrDefault((c, target.IndicatorId)) ?? AreaFigure.None).ToList();
                return parts.All(p => p.Missing) ? AreaFigure.None
                    : new AreaFigure(parts.Sum(p => p.Numerator), parts.Sum(p => p.Denominator ?? 0), false);
            }
            TrendPoint[] Trend(AreaFigure? first, AreaFigure current) => first is null ? [new TrendPoint(at, "", current.Value(unit))]
                : [new TrendPoint(firstMonthEnd, "", first.Value(unit)), new TrendPoint(at, "", current.Value(unit))];
            var shares = communes.Select(c =>
            {
                var (share, allocated) = ShareOf(target, c.Id);
                var figure = rollsUp ? now.GetValueOrDefault((c.Id, target.IndicatorId)) ?? AreaFigure.None : AreaFigure.None;
                var value = figure.Value(unit);
                var first = rollsUp && then.Count > 0 ? then.GetValueOrDefault((c.Id, target.IndicatorId)) ?? AreaFigure.None : null;
                var status = TargetEvaluator.StatusOf(value, Trend(first, figure), target.Comparator, share, target.Deadline, at).Status;
                return new CommuneShare(c.Id, c.Name, share, allocated, figure, value, TargetEvaluator.Meets(value, target.Comparator, share), status,
                    handedDown.Contains((c.Id, target.Id)));
            }).ToList();
            var total = rollsUp ? Sum(now) : AreaFigure.None;
            var actual = total.Value(unit);
            var (provinceStatus, projection) = TargetEvaluator.StatusOf(actual, Trend(rollsUp && then.Count > 0 ? Sum(then) : null, total), target.Comparator, target.Value,
                target.Deadline, at);
            results.Add(new ProvinceTargetResult(target, target.Indicator!, unit, rollsUp, total, actual, TargetEvaluator.Gap(actual, target.Comparator, target.Value),
                projection, provinceStatus, shares));
        }
        return results;
    }
}
