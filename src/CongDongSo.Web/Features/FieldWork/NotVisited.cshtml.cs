using CongDongSo.Web.Data;
using CongDongSo.Web.Infrastructure.Localization;
using CongDongSo.Web.Infrastructure.Auth;
using CongDongSo.Web.Infrastructure.Text;
using CongDongSo.Web.Infrastructure.Web;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace CongDongSo.Web.Features.FieldWork;

/// <summary>Households of the area nobody has visited since a date, or during a campaign.</summary>
[Authorize(Policy = Policies.ViewPopulation)]
public sealed class NotVisitedModel(AppDbContext db, TimeProvider clock) : PageModel
{
    public const int PageSize = 100;
    public const int DefaultDays = 30;

    [BindProperty(SupportsGet = true, Name = "since")]
    public DateOnly? Since { get; set; }

    [BindProperty(SupportsGet = true, Name = "campaign")]
    public Guid? CampaignId { get; set; }

    [BindProperty(SupportsGet = true, Name = "neighbourhood")]
    public Guid? NeighbourhoodId { get; set; }

    [BindProperty(SupportsGet = true, Name = "p")]
    public int PageNumber { get; set; } = 1;

    public Campaign? Campaign { get; private set; }
    public List<Choice<Guid>> Campaigns { get; private set; } = [];
    public List<Choice<Guid>> Neighbourhoods { get; private set; } = [];
    public List<NotVisitedRow> Households { get; private set; } = [];
    public int Total { get; private set; }
    public int Pages => Math.Max(1, (Total + PageSize - 1) / PageSize);

    public async Task<IActionResult> OnGetAsync()
    {
        if (CampaignId is { } campaignId)
        {
            Campaign = await db.Campaigns.AsNoTracking().FirstOrDefaultAsync(c => c.Id == campaignId);
            if (Campaign is null)
            {
                return NotFound();
            }
        }
        else
        {
            Since ??= clock.Today().AddDays(-DefaultDays);
        }
        Campaigns = await db.Campaigns.OrderByDescending(c => c.StartsOn).Select(c => new Choice<Guid>(c.Id, c.Name)).ToListAsync();
        Neighbourhoods = [.. (await db.Neighbourhoods.Where(n => n.EffectiveTo == null || n.Id == NeighbourhoodId)
                .Select(n => new Choice<Guid>(n.Id, n.Name)).ToListAsync())
            .OrderBy(n => n.Text, NaturalOrder.Comparer)];

        var visits = Campaign is null
            ? db.SupportSessions.Between(Since, null)
            : db.SupportSessions.Between(Campaign.StartsOn, Campaign.EndsOn);
        var households = db.Households.Where(h => !visits.Any(s => s.HouseholdId == h.Id));
        if (NeighbourhoodId is { } neighbourhoodId)
        {
            households = households.Where(h => h.NeighbourhoodId == neighbourhoodId);
        }
        Total = await households.CountAsync();
        PageNumber = Math.Clamp(PageNumber, 1, Pages);
        var rows = await households
            .OrderBy(h => h.Neighbourhood!.Name).ThenBy(h => h.Code).ThenBy(h => h.Id)
            .Skip((PageNumber - 1) * PageSize).Take(PageSize)
            .Select(h => new
            {
                h.Id, h.Code, h.Address, Neighbourhood = h.Neighbourhood!.Name,
                Head = h.Residents.Where(r => r.Id == h.HeadResidentId).Select(r => r.FullName).FirstOrDefault(),
                LastVisit = db.SupportSessions.Where(s => s.HouseholdId == h.Id).Max(s => (DateTime?)s.OccurredAtUtc),
                Assignee = db.HouseholdAssignments.Where(a => a.HouseholdId == h.Id && a.EndedAtUtc == null)
                    .Join(db.Members, a => a.MemberId, m => m.Id, (a, m) => m.FullName).FirstOrDefault(),
            })
            .ToListAsync();
        Households = [.. rows.Select(r => new NotVisitedRow(r.Id, r.Code, r.Address, r.Neighbourhood, r.Head, r.LastVisit, r.Assignee))];
        return Page();
    }

    public string PageUrl(int page)
    {
        var query = new List<string>();
        if (Campaign is not null)
        {
            query.Add("campaign=" + Campaign.Id);
        }
        else if (Since is { } since)
        {
            query.Add("since=" + since.Iso());
        }
        if (NeighbourhoodId is { } n)
        {
            query.Add("neighbourhood=" + n);
        }
        if (page > 1)
        {
            query.Add("p=" + page);
        }
        return "/field/not-visited?" + string.Join('&', query);
    }
}

public sealed record NotVisitedRow(Guid Id, string Code, string Address, string Neighbourhood, string? Head, DateTime? LastVisitUtc, string? Assignee);
