using CongDongSo.Web.Data;
using CongDongSo.Web.Infrastructure.Auth;
using CongDongSo.Web.Infrastructure.Localization;
using CongDongSo.Web.Infrastructure.Privacy;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace CongDongSo.Web.Features.Residents;

/// <summary>Adds a person to a household; commune and neighbourhood come from the household.</summary>
[Authorize(Policy = Policies.ManagePopulation)]
public sealed class NewModel(AppDbContext db, TimeProvider clock, PersonalDataProtector protector, IStringLocalizer<SharedResource> l)
    : PageModel, IResidentForm
{
    [BindProperty]
    public ResidentInput Input { get; set; } = new();

    public Household Household { get; private set; } = null!;
    public string MaskedCitizenId => "";
    public DateTime? ConsentAtUtc => null;
    public string? ConsentNote => null;

    public async Task<IActionResult> OnGetAsync(Guid id)
    {
        if (!await LoadAsync(id))
        {
            return NotFound();
        }
        Input.Relation = Household.HeadResidentId is null ? RelationToHead.Head : null;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(Guid id)
    {
        if (!await LoadAsync(id))
        {
            return NotFound();
        }
        var (errors, checkedInput) = await ResidentRules.CheckAsync(db, l, protector, clock.Today(), Input, Household, null);
        foreach (var error in errors)
        {
            ModelState.AddModelError("Input." + error.Field, error.Message);
        }
        if (!ModelState.IsValid || checkedInput is null)
        {
            return Page();
        }
        var now = clock.GetUtcNow().UtcDateTime;
        var resident = new Resident
        {
            CommuneId = Household.CommuneId,
            HouseholdId = Household.Id,
            NeighbourhoodId = Household.NeighbourhoodId,
            FullName = Input.FullName!,
            CreatedAtUtc = now,
        };
        ResidentRules.Apply(Input, checkedInput, resident, Household, protector, now);
        db.Residents.Add(resident);
        await PopulationQueries.RefreshHouseholdSearchTextAsync(db, Household);
        Household.UpdatedAtUtc = now;
        await db.SaveChangesAsync();
        TempData["Flash"] = l["Đã thêm {0} vào hộ {1}.", resident.FullName, Household.Code].Value;
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
        return true;
    }
}
