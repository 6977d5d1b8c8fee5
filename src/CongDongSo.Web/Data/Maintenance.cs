using CongDongSo.Web.Infrastructure.Privacy;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace CongDongSo.Web.Data;

/// <summary>Operator commands run instead of the web server: `dotnet CongDongSo.Web.dll backup FILE`.</summary>
public static class Maintenance
{
    public static async Task<bool> TryRunAsync(WebApplication app, string[] args)
    {
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
