using CongDongSo.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace CongDongSo.Web.Features.FieldWork;

/// <summary>
/// What residents still lack: the active resident items whose current status (the latest event by
/// when it happened, corrected events left out) is not an achieved value. The one place field work
/// derives it, so it can hand over to the readiness status use case in one step.
/// </summary>
internal sealed class MissingItems
{
    private readonly Dictionary<Guid, HashSet<int>> _achieved;

    private MissingItems(List<ReadinessItem> items, Dictionary<Guid, HashSet<int>> achieved)
    {
        Items = items;
        _achieved = achieved;
    }

    /// <summary>The resident items in catalogue order.</summary>
    public IReadOnlyList<ReadinessItem> Items { get; }

    public static async Task<MissingItems> LoadAsync(AppDbContext db, IQueryable<Guid> residentIds, int? communeId, CancellationToken ct = default)
    {
        var items = await db.ReadinessItems.AsNoTracking()
            .Where(i => i.Subject == ReadinessSubject.Resident && i.IsActive && (i.CommuneId == null || i.CommuneId == communeId))
            .OrderBy(i => i.SortOrder).ThenBy(i => i.Id)
            .ToListAsync(ct);
        var events = await db.ReadinessEvents
            .Where(e => e.ResidentId != null && residentIds.Contains(e.ResidentId.Value))
            .Select(e => new EventRow(e.Id, e.ResidentId!.Value, e.ItemId, e.Value, e.OccurredAtUtc, e.RecordedAtUtc, e.CorrectsEventId))
            .ToListAsync(ct);
        var corrected = events.Where(e => e.CorrectsEventId is not null).Select(e => e.CorrectsEventId!.Value).ToHashSet();
        var byId = items.ToDictionary(i => i.Id);
        var achieved = new Dictionary<Guid, HashSet<int>>();
        // Two members may change the same resident offline: the later occurrence wins, whenever it arrived.
        foreach (var latest in events.Where(e => !corrected.Contains(e.Id))
            .GroupBy(e => (e.ResidentId, e.ItemId))
            .Select(g => g.OrderBy(e => e.OccurredAtUtc).ThenBy(e => e.RecordedAtUtc).ThenBy(e => e.Id).Last()))
        {
            if (byId.TryGetValue(latest.ItemId, out var item) && item.IsAchieved(latest.Value))
            {
                if (!achieved.TryGetValue(latest.ResidentId, out var set))
                {
                    achieved[latest.ResidentId] = set = [];
                }
                set.Add(item.Id);
            }
        }
        return new MissingItems(items, achieved);
    }

    public IEnumerable<ReadinessItem> For(Guid residentId) =>
        _achieved.TryGetValue(residentId, out var done) ? Items.Where(i => !done.Contains(i.Id)) : Items;

    private sealed record EventRow(Guid Id, Guid ResidentId, int ItemId, string Value, DateTime OccurredAtUtc, DateTime RecordedAtUtc, Guid? CorrectsEventId);
}
