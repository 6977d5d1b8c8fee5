using System.Data.Common;
using CongDongSo.Web.Infrastructure.Auth;
using CongDongSo.Web.Infrastructure.Privacy;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.EntityFrameworkCore;

namespace CongDongSo.Web.Data;

public enum DatabaseProvider
{
    Sqlite,
    Postgres,
}

/// <summary>Storage registration: embedded SQLite by default, PostgreSQL by configuration.</summary>
public static class DataSetup
{
    public static WebApplicationBuilder AddData(this WebApplicationBuilder builder)
    {
        PrivateFiles.RestrictNewFiles();
        var provider = builder.Configuration.GetValue("Database:Provider", DatabaseProvider.Sqlite);
        var connectionString = builder.Configuration.GetConnectionString("Default");
        if (provider == DatabaseProvider.Sqlite)
        {
            connectionString = SqliteConnectionString(connectionString, builder.Configuration.DataDirectory());
        }
        else if (string.IsNullOrWhiteSpace(connectionString))
        {
            throw new InvalidOperationException("Database:Provider is Postgres but ConnectionStrings:Default is empty.");
        }

        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddScoped<AreaScope>();
        builder.Services.AddSingleton<Infrastructure.Privacy.PersonalDataKeyRing>();
        builder.Services.AddSingleton<Infrastructure.Privacy.PersonalDataProtector>();
        builder.Services.AddDbContext<AppDbContext>(options => Configure(options, provider, connectionString!));
        builder.Services.AddHealthChecks().AddDbContextCheck<AppDbContext>("database", tags: ["ready"]);
        return builder;
    }

    public static void Configure(DbContextOptionsBuilder options, DatabaseProvider provider, string connectionString)
    {
        if (provider == DatabaseProvider.Sqlite)
        {
            options.UseSqlite(connectionString).AddInterceptors(SqlitePragmas.Instance, SqliteWriteGate.Instance);
        }
        else
        {
            options.UseNpgsql(connectionString);
        }
        // The migrations are hand-written SQL (the EF design tools are not available), so there is
        // no model snapshot to compare with; MigrationsMatchModelTests proves the schema instead.
        options.ConfigureWarnings(w => w.Ignore(RelationalEventId.PendingModelChangesWarning));
    }

    /// <summary>The folder for the SQLite file, the key ring and other local state (default ./data).</summary>
    public static string DataDirectory(this IConfiguration configuration)
    {
        return PrivateFiles.Folder(configuration["Storage:DataDirectory"] ?? "data");
    }

    private static string SqliteConnectionString(string? configured, string dataDirectory)
    {
        var csb = new SqliteConnectionStringBuilder(string.IsNullOrWhiteSpace(configured)
            ? $"Data Source={Path.Combine(dataDirectory, "congdongso.db")}"
            : configured)
        {
            ForeignKeys = true,
            Pooling = true,
            DefaultTimeout = 30,
        };
        if (csb.Mode != SqliteOpenMode.Memory && csb.DataSource is { Length: > 0 } file && file != ":memory:")
        {
            // SQLite gives its -wal and -shm files the database file's own mode.
            PrivateFiles.Ensure(file);
            PrivateFiles.Narrow(file + "-wal");
            PrivateFiles.Narrow(file + "-shm");
        }
        return csb.ToString();
    }

    /// <summary>Applies the versioned migrations; on SQLite also switches the file to WAL.</summary>
    public static async Task MigrateAsync(this AppDbContext db, CancellationToken cancellationToken = default)
    {
        if (db.Database.IsSqlite())
        {
            // WAL is a property of the database file: set once, it stays.
            await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", cancellationToken);
        }
        await db.Database.MigrateAsync(cancellationToken);
    }
}

/// <summary>Per-connection SQLite settings: no acknowledged write may be lost on a crash.</summary>
internal sealed class SqlitePragmas : DbConnectionInterceptor
{
    public static readonly SqlitePragmas Instance = new();

    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData) => Apply(connection);

    public override Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        Apply(connection);
        return Task.CompletedTask;
    }

    /// <summary>The native connections set up already: a pooled connection keeps its handle, and the pragmas stay with it.</summary>
    private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<object, object> s_applied = [];

    private static void Apply(DbConnection connection)
    {
        if (connection is SqliteConnection { Handle: { } handle } && !s_applied.TryAdd(handle, handle))
        {
            return;
        }
        using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA synchronous=FULL; PRAGMA foreign_keys=ON; PRAGMA busy_timeout=10000;";
        command.ExecuteNonQuery();
    }
}
