using System.ComponentModel.DataAnnotations;
using System.Globalization;
using CongDongSo.Web.Data;
using CongDongSo.Web.Infrastructure.Auth;
using CongDongSo.Web.Infrastructure.Imports;
using CongDongSo.Web.Infrastructure.Localization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;

namespace CongDongSo.Web.Features.Areas;

/// <summary>Upload of the statistics office's list of provinces and communes: a dry run first, then the real run.</summary>
[Authorize(Policy = Policies.ManageAdminUnits)]
[RequestFormLimits(MultipartBodyLengthLimit = Upload.RequestLimit)]
[RequestSizeLimit(Upload.RequestLimit)]
public sealed class ImportModel(AppDbContext db, TimeProvider clock, IStringLocalizer<SharedResource> l) : PageModel
{
    [BindProperty]
    public AdminUnitImportInput Input { get; set; } = new();

    public AdminUnitImportResult? Result { get; private set; }

    public void OnGet()
    {
    }

    /// <summary>The official list shipped with the product: no file to find, the same checks and dry run.</summary>
    public async Task<IActionResult> OnPostOfficialAsync()
    {
        ModelState.Remove("Input.File");
        if (!ModelState.IsValid)
        {
            return Page();
        }
        await using var content = ImportAdminUnits.OpenOfficialList();
        Result = await new ImportAdminUnits(db, clock)
            .RunAsync(content, ImportAdminUnits.OfficialList, Input.EffectiveOn!.Value, Input.DryRun, HttpContext.RequestAborted);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync()
    {
        Upload.Check(Input.File, "Input.File", ModelState, l);
        if (!ModelState.IsValid)
        {
            return Page();
        }
        await using var content = Input.File!.OpenReadStream();
        Result = await new ImportAdminUnits(db, clock)
            .RunAsync(content, Input.File.FileName, Input.EffectiveOn!.Value, Input.DryRun, HttpContext.RequestAborted);
        if (!Result.Succeeded)
        {
            // Problems with the file as a whole belong to the file field; row problems are listed below the form.
            foreach (var error in Result.Errors.Where(e => e.Row is null))
            {
                ModelState.AddModelError("Input.File", l[error.Key, error.Args]);
            }
            ModelState.AddModelError("Input.File", l["Tệp có {0} lỗi nên chưa ghi gì. Sửa tệp rồi tải lên lại.", Result.ErrorCount.ToString("N0", CultureInfo.CurrentCulture)]);
        }
        return Page();
    }
}

public sealed class AdminUnitImportInput
{
    [Required(ErrorMessage = "Vui lòng chọn tệp danh sách (.csv hoặc .xlsx).")]
    [Display(Name = "Tệp danh sách")]
    public IFormFile? File { get; set; }

    [Required(ErrorMessage = "Vui lòng nhập ngày hiệu lực.")]
    [Display(Name = "Ngày hiệu lực")]
    public DateOnly? EffectiveOn { get; set; } = ImportAdminUnits.DefaultEffectiveDate;

    /// <summary>On by default: the first upload only shows what would change.</summary>
    [Display(Name = "Chạy thử")]
    public bool DryRun { get; set; } = true;
}

/// <summary>The checks every sheet upload of the area feature passes before it is read.</summary>
public static class Upload
{
    /// <summary>The file limit plus room for the form's other fields and the multipart framing.</summary>
    public const long RequestLimit = SheetReader.MaxBytes + (64 * 1024);

    public static void Check(IFormFile? file, string field, Microsoft.AspNetCore.Mvc.ModelBinding.ModelStateDictionary modelState, IStringLocalizer<SharedResource> l)
    {
        if (file is null)
        {
            return;
        }
        if (file.Length == 0)
        {
            modelState.AddModelError(field, l["Tệp rỗng."]);
        }
        else if (file.Length > SheetReader.MaxBytes)
        {
            modelState.AddModelError(field, l["Tệp lớn hơn {0} MB.", SheetReader.MaxBytes / 1024 / 1024]);
        }
    }
}
