using CongDongSo.Web.Data;
using CongDongSo.Web.Infrastructure.Auth;
using CongDongSo.Web.Infrastructure.Localization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace CongDongSo.Web.Features.Reports;

/// <summary>
/// A plan's reporting calendar: each rule's periods of the plan's year with the window of their
/// figures and their due date (flagged on a weekend or a holiday, or moved to the working day before);
/// the plan's managers add, change and remove rules here.
/// </summary>
[Authorize(Policy = Policies.ViewPlans)]
public sealed class CalendarModel(AppDbContext db, IStringLocalizer<SharedResource> l) : PageModel
{
    [BindProperty]
    public ReportingInput Input { get; set; } = new();

    public Data.Plan Plan { get; private set; } = null!;
    public List<(PlanReporting Rule, List<ReportingPeriod> Periods)> Rules { get; private set; } = [];
    /// <summary>The rule being changed in the form; null: the form adds one.</summary>
    public Guid? Editing { get; private set; }
    public bool Manages => db.Scope.Role is { } role && Policies.Allows(Policies.ManagePlans, role);

    public async Task<IActionResult> OnGetAsync(Guid id, Guid? edit, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(id, cancellationToken))
        {
            return NotFound();
        }
        if (edit is { } ruleId && Manages && Rules.FirstOrDefault(r => r.Rule.Id == ruleId).Rule is { } rule)
        {
            Editing = ruleId;
            Input = ReportingInput.From(rule);
        }
        return Page();
    }

    public async Task<IActionResult> OnPostSaveAsync(Guid id, Guid? ruleId, CancellationToken cancellationToken)
    {
        if (!Manages)
        {
            return Forbid();
        }
        if (!await LoadAsync(id, cancellationToken))
        {
            return NotFound();
        }
        var rule = ruleId is null ? null : await db.PlanReportingRules.FirstOrDefaultAsync(r => r.PlanId == id && r.Id == ruleId, cancellationToken);
        if (ruleId is not null && rule is null)
        {
            return NotFound();
        }
        Editing = ruleId;
        foreach (var (field, message) in ReportingRules.Check(Input, l))
        {
            ModelState.AddModelError("Input." + field, message);
        }
        if (!ModelState.IsValid)
        {
            return Page();
        }
        if (rule is null)
        {
            rule = new PlanReporting { CommuneId = Plan.CommuneId, PlanId = Plan.Id, Name = "" };
            db.PlanReportingRules.Add(rule);
        }
        ReportingRules.Apply(Input, rule);
        await db.SaveChangesAsync(cancellationToken);
        TempData["Flash"] = (ruleId is null ? l["Đã thêm chế độ báo cáo."] : l["Đã lưu chế độ báo cáo."]).Value;
        return Redirect($"/plans/{id}/reporting");
    }

    public async Task<IActionResult> OnPostDeleteAsync(Guid id, Guid ruleId, CancellationToken cancellationToken)
    {
        if (!Manages)
        {
            return Forbid();
        }
        var rule = await db.PlanReportingRules.FirstOrDefaultAsync(r => r.PlanId == id && r.Id == ruleId, cancellationToken);
        if (rule is null)
        {
            return NotFound();
        }
        db.PlanReportingRules.Remove(rule);
        await db.SaveChangesAsync(cancellationToken);
        TempData["Flash"] = l["Đã xóa chế độ báo cáo."].Value;
        return Redirect($"/plans/{id}/reporting");
    }

    private async Task<bool> LoadAsync(Guid id, CancellationToken cancellationToken)
    {
        var plan = await db.Plans.AsNoTracking().FirstOrDefaultAsync(p => p.Id == id, cancellationToken);
        if (plan is null)
        {
            return false;
        }
        Plan = plan;
        var rules = await db.PlanReportingRules.AsNoTracking().Where(r => r.PlanId == id).ToListAsync(cancellationToken);
        // A due date can fall in the next year (December's monthly report in January).
        var holidays = await ReportingRules.HolidaysAsync(db, plan.CommuneId, new DateOnly(plan.Year, 1, 1), new DateOnly(plan.Year + 1, 12, 31), cancellationToken);
        Rules = [.. rules.OrderBy(r => r.Reporter).ThenBy(r => r.Period).ThenBy(r => r.Name, StringComparer.Ordinal)
            .Select(r => (r, ReportingCalendar.Periods(r, plan.Year, holidays)))];
        return true;
    }
}
