using CongDongSo.Web.Data;

namespace CongDongSo.Web.Features.Plans;

/// <summary>
/// Figures of counted indicators (residents, households, businesses) read from the counts kept as
/// facts are written, instead of from the facts: one read of a few rows per area and month for a
/// whole dashboard, whatever the commune's size. Answers the dashboard's day and the month ends of its
/// year before it. A team-scoped reader gets its own neighbourhood's rows only.
/// </summary>
public sealed class CountedFigures
{
    private readonly Dictionary<(int Indicator, Guid Area), CountSum> _base = [];
    private readonly Dictionary<(int Indicator, Guid Area), SortedList<DateOnly, CountSum>> _months = [];
    /// <summary>The days of the last month up to the dashboard's day, summed.</summary>
    private readonly Dictionary<(int Indicator, Guid Area), CountSum> _lastDays = [];
    private readonly HashSet<int> _indicators;
    private readonly DateOnly _upTo;
    private readonly Guid? _onlyNeighbourhood;

    private CountedFigures(HashSet<int> indicators, DateOnly upTo, Guid? onlyNeighbourhood)
    {
        _indicators = indicators;
        _upTo = upTo;
        _onlyNeighbourhood = onlyNeighbourhood;
    }

    /// <summary>Whether this indicator's figures come from the counts.</summary>
    public bool Counts(int indicatorId) => _indicators.Contains(indicatorId);

    /// <summary>Whether the counts read answer this indicator on this day: the dashboard's day, or a month's end before its month.</summary>
    public bool Covers(int indicatorId, DateOnly day) =>
        _indicators.Contains(indicatorId) && _upTo >= CountChanges.CountedSince
        && (day == _upTo || (day.Year == _upTo.Year && day.Month < _upTo.Month && day.AddDays(1).Day == 1));

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

        foreach (var row in await CountQueries.ReadAsync(db, [communeId], counted.Keys, upTo, onlyNeighbourhood, months: true, cancellationToken))
        {
            var key = (row.IndicatorId, row.Area);
            switch (row.Part)
            {
                case 0:
                    result._base[key] = row.Sum;
                    break;
                case 1:
                    if (!result._months.TryGetValue(key, out var list))
                    {
                        result._months[key] = list = [];
                    }
                    list[row.Bucket] = row.Sum;
                    break;
                default:
                    result._lastDays[key] = row.Sum;
                    break;
            }
        }
        return result;
    }

    /// <summary>Rebuilds the counts whose stored definition is not today's (a new target's indicator, an edited formula or catalogue item, after an import).</summary>
    public static async Task EnsureAsync(AppDbContext db, int communeId, IReadOnlyDictionary<int, IndicatorFormula> counted, DateTime nowUtc, CancellationToken cancellationToken)
    {
        var catalogue = await IndicatorCounter.CatalogueAsync(db, communeId, cancellationToken);
        var stored = (await IndicatorCounter.DefinitionsAsync(db, communeId, cancellationToken)).ToDictionary(d => d.IndicatorId, d => d.Json);
        var stale = Stale(counted, catalogue, id => stored.GetValueOrDefault(id));
        if (stale.Count > 0)
        {
            await IndicatorCounter.RebuildAsync(db, communeId, stale, nowUtc, cancellationToken: cancellationToken);
        }
    }

    /// <summary>Today's definitions of the indicators whose stored one (<paramref name="storedJson"/>) differs or is missing.</summary>
    internal static List<CountDefinition> Stale(IReadOnlyDictionary<int, IndicatorFormula> counted, IReadOnlyDictionary<string, ItemRule> catalogue, Func<int, string?> storedJson) =>
        [.. counted.Select(f => CountDefinition.Create(f.Key, f.Value, catalogue)).Where(d => storedJson(d.IndicatorId) != d.Json)];

    private CountSum At(int indicatorId, Guid area, DateOnly day)
    {
        var sum = _base.GetValueOrDefault((indicatorId, area));
        var last = day == _upTo ? new DateOnly(day.Year, day.Month, 1).AddDays(-1) : day;
        if (_months.TryGetValue((indicatorId, area), out var months))
        {
            foreach (var (bucket, value) in months)
            {
                if (bucket > last)
                {
                    break;
                }
                sum += value;
            }
        }
        return day == _upTo ? sum + _lastDays.GetValueOrDefault((indicatorId, area)) : sum;
    }

    public Figures Evaluate(int indicatorId, DateOnly day, IReadOnlyList<CommuneFacts.NeighbourhoodRow> neighbourhoods)
    {
        static AreaFigure Figure(CountSum s) => new(s.Num, s.Den, s.Seen == 0);
        var commune = At(indicatorId, _onlyNeighbourhood ?? Guid.Empty, day);
        return new Figures(Figure(commune), neighbourhoods.ToDictionary(n => n.Id, n => Figure(At(indicatorId, n.Id, day))), commune.Late);
    }
}
