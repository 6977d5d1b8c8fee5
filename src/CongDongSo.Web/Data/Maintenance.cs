using CongDongSo.Web.Infrastructure.Privacy;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace CongDongSo.Web.Data;

/// <summary>Operator commands run instead of the web server: `dotnet CongDongSo.Web.dll backup FILE`.</summary>
public static class Maintenance
{
    public static async Task<bool> TryRunAsync(WebApplication app, string[] args)
    {
        if (args is ["rebuild-counts", .. var communes])
        {
            await RebuildCountsAsync(app, communes);
            return true;
        }
        if (args is not ["backup", var target])
        {
            return false;
        }
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        if (!db.Database.IsSqlite())
        {
            Console.Error.WriteLine("PostgreSQL: use pg_dump (see README, \"Back-up and restore\").");
            Environment.ExitCode = 2;
            return true;
        }
        await BackupSqliteAsync(db, target);
        Console.WriteLine($"Backup written to {Path.GetFullPath(target)}");
        return true;
    }

    /// <summary>
    /// `rebuild-counts [commune code …]`: the indicator counts made again from the raw facts, for the
    /// communes named (statistics office codes) or every commune that has a plan or counts; then each
    /// is checked against a fresh count and the differences, which must be none, are printed.
    /// </summary>
    private static async Task RebuildCountsAsync(WebApplication app, string[] codes)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        db.Scope.GrantAll("rebuild-counts");
        var communes = codes.Length > 0
            ? await db.Communes.Where(c => codes.Contains(c.Code)).Select(c => new { c.Id, c.Code, c.Name }).ToListAsync()
            : await db.Communes.Where(c => db.Plans.Any(p => p.CommuneId == c.Id) || db.IndicatorSeries.Any(s => s.CommuneId == c.Id))
                .Select(c => new { c.Id, c.Code, c.Name }).ToListAsync();
        var clock = scope.ServiceProvider.GetRequiredService<TimeProvider>();
        foreach (var commune in communes)
        {
            var started = System.Diagnostics.Stopwatch.GetTimestamp();
            var rows = await IndicatorCounter.RebuildCommuneAsync(db, commune.Id, clock.GetUtcNow().UtcDateTime);
            var differences = await IndicatorCounter.DifferencesAsync(db, commune.Id);
            Console.WriteLine($"{commune.Code} {commune.Name}: {rows} rows in {System.Diagnostics.Stopwatch.GetElapsedTime(started).TotalSeconds:0.0} s, {differences.Count} differences");
            foreach (var difference in differences.Take(20))
            {
                Console.WriteLine("  " + difference);
            }
            if (differences.Count > 0)
            {
                Environment.ExitCode = 1;
            }
        }
    }

    /// <summary>
    /// SQLite's online backup API: a consistent copy while the app keeps running and writing
    /// (copying the file by hand could catch it between the database and its WAL).
    /// </summary>
    public static async Task BackupSqliteAsync(AppDbContext db, string target)
    {
        var source = (SqliteConnection)db.Database.GetDbConnection();
        await db.Database.OpenConnectionAsync();
        try
        {
            var folder = Path.GetDirectoryName(Path.GetFullPath(target));
            if (folder is not null)
            {
                Directory.CreateDirectory(folder);
            }
            await using var destination = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = target, Pooling = false }.ToString());
            PrivateFiles.Ensure(target); // a copy of everyone's personal data: owner-only like the original
            await destination.OpenAsync();
            source.BackupDatabase(destination);
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }
}
