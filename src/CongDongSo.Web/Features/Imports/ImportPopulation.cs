using System.Diagnostics;
using System.Globalization;
using System.Threading.Channels;
using CongDongSo.Web.Data;
using CongDongSo.Web.Infrastructure.Localization;
using CongDongSo.Web.Infrastructure.Imports;
using CongDongSo.Web.Infrastructure.Privacy;
using Microsoft.Extensions.Localization;

namespace CongDongSo.Web.Features.Imports;

/// <summary>What to import: a stored sheet, its kind and commune, the column mapping and the mode.</summary>
public sealed record PopulationImportRequest(ImportKind Kind, int CommuneId, string Path, string FileName, int HeaderRow, ColumnMap Map, ImportMode Mode);

/// <summary>
/// Imports households, residents, members or businesses from a ward's sheet into one commune.
/// The sheet is streamed: rows are read one by one and handled in chunks (one lookup query per
/// chunk, then the chunk's inserts and updates, then the change tracker is cleared); only the keys
/// that detect duplicates inside the file stay in memory. A real run is one transaction, so a crash
/// leaves nothing half-written; all-or-nothing rolls it back on the first error, valid-rows-only
/// skips the rows with errors. Existing rows are matched by key and updated only when something
/// changed, so importing the same file again changes nothing.
/// </summary>
/// <remarks>Used by the /imports pages, the bench and the tests.</remarks>
public sealed class ImportPopulation(AppDbContext db, PersonalDataProtector protector, TimeProvider clock, IStringLocalizer l)
{
    /// <summary>A ward of 100,000 people fits with room to spare; stops a crafted file from running on.</summary>
    public const int MaxRows = 300_000;

    internal int ChunkSize { get; init; } = 2_000;

    /// <summary>Test hook: a crash (an exception) once this many data rows have been written.</summary>
    internal int? FailAfterRows { get; init; }

    /// <summary>Bench switch: new rows through the change tracker instead of the bulk path, to compare.</summary>
    internal bool UseChangeTracker { get; init; }

    public Task<PopulationImportResult> RunAsync(PopulationImportRequest request, CancellationToken cancellationToken = default) =>
        RunAsync(request, new PopulationImportResult { Kind = request.Kind, Mode = request.Mode }, cancellationToken);

    /// <summary>Runs into <paramref name="result"/>, which others may read while it runs (rows read and done).</summary>
    public async Task<PopulationImportResult> RunAsync(PopulationImportRequest request, PopulationImportResult result, CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        using var reader = SheetReader.OpenFile(request.Path, MaxRows, out var openError);
        if (reader is null)
        {
            result.AddFileError(openError!);
            return result;
        }
        var now = clock.GetUtcNow().UtcDateTime;
        var writing = request.Mode != ImportMode.DryRun;
        using var bulk = new BulkInsert(db);
        var run = new ImportRun
        {
            Db = db, Protector = protector, L = l, CommuneId = request.CommuneId, Map = request.Map, Result = result,
            NowUtc = now, Today = clock.Today(), UseChangeTracker = UseChangeTracker, Bulk = bulk, Writing = writing,
        };
        KindImport import = request.Kind switch
        {
            ImportKind.Households => new HouseholdImport(run),
            ImportKind.Residents => new ResidentImport(run),
            ImportKind.Members => new MemberImport(run),
            _ => new BusinessImport(run),
        };
        foreach (var table in import.Reads)
        {
            await bulk.AnalyzeAsync(table, cancellationToken);
        }
        await import.PrepareAsync(cancellationToken);

        var transaction = writing ? await db.Database.BeginTransactionAsync(cancellationToken) : null;
        if (transaction is not null)
        {
            // Bulk rows go around the indicator counter: the commune's counts are rebuilt on the next read
            // (and stay as they were if this import rolls back).
            await IndicatorCounter.InvalidateAsync(db, request.CommuneId, cancellationToken);
        }
        // Personal data stays out of the audit log: one summary line for the whole import instead of a line per row.
        db.SkipRowAudit = true;
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        // The reading side runs one chunk ahead: the next chunk is read and parsed while the database writes this one.
        var chunks = Channel.CreateBounded<IReadOnlyList<ParsedRow>>(new BoundedChannelOptions(1) { SingleReader = true, SingleWriter = true });
        var reading = Task.Run(() => ReadAsync(reader, request, import, result, chunks.Writer, stop.Token), stop.Token);
        try
        {
            await foreach (var parsed in chunks.Reader.ReadAllAsync(cancellationToken))
            {
                result.Rows += parsed.Count;
                await import.ApplyAsync(parsed, cancellationToken);
                db.ChangeTracker.Clear();
                // All or nothing: after the first error the rest is only checked, and rolled back below.
                if (request.Mode == ImportMode.AllOrNothing && result.ErrorRows > 0)
                {
                    run.Writing = false;
                }
                if (run.Writing && FailAfterRows is { } failAt && result.Rows >= failAt)
                {
                    throw new InvalidOperationException($"Injected failure after {result.Rows} rows.");
                }
            }
            if (reader.Error is { } readError)
            {
                // A file unreadable part way is refused whole: its later rows were never seen.
                result.AddFileError(readError);
            }
            else if (result.Rows == 0)
            {
                result.AddFileError(new ImportError(null, null, "Tệp không có dữ liệu."));
            }
            if (transaction is null)
            {
                return result;
            }
            var commit = !result.FileFailed && (request.Mode == ImportMode.ValidRowsOnly || result.ErrorRows == 0);
            if (!commit)
            {
                await transaction.RollbackAsync(cancellationToken);
                return result;
            }
            await import.FinishAsync(cancellationToken);
            db.Audit(AuditAction.Import, ImportFields.EntityType(request.Kind), null, request.CommuneId, Summary(request, result));
            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            result.Written = true;
            return result;
        }
        finally
        {
            await stop.CancelAsync();
            try
            {
                await reading;
            }
            catch (OperationCanceledException)
            {
                // The reading side stopped because the run did.
            }
            bulk.Dispose();
            db.SkipRowAudit = false;
            db.ChangeTracker.Clear();
            if (transaction is not null)
            {
                await transaction.DisposeAsync();
            }
            result.Elapsed = Stopwatch.GetElapsedTime(started);
        }
    }

    /// <summary>Reads the rows after the header, parses them a chunk at a time and hands the chunks over, in file order.</summary>
    private async Task ReadAsync(SheetReader reader, PopulationImportRequest request, KindImport import, PopulationImportResult result,
        ChannelWriter<IReadOnlyList<ParsedRow>> chunks, CancellationToken cancellationToken)
    {
        try
        {
            var fields = ImportFields.For(request.Kind);
            var inFooter = false;
            var chunk = new List<SheetRow>(ChunkSize);
            while (true)
            {
                var started = Stopwatch.GetTimestamp();
                var row = reader.Next();
                result.Timings.Read += Stopwatch.GetElapsedTime(started);
                if (row is not null && row.Number <= request.HeaderRow)
                {
                    continue;
                }
                if (row is not null)
                {
                    // Title rows are above the header already; the column numbers under it and the
                    // signature block below the list are not data, and not errors either.
                    var role = SheetRows.Classify(row, request.Map, fields, inFooter);
                    if (role == SheetRowRole.Numbering)
                    {
                        continue;
                    }
                    if (role == SheetRowRole.Footer)
                    {
                        inFooter = true;
                        result.FooterRows++;
                        continue;
                    }
                    if (inFooter)
                    {
                        // Data again after a footer-like line (a "Tổng số" row between two neighbourhoods): the list goes on.
                        inFooter = false;
                    }
                }
                if (row is not null)
                {
                    result.CountRead(1);
                    chunk.Add(row);
                    if (chunk.Count < ChunkSize)
                    {
                        continue;
                    }
                }
                if (chunk.Count > 0)
                {
                    await chunks.WriteAsync(import.Parse(chunk, cancellationToken), cancellationToken);
                    chunk = new List<SheetRow>(ChunkSize);
                }
                if (row is null)
                {
                    break;
                }
            }
            chunks.Complete();
        }
        catch (Exception e)
        {
            chunks.Complete(e);
        }
    }

    /// <summary>Counts and the file name only: no personal data goes into the audit log.</summary>
    private static string Summary(PopulationImportRequest request, PopulationImportResult r)
    {
        var text = string.Create(CultureInfo.InvariantCulture,
            $"{request.FileName}: {r.Created} tạo mới, {r.Updated} cập nhật, {r.Unchanged} không đổi, {r.ErrorRows} dòng lỗi ({(request.Mode == ImportMode.ValidRowsOnly ? "chỉ dòng hợp lệ" : "tất cả hoặc không")})");
        return text.Length > 500 ? text[..500] : text;
    }
}

/// <summary>Time spent per stage, for the page and the benchmark.</summary>
public sealed class ImportTimings
{
    private long _protectTicks;

    public TimeSpan Read { get; set; }
    public TimeSpan Check { get; set; }
    public TimeSpan Lookup { get; set; }
    /// <summary>Encryption, summed over the threads that share it.</summary>
    public TimeSpan Protect => TimeSpan.FromTicks(Interlocked.Read(ref _protectTicks));
    /// <summary>New rows, through the bulk path.</summary>
    public TimeSpan Write { get; set; }
    /// <summary>Changed rows, through the change tracker.</summary>
    public TimeSpan Update { get; set; }

    public void AddProtect(TimeSpan elapsed) => Interlocked.Add(ref _protectTicks, elapsed.Ticks);
}

public sealed class PopulationImportResult
{
    public ImportKind Kind { get; init; }
    public ImportMode Mode { get; init; }
    /// <summary>Data rows read so far by the reading side (progress of a long import).</summary>
    public int RowsRead => Volatile.Read(ref _rowsRead);
    /// <summary>Data rows done (blank rows, title rows and the signature block below the list are not counted).</summary>
    public int Rows { get; set; }
    public int Created { get; set; }
    public int Updated { get; set; }
    public int Unchanged { get; set; }
    /// <summary>Rows with at least one error (skipped in a valid-rows-only run).</summary>
    public int ErrorRows { get; set; }
    /// <summary>Rows imported with something to check (a repaired number, an ID that disagrees with the gender).</summary>
    public int WarningRows { get; set; }
    /// <summary>Households a resident list created from its household columns.</summary>
    public int HouseholdsCreated { get; set; }
    /// <summary>Rows below the list that are not data: the total, the place and date, the signatures.</summary>
    public int FooterRows { get; set; }
    /// <summary>The failed rows as the sheet had them, to download, fix and import again.</summary>
    public List<SheetRow> FailedRows { get; } = [];
    /// <summary>Every error and warning, in row order; nothing is capped, the page shows them a page at a time.</summary>
    public List<ImportError> Errors { get; } = [];
    public int ErrorCount => Errors.Count(e => !e.IsWarning);
    public int WarningCount => Errors.Count(e => e.IsWarning);
    /// <summary>The file as a whole could not be read: nothing is written whatever the mode.</summary>
    public bool FileFailed { get; private set; }
    /// <summary>True once the run's transaction committed.</summary>
    public bool Written { get; set; }
    /// <summary>True once a background run (<see cref="ImportJobs"/>) has ended and cleaned up after itself, written or not.</summary>
    public bool Finished
    {
        get => _finished;
        set => _finished = value;
    }
    public TimeSpan Elapsed { get; set; }
    public ImportTimings Timings { get; } = new();

    private int _rowsRead;
    private volatile bool _finished;

    internal void CountRead(int rows) => Interlocked.Add(ref _rowsRead, rows);

    public void AddError(ImportError error) => Errors.Add(error);

    public void AddFileError(ImportError error)
    {
        FileFailed = true;
        AddError(error);
    }
}
