using CongDongSo.Web.Data;
using CongDongSo.Web.Infrastructure.Auth;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace CongDongSo.Tests.Infrastructure;

/// <summary>
/// The real app over a fresh database of the run's provider, one per test class
/// (<c>IClassFixture&lt;AppFactory&gt;</c>), with a hand-moved clock and the <see cref="World"/> seeded.
/// </summary>
public class AppFactory : WebApplicationFactory<Program>, IAsyncLifetime
{
    private TestDatabase? _database;
    private World? _world;

    public TestClock Clock { get; } = new(new DateTimeOffset(2026, 11, 20, 2, 0, 0, TimeSpan.Zero));
    public TestDatabase Database => _database ?? throw new InvalidOperationException("Not initialised.");
    public World World => _world ?? throw new InvalidOperationException("Not initialised.");

    /// <summary>Extra settings a test class needs (e.g. a low sign-in rate limit).</summary>
    protected virtual IEnumerable<KeyValuePair<string, string>> Settings => [];

    public virtual async Task InitializeAsync()
    {
        _database = await TestDatabase.CreateAsync();
        StartHost(); // migrations and reference data run now
        _world = await World.CreateAsync(this);
    }

    /// <summary>The in-memory test server; the browser tests start Kestrel instead.</summary>
    protected virtual void StartHost() => _ = Server;

    Task IAsyncLifetime.DisposeAsync() => DisposeAsync().AsTask();

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        if (_database is not null)
        {
            await _database.DisposeAsync();
            _database = null;
        }
        GC.SuppressFinalize(this);
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        builder.UseSetting("Database:Provider", TestDatabase.Provider.ToString());
        builder.UseSetting("ConnectionStrings:Default", Database.ConnectionString);
        builder.UseSetting("Storage:DataDirectory", Database.Folder);
        builder.UseSetting("Demo:Seed", "false");
        builder.UseSetting("Security:SignInPermitPerMinute", "100000");
        builder.UseSetting("Security:RequireOfficerTwoFactor", "true");
        builder.UseSetting("Logging:LogLevel:Default", "Warning");
        builder.UseSetting("Security:PasswordHashIterations", World.PasswordHashIterations.ToString(System.Globalization.CultureInfo.InvariantCulture));
        foreach (var (key, value) in Settings)
        {
            builder.UseSetting(key, value);
        }
        builder.ConfigureServices(services => services.Replace(ServiceDescriptor.Singleton<TimeProvider>(Clock)));
    }

    /// <summary>A browser-like client: https (the cookies are __Host- and Secure), cookies kept, redirects not followed.</summary>
    public HttpClient NewClient() => CreateClient(new WebApplicationFactoryClientOptions
    {
        BaseAddress = new Uri("https://localhost"),
        AllowAutoRedirect = false,
        HandleCookies = true,
    });

    /// <summary>Runs arrange or assert code against the database with no area limit.</summary>
    public async Task<T> WithDbAsync<T>(Func<AppDbContext, Task<T>> work)
    {
        await using var scope = Services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<AreaScope>().GrantAll("test");
        return await work(scope.ServiceProvider.GetRequiredService<AppDbContext>());
    }

    public Task WithDbAsync(Func<AppDbContext, Task> work) => WithDbAsync(async db =>
    {
        await work(db);
        return true;
    });

    /// <summary>Runs code with the services of one request, scoped as <paramref name="userName"/>.</summary>
    public async Task<T> AsUserAsync<T>(string userName, Func<IServiceProvider, AppDbContext, Task<T>> work)
    {
        await using var scope = Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var user = await Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.SingleAsync(db.Users, u => u.UserName == userName);
        await AreaScopeMiddleware.ApplyAsync(scope.ServiceProvider.GetRequiredService<AreaScope>(), db, user, default);
        return await work(scope.ServiceProvider, db);
    }
}
