using System.Buffers.Binary;
using System.Diagnostics;
using System.Security.Cryptography;
using System.Text;
using CongDongSo.Web.Data;
using CongDongSo.Web.Infrastructure.Imports;
using CongDongSo.Web.Infrastructure.Privacy;
using CongDongSo.Web.Infrastructure.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace CongDongSo.Web.Features.Imports;

/// <summary>The state of one import run, shared by the kind-specific steps.</summary>
internal sealed class ImportRun
{
    public required AppDbContext Db { get; init; }
    public required PersonalDataProtector Protector { get; init; }
    public required IStringLocalizer L { get; init; }
    public required int CommuneId { get; init; }
    public required ColumnMap Map { get; init; }
    public required PopulationImportResult Result { get; init; }
    public required DateTime NowUtc { get; init; }
    public required DateOnly Today { get; init; }
    public bool UseChangeTracker { get; init; }
    public required BulkInsert Bulk { get; init; }
    /// <summary>False in a dry run, and in an all-or-nothing run once an error was found.</summary>
    public volatile bool Writing;
}

/// <summary>A sheet row being imported: its number and the reasons it failed, if any.</summary>
internal abstract class ParsedRow(SheetRow sheet)
{
    public SheetRow Sheet { get; } = sheet;
    public int Number => Sheet.Number;
    public List<ImportError>? Errors { get; set; }
    public List<ImportError>? Warnings { get; set; }
    public bool Failed => Errors is not null;
    /// <summary>The sheet's own STT of the row, when it has that column.</summary>
    public string? Stt { get; set; }
    /// <summary>Whom the row is about, shown beside its errors.</summary>
    public virtual string? Who => null;
}

/// <summary>
/// One kind of list, in two steps per chunk so that they can overlap: <see cref="Parse"/> is CPU work
/// on the reading side (the next chunk is parsed while the database writes this one), and
/// <see cref="ApplyAsync"/> is the database work on the run's own flow.
/// </summary>
internal abstract class KindImport
{
    /// <summary>The tables the chunk lookups read (their planner statistics are refreshed first).</summary>
    public abstract IReadOnlyList<Type> Reads { get; }

    public virtual Task PrepareAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public abstract IReadOnlyList<ParsedRow> Parse(List<SheetRow> rows, CancellationToken cancellationToken);

    public abstract Task ApplyAsync(IReadOnlyList<ParsedRow> rows, CancellationToken cancellationToken);

    /// <summary>Set-based work after the last chunk, in the same transaction (only when writing).</summary>
    public virtual Task FinishAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}

/// <summary>
/// <see cref="ParseRow"/> checks a row on its own (rows in parallel, so no shared state),
/// <see cref="CheckInFile"/> against the rows before it in the file (in file order), and
/// <see cref="ApplyValidAsync"/> matches a chunk's valid rows with the database and creates or updates them.
/// </summary>
internal abstract class KindImport<TRow>(ImportRun run) : KindImport where TRow : ParsedRow
{
    protected ImportRun Run { get; } = run;

    protected AppDbContext Db => Run.Db;

    protected PopulationImportResult Result => Run.Result;

    protected abstract TRow ParseRow(SheetRow row);

    protected virtual void CheckInFile(TRow row)
    {
    }

    protected abstract Task ApplyValidAsync(List<TRow> rows, CancellationToken cancellationToken);

    public sealed override IReadOnlyList<ParsedRow> Parse(List<SheetRow> rows, CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        var parsed = new TRow[rows.Count];
        // Cleaning, folding, keyed hashing (and encryption) are CPU work: all cores take a share.
        Parallel.For(0, rows.Count, new ParallelOptions { CancellationToken = cancellationToken }, i => parsed[i] = ParseRow(rows[i]));
        foreach (var row in parsed)
        {
            CheckInFile(row);
        }
        Result.Timings.Check += Stopwatch.GetElapsedTime(started);
        return parsed;
    }

    public sealed override async Task ApplyAsync(IReadOnlyList<ParsedRow> rows, CancellationToken cancellationToken)
    {
        await ApplyValidAsync([.. rows.Cast<TRow>().Where(r => !r.Failed)], cancellationToken);
        foreach (var row in rows)
        {
            // ApplyValidAsync may still fail a row (what only the database can tell).
            if (row.Failed)
            {
                Result.ErrorRows++;
                Result.FailedRows.Add(row.Sheet);
                row.Errors!.ForEach(e => Result.AddError(e with { Stt = row.Stt, Name = row.Who }));
            }
            else if (row.Warnings is not null)
            {
                Result.WarningRows++;
            }
            row.Warnings?.ForEach(w => Result.AddError(w with { Stt = row.Stt, Name = row.Who, IsWarning = true }));
        }
    }

    /// <summary>Marks the row failed with a reason; the column is named by the sheet's own header.</summary>
    protected void Fail(ParsedRow row, string? field, string key, params object[] args) =>
        (row.Errors ??= []).Add(new ImportError(row.Number, field is null ? null : Run.Map.Header(field), key, args));

    /// <summary>Notes something to check on a row that is still imported.</summary>
    protected void Warn(ParsedRow row, string? field, string key, params object[] args) =>
        (row.Warnings ??= []).Add(new ImportError(row.Number, field is null ? null : Run.Map.Header(field), key, args));

    /// <summary>The cell of a mapped field, NFC and trimmed; null when blank or not mapped.</summary>
    protected string? Text(ParsedRow row, string field) =>
        Run.Map.Has(field) ? VietnameseText.Clean(row.Sheet.Cell(Run.Map[field])) : null;

    protected string? Required(ParsedRow row, string field, int maxLength)
    {
        var text = Text(row, field);
        if (text is null)
        {
            Fail(row, field, "Không được để trống.");
        }
        else if (text.Length > maxLength)
        {
            Fail(row, field, "Dài {0} ký tự, quá giới hạn {1} ký tự.", text.Length, maxLength);
            return null;
        }
        return text;
    }

    protected string? Optional(ParsedRow row, string field, int maxLength)
    {
        var text = Text(row, field);
        if (text?.Length > maxLength)
        {
            Fail(row, field, "Dài {0} ký tự, quá giới hạn {1} ký tự.", text.Length, maxLength);
            return null;
        }
        return text;
    }

    protected bool? Bool(ParsedRow row, string field)
    {
        var text = Text(row, field);
        var value = ImportCells.Bool(text, out var known);
        if (!known)
        {
            Fail(row, field, "Giá trị “{0}” không hợp lệ: dùng x, có, không hoặc để trống.", text!);
        }
        return value;
    }

    protected Gender? Gender(ParsedRow row, string field)
    {
        var text = Text(row, field);
        var value = ImportCells.Gender(text, out var known);
        if (!known)
        {
            Fail(row, field, "Giới tính “{0}” không hợp lệ: dùng Nam, Nữ hoặc Khác.", text!);
        }
        return value;
    }

    /// <summary>The forms' phone rule, with a spreadsheet's dropped leading zero put back (and said).</summary>
    protected string? Phone(ParsedRow row, string field)
    {
        // The number itself is not repeated in a message: error lists are personal data too.
        var (phone, error, warning) = VietnamesePhone.Check(Text(row, field), repairDroppedZero: true);
        if (error is not null)
        {
            Fail(row, field, error.Key, error.Args);
        }
        if (warning is not null)
        {
            Warn(row, field, warning.Key, warning.Args);
        }
        return phone;
    }

    protected async Task<T> LookupAsync<T>(Func<Task<T>> query)
    {
        var started = Stopwatch.GetTimestamp();
        var value = await query();
        Result.Timings.Lookup += Stopwatch.GetElapsedTime(started);
        return value;
    }

    /// <summary>New rows of a chunk, then the changes made to the tracked ones, in the run's transaction.</summary>
    protected async Task WriteAsync<T>(List<T> created, CancellationToken cancellationToken) where T : class
    {
        await InsertAsync(created, cancellationToken);
        await SaveAsync(cancellationToken);
    }

    protected async Task InsertAsync<T>(IReadOnlyList<T> created, CancellationToken cancellationToken) where T : class
    {
        if (!Run.Writing || created.Count == 0)
        {
            return;
        }
        var started = Stopwatch.GetTimestamp();
        if (Run.UseChangeTracker)
        {
            Db.AddRange(created);
            await Db.SaveChangesAsync(cancellationToken);
        }
        else
        {
            await Run.Bulk.InsertAsync(created, cancellationToken);
        }
        Result.Timings.Write += Stopwatch.GetElapsedTime(started);
    }

    protected async Task SaveAsync(CancellationToken cancellationToken)
    {
        if (!Run.Writing)
        {
            return;
        }
        var started = Stopwatch.GetTimestamp();
        await Db.SaveChangesAsync(cancellationToken);
        Result.Timings.Update += Stopwatch.GetElapsedTime(started);
    }

    /// <summary>Active neighbourhoods of the commune by folded name and by the ward's own code.</summary>
    protected async Task<Dictionary<string, Guid>> NeighbourhoodsAsync(CancellationToken cancellationToken)
    {
        var rows = await Db.Neighbourhoods.Where(n => n.CommuneId == Run.CommuneId && n.EffectiveTo == null)
            .Select(n => new { n.Id, n.Name, n.Code }).ToListAsync(cancellationToken);
        var index = new Dictionary<string, Guid>(StringComparer.Ordinal);
        foreach (var n in rows)
        {
            index.TryAdd(SheetReader.HeaderKey(n.Name), n.Id);
        }
        foreach (var n in rows.Where(n => n.Code is not null))
        {
            index.TryAdd(SheetReader.HeaderKey(n.Code), n.Id);
        }
        return index;
    }

    /// <summary>A 128-bit fingerprint of a key, so duplicate detection holds 16 bytes per row, not the row.</summary>
    protected static Int128 Fingerprint(string key) =>
        BinaryPrimitives.ReadInt128LittleEndian(SHA256.HashData(Encoding.UTF8.GetBytes(key)));

    protected static Int128 Fingerprint(byte[] hash) => BinaryPrimitives.ReadInt128LittleEndian(hash);

    /// <summary>Folded code, address and head's name: what the household search looks in (the households pages' own rule).</summary>
    protected static string HouseholdSearchText(string code, string address, string? headName) =>
        PopulationQueries.HouseholdSearchText(code, address, headName);
}
