using CongDongSo.Web.Data;
using CongDongSo.Web.Infrastructure.Auth;
using CongDongSo.Web.Infrastructure.Localization;
using CongDongSo.Web.Infrastructure.Web;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace CongDongSo.Web.Features.Plans;

/// <summary>The ward's plans by year, and the three ways to start one: a shipped template, a copy of an earlier plan, a plan file.</summary>
[Authorize(Policy = Policies.ViewPlans)]
[RequestSizeLimit(MaxFileBytes + 64 * 1024)]
[RequestFormLimits(MultipartBodyLengthLimit = MaxFileBytes + 64 * 1024)]
public sealed class IndexModel(AppDbContext db, TimeProvider clock, IStringLocalizer<SharedResource> l) : PageModel
{
    public const int MaxFileBytes = 1024 * 1024;

    [BindProperty(SupportsGet = true)]
    public int? Commune { get; set; }

    /// <summary>"template:hoa-xuan-2026", "copy:{plan id}" or "blank".</summary>
    [BindProperty]
    public string? Source { get; set; }

    [BindProperty]
    public int? Year { get; set; }

    [BindProperty]
    public IFormFile? PlanFile { get; set; }

    public Commune? Current { get; private set; }
    public List<Choice<int>> Communes { get; private set; } = [];
    public List<Data.Plan> Plans { get; private set; } = [];
    public Dictionary<Guid, int> TargetCounts { get; private set; } = [];
    public List<PlanFileError> FileErrors { get; private set; } = [];
    public bool Manages => db.Scope.Role is { } role && Policies.Allows(Policies.ManagePlans, role);
    public IReadOnlyList<(string Code, PlanFile File)> Templates => PlanImport.Templates;

    public async Task OnGetAsync()
    {
        Year ??= clock.Today().Year;
        await LoadAsync();
    }

    public async Task<IActionResult> OnPostCreateAsync(CancellationToken cancellationToken)
    {
        if (!Manages)
        {
            return Forbid();
        }
        await LoadAsync();
        if (Current is null)
        {
            return NotFound();
        }
        if (Year is not (>= 2020 and <= 2100))
        {
            ModelState.AddModelError(nameof(Year), l["Năm kế hoạch phải từ 2020 đến 2100."]);
        }
        string? json = null;
        string? templateCode = null;
        switch (Source)
        {
            case { } s when s.StartsWith("template:", StringComparison.Ordinal):
                var template = Templates.FirstOrDefault(t => t.Code == s["template:".Length..]);
                if (template.File is null)
                {
                    ModelState.AddModelError(nameof(Source), l["Không có mẫu kế hoạch này."]);
                    break;
                }
                templateCode = template.Code;
                json = template.File.ToJson();
                break;
            case { } s when s.StartsWith("copy:", StringComparison.Ordinal) && Guid.TryParse(s["copy:".Length..], out var planId)
                && await db.Plans.AnyAsync(p => p.Id == planId && p.CommuneId == Current.Id, cancellationToken):
                json = (await PlanImport.ExportAsync(db, planId, cancellationToken)).ToJson();
                break;
            case "blank":
                break;
            default:
                ModelState.AddModelError(nameof(Source), l["Chọn cách tạo kế hoạch."]);
                break;
        }
        if (!ModelState.IsValid)
        {
            return Page();
        }
        var now = clock.GetUtcNow().UtcDateTime;
        if (json is null)
        {
            var blank = new Data.Plan
            {
                CommuneId = Current.Id, Year = Year!.Value, Title = l["Kế hoạch chuyển đổi số năm {0}", Year.Value], Issuer = Current.Name,
                CreatedAtUtc = now, UpdatedAtUtc = now,
            };
            db.Plans.Add(blank);
            await ProvincePlanning.InheritAsync(db, blank, cancellationToken);
            await db.SaveChangesAsync(cancellationToken);
            return Redirect($"/plans/{blank.Id}");
        }
        var (plan, errors) = await PlanImport.ImportAsync(db, Current.Id, json, Year, templateCode, fresh: true, l, now, cancellationToken);
        if (plan is null)
        {
            FileErrors = errors;
            return Page();
        }
        TempData["Flash"] = l["Đã tạo kế hoạch {0}: {1} chỉ tiêu, {2} nhiệm vụ. Kiểm tra và sửa cho đúng với phường, xã mình.", plan.Year, plan.Targets.Count, plan.Tasks.Count].Value;
        return Redirect($"/plans/{plan.Id}");
    }

    public async Task<IActionResult> OnPostImportAsync(CancellationToken cancellationToken)
    {
        if (!Manages)
        {
            return Forbid();
        }
        await LoadAsync();
        if (Current is null)
        {
            return NotFound();
        }
        if (PlanFile is null || PlanFile.Length == 0)
        {
            ModelState.AddModelError(nameof(PlanFile), l["Chọn tệp kế hoạch (.json)."]);
            return Page();
        }
        if (PlanFile.Length > MaxFileBytes)
        {
            ModelState.AddModelError(nameof(PlanFile), l["Tệp kế hoạch lớn hơn {0} MB.", MaxFileBytes / 1024 / 1024]);
            return Page();
        }
        string json;
        using (var reader = new StreamReader(PlanFile.OpenReadStream()))
        {
            json = await reader.ReadToEndAsync(cancellationToken);
        }
        var (plan, errors) = await PlanImport.ImportAsync(db, Current.Id, json, null, null, fresh: false, l, clock.GetUtcNow().UtcDateTime, cancellationToken);
        if (plan is null)
        {
            FileErrors = errors;
            return Page();
        }
        TempData["Flash"] = l["Đã nhập kế hoạch {0}: {1} chỉ tiêu, {2} nhiệm vụ.", plan.Year, plan.Targets.Count, plan.Tasks.Count].Value;
        return Redirect($"/plans/{plan.Id}");
    }

    /// <summary>The plan file's JSON Schema, for those who write plan files by hand or by program.</summary>
    public IActionResult OnGetSchema() => Content(PlanImport.SchemaText, "application/schema+json; charset=utf-8");

    private async Task LoadAsync()
    {
        Current = await PopulationQueries.CommuneAsync(db, Commune);
        if (db.Scope.HomeCommuneId is null)
        {
            Communes = await db.Communes.AsNoTracking().OrderBy(c => c.Name).Select(c => new Choice<int>(c.Id, c.Name)).ToListAsync();
        }
        if (Current is null)
        {
            return;
        }
        Plans = await db.Plans.AsNoTracking().Where(p => p.CommuneId == Current.Id).OrderByDescending(p => p.Year).ThenByDescending(p => p.CreatedAtUtc).ToListAsync();
        TargetCounts = await db.PlanTargets.Where(t => t.CommuneId == Current.Id).GroupBy(t => t.PlanId).Select(g => new { g.Key, Count = g.Count() })
            .ToDictionaryAsync(g => g.Key, g => g.Count);
    }
}
