using CongDongSo.Tests.Infrastructure;
using CongDongSo.Web.Data;
using CongDongSo.Web.Infrastructure.Auth;
using Microsoft.EntityFrameworkCore;

namespace CongDongSo.Tests.Features.Data;

public sealed class BackupTests(AppFactory app) : IClassFixture<AppFactory>
{
    [DbFact]
    public async Task A_SQLite_online_backup_restores_to_the_same_data()
    {
        if (TestDatabase.Provider != DatabaseProvider.Sqlite)
        {
            return; // PostgreSQL is backed up with pg_dump (README); this proves the embedded path.
        }
        var backup = Path.Combine(app.Database.Folder, "backup", "copy.db");
        var counts = await app.WithDbAsync(async db =>
        {
            await Maintenance.BackupSqliteAsync(db, backup);
            return (await db.Members.CountAsync(), await db.Users.CountAsync(), await db.Teams.CountAsync());
        });

        // Restore = start from the copy: open it as the app would and read the same rows.
        var options = new DbContextOptionsBuilder<AppDbContext>();
        DataSetup.Configure(options, DatabaseProvider.Sqlite, $"Data Source={backup}");
        await using var restored = new AppDbContext(options.Options, new AreaScope().GrantAll("test"), TimeProvider.System);
        Assert.Empty(await restored.Database.GetPendingMigrationsAsync());
        Assert.Equal(counts, (await restored.Members.CountAsync(), await restored.Users.CountAsync(), await restored.Teams.CountAsync()));
        Assert.True(counts.Item1 > 0 && counts.Item2 > 0);
    }
}
