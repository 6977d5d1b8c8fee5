using CongDongSo.Web.Data;
using Npgsql;

namespace CongDongSo.Tests.Infrastructure;

/// <summary>
/// A throwaway database for one test class on the provider the run asks for
/// (CDS_TEST_DB=sqlite|postgres). PostgreSQL is reached through CDS_TEST_POSTGRES, which the
/// README's test command sets after starting the machine's server.
/// </summary>
public sealed class TestDatabase : IAsyncDisposable
{
    public static DatabaseProvider Provider { get; } =
        string.Equals(Environment.GetEnvironmentVariable("CDS_TEST_DB"), "postgres", StringComparison.OrdinalIgnoreCase)
            ? DatabaseProvider.Postgres
            : DatabaseProvider.Sqlite;

    private static readonly string? s_postgresAdmin = Environment.GetEnvironmentVariable("CDS_TEST_POSTGRES");

    /// <summary>Why database tests cannot run on this machine, or null when they can.</summary>
    public static string? UnavailableReason =>
        Provider == DatabaseProvider.Postgres && string.IsNullOrEmpty(s_postgresAdmin)
            ? "PostgreSQL is not available on this machine (CDS_TEST_POSTGRES is not set); run ./test.sh, which starts it."
            : null;

    private readonly string? _postgresName;

    public string ConnectionString { get; }
    public string Folder { get; }

    private TestDatabase(string connectionString, string folder, string? postgresName)
    {
        ConnectionString = connectionString;
        Folder = folder;
        _postgresName = postgresName;
    }

    /// <summary>
    /// A database migrated and seeded with the reference data once per test run: each test class
    /// starts from a copy of it (a file copy on SQLite, CREATE DATABASE … TEMPLATE on PostgreSQL)
    /// instead of running every migration and seed again. The app's start still migrates and seeds,
    /// finding nothing left to do, as on a restart.
    /// </summary>
    private static readonly Lazy<Task<string>> s_template = new(CreateTemplateAsync);

    /// <summary>A database for one test class: a copy of the migrated, seeded template, or with <paramref name="empty"/> nothing at all.</summary>
    public static async Task<TestDatabase> CreateAsync(bool empty = false)
    {
        var folder = Directory.CreateTempSubdirectory("cds-test-").FullName;
        var template = empty ? null : await s_template.Value;
        if (Provider == DatabaseProvider.Sqlite)
        {
            var file = Path.Combine(folder, "test.db");
            if (template is not null)
            {
                File.Copy(template, file);
            }
            return new TestDatabase($"Data Source={file}", folder, null);
        }
        var name = "cds_t_" + Guid.NewGuid().ToString("N")[..16];
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await using var admin = new NpgsqlConnection(s_postgresAdmin);
                await admin.OpenAsync();
                await using var create = new NpgsqlCommand(template is null ? $"CREATE DATABASE \"{name}\"" : $"CREATE DATABASE \"{name}\" TEMPLATE \"{template}\"", admin);
                await create.ExecuteNonQueryAsync();
                break;
            }
            catch (PostgresException e) when (e.SqlState == "55006" && attempt < 20)
            {
                // Another class is copying the template at this moment.
                await Task.Delay(50 * attempt);
            }
        }
        var csb = new NpgsqlConnectionStringBuilder(s_postgresAdmin) { Database = name };
        return new TestDatabase(csb.ConnectionString, folder, name);
    }

    private static async Task<string> CreateTemplateAsync()
    {
        string connection, result;
        if (Provider == DatabaseProvider.Sqlite)
        {
            var folder = Directory.CreateTempSubdirectory("cds-test-template-").FullName;
            result = Path.Combine(folder, "template.db");
            connection = $"Data Source={result}";
            AppDomain.CurrentDomain.ProcessExit += (_, _) => Directory.Delete(folder, recursive: true);
        }
        else
        {
            result = "cds_t_template_" + Guid.NewGuid().ToString("N")[..12];
            await using (var admin = new NpgsqlConnection(s_postgresAdmin))
            {
                await admin.OpenAsync();
                await using var create = new NpgsqlCommand($"CREATE DATABASE \"{result}\"", admin);
                await create.ExecuteNonQueryAsync();
            }
            connection = new NpgsqlConnectionStringBuilder(s_postgresAdmin) { Database = result, Pooling = false }.ConnectionString;
            AppDomain.CurrentDomain.ProcessExit += (_, _) => DropPostgresAsync(result).GetAwaiter().GetResult();
        }
        var options = new Microsoft.EntityFrameworkCore.DbContextOptionsBuilder<AppDbContext>();
        DataSetup.Configure(options, Provider, connection);
        await using (var db = new AppDbContext(options.Options, new Web.Infrastructure.Auth.AreaScope().GrantAll("tests"), TimeProvider.System))
        {
            await db.MigrateAsync();
            await ReferenceData.SeedAsync(db);
            if (Provider == DatabaseProvider.Sqlite)
            {
                // One file to copy: the write-ahead log folded into the database.
                await Microsoft.EntityFrameworkCore.RelationalDatabaseFacadeExtensions.ExecuteSqlRawAsync(db.Database, "PRAGMA wal_checkpoint(TRUNCATE)");
            }
        }
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        NpgsqlConnection.ClearAllPools();
        return result;
    }

    public async ValueTask DisposeAsync()
    {
        if (_postgresName is not null)
        {
            NpgsqlConnection.ClearAllPools();
            await DropPostgresAsync(_postgresName);
        }
        else
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        }
        try
        {
            Directory.Delete(Folder, recursive: true);
        }
        catch (IOException)
        {
            // A file still open on a slow runner is left for the OS temp cleaner.
        }
    }

    /// <summary>
    /// Drops a throwaway database. An autovacuum worker still on it can make a drop fail for a
    /// moment; a database left behind is harmless (./test.sh removes leftovers before each run).
    /// </summary>
    private static async Task DropPostgresAsync(string name)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await using var admin = new NpgsqlConnection(s_postgresAdmin);
                await admin.OpenAsync();
                await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)", admin);
                await drop.ExecuteNonQueryAsync();
                return;
            }
            catch (PostgresException) when (attempt < 5)
            {
                await Task.Delay(200 * attempt);
            }
            catch (PostgresException)
            {
                return;
            }
        }
    }
}

/// <summary>A test that needs the run's database; skipped with the reason when it is missing (never under CI=true).</summary>
public sealed class DbFactAttribute : FactAttribute
{
    public DbFactAttribute()
    {
        if (TestDatabase.UnavailableReason is { } reason && !IsCi)
        {
            Skip = reason;
        }
    }

    internal static bool IsCi => string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase);
}

/// <summary>A theory over the run's database, skipped like <see cref="DbFactAttribute"/>.</summary>
public sealed class DbTheoryAttribute : TheoryAttribute
{
    public DbTheoryAttribute()
    {
        if (TestDatabase.UnavailableReason is { } reason && !DbFactAttribute.IsCi)
        {
            Skip = reason;
        }
    }
}
