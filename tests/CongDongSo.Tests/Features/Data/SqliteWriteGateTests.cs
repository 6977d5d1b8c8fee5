using CongDongSo.Web.Data;
using CongDongSo.Web.Infrastructure.Auth;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace CongDongSo.Tests.Features.Data;

/// <summary>
/// On SQLite, writers queue in the process: a second writer awaits the first without blocking a
/// thread in SQLite's busy handler, and goes through as soon as the first ends, however it ends.
/// These run on a SQLite file whatever the run's provider: the gate exists only there.
/// </summary>
public sealed class SqliteWriteGateTests : IAsyncLifetime
{
    private readonly string _folder = Directory.CreateTempSubdirectory("cds-gate-").FullName;
    private string ConnectionString => $"Data Source={Path.Combine(_folder, "gate.db")}";

    public async Task InitializeAsync()
    {
        await using var db = NewContext();
        await db.MigrateAsync();
    }

    public Task DisposeAsync()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
        return Task.CompletedTask;
    }

    [Fact]
    public async Task A_second_save_waits_for_the_open_transaction_without_blocking_its_caller_then_succeeds()
    {
        await using var first = NewContext();
        await using var transaction = await first.Database.BeginTransactionAsync();
        first.Audit(AuditAction.Security, "Test", "first", null, "first");
        await first.SaveChangesAsync();

        await using var second = NewContext();
        second.Audit(AuditAction.Security, "Test", "second", null, "second");
        // Without the gate this call would sit in SQLite's busy handler on this very thread until its
        // timeout, and the first transaction could never commit: "database is locked".
        var save = second.SaveChangesAsync();
        await Task.Delay(300);
        Assert.False(save.IsCompleted);

        await transaction.CommitAsync();
        await save.WaitAsync(TimeSpan.FromSeconds(10));
        await using var check = NewContext();
        Assert.Equal(["first", "second"], await check.AuditEntries.OrderBy(a => a.Summary).Select(a => a.Summary).ToListAsync());
    }

    [Fact]
    public async Task A_lone_statement_waits_its_turn_too()
    {
        await using var first = NewContext();
        await using var transaction = await first.Database.BeginTransactionAsync();
        first.Audit(AuditAction.Security, "Test", "first", null, "first");
        await first.SaveChangesAsync();

        await using var second = NewContext();
        var delete = second.UserSessions.Where(s => s.Id == "none").ExecuteDeleteAsync();
        await Task.Delay(300);
        Assert.False(delete.IsCompleted);

        await transaction.RollbackAsync();
        Assert.Equal(0, await delete.WaitAsync(TimeSpan.FromSeconds(10)));
    }

    [Fact]
    public async Task A_transaction_left_without_commit_or_rollback_lets_the_next_writer_in()
    {
        await using (var first = NewContext())
        {
            var transaction = await first.Database.BeginTransactionAsync();
            first.Audit(AuditAction.Security, "Test", "abandoned", null, "abandoned");
            await first.SaveChangesAsync();
            await transaction.DisposeAsync();
        }

        await using var second = NewContext();
        second.Audit(AuditAction.Security, "Test", "next", null, "next");
        await second.SaveChangesAsync().WaitAsync(TimeSpan.FromSeconds(5));
        Assert.Equal(["next"], await second.AuditEntries.Select(a => a.Summary).ToListAsync());
    }

    [Fact]
    public async Task A_failed_write_releases_its_turn()
    {
        await using (var first = NewContext())
        {
            await Assert.ThrowsAnyAsync<SqliteException>(() => first.Database.ExecuteSqlRawAsync("UPDATE \"NoSuchTable\" SET \"X\" = 1"));
        }

        await using var second = NewContext();
        second.Audit(AuditAction.Security, "Test", "after", null, "after");
        await second.SaveChangesAsync().WaitAsync(TimeSpan.FromSeconds(5));
    }

    [Fact]
    public async Task Every_open_of_a_pooled_connection_keeps_full_sync_and_foreign_keys()
    {
        // The pragmas are set once per native connection; the pool hands the same one out again and again.
        for (var i = 0; i < 5; i++)
        {
            await using var db = NewContext();
            await db.Database.OpenConnectionAsync();
            await using var command = db.Database.GetDbConnection().CreateCommand();
            command.CommandText = "PRAGMA synchronous";
            Assert.Equal(2L, await command.ExecuteScalarAsync()); // FULL
            command.CommandText = "PRAGMA foreign_keys";
            Assert.Equal(1L, await command.ExecuteScalarAsync());
            command.CommandText = "PRAGMA busy_timeout";
            Assert.Equal(10_000L, await command.ExecuteScalarAsync());
        }
    }

    private AppDbContext NewContext()
    {
        var options = new DbContextOptionsBuilder<AppDbContext>();
        DataSetup.Configure(options, DatabaseProvider.Sqlite, ConnectionString);
        return new AppDbContext(options.Options, new AreaScope().GrantAll("test"), TimeProvider.System);
    }
}
