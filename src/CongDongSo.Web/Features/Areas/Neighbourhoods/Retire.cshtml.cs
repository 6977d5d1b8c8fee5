using CongDongSo.Web.Data;
using CongDongSo.Web.Infrastructure.Auth;
using CongDongSo.Web.Infrastructure.Localization;
using CongDongSo.Web.Infrastructure.Text;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace CongDongSo.Web.Features.Areas.Neighbourhoods;

/// <summary>Ends a neighbourhood (never deletes it); refused while one of its teams is still active.</summary>
[Authorize(Policy = Policies.ManageArea)]
public sealed class RetireModel(AppDbContext db, TimeProvider clock, IStringLocalizer<SharedResource> l) : PageModel, IDatedChangePage
{
    [BindProperty]
    public RetireNeighbourhoodInput Input { get; set; } = new();

    DatedChangeInput IDatedChangePage.Input => Input;

    public Neighbourhood Neighbourhood { get; private set; } = null!;
    public int ActiveTeams { get; private set; }

    public async Task<IActionResult> OnGetAsync(Guid id)
    {
        if (await LoadAsync(id) is { } refused)
        {
            return refused;
        }
        Input.EffectiveOn = NeighbourhoodRules.Today(clock);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(Guid id)
    {
        if (await LoadAsync(id) is { } refused)
        {
            return refused;
        }
        var n = Neighbourhood;
        if (ActiveTeams > 0)
        {
            ModelState.AddModelError(nameof(Input), l["“{0}” còn {1} tổ CNSCĐ đang hoạt động: hãy giải thể hoặc chuyển các tổ đó trước, hoặc sáp nhập tổ dân phố này vào tổ khác.", n.Name, ActiveTeams]);
        }
        NeighbourhoodRules.CheckDate(ModelState, "Input.EffectiveOn", Input.EffectiveOn, n.EffectiveFrom, NeighbourhoodRules.Today(clock), l);
        if (!ModelState.IsValid)
        {
            return Page();
        }
        var date = Input.EffectiveOn!.Value;
        n.EffectiveTo = date;
        db.NeighbourhoodChanges.Add(NeighbourhoodRules.Change(n, NeighbourhoodChangeKind.Retired, date, clock.GetUtcNow().UtcDateTime,
            oldName: n.Name, decision: VietnameseText.Clean(Input.DecisionReference)));
        await db.SaveChangesAsync();
        TempData["Flash"] = l["Đã giải thể “{0}” từ {1}.", n.Name, date.ToString("dd/MM/yyyy", System.Globalization.CultureInfo.CurrentCulture)].Value;
        return Redirect($"/areas/communes/{n.CommuneId}");
    }

    private async Task<IActionResult?> LoadAsync(Guid id)
    {
        var n = await db.Neighbourhoods.Include(x => x.Commune).FirstOrDefaultAsync(x => x.Id == id);
        if (n is null)
        {
            return NotFound();
        }
        Neighbourhood = n;
        if (n.EffectiveTo is { } to)
        {
            TempData["Flash"] = l["“{0}” đã ngừng hoạt động từ {1}; không thay đổi được nữa.", n.Name, to.ToString("dd/MM/yyyy", System.Globalization.CultureInfo.CurrentCulture)].Value;
            return Redirect($"/areas/neighbourhoods/{id}");
        }
        ActiveTeams = await db.Teams.CountAsync(t => t.CommuneId == n.CommuneId && t.NeighbourhoodId == n.Id && t.DissolvedOn == null);
        return null;
    }
}

public sealed class RetireNeighbourhoodInput : DatedChangeInput;
