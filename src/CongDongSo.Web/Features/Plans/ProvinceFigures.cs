using CongDongSo.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace CongDongSo.Web.Features.Plans;

/// <summary>
/// Counted indicators for many communes at once, from each commune's total rows: one grouped read
/// for a province, whatever its population. Aggregates only: nothing here names a person.
/// </summary>
public static class ProvinceFigures
{
    /// <summary>Each commune's figure of each counted indicator on <paramref name="at"/> (from 2000 on); counts that are not current are rebuilt first.</summary>
    public static async Task<Dictionary<(int CommuneId, int IndicatorId), AreaFigure>> LoadAsync(AppDbContext db, IReadOnlyCollection<int> communeIds,
        IReadOnlyDictionary<int, IndicatorFormula> formulas, DateOnly at, DateTime nowUtc, CancellationToken cancellationToken = default)
    {
        var counted = formulas.Where(f => CountDefinition.IsCounted(f.Value.Kind)).ToDictionary(f => f.Key, f => f.Value);
        if (counted.Count == 0 || communeIds.Count == 0 || at < CountChanges.CountedSince)
        {
            return [];
        }
        await EnsureAsync(db, communeIds, counted, nowUtc, cancellationToken);
        var communes = communeIds.ToArray();
        var ids = counted.Keys.ToArray();
        var sums = (await CountQueries.ReadAsync(db, communes, ids, at, Guid.Empty, months: false, cancellationToken))
            .GroupBy(r => (r.CommuneId, r.IndicatorId))
            .Select(g => (g.Key.CommuneId, g.Key.IndicatorId, Sum: g.Aggregate(default(CountSum), (a, r) => a + r.Sum)));
        var result = new Dictionary<(int, int), AreaFigure>();
        foreach (var commune in communes)
        {
            foreach (var id in ids)
            {
                result[(commune, id)] = new AreaFigure(0, 0, true);
            }
        }
        foreach (var (commune, indicator, sum) in sums)
        {
            result[(commune, indicator)] = new AreaFigure(sum.Num, sum.Den, sum.Seen == 0);
        }
        return result;
    }

    /// <summary>The communes whose counts of these indicators are missing or not of today's definition are rebuilt (a commune at a time).</summary>
    private static async Task EnsureAsync(AppDbContext db, IReadOnlyCollection<int> communeIds, Dictionary<int, IndicatorFormula> counted, DateTime nowUtc,
        CancellationToken cancellationToken)
    {
        var communes = communeIds.ToArray();
        var ids = counted.Keys.ToArray();
        var stored = (await db.IndicatorSeries.IgnoreQueryFilters().AsNoTracking()
                .Where(s => communes.Contains(s.CommuneId) && ids.Contains(s.IndicatorId)).Select(s => new { s.CommuneId, s.IndicatorId, s.Definition }).ToListAsync(cancellationToken))
            .ToDictionary(s => (s.CommuneId, s.IndicatorId), s => s.Definition);
        var ownItems = (await db.ReadinessItems.IgnoreQueryFilters().AsNoTracking().Where(i => i.CommuneId != null && communes.Contains(i.CommuneId.Value))
            .Select(i => i.CommuneId!.Value).Distinct().ToListAsync(cancellationToken)).ToHashSet();
        Dictionary<string, ItemRule>? national = null;
        foreach (var commune in communes)
        {
            // Most communes use the national catalogue only: read it once for them.
            var catalogue = ownItems.Contains(commune) ? await IndicatorCounter.CatalogueAsync(db, commune, cancellationToken)
                : national ??= await IndicatorCounter.CatalogueAsync(db, -1, cancellationToken);
            var stale = CountedFigures.Stale(counted, catalogue, id => stored.GetValueOrDefault((commune, id)));
            if (stale.Count > 0)
            {
                await IndicatorCounter.RebuildAsync(db, commune, stale, nowUtc, cancellationToken: cancellationToken);
            }
        }
    }
}
