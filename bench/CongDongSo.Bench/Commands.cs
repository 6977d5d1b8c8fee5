using System.Globalization;
using CongDongSo.Web.Data;
using CongDongSo.Web.Features.Areas;
using CongDongSo.Web.Infrastructure.Auth;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace CongDongSo.Bench;

internal static class Commands
{
    public static async Task<int> RunAsync(string[] args)
    {
        switch (args.FirstOrDefault())
        {
            case "schema-script":
                // The DDL EF derives from the model: the starting point for a new migration script.
                var provider = args.ElementAtOrDefault(1) == "postgres" ? DatabaseProvider.Postgres : DatabaseProvider.Sqlite;
                await using (var db = NewContext(provider, provider == DatabaseProvider.Sqlite ? "Data Source=:memory:" : "Host=localhost"))
                {
                    Console.WriteLine(db.Database.GenerateCreateScript());
                }
                return 0;
            case "import-admin-units":
                return await ImportAdminUnitsAsync(args);
            case "field-package-size":
                return await FieldPackageSize.RunAsync(args);
            case "import-residents":
                return await ImportResidentsBench.RunAsync(args);
            case "http-paths":
                return await HttpPathsBench.RunAsync(args);
            case "indicators":
                return await IndicatorsBench.RunAsync(args);
            default:
                Console.Error.WriteLine("usage: schema-script sqlite|postgres");
                Console.Error.WriteLine("       import-admin-units <csv|xlsx> [sqlite|postgres] [connection string of a fresh database]");
                Console.Error.WriteLine("       field-package-size [households, default 1000]");
                Console.Error.WriteLine("       import-residents [sqlite|postgres] [rows=100000] [runs=3] [ef]");
                Console.Error.WriteLine("       http-paths [seconds=10] [connections=16]");
                Console.Error.WriteLine("       indicators [sqlite|postgres] [communes=100] [households=10000] [keep]");
                return 2;
        }
    }

    /// <summary>
    /// Imports the statistics office's list into a fresh database twice: the first run creates every
    /// unit, the second must change nothing. Prints the time of each.
    /// </summary>
    private static async Task<int> ImportAdminUnitsAsync(string[] args)
    {
        var file = args.ElementAtOrDefault(1);
        if (file is null || !File.Exists(file))
        {
            Console.Error.WriteLine("usage: import-admin-units <csv|xlsx> [sqlite|postgres] [connection string of a fresh database]");
            return 2;
        }
        var provider = args.ElementAtOrDefault(2) == "postgres" ? DatabaseProvider.Postgres : DatabaseProvider.Sqlite;
        var connection = args.ElementAtOrDefault(3);
        string? folder = null;
        if (connection is null)
        {
            if (provider == DatabaseProvider.Postgres)
            {
                Console.Error.WriteLine("PostgreSQL needs the connection string of a fresh, empty database.");
                return 2;
            }
            folder = Directory.CreateTempSubdirectory("cds-bench-").FullName;
            connection = $"Data Source={Path.Combine(folder, "bench.db")}";
        }
        try
        {
            await using (var db = NewContext(provider, connection))
            {
                await db.MigrateAsync();
                if (await db.Provinces.AnyAsync())
                {
                    Console.Error.WriteLine("The database already holds provinces: give a fresh one.");
                    return 2;
                }
            }
            Console.WriteLine($"{provider}: importing {Path.GetFileName(file)}");
            foreach (var run in new[] { "first import", "re-import" })
            {
                await using var db = NewContext(provider, connection);
                await using var content = File.OpenRead(file);
                var result = await new ImportAdminUnits(db, TimeProvider.System)
                    .RunAsync(content, file, ImportAdminUnits.DefaultEffectiveDate, dryRun: false);
                if (!result.Succeeded)
                {
                    foreach (var error in result.Errors.Take(20))
                    {
                        Console.Error.WriteLine($"row {error.Row} {error.Column}: {error.Message()}");
                    }
                    return 1;
                }
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"{run,-12}: {result.Elapsed.TotalSeconds,6:0.000} s  {result.Rows} rows; provinces +{result.Provinces.Created} ~{result.Provinces.Updated} ={result.Provinces.Unchanged}; communes +{result.Communes.Created} ~{result.Communes.Updated} ={result.Communes.Unchanged}"));
            }
            await using (var db = NewContext(provider, connection))
            {
                var levels = await db.Communes.GroupBy(c => c.Level).Select(g => new { Level = g.Key, Count = g.Count() }).ToListAsync();
                Console.WriteLine($"in the database: {await db.Provinces.CountAsync()} provinces, {await db.Communes.CountAsync()} communes ("
                    + string.Join(", ", levels.OrderBy(l => l.Level).Select(l => $"{l.Level} {l.Count}")) + $"), {await db.AuditEntries.CountAsync()} audit lines");
            }
            return 0;
        }
        finally
        {
            if (folder is not null)
            {
                SqliteConnection.ClearAllPools();
                Directory.Delete(folder, recursive: true);
            }
        }
    }

    public static AppDbContext NewContext(DatabaseProvider provider, string connectionString)
    {
        var options = new DbContextOptionsBuilder<AppDbContext>();
        DataSetup.Configure(options, provider, connectionString);
        return new AppDbContext(options.Options, new AreaScope().GrantAll("bench"), TimeProvider.System);
    }
}
