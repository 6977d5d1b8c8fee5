using System.Buffers.Binary;
using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using CongDongSo.Tests.Infrastructure;

namespace CongDongSo.Tests.Features.FieldApp;

/// <summary>
/// The member's offline field app as HTTP sees it: who may open /field, a shell that obeys the CSP,
/// an installable manifest with real icons, and a service worker that browsers re-check every time.
/// The offline journey itself runs in Chromium (BrowserTests/OfflineFieldWorkTests).
/// </summary>
public sealed partial class FieldAppTests(AppFactory app) : IClassFixture<AppFactory>
{
    [DbFact]
    public async Task Team_members_and_leaders_open_the_field_app_and_a_ward_leader_may_not()
    {
        foreach (var user in new[] { World.Users.MemberHx1, World.Users.TeamLeadHx1, World.Users.WardHoaXuan })
        {
            var client = await app.SignInAsync(user);
            var document = await client.GetDocumentAsync("/field");
            Assert.NotNull(document.QuerySelector("[data-testid=sync-state]"));
            Assert.NotNull(document.QuerySelector("[data-testid=save-session]"));
        }

        var leader = await app.SignInAsync(World.Users.LeaderHoaXuan);
        (await leader.GetAsync("/field")).AssertForbidden();

        var anonymous = app.NewClient();
        var response = await anonymous.GetAsync("/field");
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Contains("/account/sign-in", response.Headers.Location!.OriginalString, StringComparison.Ordinal);
    }

    [DbFact]
    public async Task The_field_page_is_a_shell_with_no_inline_script_or_style_and_no_one_elses_data()
    {
        var client = await app.SignInAsync(World.Users.MemberHx1);
        var response = await client.GetAsync("/field");
        var csp = string.Join(";", response.Headers.GetValues("Content-Security-Policy"));
        Assert.Contains("script-src 'self'", csp, StringComparison.Ordinal);
        Assert.Contains("worker-src 'self'", csp, StringComparison.Ordinal);
        Assert.Contains("manifest-src 'self'", csp, StringComparison.Ordinal);
        Assert.DoesNotContain("unsafe-inline", csp, StringComparison.Ordinal);
        Assert.Equal("no-store", response.Headers.CacheControl?.ToString());

        var document = await Browser.ParseAsync(response);
        var scripts = document.QuerySelectorAll("script").ToList();
        Assert.NotEmpty(scripts);
        Assert.All(scripts, s => Assert.False(string.IsNullOrEmpty(s.GetAttribute("src")), "inline script: " + s.OuterHtml));
        Assert.Contains(scripts, s => s.GetAttribute("src")!.StartsWith("/js/field.js", StringComparison.Ordinal));
        Assert.Empty(document.QuerySelectorAll("style, [style]"));
        Assert.DoesNotContain(document.All, e => e.Attributes.Any(a => a.Name.StartsWith("on", StringComparison.OrdinalIgnoreCase)));
        Assert.Equal("/manifest.webmanifest", document.QuerySelector("link[rel=manifest]")?.GetAttribute("href"));
        // Households come from the API into IndexedDB; the cached shell names no one but the user.
        Assert.Empty(document.QuerySelectorAll("[data-testid=households] li"));
    }

    [DbFact]
    public async Task The_manifest_makes_the_app_installable_with_real_png_icons()
    {
        // Browsers fetch the manifest and icons without cookies.
        var anonymous = app.NewClient();
        var response = await anonymous.GetAsync("/manifest.webmanifest");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/manifest+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("no-cache", response.Headers.CacheControl?.ToString());

        using var manifest = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var root = manifest.RootElement;
        Assert.Equal("CongDongSo", root.GetProperty("name").GetString());
        Assert.False(string.IsNullOrWhiteSpace(root.GetProperty("short_name").GetString()));
        Assert.Equal("/field", root.GetProperty("start_url").GetString());
        Assert.Equal("standalone", root.GetProperty("display").GetString());
        Assert.Matches("^#[0-9a-f]{6}$", root.GetProperty("theme_color").GetString());
        var sizes = new HashSet<int>();
        foreach (var icon in root.GetProperty("icons").EnumerateArray())
        {
            var png = await anonymous.GetAsync(icon.GetProperty("src").GetString());
            Assert.Equal(HttpStatusCode.OK, png.StatusCode);
            Assert.Equal("image/png", png.Content.Headers.ContentType?.MediaType);
            var bytes = await png.Content.ReadAsByteArrayAsync();
            Assert.Equal(s_pngSignature, bytes[..8]);
            var width = BinaryPrimitives.ReadInt32BigEndian(bytes.AsSpan(16, 4));
            var height = BinaryPrimitives.ReadInt32BigEndian(bytes.AsSpan(20, 4));
            Assert.Equal(icon.GetProperty("sizes").GetString(), $"{width}x{height}");
            sizes.Add(width);
        }
        Assert.Superset(new HashSet<int> { 192, 512 }, sizes);
    }

    [DbFact]
    public async Task The_service_worker_is_javascript_that_browsers_recheck_every_time_and_its_shell_exists()
    {
        var client = await app.SignInAsync(World.Users.MemberHx1);
        var response = await client.GetAsync("/sw.js");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/javascript", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("no-cache", response.Headers.CacheControl?.ToString());
        var worker = await response.Content.ReadAsStringAsync();

        // Every file the worker precaches exists: one missing file would fail its installation.
        var shell = ShellEntry().Matches(worker[worker.IndexOf("const SHELL", StringComparison.Ordinal)..worker.IndexOf("];", worker.IndexOf("const SHELL", StringComparison.Ordinal), StringComparison.Ordinal)])
            .Select(m => m.Groups[1].Value).ToList();
        Assert.Contains("/js/field.js", shell);
        Assert.Contains("/manifest.webmanifest", shell);
        Assert.DoesNotContain(shell, path => path.StartsWith("/api", StringComparison.Ordinal));
        foreach (var path in shell)
        {
            Assert.True((await client.GetAsync(path)).StatusCode == HttpStatusCode.OK, path);
        }

        // Static scripts keep their ordinary caching (they are versioned by the layout).
        var script = await client.GetAsync("/js/field.js");
        Assert.Equal(HttpStatusCode.OK, script.StatusCode);
        Assert.NotEqual("no-store", script.Headers.CacheControl?.ToString());
    }

    [Fact]
    public void Sign_out_wipes_the_same_database_and_caches_that_the_field_app_fills()
    {
        var wwwroot = Path.Combine(RepoPaths.Root, "src", "CongDongSo.Web", "wwwroot");
        var site = File.ReadAllText(Path.Combine(wwwroot, "js", "site.js"));
        var field = File.ReadAllText(Path.Combine(wwwroot, "js", "field.js"));
        var worker = File.ReadAllText(Path.Combine(wwwroot, "sw.js"));

        Assert.Contains("DB_NAME = \"congdongso-field\"", field, StringComparison.Ordinal);
        Assert.Contains("FIELD_DB = \"congdongso-field\"", site, StringComparison.Ordinal);
        Assert.Contains("\"cds-field-shell-\"", worker, StringComparison.Ordinal);
        Assert.Contains("startsWith(\"cds-field-\")", site, StringComparison.Ordinal);
        // The worker never answers for the API: the package lives in IndexedDB only, where it can be wiped.
        Assert.DoesNotContain("/api", worker, StringComparison.Ordinal);
    }

    private static readonly byte[] s_pngSignature = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A];

    [GeneratedRegex("\"(/[^\"]+)\"")]
    private static partial Regex ShellEntry();
}
