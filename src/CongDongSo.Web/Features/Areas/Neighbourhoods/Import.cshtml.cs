using System.ComponentModel.DataAnnotations;
using System.Globalization;
using CongDongSo.Web.Data;
using CongDongSo.Web.Infrastructure.Auth;
using CongDongSo.Web.Infrastructure.Imports;
using CongDongSo.Web.Infrastructure.Localization;
using CongDongSo.Web.Infrastructure.Text;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace CongDongSo.Web.Features.Areas.Neighbourhoods;

/// <summary>
/// Creates a commune's neighbourhoods from the ward's sheet (columns Tên, Loại, Mã in any order). Names
/// already active in the commune are skipped, so importing the same sheet again changes nothing; one bad row and nothing is written.
/// </summary>
[Authorize(Policy = Policies.ManageArea)]
[RequestFormLimits(MultipartBodyLengthLimit = Upload.RequestLimit)]
[RequestSizeLimit(Upload.RequestLimit)]
public sealed class ImportModel(AppDbContext db, TimeProvider clock, IStringLocalizer<SharedResource> l) : PageModel
{
    public const string NameColumn = "Tên";
    public const string KindColumn = "Loại";
    public const string CodeColumn = "Mã";

    [BindProperty]
    public NeighbourhoodImportInput Input { get; set; } = new();

    public int CommuneId { get; private set; }
    public string CommuneName { get; private set; } = "";
    public NeighbourhoodImportResult? Result { get; private set; }

    public async Task<IActionResult> OnGetAsync(int id)
    {
        if (!await LoadAsync(id))
        {
            return NotFound();
        }
        Input.EffectiveOn = NeighbourhoodRules.Today(clock);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(int id)
    {
        if (!await LoadAsync(id))
        {
            return NotFound();
        }
        Upload.Check(Input.File, "Input.File", ModelState, l);
        NeighbourhoodRules.CheckDate(ModelState, "Input.EffectiveOn", Input.EffectiveOn, DateOnly.MinValue, NeighbourhoodRules.Today(clock), l);
        if (!ModelState.IsValid)
        {
            return Page();
        }
        var result = new NeighbourhoodImportResult { DryRun = Input.DryRun };
        List<Neighbourhood> created;
        await using (var content = Input.File!.OpenReadStream())
        {
            created = await PlanAsync(id, content, Input.EffectiveOn!.Value, result);
        }
        if (result.Succeeded && !Input.DryRun && created.Count > 0)
        {
            var now = clock.GetUtcNow().UtcDateTime;
            foreach (var n in created)
            {
                db.Neighbourhoods.Add(n);
                db.NeighbourhoodChanges.Add(NeighbourhoodRules.Change(n, NeighbourhoodChangeKind.Created, n.EffectiveFrom, now, newName: n.Name));
            }
            db.Audit(AuditAction.Import, nameof(Neighbourhood), null, id, string.Create(CultureInfo.InvariantCulture,
                $"{Path.GetFileName(Input.File.FileName)}: +{result.Created} ={result.Skipped}"));
            await db.SaveChangesAsync();
        }
        if (!result.Succeeded)
        {
            foreach (var error in result.Errors.Where(e => e.Row is null))
            {
                ModelState.AddModelError("Input.File", l[error.Key, error.Args]);
            }
            ModelState.AddModelError("Input.File", l["Tệp có {0} lỗi nên chưa ghi gì. Sửa tệp rồi tải lên lại.", result.ErrorCount.ToString("N0", CultureInfo.CurrentCulture)]);
        }
        Result = result;
        return Page();
    }

    /// <summary>Reads and checks every row; returns the neighbourhoods to create (nothing is tracked yet).</summary>
    private async Task<List<Neighbourhood>> PlanAsync(int communeId, Stream content, DateOnly effectiveOn, NeighbourhoodImportResult result)
    {
        var created = new List<Neighbourhood>();
        using var reader = SheetReader.Open(content, out var openError);
        if (reader is null)
        {
            result.AddError(openError!);
            return created;
        }
        var header = reader.Next();
        if (header is null)
        {
            result.AddError(reader.Error ?? new ImportError(null, null, "Tệp không có dữ liệu."));
            return created;
        }
        var headerErrors = new List<ImportError>();
        var map = SheetReader.MapColumns(header, [NameColumn, KindColumn, CodeColumn], headerErrors);
        if (map[NameColumn] < 0)
        {
            headerErrors.Add(new ImportError(null, NameColumn, "Tệp thiếu cột “{0}”. Cần cột {1}; các cột {2}, {3} có thể có hoặc không.", NameColumn, NameColumn, KindColumn, CodeColumn));
        }
        if (headerErrors.Count > 0)
        {
            headerErrors.ForEach(result.AddError);
            return created;
        }

        var active = await db.Neighbourhoods.Where(n => n.CommuneId == communeId && n.EffectiveTo == null)
            .Select(n => new { n.SearchName, n.Code }).ToListAsync();
        var activeNames = active.Select(n => n.SearchName).ToHashSet(StringComparer.Ordinal);
        var activeCodes = active.Select(n => n.Code).OfType<string>().ToHashSet(StringComparer.OrdinalIgnoreCase);
        var seenNames = new Dictionary<string, int>(StringComparer.Ordinal);
        var seenCodes = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        while (reader.Next() is { } row)
        {
            result.Rows++;
            var name = VietnameseText.Clean(row.Cell(map[NameColumn]));
            var kindText = map[KindColumn] < 0 ? null : VietnameseText.Clean(row.Cell(map[KindColumn]));
            var code = map[CodeColumn] < 0 ? null : VietnameseText.Clean(row.Cell(map[CodeColumn]));
            var kind = kindText is null ? NeighbourhoodKind.ToDanPho : AreaText.ParseKind(kindText);
            var errorsBefore = result.ErrorCount;
            if (name is null)
            {
                result.AddError(new ImportError(row.Number, NameColumn, "Cột “{0}” không được để trống.", NameColumn));
            }
            else if (name.Length > 150)
            {
                result.AddError(new ImportError(row.Number, NameColumn, "Cột “{0}” dài quá {1} ký tự.", NameColumn, 150));
            }
            if (kind is null)
            {
                result.AddError(new ImportError(row.Number, KindColumn, "Cột “{0}”: loại “{1}” không hợp lệ; dùng Tổ dân phố, Khu phố, Thôn, Bản hoặc Khác.", KindColumn, kindText!));
            }
            if (code is { Length: > 30 })
            {
                result.AddError(new ImportError(row.Number, CodeColumn, "Cột “{0}” dài quá {1} ký tự.", CodeColumn, 30));
            }
            if (result.ErrorCount > errorsBefore)
            {
                continue;
            }
            var folded = VietnameseText.Fold(name);
            if (seenNames.TryGetValue(folded, out var firstRow))
            {
                result.AddError(new ImportError(row.Number, NameColumn, "Tên “{0}” đã có ở dòng {1}.", name!, firstRow));
                continue;
            }
            seenNames[folded] = row.Number;
            if (activeNames.Contains(folded))
            {
                result.Skipped++;
                continue;
            }
            if (code is not null && (activeCodes.Contains(code) || !seenCodes.TryAdd(code, row.Number)))
            {
                result.AddError(new ImportError(row.Number, CodeColumn, "Mã “{0}” đã dùng cho một tổ dân phố, thôn khác.", code));
                continue;
            }
            created.Add(NeighbourhoodRules.New(communeId, name!, kind!.Value, code, effectiveOn));
            result.Created++;
            result.AddName(name!);
        }
        if (reader.Error is { } readError)
        {
            result.AddError(readError);
        }
        else if (result.Rows == 0)
        {
            result.AddError(new ImportError(null, null, "Tệp không có dữ liệu."));
        }
        return created;
    }

    private async Task<bool> LoadAsync(int id)
    {
        var commune = await db.Communes.Where(c => c.Id == id && c.EffectiveTo == null).Select(c => new { c.Id, c.Name }).FirstOrDefaultAsync();
        CommuneId = commune?.Id ?? 0;
        CommuneName = commune?.Name ?? "";
        return commune is not null;
    }
}

public sealed class NeighbourhoodImportInput
{
    [Required(ErrorMessage = "Vui lòng chọn tệp danh sách (.csv hoặc .xlsx).")]
    [Display(Name = "Tệp danh sách")]
    public IFormFile? File { get; set; }

    [Required(ErrorMessage = "Vui lòng nhập ngày hiệu lực.")]
    [Display(Name = "Ngày hiệu lực")]
    public DateOnly? EffectiveOn { get; set; }

    [Display(Name = "Chạy thử")]
    public bool DryRun { get; set; } = true;
}

public sealed class NeighbourhoodImportResult
{
    public bool DryRun { get; init; }
    public int Rows { get; set; }
    public int Created { get; set; }
    public int Skipped { get; set; }
    public List<string> CreatedNames { get; } = [];
    public List<ImportError> Errors { get; } = [];
    public int ErrorCount { get; private set; }

    public bool Succeeded => ErrorCount == 0;

    public void AddError(ImportError error)
    {
        ErrorCount++;
        if (Errors.Count < AdminUnitImportResult.MaxShown)
        {
            Errors.Add(error);
        }
    }

    public void AddName(string name)
    {
        if (CreatedNames.Count < AdminUnitImportResult.MaxShown)
        {
            CreatedNames.Add(name);
        }
    }
}
