using CongDongSo.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace CongDongSo.Web.Features.Plans;

/// <summary>
/// Figures of counted indicators (residents, households, businesses) read from the counts kept as
/// facts are written, instead of from the facts: three small reads for a whole dashboard, whatever
/// the commune's size. Covers the days of one year up to a day: each month's end, and every day of
/// the last month. A team-scoped reader gets its own neighbourhood's rows only.
/// </summary>
public sealed class CountedFigures
{
    private readonly Dictionary<(int Indicator, Guid Area), Sum> _base = [];
    private readonly Dictionary<(int Indicator, Guid Area), SortedList<DateOnly, Sum>> _months = [];
    private readonly Dictionary<(int Indicator, Guid Area), SortedList<DateOnly, Sum>> _days = [];
    private readonly HashSet<int> _indicators;
    private readonly DateOnly _upTo;
    private readonly Guid? _onlyNeighbourhood;

    private readonly record struct Sum(int Num, int Den, int Seen, int Late)
    {
        public static Sum operator +(Sum a, Sum b) => new(a.Num + b.Num, a.Den + b.Den, a.Seen + b.Seen, a.Late + b.Late);
    }

    private CountedFigures(HashSet<int> indicators, DateOnly upTo, Guid? onlyNeighbourhood)
    {
        _indicators = indicators;
        _upTo = upTo;
        _onlyNeighbourhood = onlyNeighbourhood;
    }

    /// <summary>Whether the counts can answer this indicator on this day.</summary>
    public bool Covers(int indicatorId, DateOnly day) =>
        _indicators.Contains(indicatorId) && day.Year == _upTo.Year && day <= _upTo && day >= CountChanges.CountedSince
        && (day.AddDays(1).Day == 1 || (day.Month == _upTo.Month));

    /// <summary>
    /// Makes sure the counts of <paramref name="formulas"/> (the counted kinds among them) exist and
    /// match today's definitions, rebuilding those that do not, then reads what a dashboard up to
    /// <paramref name="upTo"/> needs.
    /// </summary>
    public static async Task<CountedFigures> LoadAsync(AppDbContext db, int communeId, IReadOnlyDictionary<int, IndicatorFormula> formulas, DateOnly upTo,
        DateTime nowUtc, CancellationToken cancellationToken = default)
    {
        var counted = formulas.Where(f => CountDefinition.IsCounted(f.Value.Kind)).ToDictionary(f => f.Key, f => f.Value);
        Guid? onlyNeighbourhood = db.Scope.Unrestricted || db.Scope.AllNeighbourhoods ? null : db.Scope.NeighbourhoodId ?? Guid.NewGuid();
        var result = new CountedFigures([.. counted.Keys], upTo, onlyNeighbourhood);
        if (counted.Count == 0)
        {
            return result;
        }
        await EnsureAsync(db, communeId, counted, nowUtc, cancellationToken);

        var ids = counted.Keys.ToArray();
        var yearStart = new DateOnly(upTo.Year, 1, 1);
        var monthStart = new DateOnly(upTo.Year, upTo.Month, 1);
        var rows = db.IndicatorCounts.AsNoTracking().Where(c => c.CommuneId == communeId && ids.Contains(c.IndicatorId));
        rows = onlyNeighbourhood is { } mine ? rows.Where(c => c.NeighbourhoodId == mine) : rows;
        var before = await rows.Where(c => c.Level == CountLevel.Year && c.Bucket < yearStart)
            .GroupBy(c => new { c.IndicatorId, c.NeighbourhoodId })
            .Select(g => new { g.Key.IndicatorId, g.Key.NeighbourhoodId, Num = g.Sum(c => c.Numerator), Den = g.Sum(c => c.Denominator), Seen = g.Sum(c => c.Seen), Late = g.Sum(c => c.Late) })
            .ToListAsync(cancellationToken);
        foreach (var b in before)
        {
            result._base[(b.IndicatorId, b.NeighbourhoodId)] = new Sum(b.Num, b.Den, b.Seen, b.Late);
        }
        var recent = await rows.Where(c => (c.Level == CountLevel.Month && c.Bucket >= yearStart && c.Bucket <= monthStart)
                || (c.Level == CountLevel.Day && c.Bucket >= monthStart && c.Bucket <= upTo))
            .Select(c => new { c.IndicatorId, c.NeighbourhoodId, c.Level, c.Bucket, c.Numerator, c.Denominator, c.Seen, c.Late })
            .ToListAsync(cancellationToken);
        foreach (var r in recent)
        {
            var into = r.Level == CountLevel.Month ? result._months : result._days;
            if (!into.TryGetValue((r.IndicatorId, r.NeighbourhoodId), out var list))
            {
                into[(r.IndicatorId, r.NeighbourhoodId)] = list = [];
            }
            list[r.Bucket] = new Sum(r.Numerator, r.Denominator, r.Seen, r.Late);
        }
        return result;
    }

    /// <summary>Rebuilds the counts whose stored definition is not today's (a new target's indicator, an edited formula or catalogue item, after an import).</summary>
    public static async Task EnsureAsync(AppDbContext db, int communeId, IReadOnlyDictionary<int, IndicatorFormula> counted, DateTime nowUtc, CancellationToken cancellationToken)
    {
        var catalogue = await IndicatorCounter.CatalogueAsync(db, communeId, cancellationToken);
        var stored = (await IndicatorCounter.DefinitionsAsync(db, communeId, cancellationToken)).ToDictionary(d => d.IndicatorId, d => d.Json);
        var stale = counted.Select(f => CountDefinition.Create(f.Key, f.Value, catalogue))
            .Where(d => stored.GetValueOrDefault(d.IndicatorId) != d.Json).ToList();
        if (stale.Count > 0)
        {
            await IndicatorCounter.RebuildAsync(db, communeId, stale, nowUtc, cancellationToken: cancellationToken);
        }
    }

    private Sum At(int indicatorId, Guid area, DateOnly day)
    {
        var sum = _base.GetValueOrDefault((indicatorId, area));
        var monthStart = new DateOnly(day.Year, day.Month, 1);
        var lastMonth = day.Month == _upTo.Month ? monthStart.AddDays(-1) : monthStart;
        if (_months.TryGetValue((indicatorId, area), out var months))
        {
            foreach (var (bucket, value) in months)
            {
                if (bucket > lastMonth)
                {
                    break;
                }
                sum += value;
            }
        }
        if (day.Month == _upTo.Month && _days.TryGetValue((indicatorId, area), out var days))
        {
            foreach (var (bucket, value) in days)
            {
                if (bucket > day)
                {
                    break;
                }
                sum += value;
            }
        }
        return sum;
    }

    public Figures Evaluate(int indicatorId, DateOnly day, IReadOnlyList<CommuneFacts.NeighbourhoodRow> neighbourhoods)
    {
        static AreaFigure Figure(Sum s) => new(s.Num, s.Den, s.Seen == 0);
        var commune = At(indicatorId, _onlyNeighbourhood ?? Guid.Empty, day);
        return new Figures(Figure(commune), neighbourhoods.ToDictionary(n => n.Id, n => Figure(At(indicatorId, n.Id, day))), commune.Late);
    }
}
