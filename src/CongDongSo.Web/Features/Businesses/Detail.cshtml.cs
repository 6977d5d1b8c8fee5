using CongDongSo.Web.Data;
using CongDongSo.Web.Infrastructure.Auth;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace CongDongSo.Web.Features.Businesses;

/// <summary>A business with its owner household and its cashless-payment and e-commerce status.</summary>
[Authorize(Policy = Policies.ViewPopulation)]
public sealed class DetailModel(AppDbContext db) : PageModel
{
    public Business Business { get; private set; } = null!;
    public string Neighbourhood { get; private set; } = "";
    public (Guid Id, string Code)? Owner { get; private set; }
    public List<ReadinessItem> Items { get; private set; } = [];
    public IReadOnlyDictionary<int, ReadinessState> Statuses { get; private set; } = new Dictionary<int, ReadinessState>();
    public bool Manages { get; private set; }

    public async Task<IActionResult> OnGetAsync(Guid id)
    {
        var business = await db.Businesses.AsNoTracking().FirstOrDefaultAsync(b => b.Id == id);
        if (business is null)
        {
            return NotFound();
        }
        Business = business;
        Manages = db.Scope.ManagesPopulation();
        Neighbourhood = await db.Neighbourhoods.Where(n => n.Id == business.NeighbourhoodId).Select(n => n.Name).FirstOrDefaultAsync() ?? "";
        var owner = await db.Households.AsNoTracking().Where(h => h.Id == business.OwnerHouseholdId).Select(h => new { h.Id, h.Code }).FirstOrDefaultAsync();
        Owner = owner is null ? null : (owner.Id, owner.Code);
        Items = await ReadinessStatus.ActiveItems(db, business.CommuneId, ReadinessSubject.Business).AsNoTracking().ToListAsync();
        Statuses = (await ReadinessStatus.ForBusinessesAsync(db, business.CommuneId, [business.Id])).Of(business.Id);
        return Page();
    }
}
