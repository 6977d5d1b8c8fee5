using System.Linq.Expressions;
using CongDongSo.Web.Data;
using CongDongSo.Web.Infrastructure.Localization;
using CongDongSo.Web.Infrastructure.Auth;
using CongDongSo.Web.Infrastructure.Text;
using CongDongSo.Web.Infrastructure.Web;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace CongDongSo.Web.Features.FieldWork;

/// <summary>
/// Coverage per neighbourhood in a period (or a campaign): households, households visited, the
/// share covered, sessions held and residents helped. A province officer gets the same figures per
/// commune of the province: counts only, no row names a person or a household.
/// </summary>
[Authorize(Policy = Policies.ViewCoverage)]
public sealed class CoverageModel(AppDbContext db, TimeProvider clock) : PageModel
{
    [BindProperty(SupportsGet = true, Name = "from")]
    public DateOnly? From { get; set; }

    [BindProperty(SupportsGet = true, Name = "to")]
    public DateOnly? To { get; set; }

    [BindProperty(SupportsGet = true, Name = "campaign")]
    public Guid? CampaignId { get; set; }

    public Campaign? Campaign { get; private set; }
    public List<Choice<Guid>> Campaigns { get; private set; } = [];
    public List<CoverageRow> Rows { get; private set; } = [];
    public CoverageRow Total { get; private set; } = new(null, "", null, 0, 0, 0, 0);
    public bool ShowCommune { get; private set; }
    /// <summary>One row per commune (the province officer's view) instead of one per neighbourhood.</summary>
    public bool ByCommune { get; private set; }

    public async Task<IActionResult> OnGetAsync()
    {
        if (CampaignId is { } campaignId)
        {
            Campaign = await db.Campaigns.AsNoTracking().FirstOrDefaultAsync(c => c.Id == campaignId);
            if (Campaign is null)
            {
                return NotFound();
            }
            (From, To) = (Campaign.StartsOn, Campaign.EndsOn);
        }
        var today = clock.Today();
        From ??= new DateOnly(today.Year, today.Month, 1);
        To ??= today;
        Campaigns = await db.Campaigns.OrderByDescending(c => c.StartsOn).Select(c => new Choice<Guid>(c.Id, c.Name)).ToListAsync();
        ShowCommune = db.Scope.HomeCommuneId is null;
        ByCommune = db.Scope.Role == Role.ProvinceOfficer;
        var sessions = db.SupportSessions.Between(From, To);
        Rows = ByCommune ? await PerCommuneAsync(sessions) : await PerNeighbourhoodAsync(sessions);
        // Sessions at an event for several neighbourhoods belong to no row, but they count in the total.
        Total = new CoverageRow(null, "", null, Rows.Sum(r => r.Households), Rows.Sum(r => r.Visited), await sessions.CountAsync(), Rows.Sum(r => r.ResidentsHelped));
        return Page();
    }

    private async Task<List<CoverageRow>> PerNeighbourhoodAsync(IQueryable<SupportSession> sessions)
    {
        var counts = await CountsAsync(sessions, h => h.NeighbourhoodId, s => s.NeighbourhoodId!.Value, r => r.NeighbourhoodId,
            s => s.NeighbourhoodId != null);
        var neighbourhoods = await db.Neighbourhoods.Where(n => n.EffectiveTo == null || db.Households.Any(h => h.NeighbourhoodId == n.Id))
            .Select(n => new { n.Id, n.Name, Commune = n.Commune!.Name })
            .ToListAsync();
        return [.. neighbourhoods
            .Select(n => counts.Row(n.Id, n.Name) with { NeighbourhoodId = n.Id, Commune = n.Commune })
            .OrderBy(r => r.Commune, NaturalOrder.Comparer).ThenBy(r => r.Neighbourhood, NaturalOrder.Comparer)];
    }

    private async Task<List<CoverageRow>> PerCommuneAsync(IQueryable<SupportSession> sessions)
    {
        var counts = await CountsAsync(sessions, h => h.CommuneId, s => s.CommuneId, r => r.CommuneId, _ => true);
        var withHouseholds = counts.Households.Keys.ToList();
        var communes = await db.Communes.Where(c => c.EffectiveTo == null || withHouseholds.Contains(c.Id)).Select(c => new { c.Id, c.Name }).ToListAsync();
        return [.. communes.Select(c => counts.Row(c.Id, c.Name) with { CommuneId = c.Id }).OrderBy(r => r.Neighbourhood, NaturalOrder.Comparer)];
    }

    /// <summary>The four counts of the table, grouped by one key (a neighbourhood or a commune).</summary>
    private sealed record Counts<TKey>(Dictionary<TKey, int> Households, Dictionary<TKey, int> Visited, Dictionary<TKey, int> Held,
        Dictionary<TKey, int> Helped) where TKey : notnull
    {
        public CoverageRow Row(TKey key, string name) => new(null, name, null, Households.GetValueOrDefault(key), Visited.GetValueOrDefault(key),
            Held.GetValueOrDefault(key), Helped.GetValueOrDefault(key));
    }

    // hasKey: which sessions have the key at all (a session at an event for several neighbourhoods has no neighbourhood).
    private async Task<Counts<TKey>> CountsAsync<TKey>(IQueryable<SupportSession> sessions, Expression<Func<Household, TKey>> householdKey,
        Expression<Func<SupportSession, TKey>> sessionKey, Expression<Func<Resident, TKey>> residentKey, Expression<Func<SupportSession, bool>> hasKey)
        where TKey : notnull
    {
        var households = await db.Households.GroupBy(householdKey).Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Key, g => g.Count);
        var visited = await db.Households.Where(h => sessions.Any(s => s.HouseholdId == h.Id))
            .GroupBy(householdKey).Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Key, g => g.Count);
        var held = await sessions.Where(hasKey)
            .GroupBy(sessionKey).Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Key, g => g.Count);
        var helped = await db.Residents
            .Where(r => db.SupportSessionResidents.Any(x => x.ResidentId == r.Id && sessions.Any(s => s.Id == x.SessionId)))
            .GroupBy(residentKey).Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Key, g => g.Count);
        return new Counts<TKey>(households, visited, held, helped);
    }
}

public sealed record CoverageRow(Guid? NeighbourhoodId, string Neighbourhood, string? Commune, int Households, int Visited, int Sessions, int ResidentsHelped)
{
    /// <summary>Set on the province officer's rows, one per commune.</summary>
    public int? CommuneId { get; init; }

    /// <summary>The share of households visited, in percent (0 when there are none).</summary>
    public double Percent => Households == 0 ? 0 : Math.Round(100.0 * Visited / Households, 1);
}
