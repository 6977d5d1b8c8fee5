using CongDongSo.Web.Infrastructure.Localization;
using Microsoft.EntityFrameworkCore;

namespace CongDongSo.Web.Data;

/// <summary>
/// Digital readiness of residents or businesses at a date, derived from their events (status is
/// never stored). On each item the status is the value of the latest event that happened by the end
/// of the day (Vietnam time), ties broken by when it was recorded, then by id. An event that a
/// correction names no longer counts, whenever the correction was made; the correction itself
/// counts as an ordinary event at its own time.
/// </summary>
/// <remarks>
/// One query per call: the subjects' events up to the date plus every correction of them, through
/// the area-scoped set (so nothing outside the user's area is ever read); the reduction is done in
/// memory, where the tie-break is the same on SQLite and PostgreSQL.
/// </remarks>
public static class ReadinessStatus
{
    /// <summary>Names of members, for "who helped"; a member outside the viewer's area stays unnamed.</summary>
    public static async Task<Dictionary<Guid, string>> MemberNamesAsync(AppDbContext db, IEnumerable<Guid> ids)
    {
        var wanted = ids.Distinct().ToList();
        return wanted.Count == 0 ? [] : await db.Members.AsNoTracking().Where(m => wanted.Contains(m.Id)).ToDictionaryAsync(m => m.Id, m => m.FullName);
    }

    public static string ValueLabel(ReadinessItem? item, string? value) =>
        value is null ? "" : item?.ChoiceList().FirstOrDefault(c => c.Code == value) is { Label: { } label } ? label : value;

    public static Task<ReadinessStatuses> ForResidentsAsync(AppDbContext db, int communeId, IEnumerable<Guid> residentIds,
        DateOnly? at = null, CancellationToken cancellationToken = default)
    {
        var ids = residentIds.Distinct().ToArray();
        var events = db.ReadinessEvents.Where(e => e.CommuneId == communeId && e.ResidentId != null && ids.Contains(e.ResidentId.Value));
        return LoadAsync(events, at, cancellationToken);
    }

    public static Task<ReadinessStatuses> ForBusinessesAsync(AppDbContext db, int communeId, IEnumerable<Guid> businessIds,
        DateOnly? at = null, CancellationToken cancellationToken = default)
    {
        var ids = businessIds.Distinct().ToArray();
        var events = db.ReadinessEvents.Where(e => e.CommuneId == communeId && e.BusinessId != null && ids.Contains(e.BusinessId.Value));
        return LoadAsync(events, at, cancellationToken);
    }

    /// <summary>The first instant after day <paramref name="at"/> in Vietnam; null means "every event so far".</summary>
    public static DateTime? EndOfDayUtc(DateOnly? at) => at is { } day ? VietnamTime.StartOfDayUtc(day.AddDays(1)) : null;

    /// <summary>The active items whose status is not achieved: what is still missing for one subject.</summary>
    public static List<ReadinessItem> Missing(IReadOnlyDictionary<int, ReadinessState> statuses, IEnumerable<ReadinessItem> items) =>
        [.. items.Where(i => i.IsActive && !i.IsAchieved(statuses.GetValueOrDefault(i.Id)?.Value))];

    /// <summary>The items tracked in a commune for a subject: the national list, then the ward's own, active only.</summary>
    public static IQueryable<ReadinessItem> ActiveItems(AppDbContext db, int communeId, ReadinessSubject subject) =>
        db.ReadinessItems
            .Where(i => i.IsActive && i.Subject == subject && (i.CommuneId == null || i.CommuneId == communeId))
            .OrderBy(i => i.CommuneId != null).ThenBy(i => i.SortOrder).ThenBy(i => i.Id);

    /// <summary>Reduces events already loaded (of any subjects) to the status at <paramref name="at"/>.</summary>
    public static ReadinessStatuses Reduce(IEnumerable<ReadinessState> events, DateOnly? at)
    {
        var list = events as IReadOnlyCollection<ReadinessState> ?? [.. events];
        var corrected = list.Where(e => e.CorrectsEventId is not null).Select(e => e.CorrectsEventId!.Value).ToHashSet();
        var end = EndOfDayUtc(at);
        var latest = new Dictionary<(Guid Subject, int Item), ReadinessState>();
        foreach (var e in list)
        {
            if ((end is { } until && e.OccurredAtUtc >= until) || corrected.Contains(e.EventId))
            {
                continue;
            }
            var key = (e.SubjectId, e.ItemId);
            if (!latest.TryGetValue(key, out var current) || IsLater(e, current))
            {
                latest[key] = e;
            }
        }
        return new ReadinessStatuses(latest.Values);
    }

    /// <summary>Later happened wins; then later recorded; then the larger id (ids are time-ordered v7 GUIDs).</summary>
    private static bool IsLater(ReadinessState a, ReadinessState b)
    {
        var byTime = a.OccurredAtUtc.CompareTo(b.OccurredAtUtc);
        if (byTime != 0)
        {
            return byTime > 0;
        }
        var byRecorded = a.RecordedAtUtc.CompareTo(b.RecordedAtUtc);
        return byRecorded != 0
            ? byRecorded > 0
            : string.CompareOrdinal(a.EventId.ToString("N"), b.EventId.ToString("N")) > 0;
    }

    private static async Task<ReadinessStatuses> LoadAsync(IQueryable<ReadinessEvent> events, DateOnly? at, CancellationToken cancellationToken)
    {
        // Corrections are read whatever their date: one made later can still void an earlier event.
        if (EndOfDayUtc(at) is { } until)
        {
            events = events.Where(e => e.OccurredAtUtc < until || e.CorrectsEventId != null);
        }
        var rows = await events.AsNoTracking()
            .Select(e => new ReadinessState(
                e.ResidentId ?? e.BusinessId ?? Guid.Empty, e.ItemId, e.Value, e.OccurredAtUtc, e.RecordedAtUtc, e.Id,
                e.Verification, e.HelpedByMemberId, e.RecordedByUserId, e.SessionId, e.CorrectsEventId))
            .ToListAsync(cancellationToken);
        return Reduce(rows, at);
    }
}

/// <summary>One subject's status on one item: the event that decides it.</summary>
public sealed record ReadinessState(
    Guid SubjectId,
    int ItemId,
    string Value,
    DateTime OccurredAtUtc,
    DateTime RecordedAtUtc,
    Guid EventId,
    Verification Verification,
    Guid? HelpedByMemberId,
    Guid? RecordedByUserId,
    Guid? SessionId,
    Guid? CorrectsEventId);

/// <summary>The statuses of a set of subjects, by subject and item.</summary>
public sealed class ReadinessStatuses
{
    private static readonly IReadOnlyDictionary<int, ReadinessState> s_none = new Dictionary<int, ReadinessState>();
    private readonly Dictionary<Guid, Dictionary<int, ReadinessState>> _bySubject = [];

    public ReadinessStatuses(IEnumerable<ReadinessState> states)
    {
        foreach (var state in states)
        {
            if (!_bySubject.TryGetValue(state.SubjectId, out var items))
            {
                _bySubject[state.SubjectId] = items = [];
            }
            items[state.ItemId] = state;
        }
    }

    /// <summary>A subject's status per item id; empty when nothing was ever recorded.</summary>
    public IReadOnlyDictionary<int, ReadinessState> Of(Guid subjectId) =>
        _bySubject.TryGetValue(subjectId, out var items) ? items : s_none;

    public ReadinessState? Get(Guid subjectId, int itemId) => Of(subjectId).GetValueOrDefault(itemId);

    public IEnumerable<Guid> Subjects => _bySubject.Keys;
}
