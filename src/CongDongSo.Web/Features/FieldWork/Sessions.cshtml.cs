using CongDongSo.Web.Data;
using CongDongSo.Web.Infrastructure.Auth;
using CongDongSo.Web.Infrastructure.Text;
using CongDongSo.Web.Infrastructure.Web;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace CongDongSo.Web.Features.FieldWork;

/// <summary>The support sessions of the user's area, newest first: the whole ward for its officers, the own team for a team.</summary>
[Authorize(Policy = Policies.ViewPopulation)]
public sealed class SessionsModel(AppDbContext db) : PageModel
{
    public const int PageSize = 50;

    [BindProperty(SupportsGet = true, Name = "team")]
    public Guid? TeamId { get; set; }

    [BindProperty(SupportsGet = true, Name = "from")]
    public DateOnly? From { get; set; }

    [BindProperty(SupportsGet = true, Name = "to")]
    public DateOnly? To { get; set; }

    [BindProperty(SupportsGet = true, Name = "p")]
    public int PageNumber { get; set; } = 1;

    public List<Choice<Guid>> Teams { get; private set; } = [];
    public List<SessionRow> Sessions { get; private set; } = [];
    public int Total { get; private set; }
    public int Pages => Math.Max(1, (Total + PageSize - 1) / PageSize);

    public async Task OnGetAsync()
    {
        Teams = [.. (await db.Teams.Select(t => new Choice<Guid>(t.Id, t.Name)).ToListAsync()).OrderBy(t => t.Text, NaturalOrder.Comparer)];
        var sessions = db.SupportSessions.Between(From, To);
        if (TeamId is { } teamId)
        {
            sessions = sessions.Where(s => s.TeamId == teamId);
        }
        Total = await sessions.CountAsync();
        PageNumber = Math.Clamp(PageNumber, 1, Pages);
        Sessions = await SessionRows.LoadAsync(db, sessions.OrderByDescending(s => s.OccurredAtUtc).ThenByDescending(s => s.Id)
            .Skip((PageNumber - 1) * PageSize).Take(PageSize));
    }

    public string PageUrl(int page)
    {
        var query = new List<string>();
        if (TeamId is { } team)
        {
            query.Add("team=" + team);
        }
        if (From is { } from)
        {
            query.Add("from=" + from.Iso());
        }
        if (To is { } to)
        {
            query.Add("to=" + to.Iso());
        }
        query.Add("p=" + page);
        return "/field/sessions?" + string.Join('&', query);
    }
}

/// <summary>One line per session: when, where, by whom, what.</summary>
public sealed record SessionRow(Guid Id, DateTime OccurredAtUtc, SupportPlace Place, Guid TeamId, string Team, Guid? HouseholdId, string? HouseholdCode,
    string? Address, string? Business, int ResidentsHelped, List<string> Members, List<string> Activities, string? Note);

public static class SessionRows
{
    public static async Task<List<SessionRow>> LoadAsync(AppDbContext db, IQueryable<SupportSession> sessions)
    {
        var rows = await sessions.Select(s => new
        {
            s.Id, s.OccurredAtUtc, s.Place, s.TeamId, s.HouseholdId, s.Note,
            Team = db.Teams.Where(t => t.Id == s.TeamId).Select(t => t.Name).FirstOrDefault(),
            Household = db.Households.Where(h => h.Id == s.HouseholdId).Select(h => new { h.Code, h.Address }).FirstOrDefault(),
            Business = db.Businesses.Where(b => b.Id == s.BusinessId).Select(b => b.Name).FirstOrDefault(),
            Helped = s.Residents.Count,
        }).ToListAsync();
        var ids = rows.Select(r => r.Id).ToList();
        var members = (await db.SupportSessionMembers.Where(x => ids.Contains(x.SessionId))
                .Join(db.Members, x => x.MemberId, m => m.Id, (x, m) => new { x.SessionId, m.FullName })
                .ToListAsync())
            .ToLookup(x => x.SessionId, x => x.FullName);
        var activities = (await db.SupportSessionActivities.Where(x => ids.Contains(x.SessionId))
                .Join(db.SupportActivities, x => x.ActivityId, a => a.Id, (x, a) => new { x.SessionId, a.Name, a.SortOrder })
                .ToListAsync())
            .ToLookup(x => x.SessionId);
        return [.. rows.Select(r => new SessionRow(r.Id, r.OccurredAtUtc, r.Place, r.TeamId, r.Team ?? "", r.HouseholdId, r.Household?.Code, r.Household?.Address,
            r.Business, r.Helped, [.. members[r.Id].Order(NaturalOrder.Comparer)], [.. activities[r.Id].OrderBy(a => a.SortOrder).Select(a => a.Name)], r.Note))];
    }
}
