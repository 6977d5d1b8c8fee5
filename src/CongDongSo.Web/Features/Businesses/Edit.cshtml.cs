using CongDongSo.Web.Data;
using CongDongSo.Web.Infrastructure.Auth;
using CongDongSo.Web.Infrastructure.Localization;
using CongDongSo.Web.Infrastructure.Web;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace CongDongSo.Web.Features.Businesses;

/// <summary>Corrects a business. Moving it to another neighbourhood moves its readiness events along.</summary>
[Authorize(Policy = Policies.ManagePopulation)]
public sealed class EditModel(AppDbContext db, TimeProvider clock, IStringLocalizer<SharedResource> l) : PageModel, IBusinessForm
{
    [BindProperty]
    public BusinessInput Input { get; set; } = new();

    public Business Business { get; private set; } = null!;
    public List<Choice<Guid>> Neighbourhoods { get; private set; } = [];
    public List<Choice<string>>? Households { get; private set; }

    public async Task<IActionResult> OnGetAsync(Guid id)
    {
        if (!await LoadAsync(id))
        {
            return NotFound();
        }
        Input = new BusinessInput
        {
            Name = Business.Name,
            Kind = Business.Kind,
            NeighbourhoodId = Business.NeighbourhoodId,
            OwnerHouseholdCode = Business.OwnerHouseholdId is { } owner
                ? await db.Households.Where(h => h.Id == owner).Select(h => h.Code).FirstOrDefaultAsync()
                : null,
            Address = Business.Address,
            Sector = Business.Sector,
            Products = Business.Products,
            IsOcop = Business.IsOcop,
            OcopProducts = Business.OcopProducts,
        };
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(Guid id)
    {
        if (!await LoadAsync(id))
        {
            return NotFound();
        }
        var (errors, neighbourhood, owner) = await BusinessRules.CheckAsync(db, l, Input, Business);
        foreach (var error in errors)
        {
            ModelState.AddModelError("Input." + error.Field, error.Message);
        }
        if (!ModelState.IsValid || neighbourhood is null)
        {
            return Page();
        }
        if (neighbourhood.Id != Business.NeighbourhoodId)
        {
            var events = await db.ReadinessEvents.Where(e => e.CommuneId == Business.CommuneId && e.BusinessId == Business.Id).ToListAsync();
            events.ForEach(e => e.NeighbourhoodId = neighbourhood.Id);
        }
        BusinessRules.Apply(Input, Business, neighbourhood, owner);
        Business.UpdatedAtUtc = clock.GetUtcNow().UtcDateTime;
        await db.SaveChangesAsync();
        TempData["Flash"] = l["Đã lưu thông tin cơ sở {0}.", Business.Name].Value;
        return Redirect($"/businesses/{Business.Id}");
    }

    private async Task<bool> LoadAsync(Guid id)
    {
        var business = await db.Businesses.FirstOrDefaultAsync(b => b.Id == id);
        if (business is null)
        {
            return false;
        }
        Business = business;
        Neighbourhoods = await TeamQueries.NeighbourhoodsAsync(db, business.CommuneId, business.NeighbourhoodId);
        Households = await PopulationQueries.HouseholdChoicesAsync(db, business.CommuneId);
        return true;
    }
}
