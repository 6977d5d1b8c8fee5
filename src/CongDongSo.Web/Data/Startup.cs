using CongDongSo.Web.Infrastructure.Auth;

namespace CongDongSo.Web.Data;

public static class Startup
{
    /// <summary>Migrates the schema, loads reference lists, and on first start the demo data when asked.</summary>
    public static async Task PrepareDatabaseAsync(this WebApplication app)
    {
        await using var scope = app.Services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<AreaScope>().GrantAll("system");
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        await db.MigrateAsync();
        await ReferenceData.SeedAsync(db);
        if (app.Configuration.GetValue("Demo:Seed", false))
        {
            var demo = ActivatorUtilities.CreateInstance<DemoData>(scope.ServiceProvider);
            await demo.SeedAsync(app.Logger);
            app.Lifetime.ApplicationStarted.Register(() => PrintDemoAccounts(app));
        }
    }

    private static void PrintDemoAccounts(WebApplication app)
    {
        var lines = new List<string> { "", "CongDongSo is running: " + string.Join(", ", app.Urls), "Demo accounts (password " + DemoData.Password + "):" };
        lines.AddRange(DemoData.Accounts.Select(a => $"  {a.UserName,-16} {a.Description}"));
        lines.Add("");
        Console.WriteLine(string.Join(Environment.NewLine, lines));
    }
}
