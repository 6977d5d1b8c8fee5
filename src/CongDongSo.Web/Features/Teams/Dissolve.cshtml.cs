using System.ComponentModel.DataAnnotations;
using System.Globalization;
using CongDongSo.Web.Data;
using CongDongSo.Web.Infrastructure.Auth;
using CongDongSo.Web.Infrastructure.Localization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace CongDongSo.Web.Features.Teams;

/// <summary>
/// Dissolves a team that no longer has active members; the team, its members and its history stay.
/// Members leave or move first, so every departure keeps its own date and reason.
/// </summary>
[Authorize(Policy = Policies.ManageTeams)]
public sealed class DissolveModel(AppDbContext db, TimeProvider clock, IStringLocalizer<SharedResource> l) : PageModel
{
    [BindProperty]
    [Required(ErrorMessage = "Vui lòng nhập ngày giải thể.")]
    [Display(Name = "Ngày giải thể")]
    public DateOnly? DissolvedOn { get; set; }

    public Team Team { get; private set; } = null!;
    public int ActiveMembers { get; private set; }

    public async Task<IActionResult> OnGetAsync(Guid id)
    {
        if (!await LoadAsync(id))
        {
            return NotFound();
        }
        if (Team.DissolvedOn is not null)
        {
            return Redirect($"/teams/{id}");
        }
        DissolvedOn = clock.Today();
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(Guid id)
    {
        if (!await LoadAsync(id))
        {
            return NotFound();
        }
        if (Team.DissolvedOn is not null)
        {
            return Redirect($"/teams/{id}");
        }
        if (ActiveMembers > 0)
        {
            ModelState.AddModelError(nameof(DissolvedOn), l["Tổ còn {0} thành viên đang hoạt động: hãy cho họ rời tổ hoặc chuyển tổ trước khi giải thể.", ActiveMembers]);
        }
        if (DissolvedOn < Team.EstablishedOn)
        {
            ModelState.AddModelError(nameof(DissolvedOn), l["Ngày giải thể không được trước ngày thành lập ({0}).", Team.EstablishedOn.ToString("dd/MM/yyyy", CultureInfo.InvariantCulture)]);
        }
        else if (DissolvedOn > clock.Today())
        {
            ModelState.AddModelError(nameof(DissolvedOn), l["Ngày giải thể không được sau hôm nay."]);
        }
        if (!ModelState.IsValid)
        {
            return Page();
        }
        Team.DissolvedOn = DissolvedOn;
        await db.SaveChangesAsync();
        TempData["Flash"] = l["Đã giải thể {0}.", Team.Name].Value;
        return Redirect($"/teams/{id}");
    }

    private async Task<bool> LoadAsync(Guid id)
    {
        var team = await db.Teams.FirstOrDefaultAsync(t => t.Id == id);
        if (team is null)
        {
            return false;
        }
        Team = team;
        ActiveMembers = await db.Members.CountAsync(m => m.TeamId == id && m.LeftOn == null);
        return true;
    }
}
