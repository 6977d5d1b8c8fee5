using CongDongSo.Web.Data;
using CongDongSo.Web.Infrastructure.Localization;
using CongDongSo.Web.Infrastructure.Auth;
using CongDongSo.Web.Infrastructure.Text;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace CongDongSo.Web.Features.Members;

/// <summary>Active members per affiliation (and how many are under 40), each linking to its list.</summary>
[Authorize(Policy = Policies.SignedIn)]
public sealed class ByAffiliationModel(AppDbContext db, TimeProvider clock) : PageModel
{
    public List<AffiliationCount> Rows { get; private set; } = [];
    public int Total => Rows.Sum(r => r.Members);
    public int TotalUnder40 => Rows.Sum(r => r.Under40);

    public async Task OnGetAsync()
    {
        var from = MemberFilter.Under40From(clock.Today().Year);
        var counts = await db.Members.Where(m => m.LeftOn == null)
            .GroupBy(m => m.AffiliationId)
            .Select(g => new { Id = g.Key, Members = g.Count(), Under40 = g.Count(m => m.BirthYear >= from) })
            .ToListAsync();
        var ids = counts.Select(c => c.Id).ToList();
        var affiliations = await db.Affiliations.Where(a => ids.Contains(a.Id) || (a.CommuneId == null && a.IsActive))
            .Select(a => new { a.Id, a.Name, a.SortOrder, National = a.CommuneId == null }).ToListAsync();
        Rows = [.. affiliations
            .OrderBy(a => !a.National).ThenBy(a => a.SortOrder).ThenBy(a => a.Name, NaturalOrder.Comparer)
            .Select(a =>
            {
                var count = counts.FirstOrDefault(c => c.Id == a.Id);
                return new AffiliationCount(a.Id, a.Name, count?.Members ?? 0, count?.Under40 ?? 0);
            })];
    }
}

public sealed record AffiliationCount(int Id, string Name, int Members, int Under40);
