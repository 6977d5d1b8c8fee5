using CongDongSo.Web.Data;
using CongDongSo.Web.Infrastructure.Auth;
using CongDongSo.Web.Infrastructure.Localization;
using CongDongSo.Web.Infrastructure.Web;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace CongDongSo.Web.Features.Households;

/// <summary>
/// Corrects a household. Moving it to another neighbourhood of the ward moves its residents and
/// their readiness events with it, so the new neighbourhood's team sees their whole history.
/// </summary>
[Authorize(Policy = Policies.ManagePopulation)]
public sealed class EditModel(AppDbContext db, TimeProvider clock, IStringLocalizer<SharedResource> l) : PageModel, IHouseholdForm
{
    [BindProperty]
    public HouseholdInput Input { get; set; } = new();

    public Household Household { get; private set; } = null!;
    public List<Choice<Guid>> Neighbourhoods { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(Guid id)
    {
        if (!await LoadAsync(id))
        {
            return NotFound();
        }
        Input = HouseholdInput.From(Household);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(Guid id)
    {
        if (!await LoadAsync(id))
        {
            return NotFound();
        }
        var (errors, neighbourhood) = await HouseholdRules.CheckAsync(db, l, Input, Household);
        foreach (var error in errors)
        {
            ModelState.AddModelError("Input." + error.Field, error.Message);
        }
        if (!ModelState.IsValid || neighbourhood is null)
        {
            return Page();
        }
        if (neighbourhood.Id != Household.NeighbourhoodId)
        {
            var residents = await db.Residents.Where(r => r.HouseholdId == Household.Id).ToListAsync();
            var residentIds = residents.Select(r => r.Id).ToList();
            var events = await db.ReadinessEvents.Where(e => e.CommuneId == Household.CommuneId && e.ResidentId != null && residentIds.Contains(e.ResidentId.Value)).ToListAsync();
            residents.ForEach(r => r.NeighbourhoodId = neighbourhood.Id);
            events.ForEach(e => e.NeighbourhoodId = neighbourhood.Id);
        }
        var head = Household.HeadResidentId is { } headId ? await db.Residents.AsNoTracking().FirstOrDefaultAsync(r => r.Id == headId && r.ErasedAtUtc == null) : null;
        HouseholdRules.Apply(Input, Household, neighbourhood, head?.FullName);
        Household.UpdatedAtUtc = clock.GetUtcNow().UtcDateTime;
        await db.SaveChangesAsync();
        TempData["Flash"] = l["Đã lưu thông tin hộ {0}.", Household.Code].Value;
        return Redirect($"/households/{Household.Id}");
    }

    private async Task<bool> LoadAsync(Guid id)
    {
        var household = await db.Households.FirstOrDefaultAsync(h => h.Id == id);
        if (household is null)
        {
            return false;
        }
        Household = household;
        Neighbourhoods = await TeamQueries.NeighbourhoodsAsync(db, household.CommuneId, household.NeighbourhoodId);
        return true;
    }
}
