using System.Diagnostics;
using System.Globalization;
using System.Security.Cryptography;
using CongDongSo.Web.Data;
using CongDongSo.Web.Features.Imports;
using CongDongSo.Web.Infrastructure.Privacy;
using CongDongSo.Web.Infrastructure.Text;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Localization;
using Npgsql;
using NpgsqlTypes;
using SQLitePCL;

namespace CongDongSo.Bench;

/// <summary>
/// import-residents: a synthetic ward of N residents imported through the real use case (valid rows
/// only) into a fresh database, next to the database's own bulk path for the same rows in another
/// fresh database: prepared multi-row INSERTs (500 rows each) in one transaction on SQLite, binary
/// COPY on PostgreSQL. Prints both, their ratio, where the import's time goes and its peak memory.
/// </summary>
internal static class ImportResidentsBench
{
    private const string Usage = "usage: import-residents [sqlite|postgres] [rows=100000] [runs=3] [ef]   (PostgreSQL admin connection: CDS_BENCH_POSTGRES)";
    private const string DefaultPostgresAdmin = "Host=127.0.0.1;Port=5432;Username=cds_test;Password=cds_test;Database=postgres";
    // Enough rows for the JIT to reach its optimised tier before the measured run, as in a server that has been up a while.
    private const int WarmUpRows = 20_000;

    public static async Task<int> RunAsync(string[] args)
    {
        var provider = args.Contains("postgres") ? DatabaseProvider.Postgres : DatabaseProvider.Sqlite;
        var rowsArg = args.Skip(1).FirstOrDefault(a => a.StartsWith("rows=", StringComparison.Ordinal) || a.All(char.IsAsciiDigit));
        var rows = rowsArg is null ? 100_000 : int.Parse(rowsArg.Replace("rows=", "", StringComparison.Ordinal), CultureInfo.InvariantCulture);
        var runsArg = args.FirstOrDefault(a => a.StartsWith("runs=", StringComparison.Ordinal));
        var runs = runsArg is null ? 3 : int.Parse(runsArg[5..], CultureInfo.InvariantCulture);
        var compareChangeTracker = args.Contains("ef");
        if (rows < 1 || rows > ImportPopulation.MaxRows - 1_000 || runs < 1)
        {
            Console.Error.WriteLine(Usage);
            return 2;
        }
        var folder = Directory.CreateTempSubdirectory("cds-bench-import-").FullName;
        var databases = new List<string>();
        try
        {
            var protector = Protector(folder);
            var population = new SyntheticPopulation(rows);
            var files = population.WriteFiles(folder);
            var warmUp = new SyntheticPopulation(WarmUpRows, seed: 7).WriteFiles(Directory.CreateDirectory(Path.Combine(folder, "warm-up")).FullName);
            var expectedErrors = population.Generate().SelectMany(h => h.Residents).Count(r => r.Bad);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{provider}: {rows:N0} residents in {files.HouseholdCount:N0} households ({new FileInfo(files.Residents).Length / 1024.0 / 1024:0.0} MB csv, {expectedErrors} bad rows); {Environment.ProcessorCount} CPUs, load average {LoadAverage()}"));
            var cipherLength = protector.Encrypt("048085123456")!.Length;
            var phoneCipherLength = protector.Encrypt("0905123456")!.Length;

            // Import and raw path alternate, each in a fresh database, so both meet the same load on a shared machine.
            double bestImport = 0, bestRaw = 0;
            PopulationImportResult? first = null;
            for (var run = 1; run <= runs; run++)
            {
                var importDb = await FreshDatabaseAsync(provider, folder, "import" + run, databases);
                var (commune, warmCommune) = await SeedAreaAsync(provider, importDb);
                await ImportAsync(provider, importDb, protector, warmCommune, warmUp.Households, ImportKind.Households, false);
                await ImportAsync(provider, importDb, protector, warmCommune, warmUp.Residents, ImportKind.Residents, false);
                var households = await ImportAsync(provider, importDb, protector, commune, files.Households, ImportKind.Households, false);
                var memory = run == 1 ? new MemorySampler() : null;
                var importCpu = Process.GetCurrentProcess().TotalProcessorTime;
                var import = await ImportAsync(provider, importDb, protector, commune, files.Residents, ImportKind.Residents, false);
                importCpu = Process.GetCurrentProcess().TotalProcessorTime - importCpu;
                var peak = memory?.Stop();
                if (import.ErrorRows != expectedErrors || import.Created != rows - expectedErrors)
                {
                    Console.Error.WriteLine($"unexpected result: {import.Created} created, {import.ErrorRows} error rows (expected {expectedErrors})");
                    foreach (var e in import.Errors.Take(10))
                    {
                        Console.Error.WriteLine($"  row {e.Row} {e.Column}: {e.Message()}");
                    }
                    return 1;
                }
                Console.WriteLine($"-- run {run} of {runs}");
                Report("households import", households.Rows, households);
                Report("residents import", rows, import);
                Breakdown(import);
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"  encryption: {import.Timings.Protect.TotalMilliseconds * 1000 / Math.Max(1, import.Created):0.0} µs per resident, summed over the threads (ID number and phone, AES-256-GCM each under a data key)"));
                if (peak is var (peakWorkingSet, peakHeap, baseline))
                {
                    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                        $"  memory: working set {baseline.WorkingSet / 1048576.0:0} MB before, peak {peakWorkingSet / 1048576.0:0} MB; managed heap {baseline.Heap / 1048576.0:0} MB before, peak {peakHeap / 1048576.0:0} MB"));
                    var again = await ImportAsync(provider, importDb, protector, commune, files.Residents, ImportKind.Residents, false);
                    Report("re-import (no-op)", rows, again);
                    if (again.Created + again.Updated != 0)
                    {
                        Console.Error.WriteLine("the re-import changed rows");
                        return 1;
                    }
                    first = import;
                }
                await DropAsync(provider, databases);

                var rawDb = await FreshDatabaseAsync(provider, folder, "raw" + run, databases);
                var (rawCommune, rawWarmCommune) = await SeedAreaAsync(provider, rawDb);
                await RawAsync(provider, rawDb, rawWarmCommune, new SyntheticPopulation(WarmUpRows, seed: 7), cipherLength, phoneCipherLength);
                var raw = await RawAsync(provider, rawDb, rawCommune, population, cipherLength, phoneCipherLength);
                await DropAsync(provider, databases);
                var rawRate = raw.Rows / raw.Elapsed.TotalSeconds;
                var importRate = rows / import.Elapsed.TotalSeconds;
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"{"raw " + (provider == DatabaseProvider.Sqlite ? "multi-row INSERT" : "binary COPY"),-20}: {raw.Elapsed.TotalSeconds,7:0.000} s  {raw.Rows:N0} rows  {rawRate,9:N0} rows/s"));
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"  CPU time of this process: import {importCpu.TotalSeconds:0.00} s, raw {raw.Cpu.TotalSeconds:0.00} s; load average {LoadAverage()}"));
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"import / raw        : {importRate:N0} / {rawRate:N0} rows/s = {importRate / rawRate:0.00} of the raw speed"));
                bestImport = Math.Max(bestImport, importRate);
                bestRaw = Math.Max(bestRaw, rawRate);
            }
            if (runs > 1)
            {
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"best of {runs}       : import {bestImport:N0} rows/s, raw {bestRaw:N0} rows/s = {bestImport / bestRaw:0.00} of the raw speed (aim: at least 0.33)"));
            }

            if (compareChangeTracker)
            {
                var efDb = await FreshDatabaseAsync(provider, folder, "ef", databases);
                var (efCommune, efWarmCommune) = await SeedAreaAsync(provider, efDb);
                await ImportAsync(provider, efDb, protector, efWarmCommune, warmUp.Households, ImportKind.Households, true);
                await ImportAsync(provider, efDb, protector, efWarmCommune, warmUp.Residents, ImportKind.Residents, true);
                await ImportAsync(provider, efDb, protector, efCommune, files.Households, ImportKind.Households, true);
                var ef = await ImportAsync(provider, efDb, protector, efCommune, files.Residents, ImportKind.Residents, true);
                Report("import, EF AddRange", rows, ef);
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"  new rows through the change tracker: {ef.Timings.Write.TotalSeconds:0.00} s, against {first!.Timings.Write.TotalSeconds:0.00} s on the bulk path in run 1"));
            }
            return 0;
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            await DropAsync(provider, databases);
            Directory.Delete(folder, recursive: true);
        }
    }

    private static string LoadAverage() => File.Exists("/proc/loadavg") ? File.ReadAllText("/proc/loadavg").Split(' ')[0] : "?";

    internal static async Task DropAsync(DatabaseProvider provider, List<string> databases)
    {
        if (provider == DatabaseProvider.Sqlite)
        {
            SqliteConnection.ClearAllPools();
            return;
        }
        NpgsqlConnection.ClearAllPools();
        foreach (var name in databases)
        {
            await using var admin = new NpgsqlConnection(PostgresAdmin);
            await admin.OpenAsync();
            await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)", admin);
            await drop.ExecuteNonQueryAsync();
        }
        databases.Clear();
    }

    private static string PostgresAdmin => Environment.GetEnvironmentVariable("CDS_BENCH_POSTGRES") is { Length: > 0 } configured ? configured : DefaultPostgresAdmin;

    private static void Report(string what, int rows, PopulationImportResult result) =>
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{what,-20}: {result.Elapsed.TotalSeconds,7:0.000} s  {rows:N0} rows  {rows / result.Elapsed.TotalSeconds,9:N0} rows/s  (+{result.Created} ~{result.Updated} ={result.Unchanged} errors {result.ErrorRows})"));

    private static void Breakdown(PopulationImportResult result)
    {
        var t = result.Timings;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"  where the time goes: database side (this flow): lookups {t.Lookup.TotalSeconds:0.00} s, inserts {t.Write.TotalSeconds:0.00} s, updates {t.Update.TotalSeconds:0.00} s, waiting for rows and the rest {(result.Elapsed - t.Lookup - t.Write - t.Update).TotalSeconds:0.00} s; reading side, one chunk ahead: read {t.Read.TotalSeconds:0.00} s, check + hash + encrypt {t.Check.TotalSeconds:0.00} s (encryption {t.Protect.TotalSeconds:0.00} s of CPU on all cores)"));
    }

    private static PersonalDataProtector Protector(string folder)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Security:LookupHashKey"] = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)),
            ["Storage:DataDirectory"] = folder,
        }).Build();
        var keyRing = DataProtectionProvider.Create(Directory.CreateDirectory(Path.Combine(folder, "keys")));
        return new PersonalDataProtector(new PersonalDataKeyRing(keyRing, configuration, TimeProvider.System), keyRing, configuration);
    }

    internal static async Task<string> FreshDatabaseAsync(DatabaseProvider provider, string folder, string name, List<string> databases)
    {
        string connection;
        if (provider == DatabaseProvider.Sqlite)
        {
            connection = new SqliteConnectionStringBuilder { DataSource = Path.Combine(folder, name + ".db"), ForeignKeys = true, Pooling = true }.ToString();
        }
        else
        {
            var database = $"cds_bench_{name}_{Guid.NewGuid():N}"[..40];
            await using (var admin = new NpgsqlConnection(PostgresAdmin))
            {
                await admin.OpenAsync();
                await using var create = new NpgsqlCommand($"CREATE DATABASE \"{database}\"", admin);
                await create.ExecuteNonQueryAsync();
            }
            databases.Add(database);
            connection = new NpgsqlConnectionStringBuilder(PostgresAdmin) { Database = database }.ToString();
        }
        await using var db = Commands.NewContext(provider, connection);
        await db.MigrateAsync();
        return connection;
    }

    /// <summary>A commune with its neighbourhoods for the measured run, and another for the warm-up.</summary>
    private static async Task<(int Commune, int WarmUp)> SeedAreaAsync(DatabaseProvider provider, string connection)
    {
        await using var db = Commands.NewContext(provider, connection);
        var merger = new DateOnly(2025, 7, 1);
        var province = new Province { Code = "48", Name = "Thành phố Đà Nẵng", EffectiveFrom = merger };
        var communes = new[] { ("20314", "Phường Hòa Xuân"), ("20260", "Phường Cẩm Lệ") }
            .Select(c => new Commune { Province = province, Code = c.Item1, Name = c.Item2, Level = CommuneLevel.Phuong, EffectiveFrom = merger, SearchName = VietnameseText.Fold(c.Item2) })
            .ToArray();
        db.AddRange(communes);
        await db.SaveChangesAsync();
        foreach (var commune in communes)
        {
            db.Neighbourhoods.AddRange(Enumerable.Range(0, SyntheticPopulation.Neighbourhoods).Select(i => new Neighbourhood
            {
                CommuneId = commune.Id, Name = SyntheticPopulation.NeighbourhoodName(i), SearchName = VietnameseText.Fold(SyntheticPopulation.NeighbourhoodName(i)), EffectiveFrom = merger,
            }));
        }
        await db.SaveChangesAsync();
        return (communes[0].Id, communes[1].Id);
    }

    private static async Task<PopulationImportResult> ImportAsync(DatabaseProvider provider, string connection, PersonalDataProtector protector,
        int commune, string file, ImportKind kind, bool changeTracker)
    {
        await using var db = Commands.NewContext(provider, connection);
        var headers = File.ReadLines(file).First().TrimStart('\uFEFF').Split(',');
        var map = new ColumnMap(headers, ImportFields.Propose(kind, headers, null));
        var import = new ImportPopulation(db, protector, TimeProvider.System, new KeyLocalizer()) { UseChangeTracker = changeTracker };
        var result = await import.RunAsync(new PopulationImportRequest(kind, commune, file, Path.GetFileName(file), 1, map, ImportMode.ValidRowsOnly));
        if (result.FileFailed)
        {
            throw new InvalidOperationException(result.Errors[0].Message());
        }
        return result;
    }

    /// <summary>
    /// The same residents written straight through the database's bulk path: values prepared beforehand
    /// (ciphers and hashes of the real lengths, random bytes), only the insert is timed.
    /// </summary>
    private static async Task<(int Rows, TimeSpan Elapsed, TimeSpan Cpu)> RawAsync(DatabaseProvider provider, string connection, int commune, SyntheticPopulation population,
        int cipherLength, int phoneCipherLength)
    {
        var random = new Random(1);
        var now = DateTime.UtcNow;
        var households = new List<object?[]>();
        var residents = new List<object?[]>();
        var neighbourhoods = await NeighbourhoodIdsAsync(provider, connection, commune);
        foreach (var (household, people) in population.Generate())
        {
            var householdId = Guid.CreateVersion7();
            var neighbourhood = neighbourhoods[household.Neighbourhood];
            households.Add([commune, householdId, neighbourhood, household.Code, household.Address, null, household.HasBusiness, 0, VietnameseText.Fold(household.Code + " " + household.Address), now, now]);
            foreach (var r in people)
            {
                var name = VietnameseText.Clean(r.FullName)!;
                residents.Add([
                    commune, Guid.CreateVersion7(), householdId, neighbourhood, name, VietnameseText.Fold(name), r.BirthDate, r.BirthYear, r.Male ? 1 : 2, 3,
                    r.CitizenId is null ? null : RandomNumberGenerator.GetBytes(cipherLength), r.CitizenId is null ? null : RandomNumberGenerator.GetBytes(32), r.CitizenId?[^3..],
                    r.Phone is null ? null : RandomNumberGenerator.GetBytes(phoneCipherLength), r.Phone is null ? null : RandomNumberGenerator.GetBytes(32), r.Phone?[^3..],
                    random.Next(100) < 2, null, null, null, now, now,
                ]);
            }
        }
        string[] householdColumns = ["CommuneId", "Id", "NeighbourhoodId", "Code", "Address", "HeadResidentId", "HasBusiness", "Poverty", "SearchText", "CreatedAtUtc", "UpdatedAtUtc"];
        string[] residentColumns =
        [
            "CommuneId", "Id", "HouseholdId", "NeighbourhoodId", "FullName", "SearchName", "BirthDate", "BirthYear", "Gender", "Relation",
            "CitizenIdCipher", "CitizenIdHash", "CitizenIdTail", "PhoneCipher", "PhoneHash", "PhoneTail", "HasDisability", "ConsentAtUtc", "ConsentNote", "ErasedAtUtc", "CreatedAtUtc", "UpdatedAtUtc",
        ];
        if (provider == DatabaseProvider.Sqlite)
        {
            await using var sqlite = new SqliteConnection(connection);
            await sqlite.OpenAsync();
            await Pragmas(sqlite);
            await SqliteInsertAsync(sqlite, "Households", householdColumns, households);
            var cpu = Process.GetCurrentProcess().TotalProcessorTime;
            var started = Stopwatch.GetTimestamp();
            await SqliteInsertAsync(sqlite, "Residents", residentColumns, residents);
            return (residents.Count, Stopwatch.GetElapsedTime(started), Process.GetCurrentProcess().TotalProcessorTime - cpu);
        }
        await using var npgsql = new NpgsqlConnection(connection);
        await npgsql.OpenAsync();
        await CopyAsync(npgsql, "Households", householdColumns, households);
        var copyCpu = Process.GetCurrentProcess().TotalProcessorTime;
        var copyStarted = Stopwatch.GetTimestamp();
        await CopyAsync(npgsql, "Residents", residentColumns, residents);
        return (residents.Count, Stopwatch.GetElapsedTime(copyStarted), Process.GetCurrentProcess().TotalProcessorTime - copyCpu);
    }

    private static async Task<Dictionary<string, Guid>> NeighbourhoodIdsAsync(DatabaseProvider provider, string connection, int commune)
    {
        await using var db = Commands.NewContext(provider, connection);
        return await db.Neighbourhoods.Where(n => n.CommuneId == commune).ToDictionaryAsync(n => n.Name, n => n.Id);
    }

    /// <summary>The app's own connection settings (WAL, synchronous FULL, foreign keys), so both sides pay the same.</summary>
    private static async Task Pragmas(SqliteConnection connection)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA synchronous=FULL; PRAGMA foreign_keys=ON; PRAGMA busy_timeout=10000;";
        await command.ExecuteNonQueryAsync();
    }

    /// <summary>
    /// Plain multi-row INSERTs, 500 rows per prepared statement, one transaction, values bound by
    /// position through SQLite's C API (Microsoft.Data.Sqlite's by-name binding is quadratic in the
    /// number of parameters: 11,000 per statement here).
    /// </summary>
    private static async Task SqliteInsertAsync(SqliteConnection connection, string table, string[] columns, List<object?[]> rows)
    {
        const int perStatement = 500;
        await using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync();
        var handle = connection.Handle!;
        var tuple = "(" + string.Join(", ", columns.Select(_ => "?")) + ")";
        sqlite3_stmt? full = null;
        for (var offset = 0; offset < rows.Count; offset += perStatement)
        {
            var count = Math.Min(perStatement, rows.Count - offset);
            var statement = count == perStatement && full is not null ? full : null;
            if (statement is null)
            {
                var sql = $"INSERT INTO \"{table}\" ({string.Join(", ", columns.Select(c => $"\"{c}\""))}) VALUES {string.Join(", ", Enumerable.Repeat(tuple, count))}";
                Check(raw.sqlite3_prepare_v2(handle, sql, out statement), handle);
                if (count == perStatement)
                {
                    full = statement;
                }
            }
            var index = 1;
            for (var i = 0; i < count; i++)
            {
                foreach (var value in rows[offset + i])
                {
                    Check(value switch
                    {
                        null => raw.sqlite3_bind_null(statement, index),
                        // As EF stores them on SQLite: GUIDs as upper-case text, dates as ISO text.
                        Guid g => raw.sqlite3_bind_text(statement, index, g.ToString().ToUpperInvariant()),
                        DateTime d => raw.sqlite3_bind_text(statement, index, d.ToString("yyyy-MM-dd HH:mm:ss.FFFFFFF", CultureInfo.InvariantCulture)),
                        DateOnly d => raw.sqlite3_bind_text(statement, index, d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)),
                        bool b => raw.sqlite3_bind_int64(statement, index, b ? 1 : 0),
                        int n => raw.sqlite3_bind_int64(statement, index, n),
                        byte[] bytes => raw.sqlite3_bind_blob(statement, index, bytes),
                        string text => raw.sqlite3_bind_text(statement, index, text),
                        _ => throw new NotSupportedException(value.GetType().Name),
                    }, handle);
                    index++;
                }
            }
            var rc = raw.sqlite3_step(statement);
            if (rc != raw.SQLITE_DONE)
            {
                Check(rc, handle);
            }
            raw.sqlite3_reset(statement);
            if (statement != full)
            {
                statement.Dispose();
            }
        }
        full?.Dispose();
        await transaction.CommitAsync();
    }

    private static void Check(int rc, sqlite3 handle)
    {
        if (rc is not (raw.SQLITE_OK or raw.SQLITE_DONE))
        {
            SqliteException.ThrowExceptionForRC(rc, handle);
        }
    }

    private static async Task CopyAsync(NpgsqlConnection connection, string table, string[] columns, List<object?[]> rows)
    {
        await using var transaction = await connection.BeginTransactionAsync();
        await using (var importer = await connection.BeginBinaryImportAsync($"COPY \"{table}\" ({string.Join(", ", columns.Select(c => $"\"{c}\""))}) FROM STDIN (FORMAT BINARY)"))
        {
            foreach (var row in rows)
            {
                await importer.StartRowAsync();
                foreach (var value in row)
                {
                    switch (value)
                    {
                        case null:
                            await importer.WriteNullAsync();
                            break;
                        case DateTime d:
                            await importer.WriteAsync(d, NpgsqlDbType.TimestampTz);
                            break;
                        case DateOnly d:
                            await importer.WriteAsync(d, NpgsqlDbType.Date);
                            break;
                        default:
                            await importer.WriteAsync(value);
                            break;
                    }
                }
            }
            await importer.CompleteAsync();
        }
        await transaction.CommitAsync();
    }

    /// <summary>Peak working set and managed heap, sampled every 10 ms while the import runs.</summary>
    private sealed class MemorySampler
    {
        private readonly Thread _thread;
        private volatile bool _stop;
        private long _peakWorkingSet;
        private long _peakHeap;
        private readonly (long WorkingSet, long Heap) _baseline;

        public MemorySampler()
        {
            GC.Collect();
            GC.WaitForPendingFinalizers();
            _baseline = (Environment.WorkingSet, GC.GetTotalMemory(false));
            _thread = new Thread(() =>
            {
                while (!_stop)
                {
                    _peakWorkingSet = Math.Max(_peakWorkingSet, Environment.WorkingSet);
                    _peakHeap = Math.Max(_peakHeap, GC.GetTotalMemory(false));
                    Thread.Sleep(10);
                }
            }) { IsBackground = true };
            _thread.Start();
        }

        public (long PeakWorkingSet, long PeakHeap, (long WorkingSet, long Heap) Baseline) Stop()
        {
            _stop = true;
            _thread.Join();
            return (_peakWorkingSet, _peakHeap, _baseline);
        }
    }

    /// <summary>The Vietnamese key itself (the bench reads no resources).</summary>
    private sealed class KeyLocalizer : IStringLocalizer
    {
        public LocalizedString this[string name] => new(name, name);

        public LocalizedString this[string name, params object[] arguments] => new(name, string.Format(CultureInfo.InvariantCulture, name, arguments));

        public IEnumerable<LocalizedString> GetAllStrings(bool includeParentCultures) => [];
    }
}
