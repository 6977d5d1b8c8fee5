using System.Diagnostics;
using System.Globalization;
using CongDongSo.Web.Data;
using CongDongSo.Web.Infrastructure.Imports;
using CongDongSo.Web.Infrastructure.Text;
using Microsoft.EntityFrameworkCore;

namespace CongDongSo.Web.Features.Areas;

/// <summary>
/// Imports the statistics office's list of provinces and communes (CSV or .xlsx, columns in any order).
/// Units are matched on their code among the ACTIVE ones: a new code is created, a new name or a new
/// province is updated and dated in <see cref="AdminUnitChange"/>, the same row changes nothing.
/// All or nothing: one error anywhere and nothing is written.
/// </summary>
/// <remarks>Used by the /areas/import page, the bench and the tests.</remarks>
public sealed class ImportAdminUnits(AppDbContext db, TimeProvider clock)
{
    /// <summary>1 July 2025, when the merged units and the two-level local government began: the list's own date.</summary>
    public static readonly DateOnly DefaultEffectiveDate = new(2025, 7, 1);

    /// <summary>The statistics office's list in force since <see cref="DefaultEffectiveDate"/>, shipped in the app (Data/Reference).</summary>
    public const string OfficialList = "don-vi-hanh-chinh-2025-07.csv";

    /// <summary>The shipped official list, as the statistics office exports it.</summary>
    public static Stream OpenOfficialList() =>
        typeof(ImportAdminUnits).Assembly.GetManifestResourceStream("reference/" + OfficialList)
            ?? throw new InvalidOperationException($"The reference list {OfficialList} is not embedded.");

    public const string ProvinceNameColumn = "Tỉnh Thành Phố";
    public const string ProvinceCodeColumn = "Mã TP";
    public const string CommuneNameColumn = "Phường Xã";
    public const string CommuneCodeColumn = "Mã PX";
    public const string LevelColumn = "Cấp";

    public static readonly string[] Columns = [ProvinceNameColumn, ProvinceCodeColumn, CommuneNameColumn, CommuneCodeColumn, LevelColumn];

    public async Task<AdminUnitImportResult> RunAsync(Stream content, string? fileName, DateOnly effectiveOn, bool dryRun, CancellationToken cancellationToken = default)
    {
        // Matching must see every unit: through a narrower scope the importer would create duplicates.
        if (!db.Scope.Unrestricted)
        {
            throw new InvalidOperationException("Importing administrative units needs an unrestricted scope (system administrator or system task).");
        }
        var started = Stopwatch.GetTimestamp();
        var result = new AdminUnitImportResult { DryRun = dryRun, EffectiveOn = effectiveOn };
        var rows = Read(content, result);
        if (result.Succeeded)
        {
            var deferred = await PlanAsync(rows, effectiveOn, result, cancellationToken);
            if (result.Succeeded && !dryRun)
            {
                await SaveAsync(deferred, Summary(fileName, result), cancellationToken);
            }
        }
        // A dry run or a refused file leaves nothing behind for a later save of this context.
        db.ChangeTracker.Clear();
        result.Elapsed = Stopwatch.GetElapsedTime(started);
        return result;
    }

    private static List<UnitRow> Read(Stream content, AdminUnitImportResult result)
    {
        var rows = new List<UnitRow>();
        using var reader = SheetReader.Open(content, out var openError);
        if (reader is null)
        {
            result.AddError(openError!);
            return rows;
        }
        var header = reader.Next();
        if (header is null)
        {
            result.AddError(reader.Error ?? new ImportError(null, null, "Tệp không có dữ liệu."));
            return rows;
        }
        var headerErrors = new List<ImportError>();
        var map = SheetReader.MapColumns(header, Columns, headerErrors);
        foreach (var missing in Columns.Where(c => map[c] < 0))
        {
            headerErrors.Add(new ImportError(null, missing, "Tệp thiếu cột “{0}”. Cần đủ các cột: {1}.", missing, string.Join(", ", Columns)));
        }
        if (headerErrors.Count > 0)
        {
            headerErrors.ForEach(result.AddError);
            return rows;
        }

        var provinces = new Dictionary<string, (string Name, int Row)>(StringComparer.Ordinal);
        var communes = new Dictionary<string, int>(StringComparer.Ordinal);
        while (reader.Next() is { } row)
        {
            result.Rows++;
            var errorsBefore = result.ErrorCount;
            var provinceName = Name(row, map[ProvinceNameColumn], ProvinceNameColumn, result);
            var provinceCode = Code(row, map[ProvinceCodeColumn], ProvinceCodeColumn, 2, result);
            var communeName = Name(row, map[CommuneNameColumn], CommuneNameColumn, result);
            var communeCode = Code(row, map[CommuneCodeColumn], CommuneCodeColumn, 5, result);
            var level = Level(row, map[LevelColumn], result);
            if (result.ErrorCount > errorsBefore)
            {
                continue;
            }
            if (provinces.TryGetValue(provinceCode!, out var seen) && seen.Name != provinceName)
            {
                result.AddError(new ImportError(row.Number, ProvinceNameColumn, "Mã TP {0} đã mang tên “{1}” ở dòng {2}.", provinceCode!, seen.Name, seen.Row));
                continue;
            }
            provinces.TryAdd(provinceCode!, (provinceName!, row.Number));
            if (!communes.TryAdd(communeCode!, row.Number))
            {
                result.AddError(new ImportError(row.Number, CommuneCodeColumn, "Mã PX {0} đã có ở dòng {1}.", communeCode!, communes[communeCode!]));
                continue;
            }
            rows.Add(new UnitRow(row.Number, provinceCode!, provinceName!, communeCode!, communeName!, level!.Value));
        }
        if (reader.Error is { } readError)
        {
            result.AddError(readError);
        }
        else if (result.Rows == 0)
        {
            result.AddError(new ImportError(null, null, "Tệp không có dữ liệu."));
        }
        return rows;
    }

    /// <summary>
    /// Applies the rows to the tracked units (nothing is saved here). Returns the name-history rows
    /// of communes moved into a province this import creates: their new province id exists only after the insert.
    /// </summary>
    private async Task<List<(AdminUnitChange Change, Province Province)>> PlanAsync(
        List<UnitRow> rows, DateOnly effectiveOn, AdminUnitImportResult result, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var deferred = new List<(AdminUnitChange, Province)>();

        // Everything is loaded once and matched in memory: three queries for the whole list.
        var allProvinces = await db.Provinces.ToListAsync(cancellationToken);
        var provinces = new Dictionary<string, Province>(StringComparer.Ordinal);
        foreach (var p in allProvinces.Where(p => p.EffectiveTo == null).OrderByDescending(p => p.EffectiveFrom))
        {
            provinces.TryAdd(p.Code, p);
        }
        var retiredProvinces = allProvinces.Where(p => p.EffectiveTo != null).Select(p => (p.Code, p.EffectiveFrom)).ToHashSet();
        var provinceCodeById = allProvinces.ToDictionary(p => p.Id, p => p.Code);

        var communes = new Dictionary<string, Commune>(StringComparer.Ordinal);
        foreach (var c in await db.Communes.Where(c => c.EffectiveTo == null).OrderByDescending(c => c.EffectiveFrom).ToListAsync(cancellationToken))
        {
            communes.TryAdd(c.Code, c);
        }
        var retiredCommunes = (await db.Communes.Where(c => c.EffectiveTo != null)
            .Select(c => new { c.Code, c.EffectiveFrom }).ToListAsync(cancellationToken))
            .Select(c => (c.Code, c.EffectiveFrom)).ToHashSet();

        foreach (var row in rows.DistinctBy(r => r.ProvinceCode))
        {
            if (provinces.TryGetValue(row.ProvinceCode, out var province))
            {
                if (province.Name == row.ProvinceName)
                {
                    result.Provinces.Unchanged++;
                    continue;
                }
                db.AdminUnitChanges.Add(new AdminUnitChange
                {
                    UnitKind = AdminUnitKind.Province, UnitId = province.Id, EffectiveOn = effectiveOn,
                    OldName = province.Name, NewName = row.ProvinceName, RecordedAtUtc = now,
                });
                result.AddChange(AdminUnitKind.Province, row.ProvinceCode, province.Name, row.ProvinceName);
                province.Name = row.ProvinceName;
                result.Provinces.Updated++;
            }
            else if (retiredProvinces.Contains((row.ProvinceCode, effectiveOn)))
            {
                result.AddError(new ImportError(row.Row, ProvinceCodeColumn, "Mã TP {0} đã dùng cho một tỉnh đã giải thể có cùng ngày hiệu lực {1}.", row.ProvinceCode, effectiveOn.ToString("dd/MM/yyyy", CultureInfo.InvariantCulture)));
            }
            else
            {
                province = new Province { Code = row.ProvinceCode, Name = row.ProvinceName, EffectiveFrom = effectiveOn };
                db.Provinces.Add(province);
                provinces[row.ProvinceCode] = province;
                result.Provinces.Created++;
            }
        }
        if (!result.Succeeded)
        {
            return deferred;
        }

        var created = new List<Commune>();
        foreach (var row in rows)
        {
            var province = provinces[row.ProvinceCode];
            if (!communes.Remove(row.CommuneCode, out var commune))
            {
                if (retiredCommunes.Contains((row.CommuneCode, effectiveOn)))
                {
                    result.AddError(new ImportError(row.Row, CommuneCodeColumn, "Mã PX {0} đã dùng cho một xã đã giải thể có cùng ngày hiệu lực {1}.", row.CommuneCode, effectiveOn.ToString("dd/MM/yyyy", CultureInfo.InvariantCulture)));
                    continue;
                }
                created.Add(new Commune
                {
                    Province = province, Code = row.CommuneCode, Name = row.CommuneName, Level = row.Level,
                    EffectiveFrom = effectiveOn, SearchName = VietnameseText.Fold(row.CommuneName),
                });
                result.Communes.Created++;
                continue;
            }
            var renamed = commune.Name != row.CommuneName;
            var moved = provinceCodeById.GetValueOrDefault(commune.ProvinceId) != row.ProvinceCode;
            if (!renamed && !moved && commune.Level == row.Level)
            {
                result.Communes.Unchanged++;
                continue;
            }
            result.Communes.Updated++;
            result.AddChange(AdminUnitKind.Commune, row.CommuneCode, commune.Name, row.CommuneName,
                moved ? provinceCodeById.GetValueOrDefault(commune.ProvinceId) : null, moved ? row.ProvinceCode : null);
            if (renamed || moved)
            {
                var change = new AdminUnitChange
                {
                    UnitKind = AdminUnitKind.Commune, UnitId = commune.Id, EffectiveOn = effectiveOn,
                    OldName = commune.Name, NewName = row.CommuneName, RecordedAtUtc = now,
                    OldProvinceId = moved ? commune.ProvinceId : null,
                    NewProvinceId = moved ? province.Id : null,
                };
                if (moved && province.Id == 0)
                {
                    deferred.Add((change, province));
                }
                else
                {
                    db.AdminUnitChanges.Add(change);
                }
            }
            commune.Name = row.CommuneName;
            commune.SearchName = VietnameseText.Fold(row.CommuneName);
            commune.Level = row.Level;
            if (moved)
            {
                commune.Province = province;
                if (province.Id != 0)
                {
                    commune.ProvinceId = province.Id;
                }
            }
        }
        db.Communes.AddRange(created);
        // Left alone: the list may be partial (one province), so absence is not a dissolution.
        result.ActiveNotInFile = communes.Count;
        return deferred;
    }

    private async Task SaveAsync(List<(AdminUnitChange Change, Province Province)> deferred, string summary, CancellationToken cancellationToken)
    {
        // Public reference data: one summary line in the audit log instead of thousands of rows.
        db.SkipRowAudit = true;
        try
        {
            await using var transaction = deferred.Count > 0 ? await db.Database.BeginTransactionAsync(cancellationToken) : null;
            if (transaction is not null)
            {
                await db.SaveChangesAsync(cancellationToken);
                foreach (var (change, province) in deferred)
                {
                    change.NewProvinceId = province.Id;
                    db.AdminUnitChanges.Add(change);
                }
            }
            db.Audit(AuditAction.Import, "AdminUnits", null, null, summary);
            await db.SaveChangesAsync(cancellationToken);
            if (transaction is not null)
            {
                await transaction.CommitAsync(cancellationToken);
            }
        }
        finally
        {
            db.SkipRowAudit = false;
        }
    }

    private static string Summary(string? fileName, AdminUnitImportResult r)
    {
        var name = Path.GetFileName(fileName ?? "");
        name = name.Length > 100 ? name[..100] : name;
        var text = string.Create(CultureInfo.InvariantCulture,
            $"{name}; hiệu lực {r.EffectiveOn:dd/MM/yyyy}; {r.Rows} dòng; tỉnh +{r.Provinces.Created} ~{r.Provinces.Updated} ={r.Provinces.Unchanged}; xã +{r.Communes.Created} ~{r.Communes.Updated} ={r.Communes.Unchanged}");
        return text.Length > 500 ? text[..500] : text;
    }

    private static string? Name(SheetRow row, int column, string columnName, AdminUnitImportResult result)
    {
        var name = VietnameseText.Clean(row.Cell(column));
        if (name is null)
        {
            result.AddError(new ImportError(row.Number, columnName, "Cột “{0}” không được để trống.", columnName));
            return null;
        }
        if (name.Length > 100)
        {
            result.AddError(new ImportError(row.Number, columnName, "Cột “{0}” dài quá {1} ký tự.", columnName, 100));
            return null;
        }
        return name;
    }

    /// <summary>A code of exactly <paramref name="digits"/> digits; leading zeros a spreadsheet dropped are put back.</summary>
    private static string? Code(SheetRow row, int column, string columnName, int digits, AdminUnitImportResult result)
    {
        var text = row.Cell(column).Trim().TrimStart('\'');
        if (text.Length == 0 || text.Length > digits || !text.All(char.IsAsciiDigit))
        {
            result.AddError(new ImportError(row.Number, columnName, "Cột “{0}”: mã “{1}” phải gồm {2} chữ số.", columnName, text, digits));
            return null;
        }
        return text.PadLeft(digits, '0');
    }

    private static CommuneLevel? Level(SheetRow row, int column, AdminUnitImportResult result)
    {
        var text = row.Cell(column);
        CommuneLevel? level = SheetReader.HeaderKey(text) switch
        {
            "xa" => CommuneLevel.Xa,
            "phuong" => CommuneLevel.Phuong,
            "dac khu" => CommuneLevel.DacKhu,
            _ => null,
        };
        if (level is null)
        {
            result.AddError(new ImportError(row.Number, LevelColumn, "Cột “{0}”: cấp “{1}” không hợp lệ; dùng Xã, Phường hoặc Đặc khu.", LevelColumn, text.Trim()));
        }
        return level;
    }

    private sealed record UnitRow(int Row, string ProvinceCode, string ProvinceName, string CommuneCode, string CommuneName, CommuneLevel Level);
}

public sealed class UnitCounts
{
    public int Created { get; set; }
    public int Updated { get; set; }
    public int Unchanged { get; set; }
}

/// <summary>One changed unit, for the person to read before the real run; the province codes are set when a commune moved.</summary>
public sealed record AdminUnitChangeLine(AdminUnitKind Kind, string Code, string OldName, string NewName, string? OldProvinceCode, string? NewProvinceCode);

public sealed class AdminUnitImportResult
{
    public const int MaxShown = 200;

    public bool DryRun { get; init; }
    public DateOnly EffectiveOn { get; init; }
    public int Rows { get; set; }
    public UnitCounts Provinces { get; } = new();
    public UnitCounts Communes { get; } = new();
    /// <summary>Active communes of the database the file does not list (left as they are).</summary>
    public int ActiveNotInFile { get; set; }
    /// <summary>The first <see cref="MaxShown"/> errors; <see cref="ErrorCount"/> counts them all.</summary>
    public List<ImportError> Errors { get; } = [];
    public int ErrorCount { get; private set; }
    /// <summary>The first <see cref="MaxShown"/> updates (renames, moves, level changes); new units are only counted.</summary>
    public List<AdminUnitChangeLine> Changes { get; } = [];
    public TimeSpan Elapsed { get; set; }

    public bool Succeeded => ErrorCount == 0;

    public void AddError(ImportError error)
    {
        ErrorCount++;
        if (Errors.Count < MaxShown)
        {
            Errors.Add(error);
        }
    }

    public void AddChange(AdminUnitKind kind, string code, string oldName, string newName, string? oldProvinceCode = null, string? newProvinceCode = null)
    {
        if (Changes.Count < MaxShown)
        {
            Changes.Add(new AdminUnitChangeLine(kind, code, oldName, newName, oldProvinceCode, newProvinceCode));
        }
    }
}
