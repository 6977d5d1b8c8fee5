using CongDongSo.Web.Data;
using CongDongSo.Web.Infrastructure.Auth;
using CongDongSo.Web.Infrastructure.Localization;
using CongDongSo.Web.Infrastructure.Web;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;

namespace CongDongSo.Web.Features.Households;

/// <summary>Adds a household to a neighbourhood of the user's area; its commune is the neighbourhood's.</summary>
[Authorize(Policy = Policies.ManagePopulation)]
public sealed class NewModel(AppDbContext db, TimeProvider clock, IStringLocalizer<SharedResource> l) : PageModel, IHouseholdForm
{
    [BindProperty]
    public HouseholdInput Input { get; set; } = new();

    /// <summary>Only for users above one ward (system admin): the commune whose neighbourhoods to offer.</summary>
    [BindProperty(SupportsGet = true)]
    public int? CommuneId { get; set; }

    public bool PicksCommune => db.Scope.HomeCommuneId is null;
    public List<Choice<int>> Communes { get; private set; } = [];
    public List<Choice<Guid>> Neighbourhoods { get; private set; } = [];

    public async Task OnGetAsync()
    {
        await LoadAsync();
        if (Neighbourhoods.Count == 1)
        {
            Input.NeighbourhoodId = Neighbourhoods[0].Value;
        }
    }

    public async Task<IActionResult> OnPostAsync()
    {
        await LoadAsync();
        var (errors, neighbourhood) = await HouseholdRules.CheckAsync(db, l, Input, null);
        foreach (var error in errors)
        {
            ModelState.AddModelError("Input." + error.Field, error.Message);
        }
        if (!ModelState.IsValid || neighbourhood is null)
        {
            return Page();
        }
        var now = clock.GetUtcNow().UtcDateTime;
        var household = new Household { CommuneId = neighbourhood.CommuneId, Code = Input.Code!, Address = Input.Address!, CreatedAtUtc = now, UpdatedAtUtc = now };
        HouseholdRules.Apply(Input, household, neighbourhood, null);
        db.Households.Add(household);
        await db.SaveChangesAsync();
        TempData["Flash"] = l["Đã thêm hộ {0}.", household.Code].Value;
        return Redirect($"/households/{household.Id}");
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
        }
    }
}

/// <summary>What the shared household fields partial needs from its page.</summary>
public interface IHouseholdForm
{
    HouseholdInput Input { get; }
    List<Choice<Guid>> Neighbourhoods { get; }
}
