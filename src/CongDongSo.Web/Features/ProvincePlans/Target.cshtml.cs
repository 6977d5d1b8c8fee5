using System.Globalization;
using CongDongSo.Web.Data;
using CongDongSo.Web.Features.Plans;
using CongDongSo.Web.Infrastructure.Auth;
using CongDongSo.Web.Infrastructure.Exports;
using CongDongSo.Web.Infrastructure.Localization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace CongDongSo.Web.Features.ProvincePlans;

/// <summary>
/// A province target, new ("new") or existing: what is measured against what by when, the value
/// allocated to each commune (blank: the province's value), and, once saved, each commune's share and
/// figure. A change reaches the communes' copies at once when the plan has been handed down.
/// </summary>
[Authorize(Policy = Policies.ManageProvincePlans)]
public sealed class TargetModel(AppDbContext db, TimeProvider clock, IStringLocalizer<SharedResource> l) : PageModel
{
    [BindProperty]
    public TargetInput Input { get; set; } = new();

    /// <summary>"value": lowest figure first; otherwise by name.</summary>
    [BindProperty(SupportsGet = true)]
    public string? Sort { get; set; }

    public ProvincePlan Plan { get; private set; } = null!;
    public ProvinceTarget? Target { get; private set; }
    public ProvinceTargetResult? Result { get; private set; }
    public List<Commune> Communes { get; private set; } = [];
    public List<Indicator> Indicators { get; private set; } = [];
    public Dictionary<int, string?> ShareInput { get; private set; } = [];
    public List<string> ShareErrors { get; private set; } = [];
    public DateOnly Day { get; private set; }

    public IEnumerable<CommuneShare> SortedCommunes => Result is null ? []
        : Sort == "value" ? Result.Communes.OrderBy(c => c.Value ?? decimal.MinValue) : Result.Communes;

    public async Task<IActionResult> OnGetAsync(Guid id, string targetId, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(id, targetId, cancellationToken))
        {
            return NotFound();
        }
        if (Target is { } t)
        {
            Input = new TargetInput { Code = t.Code, Text = t.Text, IndicatorId = t.IndicatorId, Comparator = t.Comparator, Value = t.Value.ToString("0.####", CultureInfo.CurrentCulture), Deadline = t.Deadline };
        }
        else
        {
            Input.Deadline = new DateOnly(Plan.Year, 12, 31);
        }
        return Page();
    }

    public async Task<IActionResult> OnGetXlsxAsync(Guid id, string targetId, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(id, targetId, cancellationToken) || Result is null)
        {
            return NotFound();
        }
        string[] header = [l["Phường, xã"], l["Chỉ tiêu giao"], l["Tử số"], l["Mẫu số"], l["Thực hiện"], l["Tình trạng"], l["Đã nhận chỉ tiêu"]];
        var rows = SortedCommunes.Select(c => (IReadOnlyList<object?>)[c.Name, c.Share, c.Figure.Missing ? null : c.Figure.Numerator, c.Figure.Missing ? null : c.Figure.Denominator,
            c.Value, l[PlanQueries.StatusText(c.Status)].Value, c.HandedDown ? l["Có"].Value : l["Chưa"].Value]).ToList();
        return File(XlsxWriter.Write(l["Phường, xã"], header, rows), XlsxWriter.ContentType,
            $"chi-tieu-tinh-{Result.Indicator.Code}-{Day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}.xlsx");
    }

    public async Task<IActionResult> OnPostSaveAsync(Guid id, string targetId, [FromForm] Dictionary<int, string?> shares, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(id, targetId, cancellationToken))
        {
            return NotFound();
        }
        shares ??= []; // nothing posted binds no dictionary
        ShareInput = shares;
        var (errors, indicator, value) = await TargetRules.CheckMeasureAsync(db, null, Plan.Year, Input, l);
        foreach (var error in errors)
        {
            ModelState.AddModelError("Input." + error.Field, error.Message);
        }
        var unit = indicator is null ? ValueUnit.Percent : IndicatorFormula.Parse(indicator.FormulaJson).Unit;
        var wanted = new Dictionary<int, decimal>();
        foreach (var commune in Communes)
        {
            if (shares.GetValueOrDefault(commune.Id) is not { } text || string.IsNullOrWhiteSpace(text))
            {
                continue;
            }
            if (TargetRules.ParseNumber(text) is { } share && TargetRules.ValueError(share, unit, l) is null)
            {
                wanted[commune.Id] = share;
            }
            else
            {
                ShareErrors.Add(l["{0}: giá trị giao phải là một số (tỷ lệ từ 0 đến 100 %).", commune.Name]);
            }
        }
        if (!ModelState.IsValid || ShareErrors.Count > 0 || indicator is null || value is null || Input.Deadline is null)
        {
            return Page();
        }
        var target = Target is null ? null : await db.ProvinceTargets.Include(t => t.Shares).FirstAsync(t => t.Id == Target.Id, cancellationToken);
        if (target is null)
        {
            target = new ProvinceTarget
            {
                PlanId = Plan.Id, ProvinceId = Plan.ProvinceId,
                SortOrder = (await db.ProvinceTargets.Where(t => t.PlanId == Plan.Id).MaxAsync(t => (int?)t.SortOrder, cancellationToken) ?? 0) + 10,
            };
            db.ProvinceTargets.Add(target);
        }
        target.Code = TargetRules.Blank(Input.Code);
        target.Text = TargetRules.Blank(Input.Text);
        target.IndicatorId = indicator.Id;
        target.Comparator = Input.Comparator;
        target.Value = value.Value;
        target.Deadline = Input.Deadline.Value;
        foreach (var share in target.Shares.Where(s => !wanted.ContainsKey(s.CommuneId)).ToList())
        {
            target.Shares.Remove(share);
        }
        foreach (var (commune, share) in wanted)
        {
            if (target.Shares.FirstOrDefault(s => s.CommuneId == commune) is { } existing)
            {
                existing.Value = share;
            }
            else
            {
                target.Shares.Add(new ProvinceTargetShare { TargetId = target.Id, CommuneId = commune, Value = share });
            }
        }
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        var handedDown = false;
        if (Plan.HandedDownAtUtc is not null && Plan.Status == PlanStatus.InForce)
        {
            // The communes already hold the plan's targets: their copies follow the change now.
            var plan = await db.ProvincePlans.Include(p => p.Targets).ThenInclude(t => t.Shares).FirstAsync(p => p.Id == Plan.Id, cancellationToken);
            await ProvincePlanning.HandDownAsync(db, plan, clock.GetUtcNow().UtcDateTime, cancellationToken);
            await db.SaveChangesAsync(cancellationToken);
            handedDown = true;
        }
        await transaction.CommitAsync(cancellationToken);
        TempData["Flash"] = (handedDown ? l["Đã lưu chỉ tiêu và cập nhật cho các phường, xã."] : l["Đã lưu chỉ tiêu."]).Value;
        return Redirect($"/province/plans/{Plan.Id}/targets/{target.Id}");
    }

    public async Task<IActionResult> OnPostDeleteAsync(Guid id, string targetId, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(id, targetId, cancellationToken) || Target is null)
        {
            return NotFound();
        }
        var target = await db.ProvinceTargets.FirstAsync(t => t.Id == Target.Id, cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        // The communes' copies go with it (their own targets stay).
        await ProvincePlanning.WithdrawAsync(db, target, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        db.ProvinceTargets.Remove(target);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        TempData["Flash"] = l["Đã xóa chỉ tiêu (và bản giao cho các phường, xã)."].Value;
        return Redirect($"/province/plans/{Plan.Id}");
    }

    private async Task<bool> LoadAsync(Guid id, string targetId, CancellationToken cancellationToken)
    {
        var plan = await db.ProvincePlans.AsNoTracking().FirstOrDefaultAsync(p => p.Id == id, cancellationToken);
        if (plan is null)
        {
            return false;
        }
        Plan = plan;
        if (targetId != "new")
        {
            if (!Guid.TryParse(targetId, out var tid)
                || await db.ProvinceTargets.AsNoTracking().Include(t => t.Indicator).Include(t => t.Shares).FirstOrDefaultAsync(t => t.Id == tid && t.PlanId == id, cancellationToken) is not { } target)
            {
                return false;
            }
            Target = target;
        }
        Day = PlanQueries.EvaluationDay(plan.Year, null, clock.Today());
        Communes = await ProvincePlanning.CommunesAsync(db, plan.ProvinceId, plan.Year, cancellationToken);
        Indicators = [.. (await IndicatorQueries.ChoicesAsync(db, -1)).Where(i => i.CommuneId is null)];
        if (Target is not null)
        {
            ShareInput = Target.Shares.ToDictionary(s => s.CommuneId, s => (string?)s.Value.ToString("0.####", CultureInfo.CurrentCulture));
            Result = (await ProvincePlanning.EvaluateAsync(db, plan, Communes, Day, clock.GetUtcNow().UtcDateTime, Target.Id, cancellationToken)).FirstOrDefault();
        }
        return true;
    }
}
