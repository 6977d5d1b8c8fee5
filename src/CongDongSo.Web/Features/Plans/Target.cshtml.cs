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
    /// <summary>The neighbourhood values as the form shows them.</summary>
    public Dictionary<Guid, string?> ShareInput { get; private set; } = [];
    public List<string> ShareErrors { get; private set; } = [];
    /// <summary>For a target handed down by the province: the province's target and figure.</summary>
    public ProvinceTargetResult? Province { get; private set; }
    public ProvincePlan? ProvincePlan { get; private set; }
    /// <summary>The teams working each neighbourhood, for the ranking.</summary>
    public Dictionary<Guid, string> Teams { get; private set; } = [];
    /// <summary>Whether the indicator counts people or households, so that who is missing can be listed.</summary>
    public bool ListsMissing => Formula.Kind is FormulaKind.Residents or FormulaKind.Households;

    public IEnumerable<NeighbourhoodResult> SortedNeighbourhoods => Sort switch
    {
        "value" => Result.Neighbourhoods.OrderBy(n => n.Value ?? decimal.MinValue),
        "best" => Result.Neighbourhoods.OrderByDescending(n => n.Value ?? decimal.MinValue),
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
        if (target.ParentTargetId is not null)
        {
            foreach (var field in new[] { nameof(Input.IndicatorId), nameof(Input.Comparator), nameof(Input.Value), nameof(Input.Deadline) })
            {
                ModelState.Remove("Input." + field);
            }
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

    /// <summary>The values handed to each neighbourhood ("Shares[{id}]"; blank: the ward's value).</summary>
    public async Task<IActionResult> OnPostSharesAsync(Guid id, Guid targetId, [FromForm] Dictionary<Guid, string?> shares, CancellationToken cancellationToken)
    {
        if (!Manages)
        {
            return Forbid();
        }
        var target = await db.PlanTargets.Include(t => t.Indicator).Include(t => t.Shares).FirstOrDefaultAsync(t => t.Id == targetId && t.PlanId == id, cancellationToken);
        if (target is null)
        {
            return NotFound();
        }
        shares ??= []; // nothing posted binds no dictionary
        var neighbourhoods = await db.Neighbourhoods.AsNoTracking().Where(n => n.CommuneId == target.CommuneId).Select(n => new { n.Id, n.Name }).ToListAsync(cancellationToken);
        var unit = IndicatorFormula.Parse(target.Indicator!.FormulaJson).Unit;
        var wanted = new Dictionary<Guid, decimal>();
        foreach (var n in neighbourhoods)
        {
            var text = shares.GetValueOrDefault(n.Id);
            if (string.IsNullOrWhiteSpace(text))
            {
                continue;
            }
            if (TargetRules.ParseNumber(text) is not { } value || TargetRules.ValueError(value, unit, l) is not null)
            {
                ShareErrors.Add(l["{0}: giá trị giao phải là một số (tỷ lệ từ 0 đến 100 %).", n.Name]);
                continue;
            }
            wanted[n.Id] = value;
        }
        if (ShareErrors.Count > 0)
        {
            // The target's own form is not part of this post: its fields are not checked here.
            ModelState.Clear();
            db.ChangeTracker.Clear();
            await LoadAsync(id, targetId, cancellationToken);
            Input = TargetInput.From(Result.Target);
            ShareInput = shares;
            return Page();
        }
        foreach (var share in target.Shares.Where(s => !wanted.ContainsKey(s.NeighbourhoodId)).ToList())
        {
            db.PlanTargetShares.Remove(share);
        }
        foreach (var (neighbourhood, value) in wanted)
        {
            if (target.Shares.FirstOrDefault(s => s.NeighbourhoodId == neighbourhood) is { } share)
            {
                share.Value = value;
            }
            else
            {
                db.PlanTargetShares.Add(new PlanTargetShare { CommuneId = target.CommuneId, TargetId = target.Id, NeighbourhoodId = neighbourhood, Value = value });
            }
        }
        await db.SaveChangesAsync(cancellationToken);
        TempData["Flash"] = l["Đã lưu chỉ tiêu giao cho {0} tổ dân phố, thôn.", wanted.Count].Value;
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
        if (target.ParentTargetId is not null)
        {
            TempData["Flash"] = l["Chỉ tiêu do cấp tỉnh giao: chỉ cấp tỉnh bỏ được."].Value;
            return Redirect($"/plans/{id}/targets/{targetId}");
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
        Teams = (await db.Teams.AsNoTracking().Where(t => t.CommuneId == plan.CommuneId && t.DissolvedOn == null).Select(t => new { t.NeighbourhoodId, t.Name }).ToListAsync(cancellationToken))
            .GroupBy(t => t.NeighbourhoodId).ToDictionary(g => g.Key, g => string.Join(", ", g.Select(t => t.Name).Order(StringComparer.Ordinal)));
        ShareInput = result.Neighbourhoods.Where(n => n.Allocated).ToDictionary(n => n.Id, n => (string?)n.Share.ToString("0.####", CultureInfo.CurrentCulture));
        if (result.Target.ParentTargetId is { } parent
            && await db.ProvinceTargets.AsNoTracking().Where(t => t.Id == parent)
                .Join(db.ProvincePlans, t => t.PlanId, p => p.Id, (t, p) => p).FirstOrDefaultAsync(cancellationToken) is { } provincePlan)
        {
            // The roll-up: the province's figure on the same target, from every commune's counts (aggregates only).
            var communes = await ProvincePlanning.CommunesAsync(db, provincePlan.ProvinceId, provincePlan.Year, cancellationToken);
            Province = (await ProvincePlanning.EvaluateAsync(db, provincePlan, communes, Day, clock.GetUtcNow().UtcDateTime, parent, cancellationToken)).FirstOrDefault();
            ProvincePlan = provincePlan;
        }
        if (Manages)
        {
            Indicators = await IndicatorQueries.ChoicesAsync(db, plan.CommuneId);
        }
        return true;
    }
}
