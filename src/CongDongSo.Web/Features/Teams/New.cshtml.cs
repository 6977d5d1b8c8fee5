using CongDongSo.Web.Data;
using CongDongSo.Web.Infrastructure.Auth;
using CongDongSo.Web.Infrastructure.Localization;
using CongDongSo.Web.Infrastructure.Text;
using CongDongSo.Web.Infrastructure.Web;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace CongDongSo.Web.Features.Teams;

/// <summary>Establishes a team in a neighbourhood of the ward, with its decision and Zalo group.</summary>
[Authorize(Policy = Policies.ManageTeams)]
public sealed class NewModel(AppDbContext db, TimeProvider clock, IStringLocalizer<SharedResource> l) : PageModel
{
    /// <summary>Only for users above one ward (system admin): the ward officer's commune is their own.</summary>
    [BindProperty(SupportsGet = true)]
    public int? CommuneId { get; set; }

    [BindProperty]
    public TeamInput Input { get; set; } = new();

    [BindProperty]
    public DecisionInput Decision { get; set; } = new();

    public bool PicksCommune => db.Scope.HomeCommuneId is null;
    public Commune? Commune { get; private set; }
    public List<Choice<int>> Communes { get; private set; } = [];
    public List<Choice<Guid>> Neighbourhoods { get; private set; } = [];
    public HashSet<Guid> NeighbourhoodsWithTeam { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync()
    {
        if (!await LoadAsync())
        {
            return Commune is null && PicksCommune && CommuneId is null ? Page() : NotFound();
        }
        var free = Neighbourhoods.FirstOrDefault(n => !NeighbourhoodsWithTeam.Contains(n.Value)) ?? Neighbourhoods.FirstOrDefault();
        Input.NeighbourhoodId = free?.Value;
        Input.EstablishedOn = clock.Today();
        Suggest(free?.Text, overwrite: true);
        return Page();
    }

    /// <summary>htmx: new name suggestions when the neighbourhood select changes.</summary>
    public async Task<IActionResult> OnGetSuggestAsync([FromQuery(Name = "Input.NeighbourhoodId")] Guid? neighbourhoodId)
    {
        if (!await LoadAsync())
        {
            return NotFound();
        }
        Input.NeighbourhoodId = neighbourhoodId;
        Suggest(Neighbourhoods.FirstOrDefault(n => n.Value == neighbourhoodId)?.Text, overwrite: true);
        return Partial("_TeamSuggestions", this);
    }

    public async Task<IActionResult> OnPostAsync()
    {
        if (!await LoadAsync())
        {
            return NotFound();
        }
        var commune = Commune!;
        var neighbourhood = Neighbourhoods.FirstOrDefault(n => n.Value == Input.NeighbourhoodId);
        if (Input.NeighbourhoodId is not null && neighbourhood is null)
        {
            ModelState.AddModelError("Input.NeighbourhoodId", l["Tổ dân phố không thuộc phường/xã này hoặc đã ngừng hoạt động."]);
        }
        Suggest(neighbourhood?.Text, overwrite: false);
        TeamRules.Check(Input, ModelState, "Input.", l);
        TeamRules.CheckDecision(Decision, required: false, clock.Today(), ModelState, "Decision.", l);
        await TeamRules.CheckNameIsFreeAsync(db, commune.Id, Input.Name, null, ModelState, "Input.", l);
        if (!ModelState.IsValid)
        {
            return Page();
        }

        var team = new Team
        {
            CommuneId = commune.Id,
            NeighbourhoodId = neighbourhood!.Value,
            Name = Input.Name!,
            SearchName = VietnameseText.Fold(Input.Name),
            EstablishedOn = Input.EstablishedOn!.Value,
            ZaloGroupName = Input.ZaloGroupName,
            ZaloGroupLink = Input.ZaloGroupLink,
        };
        if (Decision.Number is not null)
        {
            team.Decisions.Add(new TeamDecision
            {
                CommuneId = commune.Id,
                TeamId = team.Id,
                Kind = TeamDecisionKind.Establishment,
                Number = Decision.Number,
                SignedOn = Decision.SignedOn!.Value,
                Signer = Decision.Signer!,
            });
        }
        db.Teams.Add(team);
        await db.SaveChangesAsync();
        TempData["Flash"] = l["Đã thành lập {0}.", team.Name].Value;
        return Redirect($"/teams/{team.Id}");
    }

    /// <summary>The commune comes from the user's scope; only a wider scope names one, and it must see it.</summary>
    private async Task<bool> LoadAsync()
    {
        if (PicksCommune)
        {
            Communes = await TeamQueries.CommunesWithNeighbourhoodsAsync(db);
        }
        var communeId = db.Scope.HomeCommuneId ?? CommuneId;
        Commune = communeId is null ? null : await db.Communes.AsNoTracking().FirstOrDefaultAsync(c => c.Id == communeId);
        if (Commune is null)
        {
            return false;
        }
        CommuneId = Commune.Id;
        Neighbourhoods = await TeamQueries.NeighbourhoodsAsync(db, Commune.Id);
        NeighbourhoodsWithTeam = [.. await db.Teams.Where(t => t.CommuneId == Commune.Id && t.DissolvedOn == null).Select(t => t.NeighbourhoodId).ToListAsync()];
        return true;
    }

    private void Suggest(string? neighbourhood, bool overwrite)
    {
        if (neighbourhood is null)
        {
            return;
        }
        if (overwrite || string.IsNullOrWhiteSpace(Input.Name))
        {
            Input.Name = TeamRules.SuggestedName(neighbourhood);
        }
        if (overwrite || string.IsNullOrWhiteSpace(Input.ZaloGroupName))
        {
            Input.ZaloGroupName = ZaloGroupName.Name(Commune?.ZaloGroupNamePattern, neighbourhood, Commune?.Name, VietnameseText.Clean(Input.Name));
        }
    }
}
