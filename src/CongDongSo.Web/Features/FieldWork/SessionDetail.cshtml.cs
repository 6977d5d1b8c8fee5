using CongDongSo.Web.Data;
using CongDongSo.Web.Infrastructure.Auth;
using CongDongSo.Web.Infrastructure.Text;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace CongDongSo.Web.Features.FieldWork;

/// <summary>One support session with the residents helped and the readiness changes it recorded.</summary>
[Authorize(Policy = Policies.ViewPopulation)]
public sealed class SessionDetailModel(AppDbContext db) : PageModel
{
    public SessionRow Session { get; private set; } = null!;
    public string? Neighbourhood { get; private set; }
    public string? Campaign { get; private set; }
    public string RecordedBy { get; private set; } = "";
    public DateTime RecordedAtUtc { get; private set; }
    public List<string> Residents { get; private set; } = [];
    public List<OutcomeLine> Outcomes { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(Guid id)
    {
        var sessions = db.SupportSessions.Where(s => s.Id == id);
        var session = (await SessionRows.LoadAsync(db, sessions)).FirstOrDefault();
        if (session is null)
        {
            return NotFound();
        }
        Session = session;
        var extra = await sessions.Select(s => new
        {
            s.RecordedByUserId, s.RecordedAtUtc,
            Neighbourhood = db.Neighbourhoods.Where(n => n.Id == s.NeighbourhoodId).Select(n => n.Name).FirstOrDefault(),
            Campaign = db.Campaigns.Where(c => c.Id == s.CampaignId).Select(c => c.Name).FirstOrDefault(),
        }).FirstAsync();
        (Neighbourhood, Campaign, RecordedAtUtc) = (extra.Neighbourhood, extra.Campaign, extra.RecordedAtUtc);
        RecordedBy = await db.Users.Where(u => u.Id == extra.RecordedByUserId).Select(u => u.FullName).FirstOrDefaultAsync() ?? "";
        Residents = [.. (await db.SupportSessionResidents.Where(x => x.SessionId == id)
                .Join(db.Residents, x => x.ResidentId, r => r.Id, (x, r) => new { r.FullName, r.BirthYear })
                .ToListAsync())
            .Select(r => r.BirthYear is null ? r.FullName : $"{r.FullName} ({r.BirthYear})")
            .Order(NaturalOrder.Comparer)];
        var events = await db.ReadinessEvents.Where(e => e.SessionId == id)
            .Join(db.ReadinessItems, e => e.ItemId, i => i.Id, (e, i) => new { e.ResidentId, e.BusinessId, i.Name, i.Choices, i.SortOrder, e.Value })
            .ToListAsync();
        var residentIds = events.Where(e => e.ResidentId is not null).Select(e => e.ResidentId!.Value).Distinct().ToList();
        var names = await db.Residents.Where(r => residentIds.Contains(r.Id)).ToDictionaryAsync(r => r.Id, r => r.FullName);
        Outcomes = [.. events
            .Select(e => new OutcomeLine(e.ResidentId is { } r ? names.GetValueOrDefault(r, "") : Session.Business ?? "", e.Name, FieldText.ValueLabel(e.Choices, e.Value), e.SortOrder))
            .OrderBy(o => o.Subject, NaturalOrder.Comparer).ThenBy(o => o.SortOrder)];
        return Page();
    }
}

public sealed record OutcomeLine(string Subject, string Item, string Value, int SortOrder);
