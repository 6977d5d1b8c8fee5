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

/// <summary>Corrects a team's name, neighbourhood (within its commune), Zalo group and establishment date.</summary>
[Authorize(Policy = Policies.ManageTeams)]
public sealed class EditModel(AppDbContext db, IStringLocalizer<SharedResource> l) : PageModel
{
    [BindProperty]
    public TeamInput Input { get; set; } = new();

    public Team Team { get; private set; } = null!;
    public List<Choice<Guid>> Neighbourhoods { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(Guid id)
    {
        if (!await LoadAsync(id))
        {
            return NotFound();
        }
        Input = new TeamInput
        {
            NeighbourhoodId = Team.NeighbourhoodId,
            Name = Team.Name,
            EstablishedOn = Team.EstablishedOn,
            ZaloGroupName = Team.ZaloGroupName,
            ZaloGroupLink = Team.ZaloGroupLink,
        };
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(Guid id)
    {
        if (!await LoadAsync(id))
        {
            return NotFound();
        }
        var neighbourhood = Neighbourhoods.FirstOrDefault(n => n.Value == Input.NeighbourhoodId);
        if (Input.NeighbourhoodId is not null && neighbourhood is null)
        {
            ModelState.AddModelError("Input.NeighbourhoodId", l["Tổ dân phố không thuộc phường/xã này hoặc đã ngừng hoạt động."]);
        }
        TeamRules.Check(Input, ModelState, "Input.", l);
        await TeamRules.CheckNameIsFreeAsync(db, Team.CommuneId, Input.Name, Team.Id, ModelState, "Input.", l);
        if (!ModelState.IsValid)
        {
            return Page();
        }
        if (Input.ZaloGroupName is null)
        {
            var commune = await db.Communes.Where(c => c.Id == Team.CommuneId).Select(c => new { c.Name, c.ZaloGroupNamePattern }).FirstAsync();
            Input.ZaloGroupName = ZaloGroupName.Name(commune.ZaloGroupNamePattern, neighbourhood!.Text, commune.Name, Input.Name);
        }
        Team.Name = Input.Name!;
        Team.SearchName = VietnameseText.Fold(Input.Name);
        Team.NeighbourhoodId = neighbourhood!.Value;
        Team.EstablishedOn = Input.EstablishedOn!.Value;
        Team.ZaloGroupName = Input.ZaloGroupName;
        Team.ZaloGroupLink = Input.ZaloGroupLink;
        await db.SaveChangesAsync();
        TempData["Flash"] = l["Đã lưu thông tin tổ."].Value;
        return Redirect($"/teams/{Team.Id}");
    }

    private async Task<bool> LoadAsync(Guid id)
    {
        var team = await db.Teams.FirstOrDefaultAsync(t => t.Id == id);
        if (team is null)
        {
            return false;
        }
        Team = team;
        Neighbourhoods = await TeamQueries.NeighbourhoodsAsync(db, team.CommuneId, keep: team.NeighbourhoodId);
        return true;
    }
}
