using CongDongSo.Tests.Infrastructure;
using CongDongSo.Web.Data;
using CongDongSo.Web.Infrastructure.Auth;
using Microsoft.EntityFrameworkCore;

namespace CongDongSo.Tests.Features.Data;

/// <summary>
/// The hand-written migration scripts must build exactly the schema EF derives from the model;
/// when this fails, `dotnet run --project bench/CongDongSo.Bench -- schema-script &lt;provider&gt;`
/// prints the DDL to start the next migration from.
/// </summary>
public sealed class MigrationsMatchModelTests
{
    [DbFact]
    public async Task Migrated_schema_equals_the_schema_of_the_model()
    {
        await using var migratedDb = await TestDatabase.CreateAsync(empty: true);
        await using var modelDb = await TestDatabase.CreateAsync(empty: true);

        await using (var migrated = NewContext(migratedDb))
        {
            await migrated.MigrateAsync();
        }
        await using (var fromModel = NewContext(modelDb))
        {
            await fromModel.Database.EnsureCreatedAsync(); // a throwaway database: the model's own DDL
        }

        await using var a = NewContext(migratedDb);
        await using var b = NewContext(modelDb);
        var migratedSchema = await SchemaReader.ReadAsync(a);
        var modelSchema = await SchemaReader.ReadAsync(b);

        Assert.NotEmpty(modelSchema);
        Assert.Equal(modelSchema.Except(migratedSchema), []);
        Assert.Equal(migratedSchema.Except(modelSchema), []);
    }

    [DbFact]
    public async Task Migrating_twice_changes_nothing_and_the_history_lists_every_migration()
    {
        await using var database = await TestDatabase.CreateAsync(empty: true);
        await using var db = NewContext(database);
        await db.MigrateAsync();
        await db.MigrateAsync();

        var applied = await db.Database.GetAppliedMigrationsAsync();
        Assert.Equal(db.Database.GetMigrations(), applied);
        Assert.Empty(await db.Database.GetPendingMigrationsAsync());
    }

    [DbFact]
    public async Task The_audit_log_refuses_updates_and_deletes_in_the_database_itself()
    {
        await using var database = await TestDatabase.CreateAsync(empty: true);
        await using var db = NewContext(database);
        await db.MigrateAsync();
        db.Audit(AuditAction.Security, "Test", "1", null, "row");
        await db.SaveChangesAsync();

        await Assert.ThrowsAnyAsync<Exception>(() => db.Database.ExecuteSqlRawAsync("UPDATE \"AuditEntries\" SET \"Summary\" = 'changed'"));
        await Assert.ThrowsAnyAsync<Exception>(() => db.Database.ExecuteSqlRawAsync("DELETE FROM \"AuditEntries\""));
        Assert.Equal("row", await db.AuditEntries.Select(a => a.Summary).SingleAsync());
    }

    private static AppDbContext NewContext(TestDatabase database)
    {
        var options = new DbContextOptionsBuilder<AppDbContext>();
        DataSetup.Configure(options, TestDatabase.Provider, database.ConnectionString);
        return new AppDbContext(options.Options, new AreaScope().GrantAll("test"), TimeProvider.System);
    }
}
