using System.ComponentModel.DataAnnotations;
using System.Globalization;
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

/// <summary>A member leaves the team: the row stays with its leave date and reason, and so does its history.</summary>
[Authorize(Policy = Policies.ManageRoster)]
public sealed class LeaveModel(AppDbContext db, TimeProvider clock, IStringLocalizer<SharedResource> l) : PageModel
{
    [BindProperty]
    public LeaveInput Input { get; set; } = new();

    [BindProperty]
    public Guid? SuccessorId { get; set; }

    public Member Member { get; private set; } = null!;
    public List<Choice<Guid>> Successors { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(Guid id)
    {
        if (!await LoadAsync(id))
        {
            return NotFound();
        }
        if (Member.LeftOn is not null)
        {
            return Redirect($"/members/{id}");
        }
        Input.LeftOn = clock.Today();
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(Guid id)
    {
        if (!await LoadAsync(id))
        {
            return NotFound();
        }
        if (Member.LeftOn is not null)
        {
            return Redirect($"/members/{id}");
        }
        Input.Reason = VietnameseText.Clean(Input.Reason);
        if (Input.LeftOn < Member.JoinedOn)
        {
            ModelState.AddModelError("Input.LeftOn", l["Ngày rời tổ không được trước ngày tham gia ({0}).", Member.JoinedOn.ToString("dd/MM/yyyy", CultureInfo.InvariantCulture)]);
        }
        else if (Input.LeftOn > clock.Today())
        {
            ModelState.AddModelError("Input.LeftOn", l["Ngày rời tổ không được sau hôm nay."]);
        }
        if (Input.Reason?.Length > 300)
        {
            ModelState.AddModelError("Input.Reason", l["Lý do rời tổ dài tối đa 300 ký tự."]);
        }
        var (leadership, successor) = await MemberRules.CheckLeadershipAsync(db, l, Member, Member.TeamId, Member.Position, leaving: true, SuccessorId);
        foreach (var error in leadership)
        {
            ModelState.AddModelError(error.Field, error.Message);
        }
        if (!ModelState.IsValid)
        {
            return Page();
        }
        Member.LeftOn = Input.LeftOn;
        Member.LeaveReason = Input.Reason;
        if (successor is not null)
        {
            successor.Position = MemberPosition.Leader;
        }
        await db.SaveChangesAsync();
        TempData["Flash"] = successor is null
            ? l["{0} đã rời tổ.", Member.FullName].Value
            : l["{0} đã rời tổ; {1} là tổ trưởng mới.", Member.FullName, successor.FullName].Value;
        return Redirect($"/teams/{Member.TeamId}");
    }

    private async Task<bool> LoadAsync(Guid id)
    {
        var member = await db.Members.FirstOrDefaultAsync(m => m.Id == id);
        if (member is null || !db.Scope.ManagesRoster(member.TeamId))
        {
            return false;
        }
        Member = member;
        if (member is { LeftOn: null, Position: MemberPosition.Leader })
        {
            Successors = await EditModel.SuccessorChoicesAsync(db, member);
        }
        return true;
    }
}

public sealed class LeaveInput
{
    [Required(ErrorMessage = "Vui lòng nhập ngày rời tổ.")]
    [Display(Name = "Ngày rời tổ")]
    public DateOnly? LeftOn { get; set; }

    [Display(Name = "Lý do rời tổ")]
    public string? Reason { get; set; }
}
