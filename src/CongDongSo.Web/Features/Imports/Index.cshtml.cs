using System.ComponentModel.DataAnnotations;
using CongDongSo.Web.Data;
using CongDongSo.Web.Infrastructure.Auth;
using CongDongSo.Web.Infrastructure.Localization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace CongDongSo.Web.Features.Imports;

/// <summary>
/// Step 1 of an import: the kind of list and the file. The commune is the ward officer's own (never
/// taken from the form); the system administrator picks one.
/// </summary>
[Authorize(Policy = Policies.ImportPopulation)]
[RequestFormLimits(MultipartBodyLengthLimit = ImportUploads.RequestLimit)]
[RequestSizeLimit(ImportUploads.RequestLimit)]
public sealed class IndexModel(AppDbContext db, IConfiguration configuration, IStringLocalizer<SharedResource> l) : PageModel
{
    [BindProperty]
    public ImportUploadInput Input { get; set; } = new();

    /// <summary>The ward officer's commune; null when the user picks one (system administrator).</summary>
    public string? HomeCommuneName { get; private set; }
    public int? ProvinceId { get; private set; }
    public List<SelectListItem> Provinces { get; private set; } = [];
    public List<SelectListItem> Communes { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(ImportKind? kind, int? provinceId, int? communeId)
    {
        Input.Kind = kind is { } k && Enum.IsDefined(k) ? k : ImportKind.Households;
        Input.CommuneId = communeId;
        return await LoadAsync(provinceId) ? Page() : NotFound();
    }

    public async Task<IActionResult> OnPostAsync()
    {
        if (!await LoadAsync(null))
        {
            return NotFound();
        }
        var communeId = db.Scope.HomeCommuneId ?? Input.CommuneId;
        if (Input.Kind is { } kind && !Enum.IsDefined(kind))
        {
            ModelState.AddModelError("Input.Kind", l["Loại danh sách không hợp lệ."]);
        }
        // Through the area-filtered set: a commune outside the user's area does not exist.
        if (communeId is null || !await db.Communes.AnyAsync(c => c.Id == communeId && c.EffectiveTo == null, HttpContext.RequestAborted))
        {
            ModelState.AddModelError("Input.CommuneId", l["Vui lòng chọn phường/xã."]);
        }
        if (Input.File is { Length: 0 })
        {
            ModelState.AddModelError("Input.File", l["Tệp rỗng."]);
        }
        else if (Input.File?.Length > ImportUploads.MaxBytes)
        {
            ModelState.AddModelError("Input.File", l["Tệp lớn hơn {0} MB.", ImportUploads.MaxBytes / 1024 / 1024]);
        }
        if (!ModelState.IsValid)
        {
            return Page();
        }
        await using var content = Input.File!.OpenReadStream();
        var (upload, error) = await new ImportUploads(configuration)
            .SaveAsync(content, Input.File.FileName, db.Scope.UserId!.Value, communeId!.Value, Input.Kind!.Value, HttpContext.RequestAborted);
        if (upload is null)
        {
            ModelState.AddModelError("Input.File", l[error!.Key, error.Args]);
            return Page();
        }
        return Redirect("/imports/map?id=" + upload.Token);
    }

    private async Task<bool> LoadAsync(int? provinceId)
    {
        if (db.Scope.HomeCommuneId is { } home)
        {
            HomeCommuneName = await db.Communes.Where(c => c.Id == home).Select(c => c.Name).FirstOrDefaultAsync(HttpContext.RequestAborted);
            return HomeCommuneName is not null;
        }
        if (Input.CommuneId is { } picked && provinceId is null)
        {
            provinceId = await db.Communes.Where(c => c.Id == picked).Select(c => (int?)c.ProvinceId).FirstOrDefaultAsync(HttpContext.RequestAborted);
        }
        ProvinceId = provinceId;
        Provinces = await db.Provinces.Where(p => p.EffectiveTo == null).OrderBy(p => p.Name)
            .Select(p => new SelectListItem(p.Name, p.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)))
            .ToListAsync(HttpContext.RequestAborted);
        // The whole country has thousands of communes: a province first.
        var communes = provinceId is null ? db.Communes.Where(c => c.Id == Input.CommuneId) : db.Communes.Where(c => c.ProvinceId == provinceId);
        Communes = await communes.Where(c => c.EffectiveTo == null).OrderBy(c => c.Name)
            .Select(c => new SelectListItem(c.Name, c.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)))
            .ToListAsync(HttpContext.RequestAborted);
        return true;
    }
}

public sealed class ImportUploadInput
{
    [Required(ErrorMessage = "Vui lòng chọn loại danh sách.")]
    [Display(Name = "Loại danh sách")]
    public ImportKind? Kind { get; set; }

    /// <summary>Read only for the system administrator; a ward officer's commune is their own.</summary>
    [Display(Name = "Phường/xã")]
    public int? CommuneId { get; set; }

    [Required(ErrorMessage = "Vui lòng chọn tệp danh sách (.csv hoặc .xlsx).")]
    [Display(Name = "Tệp danh sách")]
    public IFormFile? File { get; set; }
}
