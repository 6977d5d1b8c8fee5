using System.Globalization;
using System.Text;
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
/// A plan's dashboard: every target with its figure today (or at a chosen date), the gap, a trend,
/// a projection and a status by the rule written on the page; then the tasks (overdue ones stand
/// out), the recurring models and the reporting deadlines. Figures come from the records as they
/// are at this moment: nothing is batched.
/// </summary>
[Authorize(Policy = Policies.ViewPlans)]
public sealed class DetailModel(AppDbContext db, TimeProvider clock, IStringLocalizer<SharedResource> l) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public DateOnly? At { get; set; }

    public Data.Plan Plan { get; private set; } = null!;
    public DateOnly Day { get; private set; }
    public DateOnly Today { get; private set; }
    public List<TargetResult> Results { get; private set; } = [];
    public List<PlanTask> Tasks { get; private set; } = [];
    public Dictionary<Guid, int> EvidenceCounts { get; private set; } = [];
    public List<(PlanModel Model, string Name)> Models { get; private set; } = [];
    public List<PlanReporting> Reporting { get; private set; } = [];
    public string? NeighbourhoodName { get; private set; }
    public bool Manages => db.Scope.Role is { } role && Policies.Allows(Policies.ManagePlans, role);

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(id, cancellationToken))
        {
            return NotFound();
        }
        return Page();
    }

    /// <summary>The plan as its JSON file (plan.schema.json).</summary>
    public async Task<IActionResult> OnGetExportAsync(Guid id, CancellationToken cancellationToken)
    {
        var plan = await db.Plans.AsNoTracking().FirstOrDefaultAsync(p => p.Id == id, cancellationToken);
        if (plan is null)
        {
            return NotFound();
        }
        var file = await PlanImport.ExportAsync(db, id, cancellationToken);
        return File(Encoding.UTF8.GetBytes(file.ToJson()), "application/json", $"ke-hoach-{plan.Year}.json");
    }

    /// <summary>The targets table as a sheet: numbers as numbers.</summary>
    public async Task<IActionResult> OnGetXlsxAsync(Guid id, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(id, cancellationToken))
        {
            return NotFound();
        }
        string[] header = [l["Mã"], l["Chỉ tiêu"], l["Chỉ số"], l["So sánh"], l["Giá trị chỉ tiêu"], l["Đơn vị"], l["Hạn"], l["Phạm vi"],
            l["Thực hiện"], l["Còn thiếu"], l["Dự báo đến hạn"], l["Tình trạng"], l["Số tổ dân phố đạt"]];
        var rows = Results.Select(r => (IReadOnlyList<object?>)[r.Target.Code, r.Target.Text ?? r.Indicator.Name, r.Indicator.Code, Spelling.Sign(r.Target.Comparator), r.Target.Value,
            r.Unit == ValueUnit.Percent ? "%" : l["Số lượng"].Value, r.Target.Deadline.ToDateTime(TimeOnly.MinValue),
            r.Target.Scope == TargetScope.EachNeighbourhood ? l["Từng tổ dân phố, thôn"].Value : l["Toàn phường, xã"].Value,
            r.Actual, r.Gap, r.Projection, l[PlanQueries.StatusText(r.Status)].Value,
            r.Target.Scope == TargetScope.EachNeighbourhood ? r.NeighbourhoodsMeeting : null]).ToList();
        return File(XlsxWriter.Write(l["Chỉ tiêu"], header, rows), XlsxWriter.ContentType,
            $"chi-tieu-{Plan.Year}-{Day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}.xlsx");
    }

    private async Task<bool> LoadAsync(Guid id, CancellationToken cancellationToken)
    {
        var plan = await db.Plans.AsNoTracking().FirstOrDefaultAsync(p => p.Id == id, cancellationToken);
        if (plan is null)
        {
            return false;
        }
        Plan = plan;
        Today = clock.Today();
        Day = PlanQueries.EvaluationDay(plan.Year, At is { Year: >= 2000 and <= 2100 } at ? at : null, Today);
        Results = await PlanQueries.EvaluateAsync(db, plan, Day, clock.GetUtcNow().UtcDateTime, cancellationToken: cancellationToken);
        Tasks = await db.PlanTasks.AsNoTracking().Where(t => t.PlanId == id).OrderBy(t => t.SortOrder).ToListAsync(cancellationToken);
        var taskIds = Tasks.Select(t => t.Id).ToArray();
        EvidenceCounts = await db.TaskEvidence.Where(e => e.CommuneId == plan.CommuneId && taskIds.Contains(e.TaskId)).GroupBy(e => e.TaskId)
            .Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Key, g => g.Count, cancellationToken);
        Models = [.. (await db.PlanModels.AsNoTracking().Where(m => m.PlanId == id)
                .Join(db.CommunityModels, m => m.ModelId, c => c.Id, (m, c) => new { m, c.Name }).ToListAsync(cancellationToken))
            .Select(x => (x.m, x.Name))];
        Reporting = await db.PlanReportingRules.AsNoTracking().Where(r => r.PlanId == id).ToListAsync(cancellationToken);
        if (db.Scope.NeighbourhoodId is { } mine)
        {
            NeighbourhoodName = await db.Neighbourhoods.Where(n => n.Id == mine).Select(n => n.Name).FirstOrDefaultAsync(cancellationToken);
        }
        return true;
    }

    public bool IsOverdue(PlanTask task) => task.Status != PlanTaskStatus.Done && task.Deadline is { } due && due < Today;
}
