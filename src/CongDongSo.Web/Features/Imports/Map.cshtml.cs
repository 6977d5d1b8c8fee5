using System.Globalization;
using System.Text.Json;
using CongDongSo.Web.Data;
using CongDongSo.Web.Infrastructure.Auth;
using CongDongSo.Web.Infrastructure.Localization;
using CongDongSo.Web.Infrastructure.Privacy;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace CongDongSo.Web.Features.Imports;

/// <summary>
/// Step 2 of an import: which column holds what (proposed from the headers and the commune's saved
/// mapping), then a dry run, then the real run all-or-nothing or valid-rows-only.
/// </summary>
/// <remarks>An upload is its uploader's alone: anyone else's token, or a commune no longer in the area, is a 404.</remarks>
[Authorize(Policy = Policies.ImportPopulation)]
public sealed class MapModel(AppDbContext db, PersonalDataProtector protector, TimeProvider clock, IConfiguration configuration, IStringLocalizer<SharedResource> l)
    : PageModel
{
    [BindProperty(SupportsGet = true)]
    public string? Id { get; set; }

    [BindProperty]
    public MapInput Input { get; set; } = new();

    public ImportUpload Upload { get; private set; } = null!;
    public string CommuneName { get; private set; } = "";
    public IReadOnlyList<ImportField> Fields { get; private set; } = [];
    public PopulationImportResult? Result { get; private set; }
    /// <summary>The run wrote its rows and the uploaded file is gone.</summary>
    public bool Finished { get; private set; }

    private ImportUploads Uploads => new(configuration);

    public async Task<IActionResult> OnGetAsync()
    {
        if (!await LoadAsync())
        {
            return NotFound();
        }
        var saved = await db.ImportMappings.AsNoTracking()
            .Where(m => m.CommuneId == Upload.CommuneId && m.Kind == ImportFields.Code(Upload.Kind))
            .Select(m => m.Mapping).FirstOrDefaultAsync(HttpContext.RequestAborted);
        var proposal = ImportFields.Propose(Upload.Kind, Upload.Headers,
            saved is null ? null : JsonSerializer.Deserialize<Dictionary<string, string>>(saved));
        Input.Columns = Fields.ToDictionary(f => f.Name, string? (f) => proposal.TryGetValue(f.Name, out var i) ? i.ToString(CultureInfo.InvariantCulture) : "");
        Input.Mode = ImportMode.DryRun;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync()
    {
        if (!await LoadAsync())
        {
            return NotFound();
        }
        var map = CheckMapping();
        if (Input.Mode is not { } mode || !Enum.IsDefined(mode))
        {
            ModelState.AddModelError("Input.Mode", l["Vui lòng chọn cách nhập."]);
            return Page();
        }
        if (map is null)
        {
            return Page();
        }
        await SaveMappingAsync(map);
        var import = new ImportPopulation(db, protector, clock, l);
        Result = await import.RunAsync(
            new PopulationImportRequest(Upload.Kind, Upload.CommuneId, Upload.Path, Upload.FileName, Upload.HeaderRow, map, mode),
            HttpContext.RequestAborted);
        if (Result.Written)
        {
            Uploads.Delete(Upload);
            Finished = true;
        }
        else
        {
            // After a dry run the form offers the real run.
            ModelState.Remove("Input.Mode");
            Input.Mode = mode == ImportMode.DryRun ? ImportMode.AllOrNothing : mode;
        }
        return Page();
    }

    public async Task<IActionResult> OnPostDiscardAsync()
    {
        if (!await LoadAsync())
        {
            return NotFound();
        }
        Uploads.Delete(Upload);
        TempData["Flash"] = l["Đã hủy tệp đã tải lên."].Value;
        return Redirect("/imports");
    }

    /// <summary>The posted columns as a mapping; null (with field errors) when a required field has none or a column is chosen twice.</summary>
    private ColumnMap? CheckMapping()
    {
        var columns = new Dictionary<string, int>(StringComparer.Ordinal);
        var usedBy = new Dictionary<int, ImportField>();
        foreach (var field in Fields)
        {
            var key = $"Input.Columns[{field.Name}]";
            if (!int.TryParse(Input.Columns.GetValueOrDefault(field.Name), NumberStyles.None, CultureInfo.InvariantCulture, out var index)
                || index >= Upload.Headers.Length)
            {
                if (field.Required)
                {
                    ModelState.AddModelError(key, l["Chọn cột cho “{0}”.", l[field.Label]]);
                }
                continue;
            }
            if (usedBy.TryGetValue(index, out var other))
            {
                ModelState.AddModelError(key, l["Cột “{0}” đã được chọn cho “{1}”.", ColumnTitle(index), l[other.Label]]);
                continue;
            }
            usedBy[index] = field;
            columns[field.Name] = index;
        }
        return ModelState.IsValid ? new ColumnMap(Upload.Headers, columns) : null;
    }

    /// <summary>Remembered per commune and kind, so the next sheet of the ward is mapped already.</summary>
    private async Task SaveMappingAsync(ColumnMap map)
    {
        var json = JsonSerializer.Serialize(new SortedDictionary<string, string>(map.ToSaved(), StringComparer.Ordinal));
        var kind = ImportFields.Code(Upload.Kind);
        var row = await db.ImportMappings.FirstOrDefaultAsync(m => m.CommuneId == Upload.CommuneId && m.Kind == kind, HttpContext.RequestAborted);
        if (row is null)
        {
            db.ImportMappings.Add(new ImportMapping { CommuneId = Upload.CommuneId, Kind = kind, Mapping = json, UpdatedAtUtc = clock.GetUtcNow().UtcDateTime });
        }
        else if (row.Mapping != json)
        {
            row.Mapping = json;
            row.UpdatedAtUtc = clock.GetUtcNow().UtcDateTime;
        }
        await db.SaveChangesAsync(HttpContext.RequestAborted);
        db.ChangeTracker.Clear();
    }

    /// <summary>A column as the person knows it: its header, or its letter when the header is blank.</summary>
    public string ColumnTitle(int index) =>
        Upload.Headers[index] is { Length: > 0 } header ? header : l["Cột {0}", ColumnLetter(index)];

    private static string ColumnLetter(int index)
    {
        var letters = "";
        for (var n = index + 1; n > 0; n = (n - 1) / 26)
        {
            letters = (char)('A' + ((n - 1) % 26)) + letters;
        }
        return letters;
    }

    private async Task<bool> LoadAsync()
    {
        var upload = Uploads.Find(Id, db.Scope.UserId);
        if (upload is null)
        {
            return false;
        }
        var commune = await db.Communes.Where(c => c.Id == upload.CommuneId).Select(c => c.Name).FirstOrDefaultAsync(HttpContext.RequestAborted);
        if (commune is null)
        {
            return false;
        }
        Upload = upload;
        CommuneName = commune;
        Fields = ImportFields.For(upload.Kind);
        return true;
    }
}

public sealed class MapInput
{
    /// <summary>Field name → the zero-based index of the sheet column holding it ("" for none).</summary>
    public Dictionary<string, string?> Columns { get; set; } = [];

    public ImportMode? Mode { get; set; }
}
