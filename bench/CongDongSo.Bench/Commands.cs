using CongDongSo.Web.Data;
using CongDongSo.Web.Infrastructure.Auth;
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
            default:
                Console.Error.WriteLine("usage: schema-script sqlite|postgres");
                return 2;
        }
    }

    public static AppDbContext NewContext(DatabaseProvider provider, string connectionString)
    {
        var options = new DbContextOptionsBuilder<AppDbContext>();
        DataSetup.Configure(options, provider, connectionString);
        return new AppDbContext(options.Options, new AreaScope().GrantAll("bench"), TimeProvider.System);
    }
}
