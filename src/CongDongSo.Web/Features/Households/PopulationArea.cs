using CongDongSo.Web.Data;
using CongDongSo.Web.Features.Teams;
using CongDongSo.Web.Infrastructure.Auth;
using Microsoft.EntityFrameworkCore;

namespace CongDongSo.Web.Features.Households;

/// <summary>
/// What a role may do with households and residents, and the lookups the population pages share.
/// Where (which neighbourhood) is the area scope's job: these rules only see rows it let through.
/// </summary>
public static class PopulationArea
{
    /// <summary>Above this many households a select is too heavy for a phone on 3G: the code is typed instead.</summary>
    public const int HouseholdSelectLimit = 300;

    public static bool ManagesPopulation(this AreaScope scope) =>
        scope.Unrestricted || (scope.Role is { } role && Policies.Allows(Policies.ManagePopulation, role));

    /// <summary>The full citizen ID, the data-subject export and the erasure: who checks identity papers.</summary>
    public static bool SeesCitizenIds(this AreaScope scope) =>
        scope.Unrestricted || (scope.Role is { } role && Policies.Allows(Policies.ViewCitizenId, role));

    public static bool ManagesCatalogues(this AreaScope scope) =>
        scope.Unrestricted || (scope.Role is { } role && Policies.Allows(Policies.ManageCatalogues, role));

    /// <summary>The commune a page works in: the user's own, or the one a wider-scoped user picked (if visible).</summary>
    public static async Task<Commune?> CommuneAsync(AppDbContext db, int? picked)
    {
        var id = db.Scope.HomeCommuneId ?? picked;
        return id is null ? null : await db.Communes.AsNoTracking().FirstOrDefaultAsync(c => c.Id == id);
    }

    /// <summary>Households of the area a select can offer, or null when there are too many (then the code is typed).</summary>
    public static async Task<List<Choice<string>>?> HouseholdChoicesAsync(AppDbContext db, int communeId)
    {
        var households = db.Households.Where(h => h.CommuneId == communeId);
        if (await households.CountAsync() > HouseholdSelectLimit)
        {
            return null;
        }
        var rows = await households
            .Select(h => new { h.Code, Head = db.Residents.Where(r => r.Id == h.HeadResidentId && r.ErasedAtUtc == null).Select(r => r.FullName).FirstOrDefault(), h.Address })
            .ToListAsync();
        return [.. rows.OrderBy(r => r.Code, TeamQueries.NaturalOrder).Select(r => new Choice<string>(r.Code, $"{r.Code} · {r.Head ?? r.Address}"))];
    }

    // A household code and a citizen ID are unique in the whole commune, while a team user sees one
    // neighbourhood. These two checks read past the area filter on purpose and answer only which ids
    // hold the value; callers show details only of rows the filtered sets return. Raw SQL because the
    // rule forbids switching the filters off in feature code.

    /// <summary>Ids of the commune's households with this exact code, in any neighbourhood.</summary>
    public static Task<List<Guid>> HouseholdIdsWithCodeAsync(AppDbContext db, int communeId, string code) =>
        db.Database.SqlQuery<Guid>($"""SELECT "Id" AS "Value" FROM "Households" WHERE "CommuneId" = {communeId} AND "Code" = {code}""").ToListAsync();

    /// <summary>Ids of the commune's residents whose citizen ID has this lookup hash, in any neighbourhood.</summary>
    public static Task<List<Guid>> ResidentIdsWithCitizenIdAsync(AppDbContext db, int communeId, byte[] hash) =>
        db.Database.SqlQuery<Guid>($"""SELECT "Id" AS "Value" FROM "Residents" WHERE "CommuneId" = {communeId} AND "CitizenIdHash" = {hash}""").ToListAsync();
}
