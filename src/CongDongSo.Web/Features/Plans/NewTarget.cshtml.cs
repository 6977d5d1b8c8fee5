using CongDongSo.Web.Data;
using CongDongSo.Web.Infrastructure.Auth;
using CongDongSo.Web.Infrastructure.Localization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace CongDongSo.Web.Features.Plans;

/// <summary>Adds a target of the ward's own to a plan ("at least 35,4 % of adults with a digital signature by 31/12").</summary>
[Authorize(Policy = Policies.ManagePlans)]
public sealed class NewTargetModel(AppDbContext db, IStringLocalizer<SharedResource> l) : PageModel
{
    [BindProperty]
    public TargetInput Input { get; set; } = new();

    public Data.Plan Plan { get; private set; } = null!;
    public List<Indicator> Indicators { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(Guid id)
    {
        if (!await LoadAsync(id))
        {
            return NotFound();
        }
        Input.Deadline = new DateOnly(Plan.Year, 12, 31);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(Guid id, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(id))
        {
            return NotFound();
        }
        var target = new PlanTarget { CommuneId = Plan.CommuneId, PlanId = Plan.Id };
        foreach (var error in await TargetRules.CheckAsync(db, Plan, Input, target, l))
        {
            ModelState.AddModelError("Input." + error.Field, error.Message);
        }
        if (!ModelState.IsValid)
        {
            return Page();
        }
        target.SortOrder = (await db.PlanTargets.Where(t => t.PlanId == Plan.Id).MaxAsync(t => (int?)t.SortOrder, cancellationToken) ?? 0) + 10;
        db.PlanTargets.Add(target);
        await db.SaveChangesAsync(cancellationToken);
        TempData["Flash"] = l["Đã thêm chỉ tiêu."].Value;
        return Redirect($"/plans/{Plan.Id}");
    }

    private async Task<bool> LoadAsync(Guid id)
    {
        var plan = await db.Plans.AsNoTracking().FirstOrDefaultAsync(p => p.Id == id);
        if (plan is null)
        {
            return false;
        }
        Plan = plan;
        Indicators = await IndicatorQueries.ChoicesAsync(db, plan.CommuneId);
        return true;
    }
}
