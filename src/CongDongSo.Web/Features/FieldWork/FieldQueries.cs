using CongDongSo.Web.Data;
using CongDongSo.Web.Infrastructure.Localization;
using Microsoft.EntityFrameworkCore;

namespace CongDongSo.Web.Features.FieldWork;

/// <summary>The field-work queries several pages and the API share.</summary>
public static class FieldQueries
{
    /// <summary>The signed-in user's active member row (for team roles: in their own team).</summary>
    public static async Task<MemberOfUser?> OwnMemberAsync(AppDbContext db, CancellationToken ct = default)
    {
        var userId = db.Scope.UserId;
        return await db.Members.Where(m => m.UserId == userId && m.UserId != null && m.LeftOn == null)
            .OrderBy(m => m.JoinedOn)
            .Select(m => new MemberOfUser(m.Id, m.TeamId, m.CommuneId, m.FullName))
            .FirstOrDefaultAsync(ct);
    }

    /// <summary>The households currently assigned to a member.</summary>
    public static IQueryable<Guid> AssignedTo(AppDbContext db, Guid memberId) =>
        db.HouseholdAssignments.Where(a => a.MemberId == memberId && a.EndedAtUtc == null).Select(a => a.HouseholdId);

    /// <summary>The last session of each of these households, among the sessions the user can see.</summary>
    public static async Task<Dictionary<Guid, DateTime>> LastVisitsAsync(AppDbContext db, IQueryable<Guid> householdIds, CancellationToken ct = default)
    {
        var rows = await db.SupportSessions
            .Where(s => s.HouseholdId != null && householdIds.Contains(s.HouseholdId.Value))
            .GroupBy(s => s.HouseholdId!.Value)
            .Select(g => new { HouseholdId = g.Key, Last = g.Max(s => s.OccurredAtUtc) })
            .ToListAsync(ct);
        return rows.ToDictionary(r => r.HouseholdId, r => DateTime.SpecifyKind(r.Last, DateTimeKind.Utc));
    }

    /// <summary>A stored UTC moment with Vietnam's offset, as the phone shows it.</summary>
    public static DateTimeOffset InVietnam(DateTime utc) =>
        new DateTimeOffset(DateTime.SpecifyKind(utc, DateTimeKind.Utc)).ToOffset(VietnamTime.Offset);

    /// <summary>Sessions of a period of Vietnamese days, both ends included; an open end is unbounded.</summary>
    public static IQueryable<SupportSession> Between(this IQueryable<SupportSession> sessions, DateOnly? from, DateOnly? to)
    {
        if (from is { } start)
        {
            var startUtc = VietnamTime.StartOfDayUtc(start);
            sessions = sessions.Where(s => s.OccurredAtUtc >= startUtc);
        }
        if (to is { } end)
        {
            var endUtc = VietnamTime.StartOfDayUtc(end.AddDays(1));
            sessions = sessions.Where(s => s.OccurredAtUtc < endUtc);
        }
        return sessions;
    }

    /// <summary>"yyyy-MM-dd" for links and date inputs.</summary>
    public static string Iso(this DateOnly day) => day.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
}

public sealed record MemberOfUser(Guid Id, Guid TeamId, int CommuneId, string FullName);
