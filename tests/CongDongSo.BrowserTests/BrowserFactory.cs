using CongDongSo.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace CongDongSo.BrowserTests;

/// <summary>
/// The app on a real loopback port (Kestrel) and Debian's Chromium driven by Playwright at phone size.
/// Chromium is found through CDS_CHROMIUM (set by ./test.sh) or /usr/bin/chromium.
/// </summary>
public sealed class BrowserFactory : AppFactory
{
    private IPlaywright? _playwright;

    public BrowserFactory() => UseKestrel(0);

    public IBrowser Browser { get; private set; } = null!;
    public string BaseUrl { get; private set; } = "";

    public static string? ChromiumPath
    {
        get
        {
            var path = Environment.GetEnvironmentVariable("CDS_CHROMIUM");
            return File.Exists(path) ? path : File.Exists("/usr/bin/chromium") ? "/usr/bin/chromium" : null;
        }
    }

    // Plain http on loopback: the Secure cookie flags are covered by the HTTP-level tests.
    protected override IEnumerable<KeyValuePair<string, string>> Settings => [new("Security:AllowInsecureCookies", "true")];

    protected override void StartHost() => StartServer();

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        BaseUrl = Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First().Replace("[::]", "127.0.0.1", StringComparison.Ordinal);
        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ChromiumPath,
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--no-first-run", "--disable-sync", "--disable-quic"],
        });
    }

    /// <summary>A phone: 360 × 740, touch, Vietnamese.</summary>
    public async Task<IPage> NewPhonePageAsync()
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions
        {
            ViewportSize = new ViewportSize { Width = 360, Height = 740 },
            HasTouch = true,
            IsMobile = true,
            Locale = "vi-VN",
            BaseURL = BaseUrl,
        });
        return await context.NewPageAsync();
    }

    public override async ValueTask DisposeAsync()
    {
        if (Browser is not null)
        {
            await Browser.DisposeAsync();
        }
        _playwright?.Dispose();
        await base.DisposeAsync();
    }
}

/// <summary>A browser journey; skipped with the reason when Chromium is missing (never under CI=true).</summary>
public sealed class BrowserFactAttribute : FactAttribute
{
    private const string NoChromium = "Chromium is not installed (apt-get install chromium); run ./test.sh, which installs it.";

    public BrowserFactAttribute()
    {
        var ci = string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase);
        if (BrowserFactory.ChromiumPath is null && !ci)
        {
            Skip = NoChromium;
        }
    }
}
