using Microsoft.EntityFrameworkCore;

namespace CongDongSo.Web.Data;

/// <summary>One support session as a person's or a household's page lists it: when, who helped, what was done, what changed.</summary>
public sealed record SessionHistoryLine(Guid Id, DateTime OccurredAtUtc, SupportPlace Place, IReadOnlyList<string> Members,
    IReadOnlyList<string> Activities, IReadOnlyList<SessionChange> Changes);

/// <summary>A readiness change a session made: "VNeID: Mức 2", for whom.</summary>
public sealed record SessionChange(string Person, string Item, string Value);

/// <summary>The support sessions that helped a resident or a household, newest first, through the area-scoped sets.</summary>
public static class SessionHistory
{
    /// <summary>The latest sessions shown on a page; the session list has the rest.</summary>
    public const int Shown = 20;

    public static Task<List<SessionHistoryLine>> ForResidentAsync(AppDbContext db, Guid residentId, CancellationToken ct = default) =>
        LinesAsync(db, db.SupportSessions.Where(s => s.Residents.Any(r => r.ResidentId == residentId)), residentId, ct);

    /// <summary>One session's line (what the record form shows after saving: what changed, for whom).</summary>
    public static async Task<SessionHistoryLine?> ForSessionAsync(AppDbContext db, Guid sessionId, CancellationToken ct = default) =>
        (await LinesAsync(db, db.SupportSessions.Where(s => s.Id == sessionId), null, ct)).FirstOrDefault();

    public static Task<List<SessionHistoryLine>> ForHouseholdAsync(AppDbContext db, Guid householdId, CancellationToken ct = default) =>
        LinesAsync(db, db.SupportSessions.Where(s => s.HouseholdId == householdId), null, ct);

    private static async Task<List<SessionHistoryLine>> LinesAsync(AppDbContext db, IQueryable<SupportSession> sessions, Guid? onlyResident, CancellationToken ct)
    {
        var rows = await sessions.OrderByDescending(s => s.OccurredAtUtc).Take(Shown)
            .Select(s => new
            {
                s.Id, s.OccurredAtUtc, s.Place,
                Members = db.SupportSessionMembers.Where(m => m.SessionId == s.Id).Join(db.Members, m => m.MemberId, m => m.Id, (_, m) => m.FullName).ToList(),
                Activities = db.SupportSessionActivities.Where(a => a.SessionId == s.Id).Join(db.SupportActivities, a => a.ActivityId, a => a.Id, (_, a) => a.Name).ToList(),
            })
            .ToListAsync(ct);
        var ids = rows.Select(r => r.Id).ToList();
        var events = await db.ReadinessEvents.AsNoTracking()
            .Where(e => e.SessionId != null && ids.Contains(e.SessionId.Value) && e.ResidentId != null && (onlyResident == null || e.ResidentId == onlyResident))
            .Select(e => new { SessionId = e.SessionId!.Value, e.ItemId, e.Value, Person = db.Residents.Where(r => r.Id == e.ResidentId).Select(r => r.FullName).FirstOrDefault() })
            .ToListAsync(ct);
        var itemIds = events.Select(e => e.ItemId).Distinct().ToList();
        var items = await db.ReadinessItems.AsNoTracking().Where(i => itemIds.Contains(i.Id)).ToDictionaryAsync(i => i.Id, ct);
        var changes = events.ToLookup(e => e.SessionId, e => new SessionChange(e.Person ?? "", items.GetValueOrDefault(e.ItemId)?.Name ?? "",
            ReadinessStatus.ValueLabel(items.GetValueOrDefault(e.ItemId), e.Value)));
        return [.. rows.Select(r => new SessionHistoryLine(r.Id, r.OccurredAtUtc, r.Place, r.Members, r.Activities, [.. changes[r.Id]]))];
    }
}
