using System.Globalization;
using CongDongSo.Web.Data;
using CongDongSo.Web.Infrastructure.Auth;
using CongDongSo.Web.Infrastructure.Exports;
using CongDongSo.Web.Infrastructure.Localization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace CongDongSo.Web.Features.Plans;

/// <summary>
/// One target: its trend as a chart with the same figures in a table, the breakdown by neighbourhood
/// (sortable, status in colour and in words), the periods of a per-period minimum; the officer edits
/// or removes it here.
/// </summary>
[Authorize(Policy = Policies.ViewPlans)]
public sealed class TargetModel(AppDbContext db, TimeProvider clock, IStringLocalizer<SharedResource> l) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public DateOnly? At { get; set; }

    /// <summary>"name", "value" or "status".</summary>
    [BindProperty(SupportsGet = true)]
    public string? Sort { get; set; }

    [BindProperty]
    public TargetInput Input { get; set; } = new();

    public Data.Plan Plan { get; private set; } = null!;
    public DateOnly Day { get; private set; }
    public TargetResult Result { get; private set; } = null!;
    public IndicatorFormula Formula { get; private set; } = null!;
    public List<Indicator> Indicators { get; private set; } = [];
    public bool Manages => db.Scope.Role is { } role && Policies.Allows(Policies.ManagePlans, role);

    public IEnumerable<NeighbourhoodResult> SortedNeighbourhoods => Sort switch
    {
        "value" => Result.Neighbourhoods.OrderBy(n => n.Value ?? decimal.MinValue),
        "status" => Result.Neighbourhoods.OrderByDescending(n => n.Status).ThenBy(n => n.Value ?? decimal.MinValue),
        _ => Result.Neighbourhoods,
    };

    public async Task<IActionResult> OnGetAsync(Guid id, Guid targetId, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(id, targetId, cancellationToken))
        {
            return NotFound();
        }
        Input = TargetInput.From(Result.Target);
        return Page();
    }

    public async Task<IActionResult> OnGetXlsxAsync(Guid id, Guid targetId, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(id, targetId, cancellationToken))
        {
            return NotFound();
        }
        string[] header = [l["Tổ dân phố, thôn"], l["Tử số"], l["Mẫu số"], l["Thực hiện"], l["Đạt"], l["Tình trạng"]];
        var rows = SortedNeighbourhoods.Select(n => (IReadOnlyList<object?>)[n.Name, n.Figure.Missing ? null : n.Figure.Numerator,
            n.Figure.Missing ? null : n.Figure.Denominator, n.Value, n.Meets ? l["Đạt"].Value : l["Chưa đạt"].Value, l[PlanQueries.StatusText(n.Status)].Value]).ToList();
        return File(XlsxWriter.Write(l["Theo tổ dân phố"], header, rows), XlsxWriter.ContentType,
            $"chi-tieu-{Result.Indicator.Code}-{Day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}.xlsx");
    }

    public async Task<IActionResult> OnPostSaveAsync(Guid id, Guid targetId, CancellationToken cancellationToken)
    {
        if (!Manages)
        {
            return Forbid();
        }
        var target = await db.PlanTargets.FirstOrDefaultAsync(t => t.Id == targetId && t.PlanId == id, cancellationToken);
        var plan = await db.Plans.AsNoTracking().FirstOrDefaultAsync(p => p.Id == id, cancellationToken);
        if (target is null || plan is null)
        {
            return NotFound();
        }
        foreach (var error in await TargetRules.CheckAsync(db, plan, Input, target, l))
        {
            ModelState.AddModelError("Input." + error.Field, error.Message);
        }
        if (!ModelState.IsValid)
        {
            db.ChangeTracker.Clear();
            await LoadAsync(id, targetId, cancellationToken);
            return Page();
        }
        await db.SaveChangesAsync(cancellationToken);
        TempData["Flash"] = l["Đã lưu chỉ tiêu."].Value;
        return Redirect($"/plans/{id}/targets/{targetId}");
    }

    public async Task<IActionResult> OnPostDeleteAsync(Guid id, Guid targetId, CancellationToken cancellationToken)
    {
        if (!Manages)
        {
            return Forbid();
        }
        var target = await db.PlanTargets.FirstOrDefaultAsync(t => t.Id == targetId && t.PlanId == id, cancellationToken);
        if (target is null)
        {
            return NotFound();
        }
        db.PlanTargets.Remove(target);
        await db.SaveChangesAsync(cancellationToken);
        TempData["Flash"] = l["Đã xóa chỉ tiêu."].Value;
        return Redirect($"/plans/{id}");
    }

    private async Task<bool> LoadAsync(Guid id, Guid targetId, CancellationToken cancellationToken)
    {
        var plan = await db.Plans.AsNoTracking().FirstOrDefaultAsync(p => p.Id == id, cancellationToken);
        if (plan is null)
        {
            return false;
        }
        Plan = plan;
        Day = PlanQueries.EvaluationDay(plan.Year, At is { Year: >= 2000 and <= 2100 } at ? at : null, clock.Today());
        var result = (await PlanQueries.EvaluateAsync(db, plan, Day, clock.GetUtcNow().UtcDateTime, targetId, cancellationToken)).FirstOrDefault();
        if (result is null)
        {
            return false;
        }
        Result = result;
        Formula = IndicatorFormula.Parse(result.Indicator.FormulaJson);
        if (Manages)
        {
            Indicators = await IndicatorQueries.ChoicesAsync(db, plan.CommuneId);
        }
        return true;
    }
}
