using System.Net;
using CongDongSo.Tests.Infrastructure;
using CongDongSo.Web.Data;
using CongDongSo.Web.Infrastructure.Auth;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing.Handlers;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CongDongSo.Tests.Features.Security;

/// <summary>Arrange helpers for account tests: extra users, clients whose cookies the test can read.</summary>
public static class Accounts
{
    /// <summary>Creates an account the way an officer would end up with one; officers get an authenticator when asked.</summary>
    public static async Task<Guid> CreateAsync(AppFactory app, string userName, Role role, int? province = null, int? commune = null,
        Guid? team = null, string password = World.Password, bool twoFactor = false, string? phone = null, string? fullName = null)
    {
        await using var scope = app.Services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<AreaScope>().GrantAll("test");
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        var user = new AppUser
        {
            UserName = userName,
            FullName = fullName ?? "Người dùng " + userName,
            Role = role,
            ScopeProvinceId = province,
            ScopeCommuneId = commune,
            ScopeTeamId = team,
            PhoneNumber = phone,
            CreatedAtUtc = app.Clock.GetUtcNow().UtcDateTime,
        };
        var created = await users.CreateAsync(user, password);
        Assert.True(created.Succeeded, string.Join("; ", created.Errors.Select(e => e.Description)));
        if (twoFactor)
        {
            await users.ResetAuthenticatorKeyAsync(user);
            app.World.AuthenticatorKeys[userName] = (await users.GetAuthenticatorKeyAsync(user))!;
            await users.SetTwoFactorEnabledAsync(user, true);
        }
        return user.Id;
    }

    public static Task<AppUser> FindAsync(AppFactory app, string userName) =>
        app.WithDbAsync(db => db.Users.AsNoTracking().SingleAsync(u => u.UserName == userName));

    /// <summary>A browser-like client whose cookie jar the test holds (to copy a session cookie elsewhere).</summary>
    public static (HttpClient Client, CookieContainer Cookies) NewClientWithCookies(AppFactory app)
    {
        var cookies = new CookieContainer();
        return (app.CreateDefaultClient(new Uri("https://localhost"), new CookieContainerHandler(cookies)), cookies);
    }

    /// <summary>Posts the sign-in form (no authenticator step).</summary>
    public static Task<HttpResponseMessage> PostSignInAsync(HttpClient client, string userName, string password = World.Password) =>
        client.SubmitFormAsync("/account/sign-in", new Dictionary<string, string?>
        {
            ["Input.UserName"] = userName,
            ["Input.Password"] = password,
        });

    public static void AssertRedirectsToSignIn(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var location = response.Headers.Location?.OriginalString ?? "";
        Assert.True(location.StartsWith("/account/sign-in", StringComparison.Ordinal) || location.StartsWith("https://localhost/account/sign-in", StringComparison.Ordinal),
            $"expected a redirect to sign-in, got {location}");
    }

    /// <summary>The antiforgery token of any page the client can open, for posts the matrix makes without a form.</summary>
    public static async Task<string> AntiforgeryTokenAsync(HttpClient client, string url)
    {
        var document = await client.GetDocumentAsync(url);
        return document.QuerySelector("input[name=__RequestVerificationToken]")?.GetAttribute("value")
            ?? throw new InvalidOperationException($"No antiforgery token on {url}.");
    }
}
