using CongDongSo.Web.Data;
using CongDongSo.Web.Infrastructure.Auth;
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
    }
}
