using CongDongSo.Web.Data;
using CongDongSo.Web.Infrastructure.Auth;
using CongDongSo.Web.Infrastructure.Localization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace CongDongSo.Web.Features;

/// <summary>The home page: the figures of the user's own area, at a glance.</summary>
[Authorize(Policy = Policies.SignedIn)]
public sealed class IndexModel(AppDbContext db, TimeProvider clock) : PageModel
{
    public string FullName { get; private set; } = "";
    public Role Role { get; private set; }
    public string? AreaName { get; private set; }
    public int Teams { get; private set; }
    public int Members { get; private set; }
    public int MembersUnder40 { get; private set; }
    public int TeamsMissingLeaders { get; private set; }
    /// <summary>A new ward's first steps, in order, each done or not; empty once all are done or for other roles.</summary>
    public List<(string Text, string Href, bool Done)> FirstSteps { get; private set; } = [];

    public bool ShowsFirstSteps => FirstSteps.Count > 0 && FirstSteps.Any(s => !s.Done);

    /// <summary>Report due dates of the next weeks, from the plans' reporting calendars.</summary>
    public List<Reports.ReportingRules.Upcoming> DueSoon { get; private set; } = [];

    /// <summary>How far ahead the home page looks for due dates.</summary>
    public const int DueSoonDays = 45;

    public async Task OnGetAsync()
    {
        FullName = User.FindFirst(System.Security.Claims.ClaimTypes.GivenName)?.Value ?? "";
        Role = db.Scope.Role ?? Role.TeamMember;
        if (db.Scope.HomeCommuneId is { } communeId)
        {
            AreaName = await db.Communes.Where(c => c.Id == communeId).Select(c => c.Name).FirstOrDefaultAsync();
        }
        var activeTeams = db.Teams.Where(t => t.DissolvedOn == null);
        var activeMembers = db.Members.Where(m => m.LeftOn == null);
        var under40From = clock.GetLocalNow().Year - 39;
        Teams = await activeTeams.CountAsync();
        Members = await activeMembers.CountAsync();
        MembersUnder40 = await activeMembers.CountAsync(m => m.BirthYear >= under40From);
        TeamsMissingLeaders = await TeamQueries.MissingLeaderOrDeputy(db).CountAsync();
        if (db.Scope.HomeCommuneId is { } home && Policies.Allows(Policies.ViewPlans, Role))
        {
            DueSoon = [.. (await Reports.ReportingRules.UpcomingAsync(db, home, clock.Today(), DueSoonDays, teamOnly: Role is Role.TeamLeader or Role.TeamMember)).Take(8)];
        }
        if (Role == Role.WardOfficer && db.Scope.HomeCommuneId is { } ward)
        {
            // The first hour of a new ward: areas, teams, population, plan, first session, then its first figures.
            var year = clock.GetLocalNow().Year;
            FirstSteps =
            [
                ("Khai báo tổ dân phố, thôn", "/areas", await db.Neighbourhoods.AnyAsync(n => n.CommuneId == ward)),
                ("Lập tổ Công nghệ số cộng đồng", "/teams", await activeTeams.AnyAsync()),
                ("Nhập danh sách hộ dân có sẵn", "/imports", await db.Households.AnyAsync(h => h.CommuneId == ward)),
                ("Tạo kế hoạch năm từ kế hoạch mẫu", "/plans", await db.Plans.AnyAsync(p => p.CommuneId == ward && p.Year == year)),
                ("Ghi lượt hỗ trợ đầu tiên", "/field/record", await db.SupportSessions.AnyAsync(s => s.CommuneId == ward)),
            ];
        }
    }
}
