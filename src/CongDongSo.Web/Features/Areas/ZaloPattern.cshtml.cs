using System.ComponentModel.DataAnnotations;
using CongDongSo.Web.Data;
using CongDongSo.Web.Infrastructure.Auth;
using CongDongSo.Web.Infrastructure.Localization;
using CongDongSo.Web.Infrastructure.Text;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace CongDongSo.Web.Features.Areas;

/// <summary>The ward's rule for naming team Zalo groups (used to suggest each team's group name).</summary>
[Authorize(Policy = Policies.ManageArea)]
public sealed class ZaloPatternModel(AppDbContext db, IStringLocalizer<SharedResource> l) : PageModel
{
    [BindProperty]
    public ZaloPatternInput Input { get; set; } = new();

    public int CommuneId { get; private set; }
    public string CommuneName { get; private set; } = "";
    public string? Example { get; private set; }

    public async Task<IActionResult> OnGetAsync(int id)
    {
        var commune = await db.Communes.FirstOrDefaultAsync(c => c.Id == id);
        if (commune is null)
        {
            return NotFound();
        }
        Show(commune);
        Input.Pattern = commune.ZaloGroupNamePattern;
        Example = await ExampleAsync(commune, commune.ZaloGroupNamePattern);
        return Page();
    }

    /// <summary>The live example under the field (htmx); an HTML fragment, encoded by Razor.</summary>
    public async Task<IActionResult> OnGetPreviewAsync(int id, [FromQuery(Name = "Input.Pattern")] string? pattern)
    {
        var commune = await db.Communes.AsNoTracking().FirstOrDefaultAsync(c => c.Id == id);
        if (commune is null)
        {
            return NotFound();
        }
        var clean = VietnameseText.Clean(pattern);
        var error = clean is null ? null : Validate(clean);
        return Partial("_ZaloExample", new ZaloExampleView(
            clean is null || error is not null ? null : await ExampleAsync(commune, clean),
            clean is null ? l["Vui lòng nhập mẫu tên nhóm Zalo."] : error));
    }

    public async Task<IActionResult> OnPostAsync(int id)
    {
        var commune = await db.Communes.FirstOrDefaultAsync(c => c.Id == id);
        if (commune is null)
        {
            return NotFound();
        }
        Show(commune);
        var pattern = VietnameseText.Clean(Input.Pattern);
        if (pattern is not null && Validate(pattern) is { } error)
        {
            ModelState.AddModelError("Input.Pattern", error);
        }
        if (!ModelState.IsValid || pattern is null)
        {
            return Page();
        }
        commune.ZaloGroupNamePattern = pattern;
        await db.SaveChangesAsync();
        TempData["Flash"] = l["Đã lưu mẫu tên nhóm Zalo. Ví dụ: {0}", await ExampleAsync(commune, pattern)].Value;
        return Redirect($"/areas/communes/{id}");
    }

    private string? Validate(string pattern)
    {
        var (unknown, paired) = ZaloGroupName.Check(pattern);
        if (unknown.Length > 0)
        {
            return l["Mẫu tên nhóm Zalo có chỗ trống không dùng được: {0}. Chỉ dùng {1}.", string.Join(", ", unknown), string.Join(", ", ZaloGroupName.Placeholders)].Value;
        }
        return paired ? null : l["Mẫu tên nhóm Zalo có dấu ngoặc { } không khớp."].Value;
    }

    private async Task<string> ExampleAsync(Commune commune, string pattern)
    {
        var first = (await db.Neighbourhoods.Where(n => n.CommuneId == commune.Id && n.EffectiveTo == null)
                .Select(n => n.Name).ToListAsync())
            .Order(NaturalOrder.Comparer).FirstOrDefault();
        return CommuneModel.Example(pattern, commune.Name, first);
    }

    private void Show(Commune commune)
    {
        CommuneId = commune.Id;
        CommuneName = commune.Name;
    }
}

public sealed class ZaloPatternInput
{
    [Required(ErrorMessage = "Vui lòng nhập mẫu tên nhóm Zalo.")]
    [StringLength(ZaloGroupName.MaxLength, ErrorMessage = "Mẫu tên nhóm Zalo dài tối đa 200 ký tự.")]
    [Display(Name = "Mẫu tên nhóm Zalo")]
    public string? Pattern { get; set; }
}

public sealed record ZaloExampleView(string? Example, string? Error);
