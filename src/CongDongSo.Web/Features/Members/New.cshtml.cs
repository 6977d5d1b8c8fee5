using CongDongSo.Web.Data;
using CongDongSo.Web.Infrastructure.Auth;
using CongDongSo.Web.Infrastructure.Localization;
using CongDongSo.Web.Infrastructure.Rules;
using CongDongSo.Web.Infrastructure.Web;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace CongDongSo.Web.Features.Members;

/// <summary>Adds a member to a team: the ward officer, or the leader of that very team.</summary>
[Authorize(Policy = Policies.ManageRoster)]
public sealed class NewModel(AppDbContext db, TimeProvider clock, IStringLocalizer<SharedResource> l) : PageModel, IMemberForm
{
    [BindProperty]
    public MemberInput Input { get; set; } = new();

    public Team Team { get; private set; } = null!;
    public List<Choice<int>> Affiliations { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(Guid id)
    {
        if (!await LoadAsync(id))
        {
            return NotFound();
        }
        if (Team.DissolvedOn is not null)
        {
            TempData["Flash"] = l["Tổ đã giải thể, không thể thêm thành viên."].Value;
            return Redirect($"/teams/{id}");
        }
        Input.Position = MemberPosition.Member;
        Input.JoinedOn = clock.Today();
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(Guid id)
    {
        if (!await LoadAsync(id))
        {
            return NotFound();
        }
        foreach (var error in await MemberRules.CheckNewAsync(db, l, clock.Today(), Team, Input))
        {
            ModelState.AddModelError(error.Field.Length == 0 ? "" : "Input." + error.Field, error.Message);
        }
        if (!ModelState.IsValid)
        {
            return Page();
        }
        var member = MemberRules.NewMember(Team, Input, clock.GetUtcNow().UtcDateTime);
        db.Members.Add(member);
        await db.SaveChangesAsync();
        TempData["Flash"] = l["Đã thêm {0} vào tổ.", member.FullName].Value;
        return Redirect($"/teams/{id}");
    }

    /// <summary>Through the scoped set: another team's page, even in the same ward for a team leader, does not exist.</summary>
    private async Task<bool> LoadAsync(Guid id)
    {
        var team = await db.Teams.AsNoTracking().FirstOrDefaultAsync(t => t.Id == id);
        if (team is null || !db.Scope.ManagesRoster(team.Id))
        {
            return false;
        }
        Team = team;
        Affiliations = await MemberRules.AffiliationChoicesAsync(db, team.CommuneId);
        return true;
    }
}

/// <summary>What the shared member fields partial needs from its page.</summary>
public interface IMemberForm
{
    MemberInput Input { get; }
    List<Choice<int>> Affiliations { get; }
}
