using CongDongSo.Web.Data;
using CongDongSo.Web.Infrastructure.Auth;
using CongDongSo.Web.Infrastructure.Localization;
using CongDongSo.Web.Infrastructure.Rules;
using CongDongSo.Web.Infrastructure.Text;
using CongDongSo.Web.Infrastructure.Web;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace CongDongSo.Web.Features.Members;

/// <summary>Corrects a member's record; the ward officer may also move them to another team of the ward.</summary>
[Authorize(Policy = Policies.ManageRoster)]
public sealed class EditModel(AppDbContext db, TimeProvider clock, IStringLocalizer<SharedResource> l) : PageModel, IMemberForm
{
    [BindProperty]
    public MemberInput Input { get; set; } = new();

    /// <summary>The team to move the member to; only read when the user may move members.</summary>
    [BindProperty]
    public Guid? TeamId { get; set; }

    /// <summary>Who leads the team when its only leader is demoted or moved.</summary>
    [BindProperty]
    public Guid? SuccessorId { get; set; }

    public Member Member { get; private set; } = null!;
    public List<Choice<int>> Affiliations { get; private set; } = [];
    public List<Choice<Guid>> Teams { get; private set; } = [];
    public List<Choice<Guid>> Successors { get; private set; } = [];
    public bool CanMove { get; private set; }

    public async Task<IActionResult> OnGetAsync(Guid id)
    {
        if (!await LoadAsync(id))
        {
            return NotFound();
        }
        Input = MemberInput.From(Member);
        TeamId = Member.TeamId;
        // The form shows the full record: a read of personal data.
        db.Audit(AuditAction.Read, nameof(Data.Member), Member.Id.ToString(), Member.CommuneId, null);
        await db.SaveChangesAsync();
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(Guid id)
    {
        if (!await LoadAsync(id))
        {
            return NotFound();
        }
        var targetTeamId = CanMove && TeamId is { } chosen ? chosen : Member.TeamId;
        if (targetTeamId != Member.TeamId)
        {
            if (Member.LeftOn is not null)
            {
                ModelState.AddModelError(nameof(TeamId), l["Thành viên đã rời tổ, không thể chuyển tổ."]);
            }
            else if (!Teams.Any(t => t.Value == targetTeamId))
            {
                ModelState.AddModelError(nameof(TeamId), l["Tổ chuyển đến phải là một tổ đang hoạt động của phường/xã."]);
            }
        }
        var team = await db.Teams.AsNoTracking().FirstAsync(t => t.Id == Member.TeamId);
        var errors = await MemberRules.CheckAsync(db, l, clock.Today(), Input, team, Member);
        var (leadership, successor) = await MemberRules.CheckLeadershipAsync(db, l, Member, targetTeamId, Input.Position, leaving: false, SuccessorId);
        foreach (var error in errors.Concat(leadership))
        {
            ModelState.AddModelError(error.Field == nameof(SuccessorId) ? error.Field : "Input." + error.Field, error.Message);
        }
        if (!ModelState.IsValid)
        {
            return Page();
        }
        MemberRules.Apply(Input, Member, clock.GetUtcNow().UtcDateTime);
        Member.TeamId = targetTeamId;
        if (successor is not null)
        {
            successor.Position = MemberPosition.Leader;
        }
        await db.SaveChangesAsync();
        TempData["Flash"] = successor is null
            ? l["Đã lưu thông tin {0}.", Member.FullName].Value
            : l["Đã lưu thông tin {0}; {1} là tổ trưởng mới.", Member.FullName, successor.FullName].Value;
        return Redirect($"/members/{Member.Id}");
    }

    private async Task<bool> LoadAsync(Guid id)
    {
        var member = await db.Members.FirstOrDefaultAsync(m => m.Id == id);
        if (member is null || !db.Scope.ManagesRoster(member.TeamId))
        {
            return false;
        }
        Member = member;
        CanMove = db.Scope.MovesMembers() && member.LeftOn is null;
        Affiliations = await MemberRules.AffiliationChoicesAsync(db, member.CommuneId, member.AffiliationId);
        if (CanMove)
        {
            var teams = await db.Teams.Where(t => t.CommuneId == member.CommuneId && (t.DissolvedOn == null || t.Id == member.TeamId))
                .Select(t => new Choice<Guid>(t.Id, t.Name)).ToListAsync();
            Teams = [.. teams.OrderBy(t => t.Text, NaturalOrder.Comparer)];
        }
        if (member is { LeftOn: null, Position: MemberPosition.Leader })
        {
            Successors = await SuccessorChoicesAsync(db, member);
        }
        return true;
    }

    /// <summary>The other active members of the leader's team, deputies first.</summary>
    internal static async Task<List<Choice<Guid>>> SuccessorChoicesAsync(AppDbContext db, Member leader)
    {
        var others = await db.Members.Where(m => m.TeamId == leader.TeamId && m.LeftOn == null && m.Id != leader.Id)
            .Select(m => new { m.Id, m.FullName, m.Position }).ToListAsync();
        return [.. others.OrderBy(m => m.Position).ThenBy(m => m.FullName, NaturalOrder.Comparer).Select(m => new Choice<Guid>(m.Id, m.FullName))];
    }
}
