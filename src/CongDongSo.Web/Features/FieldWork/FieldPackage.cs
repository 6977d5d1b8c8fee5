using CongDongSo.Web.Data;
using CongDongSo.Web.Infrastructure.Localization;
using CongDongSo.Web.Infrastructure.Text;
using Microsoft.EntityFrameworkCore;

namespace CongDongSo.Web.Features.FieldWork;

/// <summary>
/// What a phone keeps for work without signal: the member's own team, the activity catalogue and
/// only the households currently assigned to the member (SECURITY.md: offline copies hold the
/// assigned area only). No ID number, no phone, nothing a session does not need.
/// </summary>
public sealed record FieldPackage(
    DateTimeOffset GeneratedAt,
    int MaxOfflineDays,
    PackageUser User,
    Guid? MemberId,
    PackageTeam? Team,
    List<PackageMember> Members,
    List<PackageActivity> Activities,
    List<PackageHousehold> Households,
    List<PackageEvent> Events)
{
    public const int DefaultMaxOfflineDays = 7;

    /// <summary>Builds the package of the signed-in user of <paramref name="db"/>'s scope.</summary>
    public static async Task<FieldPackage> BuildAsync(AppDbContext db, TimeProvider clock, int maxOfflineDays, CancellationToken ct = default)
    {
        var scope = db.Scope;
        var userId = scope.UserId ?? Guid.Empty;
        var user = await db.Users.Where(u => u.Id == userId).Select(u => new PackageUser(u.Id, u.FullName)).FirstAsync(ct);
        var member = await FieldQueries.OwnMemberAsync(db, ct);
        var teamId = scope.TeamId ?? member?.TeamId;
        var team = teamId is null ? null : await db.Teams.Where(t => t.Id == teamId).Select(t => new { t.Id, t.Name, t.CommuneId }).FirstOrDefaultAsync(ct);
        var communeId = team?.CommuneId ?? member?.CommuneId ?? scope.HomeCommuneId;

        var members = team is null ? [] : await db.Members.Where(m => m.TeamId == team.Id && m.LeftOn == null)
            .OrderBy(m => m.Position).ThenBy(m => m.SearchName).Select(m => new PackageMember(m.Id, m.FullName)).ToListAsync(ct);
        var catalogue = await db.SupportActivities.AsNoTracking()
            .Where(a => a.IsActive && (a.CommuneId == null || a.CommuneId == communeId))
            .OrderBy(a => a.SortOrder).ThenBy(a => a.Code)
            .ToListAsync(ct);
        var itemIds = catalogue.Where(a => a.ReadinessItemId is not null).Select(a => a.ReadinessItemId!.Value).Distinct().ToList();
        var items = await db.ReadinessItems.AsNoTracking().Where(i => itemIds.Contains(i.Id)).ToDictionaryAsync(i => i.Id, ct);
        // What an activity records, so the phone can say what a session changed ("VNeID – Mức 1: Trần Văn Bảy").
        var activities = catalogue.Select(a => a.ReadinessItemId is { } item && a.ResultValue is not null && items.TryGetValue(item, out var i)
            ? new PackageActivity(a.Code, a.Name, $"{i.Name} – {ReadinessStatus.ValueLabel(i, a.ResultValue)}", i.Code)
            : new PackageActivity(a.Code, a.Name, null, null)).ToList();

        // Households go to team roles only: an officer's phone carries no one's household.
        List<PackageHousehold> households = [];
        if (member is not null && scope.TeamId is not null)
        {
            households = await AssignedHouseholdsAsync(db, member.Id, communeId, ct);
        }
        // Community events a session may be recorded at: the ward's and the team's, from the days the phone may stay offline.
        var since = clock.GetUtcNow().UtcDateTime.AddDays(-maxOfflineDays);
        var until = clock.GetUtcNow().UtcDateTime.AddDays(2);
        var events = communeId is null ? [] : (await db.CommunityEvents
                .Where(e => e.CommuneId == communeId && e.StartsAtUtc >= since && e.StartsAtUtc < until)
                .OrderByDescending(e => e.StartsAtUtc).Take(30)
                .Select(e => new { e.Id, e.Title, e.StartsAtUtc }).ToListAsync(ct))
            .Select(e => new PackageEvent(e.Id, e.Title, FieldQueries.InVietnam(e.StartsAtUtc))).ToList();
        return new FieldPackage(clock.GetUtcNow().ToOffset(VietnamTime.Offset), maxOfflineDays, user, member?.Id,
            team is null ? null : new PackageTeam(team.Id, team.Name), members, activities, households, events);
    }

    private static async Task<List<PackageHousehold>> AssignedHouseholdsAsync(AppDbContext db, Guid memberId, int? communeId, CancellationToken ct)
    {
        var assigned = FieldQueries.AssignedTo(db, memberId);
        var households = await db.Households.Where(h => assigned.Contains(h.Id))
            .Select(h => new { h.Id, h.Code, h.Address, Neighbourhood = h.Neighbourhood!.Name })
            .ToListAsync(ct);
        var residentRows = db.Residents.Where(r => assigned.Contains(r.HouseholdId) && r.ErasedAtUtc == null);
        var residents = await residentRows
            .OrderBy(r => r.Relation).ThenBy(r => r.BirthYear).ThenBy(r => r.SearchName)
            .Select(r => new { r.Id, r.HouseholdId, r.FullName, r.BirthYear })
            .ToListAsync(ct);
        var lastVisits = await FieldQueries.LastVisitsAsync(db, assigned, ct);
        var missing = await MissingItems.LoadAsync(db, residentRows.Select(r => r.Id), communeId, ct);
        var byHousehold = residents.ToLookup(r => r.HouseholdId);
        return [.. households
            .Select(h =>
            {
                var people = byHousehold[h.Id].Select(r => new PackageResident(r.Id, r.FullName, r.BirthYear,
                    [.. missing.For(r.Id).Select(i => i.Code)])).ToList();
                var gaps = people.SelectMany(p => p.Missing).ToHashSet();
                return new PackageHousehold(h.Id, h.Code, h.Address, h.Neighbourhood,
                    lastVisits.TryGetValue(h.Id, out var last) ? FieldQueries.InVietnam(last) : null,
                    [.. missing.Items.Select(i => i.Code).Where(gaps.Contains)], people);
            })
            .OrderBy(h => h.LastVisitAt is not null).ThenBy(h => h.LastVisitAt).ThenBy(h => h.Code, NaturalOrder.Comparer)];
    }
}

public sealed record PackageUser(Guid Id, string FullName);

public sealed record PackageTeam(Guid Id, string Name);

/// <summary>A community event of the last days, for a session recorded at it.</summary>
public sealed record PackageEvent(Guid Id, string Title, DateTimeOffset StartsAt);

public sealed record PackageMember(Guid Id, string FullName);

/// <summary>
/// An activity of the catalogue; <c>Outcome</c> is the readiness status it records and <c>Item</c> that
/// status's item code, when it records one (the phone puts first the activities a household still needs).
/// </summary>
public sealed record PackageActivity(string Code, string Name, string? Outcome, string? Item);

public sealed record PackageHousehold(Guid Id, string Code, string Address, string Neighbourhood, DateTimeOffset? LastVisitAt,
    List<string> Missing, List<PackageResident> Residents);

public sealed record PackageResident(Guid Id, string FullName, int? BirthYear, List<string> Missing);
