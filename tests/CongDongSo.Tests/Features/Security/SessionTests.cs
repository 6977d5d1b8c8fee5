using System.Net;
using CongDongSo.Tests.Infrastructure;
using CongDongSo.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace CongDongSo.Tests.Features.Security;

/// <summary>Server-side sessions: sign-out, disable and password change end them; idle and absolute limits hold.</summary>
public sealed class SessionTests(AppFactory app) : IClassFixture<AppFactory>
{
    private const string SessionCookie = "__Host-cds-session";

    [DbFact]
    public async Task Signing_out_kills_the_session_even_for_a_copy_of_its_cookie()
    {
        await NewMemberAsync("session.out");
        var (client, cookies) = Accounts.NewClientWithCookies(app);
        Assert.Equal(HttpStatusCode.Redirect, (await Accounts.PostSignInAsync(client, "session.out")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/")).StatusCode);
        var stolen = cookies.GetCookies(new Uri("https://localhost"))[SessionCookie]?.Value;
        Assert.False(string.IsNullOrEmpty(stolen));

        var signOut = await client.SubmitFormAsync("/", new Dictionary<string, string?>(), "form[action='/account/sign-out']");
        Assert.Equal(HttpStatusCode.Redirect, signOut.StatusCode);

        var replay = CookieClient(stolen);
        Accounts.AssertRedirectsToSignIn(await replay.GetAsync("/"));
        Assert.Equal(HttpStatusCode.Unauthorized, (await replay.GetAsync("/api/v1/users")).StatusCode);
    }

    [DbFact]
    public async Task A_disabled_users_live_session_dies_on_its_next_request()
    {
        var id = await NewMemberAsync("session.disabled");
        var client = await app.SignInAsync("session.disabled");
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/")).StatusCode);

        await app.WithDbAsync(db => db.Users.Where(u => u.Id == id).ExecuteUpdateAsync(u => u.SetProperty(x => x.IsDisabled, true)));

        Accounts.AssertRedirectsToSignIn(await client.GetAsync("/"));
        Assert.Equal(0, await app.WithDbAsync(db => db.UserSessions.CountAsync(s => s.UserId == id)));
    }

    [DbFact]
    public async Task Changing_the_password_ends_the_other_sessions()
    {
        await NewMemberAsync("session.pw");
        var here = await app.SignInAsync("session.pw");
        var elsewhere = await app.SignInAsync("session.pw");

        var change = await here.SubmitFormAsync("/account", new Dictionary<string, string?>
        {
            ["Input.CurrentPassword"] = World.Password,
            ["Input.NewPassword"] = "mot-cum-tu-moi-hoan-toan-2026",
        });

        Assert.Equal(HttpStatusCode.Redirect, change.StatusCode);
        Accounts.AssertRedirectsToSignIn(await elsewhere.GetAsync("/"));
        Assert.Equal(HttpStatusCode.OK, (await here.GetAsync("/")).StatusCode);
    }

    [DbFact]
    public async Task Session_and_antiforgery_cookies_carry_the_hardened_flags()
    {
        await NewMemberAsync("session.flags");
        var raw = app.CreateDefaultClient(new Uri("https://localhost"));
        var form = await raw.GetAsync("/account/sign-in");
        var antiforgery = SetCookie(form, "__Host-cds-af");
        AssertFlags(antiforgery);

        var document = await Browser.ParseAsync(form);
        var token = document.QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
        using var post = new HttpRequestMessage(HttpMethod.Post, "/account/sign-in")
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["Input.UserName"] = "session.flags",
                ["Input.Password"] = World.Password,
                ["__RequestVerificationToken"] = token,
            }),
        };
        post.Headers.Add("Cookie", antiforgery.Split(';')[0]);
        var signedIn = await raw.SendAsync(post);

        Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);
        var session = SetCookie(signedIn, SessionCookie);
        AssertFlags(session);
        Assert.Contains("httponly", session, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("samesite=lax", session, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("expires=", session, StringComparison.OrdinalIgnoreCase); // a browser-session cookie
    }

    [DbFact]
    public async Task A_session_older_than_12_hours_is_refused_even_if_active()
    {
        await NewMemberAsync("session.long");
        var client = await app.SignInAsync("session.long");
        // Active every 20 minutes: never idle, so only the absolute limit can end it.
        for (var i = 1; i < 36; i++)
        {
            app.Clock.Advance(TimeSpan.FromMinutes(20));
            var response = await client.GetAsync("/");
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"refused after {i * 20} minutes");
        }
        app.Clock.Advance(TimeSpan.FromMinutes(20)); // 12 h since sign-in

        Accounts.AssertRedirectsToSignIn(await client.GetAsync("/"));
    }

    [DbFact]
    public async Task An_idle_session_is_refused_after_30_minutes()
    {
        await NewMemberAsync("session.idle");
        var client = await app.SignInAsync("session.idle");
        app.Clock.Advance(TimeSpan.FromMinutes(29));
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/")).StatusCode);

        app.Clock.Advance(TimeSpan.FromMinutes(31));

        Accounts.AssertRedirectsToSignIn(await client.GetAsync("/"));
    }

    private Task<Guid> NewMemberAsync(string userName) =>
        Accounts.CreateAsync(app, userName, Role.TeamMember, commune: app.World.HoaXuan.Id, team: app.World.HxTeam1.Id);

    private HttpClient CookieClient(string sessionCookie)
    {
        var client = app.CreateDefaultClient(new Uri("https://localhost"));
        client.DefaultRequestHeaders.Add("Cookie", $"{SessionCookie}={sessionCookie}");
        return client;
    }

    private static string SetCookie(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues("Set-Cookie", out var values)
            ? values.FirstOrDefault(v => v.StartsWith(name + "=", StringComparison.Ordinal)) ?? throw new InvalidOperationException($"No {name} cookie set.")
            : throw new InvalidOperationException("No Set-Cookie header.");

    private static void AssertFlags(string cookie)
    {
        Assert.StartsWith("__Host-", cookie, StringComparison.Ordinal);
        Assert.Contains("; secure", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("; path=/", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("httponly", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("samesite=lax", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("domain=", cookie, StringComparison.OrdinalIgnoreCase);
    }
}
