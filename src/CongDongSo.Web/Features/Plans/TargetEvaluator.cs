using CongDongSo.Web.Data;

namespace CongDongSo.Web.Features.Plans;

public enum TargetStatus
{
    Achieved = 1,
    OnTrack = 2,
    AtRisk = 3,
    OffTrack = 4,
    /// <summary>Nothing recorded yet to count from.</summary>
    NoData = 5,
}

/// <summary>One point of a target's trend: the figure at a month's end (or a period's), missing when null.</summary>
public sealed record TrendPoint(DateOnly On, string Label, decimal? Value);

/// <summary>A neighbourhood's part of a target.</summary>
/// <summary>A neighbourhood's part of a target; <paramref name="Share"/> is the value it must reach (the ward's, unless the ward allocated it one).</summary>
public sealed record NeighbourhoodResult(Guid Id, string Name, AreaFigure Figure, decimal? Value, bool Meets, TargetStatus Status, decimal Share, bool Allocated);

/// <summary>A per-period minimum's result in one period.</summary>
public sealed record PeriodResult(DateOnly Start, DateOnly End, string Label, decimal? Value, bool Meets, bool Complete, int NeighbourhoodsMeeting);

public sealed record TargetResult(
    PlanTarget Target,
    Indicator Indicator,
    ValueUnit Unit,
    AreaFigure Figure,
    decimal? Actual,
    decimal? Gap,
    decimal? Projection,
    TargetStatus Status,
    IReadOnlyList<TrendPoint> Trend,
    IReadOnlyList<NeighbourhoodResult> Neighbourhoods,
    IReadOnlyList<PeriodResult> Periods,
    int LateRecords)
{
    public int NeighbourhoodsMeeting => Neighbourhoods.Count(n => n.Meets);
}

/// <summary>
/// A target's actual, gap, trend, projection and status at a date. The status rule, shown on the page:
/// <list type="bullet">
/// <item>Achieved: the figure meets the target (for "each neighbourhood": every neighbourhood does).</item>
/// <item>Past the deadline and not met: off track.</item>
/// <item>Otherwise the figure is projected to the deadline along the straight line from the first month
/// of the plan's year that has a figure to today: meeting the target there is on track; falling short by
/// at most a tenth of the target value is at risk; more is off track. For "each neighbourhood" the
/// status is the worst of the neighbourhoods'.</item>
/// <item>A per-period minimum is off track once a finished period missed it; at risk while the current
/// period, past its half, has not met it yet; otherwise on track (achieved after its deadline).</item>
/// </list>
/// </summary>
public static class TargetEvaluator
{
    /// <summary>The share of the target value a projection may fall short by and still be "at risk", not "off track".</summary>
    public const decimal AtRiskMargin = 0.10m;

    public static TargetResult Evaluate(CommuneFacts facts, PlanTarget target, Indicator indicator, IndicatorFormula formula, int planYear, DateOnly at)
    {
        var unit = formula.Unit;
        var yearStart = new DateOnly(planYear, 1, 1);
        if (target.Period is { } period && period is not Cadence.Once and not Cadence.Week)
        {
            return EvaluatePeriodic(facts, target, indicator, formula, unit, period, yearStart, at);
        }
        var figures = facts.Evaluate(formula, indicator.Id, at, yearStart);
        var trendFigures = MonthEnds(yearStart, at).Select(day => (Day: day, Figures: day == at ? figures : facts.Evaluate(formula, indicator.Id, day, yearStart))).ToList();
        var trend = trendFigures.Select(t => new TrendPoint(t.Day, t.Day.ToString("MM/yyyy", System.Globalization.CultureInfo.InvariantCulture), t.Figures.Commune.Value(unit))).ToList();
        var actual = figures.Commune.Value(unit);
        var neighbourhoods = facts.Neighbourhoods.Where(n => n.ActiveOn(at)).Select(n =>
        {
            var figure = figures.ByNeighbourhood.GetValueOrDefault(n.Id) ?? AreaFigure.None;
            var value = figure.Value(unit);
            var series = trendFigures.Select(t => new TrendPoint(t.Day, "", (t.Figures.ByNeighbourhood.GetValueOrDefault(n.Id) ?? AreaFigure.None).Value(unit))).ToList();
            var (share, allocated) = ShareOf(target, n.Id);
            var meets = Meets(value, target.Comparator, share);
            return new NeighbourhoodResult(n.Id, n.Name, figure, value, meets, StatusOf(value, series, target.Comparator, share, target.Deadline, at).Status, share, allocated);
        }).ToList();

        TargetStatus status;
        decimal? projection;
        if (target.Scope == TargetScope.EachNeighbourhood)
        {
            projection = null;
            status = neighbourhoods.Count == 0 || neighbourhoods.All(n => n.Status == TargetStatus.NoData) ? TargetStatus.NoData
                : neighbourhoods.All(n => n.Meets) ? TargetStatus.Achieved
                : neighbourhoods.Where(n => n.Status != TargetStatus.Achieved).Max(n => n.Status == TargetStatus.NoData ? TargetStatus.OffTrack : n.Status);
        }
        else
        {
            (status, projection) = StatusOf(actual, trend, target.Comparator, target.Value, target.Deadline, at);
        }
        return new TargetResult(target, indicator, unit, figures.Commune, actual, Gap(actual, target), projection, status, trend, neighbourhoods, [], figures.LateRecords);
    }

    private static TargetResult EvaluatePeriodic(CommuneFacts facts, PlanTarget target, Indicator indicator, IndicatorFormula formula, ValueUnit unit,
        Cadence period, DateOnly yearStart, DateOnly at)
    {
        var active = facts.Neighbourhoods.Where(n => n.ActiveOn(at)).ToList();
        var periods = new List<PeriodResult>();
        Figures? current = null;
        foreach (var (start, end, label) in Periods(period, yearStart).Where(p => p.Start <= at))
        {
            var day = end < at ? end : at;
            var figures = facts.Evaluate(formula, indicator.Id, day, start);
            var value = figures.Commune.Value(unit);
            var meetingNeighbourhoods = active.Count(n => Meets((figures.ByNeighbourhood.GetValueOrDefault(n.Id) ?? AreaFigure.None).Value(unit), target.Comparator, ShareOf(target, n.Id).Value));
            var meets = target.Scope == TargetScope.EachNeighbourhood ? active.Count > 0 && meetingNeighbourhoods == active.Count : Meets(value, target);
            periods.Add(new PeriodResult(start, end, label, value, meets, end <= at, meetingNeighbourhoods));
            current = figures;
        }
        if (current is null)
        {
            return new TargetResult(target, indicator, unit, AreaFigure.None, null, null, null, TargetStatus.NoData, [], [], [], 0);
        }
        var now = periods[^1];
        var neighbourhoods = active.Select(n =>
        {
            var figure = current.ByNeighbourhood.GetValueOrDefault(n.Id) ?? AreaFigure.None;
            var value = figure.Value(unit);
            var (share, allocated) = ShareOf(target, n.Id);
            var meets = Meets(value, target.Comparator, share);
            return new NeighbourhoodResult(n.Id, n.Name, figure, value, meets, meets ? TargetStatus.Achieved : TargetStatus.AtRisk, share, allocated);
        }).ToList();
        var half = now.Start.AddDays((now.End.DayNumber - now.Start.DayNumber) / 2);
        var status = periods.Any(p => p.Complete && !p.Meets) ? TargetStatus.OffTrack
            : periods.All(p => p.Meets) ? (at >= target.Deadline ? TargetStatus.Achieved : TargetStatus.OnTrack)
            : at > half ? TargetStatus.AtRisk : TargetStatus.OnTrack;
        var trend = periods.Select(p => new TrendPoint(p.End, p.Label, p.Value)).ToList();
        return new TargetResult(target, indicator, unit, current.Commune, now.Value, Gap(now.Value, target), null, status, trend, neighbourhoods, periods, current.LateRecords);
    }

    public static bool Meets(decimal? value, PlanTarget target) => Meets(value, target.Comparator, target.Value);

    public static bool Meets(decimal? value, Comparator comparator, decimal threshold) => value is { } v && comparator switch
    {
        Comparator.AtLeast => v >= threshold,
        Comparator.MoreThan => v > threshold,
        Comparator.AtMost => v <= threshold,
        Comparator.LessThan => v < threshold,
        _ => v == threshold,
    };

    /// <summary>The value a neighbourhood must reach: its allocated share, else the ward's value.</summary>
    private static (decimal Value, bool Allocated) ShareOf(PlanTarget target, Guid neighbourhoodId) =>
        target.Shares.FirstOrDefault(s => s.NeighbourhoodId == neighbourhoodId) is { } share ? (share.Value, true) : (target.Value, false);

    /// <summary>How far the figure is from the target, in the target's unit; 0 once met.</summary>
    public static decimal? Gap(decimal? value, PlanTarget target) => Gap(value, target.Comparator, target.Value);

    public static decimal? Gap(decimal? value, Comparator comparator, decimal threshold) => value is not { } v ? null
        : Meets(v, comparator, threshold) ? 0
        : Math.Abs(threshold - v);

    /// <summary>The status of a figure against a value by a deadline, projected along <paramref name="trend"/> (the rule above).</summary>
    public static (TargetStatus Status, decimal? Projection) StatusOf(decimal? actual, IReadOnlyList<TrendPoint> trend, Comparator comparator, decimal threshold,
        DateOnly deadline, DateOnly at)
    {
        if (actual is not { } now)
        {
            return (TargetStatus.NoData, null);
        }
        if (Meets(now, comparator, threshold))
        {
            return (TargetStatus.Achieved, now);
        }
        if (at >= deadline)
        {
            return (TargetStatus.OffTrack, now);
        }
        var first = trend.FirstOrDefault(p => p.Value is not null);
        var projection = now;
        if (first is { Value: { } then } && first.On < at)
        {
            var slopePerDay = (now - then) / (at.DayNumber - first.On.DayNumber);
            projection = Math.Round(now + slopePerDay * (deadline.DayNumber - at.DayNumber), 2);
        }
        if (Meets(projection, comparator, threshold))
        {
            return (TargetStatus.OnTrack, projection);
        }
        var margin = Math.Abs(threshold) * AtRiskMargin;
        return (Math.Abs(threshold - projection) <= margin ? TargetStatus.AtRisk : TargetStatus.OffTrack, projection);
    }

    /// <summary>The last day of each month from the plan's year start to <paramref name="at"/>, ending on <paramref name="at"/> itself.</summary>
    public static IEnumerable<DateOnly> MonthEnds(DateOnly yearStart, DateOnly at)
    {
        for (var month = yearStart; month <= at; month = month.AddMonths(1))
        {
            var end = month.AddMonths(1).AddDays(-1);
            yield return end < at ? end : at;
        }
    }

    /// <summary>The periods of a cadence in a year, with a label ("Tháng 3", "Quý II").</summary>
    public static IEnumerable<(DateOnly Start, DateOnly End, string Label)> Periods(Cadence cadence, DateOnly yearStart)
    {
        var months = cadence switch { Cadence.Month => 1, Cadence.Quarter => 3, Cadence.HalfYear => 6, _ => 12 };
        string[] roman = ["I", "II", "III", "IV"];
        for (var i = 0; i < 12 / months; i++)
        {
            var start = yearStart.AddMonths(i * months);
            var label = cadence switch
            {
                Cadence.Month => $"{start.Month:00}/{start.Year}",
                Cadence.Quarter => $"Q{roman[i]}/{start.Year}",
                Cadence.HalfYear => $"{(i == 0 ? "6T đầu" : "6T cuối")} {start.Year}",
                _ => $"{start.Year}",
            };
            yield return (start, start.AddMonths(months).AddDays(-1), label);
        }
    }
}
