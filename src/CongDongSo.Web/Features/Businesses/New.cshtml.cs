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

/// <summary>Adds a business in a neighbourhood of the user's area, optionally owned by one of its households.</summary>
[Authorize(Policy = Policies.ManagePopulation)]
public sealed class NewModel(AppDbContext db, TimeProvider clock, IStringLocalizer<SharedResource> l) : PageModel, IBusinessForm
{
    [BindProperty]
    public BusinessInput Input { get; set; } = new();

    /// <summary>Only for users above one ward (system admin).</summary>
    [BindProperty(SupportsGet = true)]
    public int? CommuneId { get; set; }

    public bool PicksCommune => db.Scope.HomeCommuneId is null;
    public List<Choice<int>> Communes { get; private set; } = [];
    public List<Choice<Guid>> Neighbourhoods { get; private set; } = [];
    public List<Choice<string>>? Households { get; private set; }

    /// <summary>From a household's page: that household owns it.</summary>
    public async Task<IActionResult> OnGetAsync(Guid? household)
    {
        if (household is { } householdId)
        {
            var owner = await db.Households.AsNoTracking().FirstOrDefaultAsync(h => h.Id == householdId);
            if (owner is null)
            {
                return NotFound();
            }
            CommuneId = owner.CommuneId;
            Input.OwnerHouseholdCode = owner.Code;
            Input.NeighbourhoodId = owner.NeighbourhoodId;
        }
        await LoadAsync();
        if (Neighbourhoods.Count == 1)
        {
            Input.NeighbourhoodId = Neighbourhoods[0].Value;
        }
        return Page();
    }

    public async Task<IActionResult> OnPostAsync()
    {
        await LoadAsync();
        var (errors, neighbourhood, owner) = await BusinessRules.CheckAsync(db, l, Input, null);
        foreach (var error in errors)
        {
            ModelState.AddModelError("Input." + error.Field, error.Message);
        }
        if (!ModelState.IsValid || neighbourhood is null)
        {
            return Page();
        }
        var now = clock.GetUtcNow().UtcDateTime;
        var business = new Business { CommuneId = neighbourhood.CommuneId, Name = Input.Name!, CreatedAtUtc = now, UpdatedAtUtc = now };
        BusinessRules.Apply(Input, business, neighbourhood, owner);
        db.Businesses.Add(business);
        await db.SaveChangesAsync();
        TempData["Flash"] = l["Đã thêm cơ sở {0}.", business.Name].Value;
        return Redirect($"/businesses/{business.Id}");
    }

    private async Task LoadAsync()
    {
        if (PicksCommune)
        {
            Communes = await TeamQueries.CommunesWithNeighbourhoodsAsync(db);
        }
        if (await PopulationQueries.CommuneAsync(db, CommuneId) is { } commune)
        {
            CommuneId = commune.Id;
            Neighbourhoods = await TeamQueries.NeighbourhoodsAsync(db, commune.Id);
            Households = await PopulationQueries.HouseholdChoicesAsync(db, commune.Id);
        }
    }
}
