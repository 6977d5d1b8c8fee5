using CongDongSo.Web.Data;
using CongDongSo.Web.Infrastructure.Auth;
using CongDongSo.Web.Infrastructure.Text;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace CongDongSo.Web.Features.FieldWork;

/// <summary>
/// The member's own list: the households assigned to them, the longest unvisited first, with
/// what their residents still lack (how many residents per item).
/// </summary>
[Authorize(Policy = Policies.RecordFieldWork)]
public sealed class MyHouseholdsModel(AppDbContext db) : PageModel
{
    public MemberOfUser? Member { get; private set; }
    public List<MyHouseholdRow> Households { get; private set; } = [];

    public async Task OnGetAsync()
    {
        Member = await FieldQueries.OwnMemberAsync(db, HttpContext.RequestAborted);
        if (Member is null)
        {
            return;
        }
        var assigned = FieldQueries.AssignedTo(db, Member.Id);
        var households = await db.Households.Where(h => assigned.Contains(h.Id))
            .Select(h => new
            {
                h.Id, h.Code, h.Address, Neighbourhood = h.Neighbourhood!.Name,
                Head = h.Residents.Where(r => r.Id == h.HeadResidentId).Select(r => r.FullName).FirstOrDefault(),
            })
            .ToListAsync();
        var residentRows = db.Residents.Where(r => assigned.Contains(r.HouseholdId) && r.ErasedAtUtc == null);
        var residents = await residentRows.Select(r => new { r.Id, r.HouseholdId }).ToListAsync();
        var missing = await MissingItems.LoadAsync(db, residentRows.Select(r => r.Id), Member.CommuneId);
        var visits = await FieldQueries.LastVisitsAsync(db, assigned);
        var byHousehold = residents.ToLookup(r => r.HouseholdId, r => r.Id);
        Households = [.. households
            .Select(h =>
            {
                var gaps = byHousehold[h.Id].SelectMany(missing.For).GroupBy(i => i.Id).ToDictionary(g => g.Key, g => g.Count());
                return new MyHouseholdRow(h.Id, h.Code, h.Address, h.Neighbourhood, h.Head, byHousehold[h.Id].Count(),
                    visits.TryGetValue(h.Id, out var last) ? last : null,
                    [.. missing.Items.Where(i => gaps.ContainsKey(i.Id)).Select(i => new MissingCount(i.Code, i.Name, gaps[i.Id]))]);
            })
            // Never visited first, then the longest since the last visit.
            .OrderBy(h => h.LastVisitUtc is not null).ThenBy(h => h.LastVisitUtc).ThenBy(h => h.Code, NaturalOrder.Comparer)];
    }
}

public sealed record MyHouseholdRow(Guid Id, string Code, string Address, string Neighbourhood, string? Head, int Residents, DateTime? LastVisitUtc,
    List<MissingCount> Missing);

public sealed record MissingCount(string Code, string Name, int Residents);
