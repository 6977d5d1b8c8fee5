using System.Globalization;
using CongDongSo.Web.Data;
using CongDongSo.Web.Features.Plans;
using CongDongSo.Web.Infrastructure.Auth;
using CongDongSo.Web.Infrastructure.Exports;
using CongDongSo.Web.Infrastructure.Localization;
using CongDongSo.Web.Infrastructure.Text;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace CongDongSo.Web.Features.ProvincePlans;

/// <summary>A commune's line of the comparison: its share and figure on every target of the province plan.</summary>
public sealed record CommuneRow(int Id, string Name, IReadOnlyList<CommuneShare> Cells)
{
    public int Meeting => Cells.Count(c => c.Meets);
}

/// <summary>
/// A province plan: its targets with the province's figure (the communes' counts summed), the hand-down
/// to the communes, and the communes compared on the same targets (sort, filter, download). Figures
/// only: nothing here names a person.
/// </summary>
[Authorize(Policy = Policies.ManageProvincePlans)]
public sealed class PlanModel(AppDbContext db, TimeProvider clock, IStringLocalizer<SharedResource> l) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public DateOnly? At { get; set; }

    /// <summary>"name", or "t{n}": the n-th target's figure, lowest first.</summary>
    [BindProperty(SupportsGet = true)]
    public string? Sort { get; set; }

    /// <summary>Part of a commune's name (with or without diacritics).</summary>
    [BindProperty(SupportsGet = true)]
    public string? Q { get; set; }

    /// <summary>Only communes that miss at least one of their shares.</summary>
    [BindProperty(SupportsGet = true)]
    public bool Behind { get; set; }

    public ProvincePlan Plan { get; private set; } = null!;
    public string ProvinceName { get; private set; } = "";
    public DateOnly Day { get; private set; }
    public List<Commune> Communes { get; private set; } = [];
    public List<ProvinceTargetResult> Results { get; private set; } = [];
    public List<CommuneRow> Rows { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken cancellationToken) =>
        await LoadAsync(id, cancellationToken) ? Page() : NotFound();

    /// <summary>The comparison as a sheet, as filtered and sorted on the page: numbers as numbers.</summary>
    public async Task<IActionResult> OnGetXlsxAsync(Guid id, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(id, cancellationToken))
        {
            return NotFound();
        }
        var header = new List<string> { l["Phường, xã"] };
        foreach (var r in Results)
        {
            var name = r.Target.Code ?? r.Indicator.Code;
            header.AddRange([$"{name}: {l["Chỉ tiêu giao"]}", $"{name}: {l["Thực hiện"]}", $"{name}: {l["Tình trạng"]}"]);
        }
        header.Add(l["Số chỉ tiêu đạt"]);
        var rows = Rows.Select(row =>
        {
            var cells = new List<object?> { row.Name };
            foreach (var c in row.Cells)
            {
                cells.AddRange([c.Share, c.Value, l[PlanQueries.StatusText(c.Status)].Value]);
            }
            cells.Add(row.Meeting);
            return (IReadOnlyList<object?>)cells;
        }).ToList();
        return File(XlsxWriter.Write(l["So sánh phường, xã"], header, rows), XlsxWriter.ContentType,
            $"so-sanh-phuong-xa-{Plan.Year}-{Day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}.xlsx");
    }

    public async Task<IActionResult> OnPostStatusAsync(Guid id, PlanStatus status, CancellationToken cancellationToken)
    {
        var plan = await db.ProvincePlans.FirstOrDefaultAsync(p => p.Id == id, cancellationToken);
        if (plan is null)
        {
            return NotFound();
        }
        if (!Enum.IsDefined(status))
        {
            TempData["Flash"] = l["Chọn tình trạng của kế hoạch."].Value;
            return Redirect($"/province/plans/{id}");
        }
        plan.Status = status;
        plan.UpdatedAtUtc = clock.GetUtcNow().UtcDateTime;
        await db.SaveChangesAsync(cancellationToken);
        TempData["Flash"] = l["Kế hoạch: {0}.", l[PlanQueries.PlanStatusText(status)]].Value;
        return Redirect($"/province/plans/{id}");
    }

    /// <summary>Hands every target down to the communes (again, after a change: the communes' copies follow).</summary>
    public async Task<IActionResult> OnPostHandDownAsync(Guid id, CancellationToken cancellationToken)
    {
        var plan = await db.ProvincePlans.Include(p => p.Targets).ThenInclude(t => t.Shares).FirstOrDefaultAsync(p => p.Id == id, cancellationToken);
        if (plan is null)
        {
            return NotFound();
        }
        if (plan.Status != PlanStatus.InForce)
        {
            TempData["Flash"] = l["Chỉ giao được chỉ tiêu của kế hoạch đang thực hiện: chuyển kế hoạch sang “Đang thực hiện” trước."].Value;
            return Redirect($"/province/plans/{id}");
        }
        if (plan.Targets.Count == 0)
        {
            TempData["Flash"] = l["Kế hoạch chưa có chỉ tiêu nào để giao."].Value;
            return Redirect($"/province/plans/{id}");
        }
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var (communes, created) = await ProvincePlanning.HandDownAsync(db, plan, clock.GetUtcNow().UtcDateTime, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        TempData["Flash"] = l["Đã giao {0} chỉ tiêu cho {1} phường, xã ({2} kế hoạch dự thảo được tạo cho nơi chưa có).", plan.Targets.Count, communes, created].Value;
        return Redirect($"/province/plans/{id}");
    }

    private async Task<bool> LoadAsync(Guid id, CancellationToken cancellationToken)
    {
        var plan = await db.ProvincePlans.AsNoTracking().FirstOrDefaultAsync(p => p.Id == id, cancellationToken);
        if (plan is null)
        {
            return false;
        }
        Plan = plan;
        ProvinceName = await db.Provinces.Where(p => p.Id == plan.ProvinceId).Select(p => p.Name).FirstAsync(cancellationToken);
        Day = PlanQueries.EvaluationDay(plan.Year, At is { Year: >= 2000 and <= 2100 } at ? at : null, clock.Today());
        Communes = await ProvincePlanning.CommunesAsync(db, plan.ProvinceId, plan.Year, cancellationToken);
        Results = await ProvincePlanning.EvaluateAsync(db, plan, Communes, Day, clock.GetUtcNow().UtcDateTime, cancellationToken: cancellationToken);
        var rows = Communes.Select((c, i) => new CommuneRow(c.Id, c.Name, [.. Results.Select(r => r.Communes[i])]));
        if (VietnameseText.Fold(Q) is { Length: > 0 } q)
        {
            rows = rows.Where(r => VietnameseText.Fold(r.Name).Contains(q, StringComparison.Ordinal));
        }
        if (Behind)
        {
            rows = rows.Where(r => r.Meeting < r.Cells.Count);
        }
        if (Sort is ['t', .. var n] && int.TryParse(n, NumberStyles.None, CultureInfo.InvariantCulture, out var index) && index >= 1 && index <= Results.Count)
        {
            rows = rows.OrderBy(r => r.Cells[index - 1].Value ?? decimal.MinValue).ThenBy(r => r.Name, StringComparer.Ordinal);
        }
        Rows = [.. rows];
        return true;
    }
}
