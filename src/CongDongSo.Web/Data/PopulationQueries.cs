using CongDongSo.Web.Infrastructure.Text;
using CongDongSo.Web.Infrastructure.Web;
using Microsoft.EntityFrameworkCore;

namespace CongDongSo.Web.Data;

/// <summary>
/// The lookups the population pages, the field work and the imports share, and the household search
/// text they all keep the same way. Only rows the area scope lets through are seen (but for the two
/// commune-wide uniqueness checks below, which say so).
/// </summary>
public static class PopulationQueries
{
    /// <summary>Above this many households a select is too heavy for a phone on 3G: the code is typed instead.</summary>
    public const int HouseholdSelectLimit = 300;

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
        return [.. rows.OrderBy(r => r.Code, NaturalOrder.Comparer).Select(r => new Choice<string>(r.Code, $"{r.Code} · {r.Head ?? r.Address}"))];
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

    /// <summary>What the list search matches, diacritic-free: code, address and the head's name.</summary>
    public static string HouseholdSearchText(string code, string address, string? headName)
    {
        var text = VietnameseText.Fold($"{code} {address} {headName}");
        return text.Length <= 500 ? text : text[..500];
    }

    /// <summary>Recomputes a household's search text from its head, after a resident changed.</summary>
    public static async Task RefreshHouseholdSearchTextAsync(AppDbContext db, Household household)
    {
        var head = household.HeadResidentId is { } headId
            ? db.Residents.Local.FirstOrDefault(r => r.Id == headId) ?? await db.Residents.FirstOrDefaultAsync(r => r.Id == headId)
            : null;
        household.SearchText = HouseholdSearchText(household.Code, household.Address, head?.ErasedAtUtc is null ? head?.FullName : null);
    }

    /// <summary>A LIKE pattern for a folded query, its wildcards escaped.</summary>
    public static string LikePattern(string folded) =>
        "%" + folded.Replace(@"\", @"\\", StringComparison.Ordinal).Replace("%", @"\%", StringComparison.Ordinal).Replace("_", @"\_", StringComparison.Ordinal) + "%";
}
