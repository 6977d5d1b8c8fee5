using CongDongSo.Web.Data;
using CongDongSo.Web.Infrastructure.Auth;
using CongDongSo.Web.Infrastructure.Localization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace CongDongSo.Web.Features.Teams;

/// <summary>Records a consolidation decision (kiện toàn), or the establishment one when the team has none yet.</summary>
[Authorize(Policy = Policies.ManageTeams)]
public sealed class NewDecisionModel(AppDbContext db, TimeProvider clock, IStringLocalizer<SharedResource> l) : PageModel
{
    [BindProperty]
    public DecisionInput Input { get; set; } = new();

    [BindProperty]
    public TeamDecisionKind Kind { get; set; } = TeamDecisionKind.Consolidation;

    public Team Team { get; private set; } = null!;
    public bool HasEstablishment { get; private set; }

    public async Task<IActionResult> OnGetAsync(Guid id)
    {
        if (!await LoadAsync(id))
        {
            return NotFound();
        }
        Kind = HasEstablishment ? TeamDecisionKind.Consolidation : TeamDecisionKind.Establishment;
        Input.SignedOn = clock.Today();
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(Guid id)
    {
        if (!await LoadAsync(id))
        {
            return NotFound();
        }
        if (!Enum.IsDefined(Kind) || (Kind == TeamDecisionKind.Establishment && HasEstablishment))
        {
            ModelState.AddModelError(nameof(Kind), l["Tổ đã có quyết định thành lập; quyết định mới là quyết định kiện toàn."]);
        }
        TeamRules.CheckDecision(Input, required: true, clock.Today(), ModelState, "Input.", l);
        if (ModelState.IsValid && await db.TeamDecisions.AnyAsync(d => d.TeamId == id && d.Number == Input.Number && d.SignedOn == Input.SignedOn))
        {
            ModelState.AddModelError("Input.Number", l["Tổ đã có quyết định này."]);
        }
        if (!ModelState.IsValid)
        {
            return Page();
        }
        db.TeamDecisions.Add(new TeamDecision
        {
            CommuneId = Team.CommuneId,
            TeamId = Team.Id,
            Kind = Kind,
            Number = Input.Number!,
            SignedOn = Input.SignedOn!.Value,
            Signer = Input.Signer!,
        });
        await db.SaveChangesAsync();
        TempData["Flash"] = l["Đã thêm quyết định {0}.", Input.Number!].Value;
        return Redirect($"/teams/{Team.Id}");
    }

    private async Task<bool> LoadAsync(Guid id)
    {
        var team = await db.Teams.AsNoTracking().FirstOrDefaultAsync(t => t.Id == id);
        if (team is null)
        {
            return false;
        }
        Team = team;
        HasEstablishment = await db.TeamDecisions.AnyAsync(d => d.TeamId == id && d.Kind == TeamDecisionKind.Establishment);
        return true;
    }
}
