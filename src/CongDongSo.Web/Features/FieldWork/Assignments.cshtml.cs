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

namespace CongDongSo.Web.Features.FieldWork;

/// <summary>
/// The team leader gives the neighbourhood's households to the team's members (a ward officer
/// picks the team). Reassigning ends the previous assignment, so the history stays.
/// </summary>
[Authorize(Policy = Policies.AssignHouseholds)]
public sealed class AssignmentsModel(AppDbContext db, TimeProvider clock, IStringLocalizer<SharedResource> l) : PageModel
{
    public const int PageSize = 100;

    [BindProperty(SupportsGet = true, Name = "team")]
    public Guid? TeamId { get; set; }

    [BindProperty(SupportsGet = true, Name = "q")]
    public string? Q { get; set; }

    [BindProperty(SupportsGet = true, Name = "unassigned")]
    public bool UnassignedOnly { get; set; }

    [BindProperty(SupportsGet = true, Name = "p")]
    public int PageNumber { get; set; } = 1;

    [BindProperty]
    public AssignInput Input { get; set; } = new();

    public Team? Team { get; private set; }
    public List<Choice<Guid>> Teams { get; private set; } = [];
    public List<Choice<Guid>> Members { get; private set; } = [];
    public List<AssignmentRow> Households { get; private set; } = [];
    public int Total { get; private set; }
    public int Pages => Math.Max(1, (Total + PageSize - 1) / PageSize);

    public async Task<IActionResult> OnGetAsync() => await LoadAsync() ? Page() : NotFound();

    public async Task<IActionResult> OnPostAsync()
    {
        if (!await LoadAsync())
        {
            return NotFound();
        }
        if (Team is null)
        {
            ModelState.AddModelError("", l["Vui lòng chọn tổ CNSCĐ."]);
            return Page();
        }
        var unassign = Input.Action == "unassign";
        var ids = Input.HouseholdIds.Distinct().ToList();
        if (ids.Count == 0)
        {
            ModelState.AddModelError("Input.HouseholdIds", l["Vui lòng chọn ít nhất một hộ."]);
        }
        var neighbourhoodId = Team.NeighbourhoodId;
        var found = await db.Households.CountAsync(h => ids.Contains(h.Id) && h.NeighbourhoodId == neighbourhoodId);
        if (found < ids.Count)
        {
            ModelState.AddModelError("Input.HouseholdIds", l["Có hộ không thuộc địa bàn của tổ."]);
        }
        var member = Members.FirstOrDefault(m => m.Value == Input.MemberId);
        if (!unassign && member is null)
        {
            ModelState.AddModelError("Input.MemberId", Input.MemberId is null
                ? l["Vui lòng chọn thành viên được giao."]
                : l["Thành viên không thuộc tổ hoặc đã rời tổ."]);
        }
        if (!ModelState.IsValid)
        {
            return Page();
        }

        var now = clock.GetUtcNow().UtcDateTime;
        var teamId = Team.Id;
        var current = await db.HouseholdAssignments
            .Where(a => a.TeamId == teamId && a.EndedAtUtc == null && ids.Contains(a.HouseholdId))
            .ToListAsync();
        var changed = 0;
        foreach (var householdId in ids)
        {
            var mine = current.Where(a => a.HouseholdId == householdId).ToList();
            if (!unassign && mine.Any(a => a.MemberId == member!.Value))
            {
                continue;
            }
            // Ended, not deleted: who had the household when stays answerable.
            mine.ForEach(a => a.EndedAtUtc = now);
            if (!unassign)
            {
                db.HouseholdAssignments.Add(new HouseholdAssignment
                {
                    CommuneId = Team.CommuneId, TeamId = teamId, HouseholdId = householdId, MemberId = member!.Value, AssignedAtUtc = now,
                });
            }
            if (!unassign || mine.Count > 0)
            {
                changed++;
            }
        }
        await db.SaveChangesAsync();
        TempData["Flash"] = (unassign
            ? l["Đã bỏ giao {0} hộ.", changed]
            : l["Đã giao {0} hộ cho {1}.", changed, member!.Text]).Value;
        return Redirect(PageUrl());
    }

    public string PageUrl(int? page = null)
    {
        var query = new List<string>();
        if (Team is not null && db.Scope.TeamId is null)
        {
            query.Add("team=" + Team.Id);
        }
        if (!string.IsNullOrWhiteSpace(Q))
        {
            query.Add("q=" + Uri.EscapeDataString(Q));
        }
        if (UnassignedOnly)
        {
            query.Add("unassigned=true");
        }
        if ((page ?? PageNumber) > 1)
        {
            query.Add("p=" + (page ?? PageNumber));
        }
        return "/field/assignments" + (query.Count == 0 ? "" : "?" + string.Join('&', query));
    }

    /// <summary>A team leader works on their own team; a ward officer on the team they pick.</summary>
    private async Task<bool> LoadAsync()
    {
        var teamId = TeamId ?? db.Scope.TeamId;
        if (db.Scope.TeamId is null)
        {
            Teams = [.. (await db.Teams.Where(t => t.DissolvedOn == null).Select(t => new Choice<Guid>(t.Id, t.Name)).ToListAsync())
                .OrderBy(t => t.Text, NaturalOrder.Comparer)];
        }
        if (teamId is null)
        {
            return true;
        }
        Team = await db.Teams.AsNoTracking().FirstOrDefaultAsync(t => t.Id == teamId);
        if (Team is null)
        {
            return false;
        }
        var id = Team.Id;
        Members = [.. (await db.Members.Where(m => m.TeamId == id && m.LeftOn == null)
                .Select(m => new { m.Id, m.FullName, m.Position }).ToListAsync())
            .OrderBy(m => m.Position).ThenBy(m => m.FullName, NaturalOrder.Comparer)
            .Select(m => new Choice<Guid>(m.Id, m.FullName))];

        var neighbourhoodId = Team.NeighbourhoodId;
        var households = db.Households.Where(h => h.NeighbourhoodId == neighbourhoodId);
        var folded = VietnameseText.Fold(Q);
        if (folded.Length > 0)
        {
            households = households.Where(h => EF.Functions.Like(h.SearchText, "%" + folded + "%"));
        }
        if (UnassignedOnly)
        {
            households = households.Where(h => !db.HouseholdAssignments.Any(a => a.HouseholdId == h.Id && a.TeamId == id && a.EndedAtUtc == null));
        }
        Total = await households.CountAsync();
        PageNumber = Math.Clamp(PageNumber, 1, Pages);
        var rows = await households.OrderBy(h => h.Code).ThenBy(h => h.Id)
            .Skip((PageNumber - 1) * PageSize).Take(PageSize)
            .Select(h => new
            {
                h.Id, h.Code, h.Address,
                Head = h.Residents.Where(r => r.Id == h.HeadResidentId).Select(r => r.FullName).FirstOrDefault(),
                MemberId = db.HouseholdAssignments.Where(a => a.HouseholdId == h.Id && a.TeamId == id && a.EndedAtUtc == null)
                    .OrderByDescending(a => a.AssignedAtUtc).Select(a => (Guid?)a.MemberId).FirstOrDefault(),
            })
            .ToListAsync();
        var names = await db.Members.Where(m => m.TeamId == id).ToDictionaryAsync(m => m.Id, m => m.FullName);
        Households = [.. rows.Select(r => new AssignmentRow(r.Id, r.Code, r.Address, r.Head,
            r.MemberId is { } m && names.TryGetValue(m, out var name) ? name : null))];
        return true;
    }
}

public sealed class AssignInput
{
    public List<Guid> HouseholdIds { get; set; } = [];
    public Guid? MemberId { get; set; }
    /// <summary>"assign" (the default) or "unassign", from the button pressed.</summary>
    public string? Action { get; set; }
}

public sealed record AssignmentRow(Guid Id, string Code, string Address, string? Head, string? Assignee);
