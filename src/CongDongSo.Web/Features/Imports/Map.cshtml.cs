using System.Globalization;
using System.Text.Json;
using CongDongSo.Web.Data;
using CongDongSo.Web.Infrastructure.Auth;
using CongDongSo.Web.Infrastructure.Localization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace CongDongSo.Web.Features.Imports;

/// <summary>
/// Step 2 of an import: which column holds what (proposed from the headers and the commune's saved
/// mapping), then a dry run, then the real run all-or-nothing or valid-rows-only.
/// </summary>
/// <remarks>An upload is its uploader's alone: anyone else's token, or a commune no longer in the area, is a 404.</remarks>
[Authorize(Policy = Policies.ImportPopulation)]
public sealed class MapModel(AppDbContext db, ImportJobs jobs, TimeProvider clock, IConfiguration configuration, IStringLocalizer<SharedResource> l)
    : PageModel
{
    /// <summary>Issues shown per page of the result.</summary>
    public const int PageSize = 100;

    [BindProperty(SupportsGet = true)]
    public string? Id { get; set; }

    /// <summary>The page of the result's row issues (errors and warnings), from 1.</summary>
    [BindProperty(SupportsGet = true)]
    public int IssuePage { get; set; } = 1;

    public ImportJob? Job { get; private set; }
    /// <summary>Read once per request: the run may end while the page renders.</summary>
    public bool Running { get; private set; }
    public int PageCount => Result is null ? 0 : Math.Max(1, (Result.Errors.Count + PageSize - 1) / PageSize);
    public IEnumerable<Infrastructure.Imports.ImportError> PageOfIssues =>
        Result is null ? [] : Result.Errors.Skip((Math.Clamp(IssuePage, 1, PageCount) - 1) * PageSize).Take(PageSize);

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
        if (Job is { } job)
        {
            Result = Running ? null : job.Result;
            Finished = job.Result.Written || !System.IO.File.Exists(Upload.Path);
            // After a dry run the form offers the real run; after a refused run the same mode again.
            Input.Mode = job.Mode == ImportMode.DryRun ? ImportMode.AllOrNothing : job.Mode;
        }
        else
        {
            Input.Mode = ImportMode.DryRun;
        }
        var saved = await db.ImportMappings.AsNoTracking()
            .Where(m => m.CommuneId == Upload.CommuneId && m.Kind == ImportFields.Code(Upload.Kind))
            .Select(m => m.Mapping).FirstOrDefaultAsync(HttpContext.RequestAborted);
        var proposal = ImportFields.Propose(Upload.Kind, Upload.Headers,
            saved is null ? null : JsonSerializer.Deserialize<Dictionary<string, string>>(saved));
        Input.Columns = Fields.ToDictionary(f => f.Name, string? (f) => proposal.TryGetValue(f.Name, out var i) ? i.ToString(CultureInfo.InvariantCulture) : "");
        return Page();
    }

    /// <summary>The failed rows as the sheet had them, with a reason column: fixed and uploaded again, they import.</summary>
    public async Task<IActionResult> OnGetFailedRowsAsync()
    {
        if (!await LoadAsync() || Job?.Result is not { Finished: true } result || result.FailedRows.Count == 0)
        {
            return NotFound();
        }
        var reasons = result.Errors.Where(e => !e.IsWarning && e.Row is not null).ToLookup(e => e.Row!.Value);
        var header = Upload.Headers.Select((h, i) => h.Length > 0 ? h : ColumnTitle(i)).Append(l["Lý do lỗi"].Value).ToList();
        var rows = result.FailedRows.Select(r => (IReadOnlyList<object?>)[
            .. Enumerable.Range(0, Upload.Headers.Length).Select(i => (object?)r.Cell(i)),
            string.Join("; ", reasons[r.Number].Select(e => (e.Column is null ? "" : e.Column + ": ") + l[e.Key, e.Args]))]).ToList();
        // Names, ID numbers and phones leave the server: an export of personal data, audited.
        db.Audit(AuditAction.Export, ImportFields.EntityType(Upload.Kind), null, Upload.CommuneId,
            string.Create(CultureInfo.InvariantCulture, $"Các dòng lỗi của {Upload.FileName}: {rows.Count} dòng"));
        await db.SaveChangesAsync(HttpContext.RequestAborted);
        var name = Path.GetFileNameWithoutExtension(Upload.FileName);
        return File(Infrastructure.Exports.XlsxWriter.Write("Dòng lỗi", header, rows), Infrastructure.Exports.XlsxWriter.ContentType,
            (name.Length > 0 ? name : "danh-sach") + "-dong-loi.xlsx");
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
        if (Running || !System.IO.File.Exists(Upload.Path))
        {
            return Redirect($"/imports/map?id={Upload.Token}");
        }
        await SaveMappingAsync(map);
        if (jobs.Start(Upload, map, mode, db.Scope.UserId!.Value, Uploads) is null)
        {
            ModelState.AddModelError("", l["Một lần nhập khác của phường/xã đang chạy; hãy chờ xong rồi thử lại."]);
            return Page();
        }
        // Post, redirect, get: the page shows the run's progress, then its result.
        return Redirect($"/imports/map?id={Upload.Token}");
    }

    public async Task<IActionResult> OnPostDiscardAsync()
    {
        if (!await LoadAsync())
        {
            return NotFound();
        }
        if (Running)
        {
            return Redirect($"/imports/map?id={Upload.Token}"); // the run reads the file: it goes when the run ends
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
        // The job keeps the upload's description once a real run has deleted the file.
        Job = jobs.Find(Id, db.Scope.UserId);
        Running = Job?.Running == true;
        var upload = Uploads.Find(Id, db.Scope.UserId) ?? Job?.Upload;
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
