using CongDongSo.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace CongDongSo.Web.Features.FieldWork;

/// <summary>
/// What residents still lack, for the field lists and the offline package: the active resident
/// items whose current status (<see cref="ReadinessStatus"/>: latest occurrence wins, corrected
/// events left out) is not achieved.
/// </summary>
internal sealed class MissingItems
{
    private readonly ReadinessStatuses _statuses;

    private MissingItems(List<ReadinessItem> items, ReadinessStatuses statuses)
    {
        Items = items;
        _statuses = statuses;
    }

    /// <summary>The resident items in catalogue order.</summary>
    public IReadOnlyList<ReadinessItem> Items { get; }

    public static async Task<MissingItems> LoadAsync(AppDbContext db, IQueryable<Guid> residentIds, int? communeId, CancellationToken ct = default)
    {
        if (communeId is not { } commune)
        {
            return new MissingItems([], new ReadinessStatuses([]));
        }
        var items = await ReadinessStatus.ActiveItems(db, commune, ReadinessSubject.Resident).AsNoTracking().ToListAsync(ct);
        var ids = await residentIds.ToListAsync(ct);
        var statuses = await ReadinessStatus.ForResidentsAsync(db, commune, ids, cancellationToken: ct);
        return new MissingItems(items, statuses);
    }

    public IEnumerable<ReadinessItem> For(Guid residentId) => ReadinessStatus.Missing(_statuses.Of(residentId), Items);
}
