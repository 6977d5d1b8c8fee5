using CongDongSo.Web.Data;
using CongDongSo.Web.Infrastructure.Auth;
using CongDongSo.Web.Infrastructure.Text;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace CongDongSo.Web.Features.Teams;

/// <summary>A team: its decisions, its members by position and its former members.</summary>
[Authorize(Policy = Policies.SignedIn)]
public sealed class DetailModel(AppDbContext db) : PageModel
{
    public TeamRow Team { get; private set; } = null!;
    public List<TeamDecision> Decisions { get; private set; } = [];
    public List<TeamMemberLine> Active { get; private set; } = [];
    public List<TeamMemberLine> Former { get; private set; } = [];
    public bool ManagesRoster { get; private set; }
    public bool SeesPhones { get; private set; }
    public bool ManagesTeams { get; private set; }
    public bool Exports { get; private set; }

    public async Task<IActionResult> OnGetAsync(Guid id)
    {
        var team = await TeamQueries.Rows(db.Teams.Where(t => t.Id == id)).FirstOrDefaultAsync();
        if (team is null)
        {
            return NotFound();
        }
        Team = team;
        ManagesRoster = db.Scope.ManagesRoster(id) && team.DissolvedOn is null;
        ManagesTeams = db.Scope.ManagesTeams();
        Exports = db.Scope.ExportsRoster();
        Decisions = await db.TeamDecisions.AsNoTracking().Where(d => d.TeamId == id)
            .OrderByDescending(d => d.SignedOn).ThenByDescending(d => d.Id).ToListAsync();
        var members = await db.Members.Where(m => m.TeamId == id)
            .Select(m => new TeamMemberLine(m.Id, m.FullName, m.Position, m.Affiliation!.Name, m.BirthYear, m.Phone, m.JoinedOn, m.LeftOn, m.LeaveReason))
            .ToListAsync();
        SeesPhones = db.Scope.ManagesRoster(id);
        members = [.. members
            .Select(m => m with { Phone = db.Scope.PhoneFor(id, m.Phone) })
            .OrderBy(m => m.Position).ThenBy(m => m.FullName, NaturalOrder.Comparer)];
        Active = [.. members.Where(m => m.LeftOn is null)];
        Former = [.. members.Where(m => m.LeftOn is not null).OrderByDescending(m => m.LeftOn)];
        return Page();
    }
}

public sealed record TeamMemberLine(Guid Id, string FullName, MemberPosition Position, string Affiliation, int? BirthYear, string? Phone,
    DateOnly JoinedOn, DateOnly? LeftOn, string? LeaveReason);
