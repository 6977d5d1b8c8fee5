using CongDongSo.Web.Data;
using CongDongSo.Web.Infrastructure.Auth;
using CongDongSo.Web.Infrastructure.Text;
using CongDongSo.Web.Infrastructure.Web;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace CongDongSo.Web.Features.Teams;

/// <summary>The teams of the user's area; a team leader or member sees only their own.</summary>
[Authorize(Policy = Policies.SignedIn)]
public sealed class IndexModel(AppDbContext db) : PageModel
{
    public const int PageSize = 100;

    [BindProperty(SupportsGet = true)]
    public int? Commune { get; set; }

    [BindProperty(SupportsGet = true)]
    public Guid? Neighbourhood { get; set; }

    [BindProperty(SupportsGet = true)]
    public bool MissingLeader { get; set; }

    [BindProperty(SupportsGet = true)]
    public bool IncludeDissolved { get; set; }

    /// <summary>The page number ("page" is a route value of Razor Pages itself).</summary>
    [BindProperty(SupportsGet = true, Name = "p")]
    public int PageNumber { get; set; } = 1;

    public List<TeamRow> Teams { get; private set; } = [];
    public int Total { get; private set; }
    public int Pages => Math.Max(1, (Total + PageSize - 1) / PageSize);
    public List<Choice<int>> Communes { get; private set; } = [];
    public List<Choice<Guid>> Neighbourhoods { get; private set; } = [];
    public bool CanCreate { get; private set; }
    public bool ShowCommune { get; private set; }

    public async Task OnGetAsync()
    {
        CanCreate = db.Scope.ManagesTeams();
        ShowCommune = db.Scope.HomeCommuneId is null;
        var communeId = db.Scope.HomeCommuneId ?? Commune;
        if (ShowCommune)
        {
            Communes = await TeamQueries.CommunesWithNeighbourhoodsAsync(db);
        }
        if (communeId is { } id && db.Scope.TeamId is null)
        {
            Neighbourhoods = await TeamQueries.NeighbourhoodsAsync(db, id, Neighbourhood);
        }

        var teams = MissingLeader ? TeamQueries.MissingLeaderOrDeputy(db) : db.Teams;
        if (!IncludeDissolved)
        {
            teams = teams.Where(t => t.DissolvedOn == null);
        }
        if (communeId is { } commune)
        {
            teams = teams.Where(t => t.CommuneId == commune);
        }
        if (Neighbourhood is { } neighbourhood)
        {
            teams = teams.Where(t => t.NeighbourhoodId == neighbourhood);
        }

        // Natural order ("số 2" before "số 10") is not SQL's, so the page is cut after sorting the keys.
        var keys = await teams.Select(t => new { t.Id, Commune = t.Neighbourhood!.Commune!.Name, Neighbourhood = t.Neighbourhood.Name, t.Name }).ToListAsync();
        Total = keys.Count;
        PageNumber = Math.Clamp(PageNumber, 1, Math.Max(1, (Total + PageSize - 1) / PageSize));
        var pageIds = keys
            .OrderBy(k => k.Commune, NaturalOrder.Comparer).ThenBy(k => k.Neighbourhood, NaturalOrder.Comparer).ThenBy(k => k.Name, NaturalOrder.Comparer)
            .Skip((PageNumber - 1) * PageSize).Take(PageSize).Select(k => k.Id).ToList();
        var rows = await TeamQueries.Rows(db.Teams.Where(t => pageIds.Contains(t.Id))).ToListAsync();
        Teams = [.. pageIds.Select(id => rows.First(r => r.Id == id))];
    }

    public string PageUrl(int page) => "/teams" + QueryString.Create(new Dictionary<string, string?>
    {
        ["commune"] = db.Scope.HomeCommuneId is null ? Commune?.ToString(System.Globalization.CultureInfo.InvariantCulture) : null,
        ["neighbourhood"] = Neighbourhood?.ToString(),
        ["missingLeader"] = MissingLeader ? "true" : null,
        ["includeDissolved"] = IncludeDissolved ? "true" : null,
        ["p"] = page.ToString(System.Globalization.CultureInfo.InvariantCulture),
    }.Where(p => p.Value is not null));
}
