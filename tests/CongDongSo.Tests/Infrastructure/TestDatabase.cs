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

    public static async Task<TestDatabase> CreateAsync()
    {
        var folder = Directory.CreateTempSubdirectory("cds-test-").FullName;
        if (Provider == DatabaseProvider.Sqlite)
        {
            return new TestDatabase($"Data Source={Path.Combine(folder, "test.db")}", folder, null);
        }
        var name = "cds_t_" + Guid.NewGuid().ToString("N")[..16];
        await using (var admin = new NpgsqlConnection(s_postgresAdmin))
        {
            await admin.OpenAsync();
            await using var create = new NpgsqlCommand($"CREATE DATABASE \"{name}\"", admin);
            await create.ExecuteNonQueryAsync();
        }
        var csb = new NpgsqlConnectionStringBuilder(s_postgresAdmin) { Database = name };
        return new TestDatabase(csb.ConnectionString, folder, name);
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
