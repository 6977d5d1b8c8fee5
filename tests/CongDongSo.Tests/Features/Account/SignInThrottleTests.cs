using System.Net;
using CongDongSo.Tests.Features.Security;
using CongDongSo.Tests.Infrastructure;
using CongDongSo.Web.Data;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing.Handlers;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CongDongSo.Tests.Features.Account;

/// <summary>
/// Password guessing is slowed per account and place, with one message for unknown, wrong and
/// blocked, and no way for an attacker to lock the real officer out of their own browser.
/// </summary>
public sealed class SignInThrottleTests(SignInThrottleTests.ManyAddressesFactory app) : IClassFixture<SignInThrottleTests.ManyAddressesFactory>
{
    private const string Message = "Không đăng nhập được: tên đăng nhập hoặc mật khẩu không đúng, hoặc đã nhập sai nhiều lần (hãy thử lại sau 15 phút).";

    /// <summary>Each client may come from its own IP address (the test host has none of its own).</summary>
    public sealed class ManyAddressesFactory : AppFactory
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.ConfigureServices(s => s.AddSingleton<IStartupFilter, FromAddressHeader>());
        }

        private sealed class FromAddressHeader : IStartupFilter
        {
            public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
            {
                app.Use((http, go) =>
                {
                    if (http.Request.Headers.TryGetValue("X-Test-Address", out var address))
                    {
                        http.Connection.RemoteIpAddress = IPAddress.Parse(address.ToString());
                    }
                    return go(http);
                });
                next(app);
            };
        }
    }

    private HttpClient ClientFrom(string address, CookieContainer? cookies = null)
    {
        var client = app.CreateDefaultClient(new Uri("https://localhost"), new CookieContainerHandler(cookies ?? new CookieContainer()));
        client.DefaultRequestHeaders.Add("X-Test-Address", address);
        return client;
    }

    private static async Task<string[]> ErrorsOf(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (await Browser.ParseAsync(response)).Errors();
    }

    [DbFact]
    public async Task Unknown_wrong_and_blocked_accounts_get_the_same_answer()
    {
        await Accounts.CreateAsync(app, "same.answer", Role.TeamMember, commune: app.World.HoaXuan.Id, team: app.World.HxTeam1.Id);
        var attacker = ClientFrom("203.0.113.1");

        var unknown = await ErrorsOf(await Accounts.PostSignInAsync(attacker, "no.such.account", "doan-mat-khau-1"));
        var wrong = await ErrorsOf(await Accounts.PostSignInAsync(attacker, "same.answer", "doan-mat-khau-1"));
        for (var i = 2; i <= 5; i++)
        {
            await Accounts.PostSignInAsync(attacker, "same.answer", "doan-mat-khau-" + i);
        }
        var blockedEvenWithTheRightPassword = await ErrorsOf(await Accounts.PostSignInAsync(attacker, "same.answer"));
        for (var i = 2; i <= 6; i++)
        {
            await Accounts.PostSignInAsync(attacker, "no.such.account", "doan-mat-khau-" + i);
        }
        var unknownAfterMany = await ErrorsOf(await Accounts.PostSignInAsync(attacker, "no.such.account", "doan-mat-khau-7"));

        Assert.Equal([Message], unknown);
        Assert.Equal([Message], wrong);
        Assert.Equal([Message], blockedEvenWithTheRightPassword);
        Assert.Equal([Message], unknownAfterMany);
    }

    [DbFact]
    public async Task An_attacker_guessing_from_many_addresses_does_not_lock_the_officer_out_of_their_own_browser()
    {
        await Accounts.CreateAsync(app, "officer.target", Role.WardOfficer, commune: app.World.HoaXuan.Id, twoFactor: true);
        var cookies = new CookieContainer();
        var officer = ClientFrom("198.51.100.7", cookies);
        await SignInOfficerAsync(officer, "officer.target");

        // 5 addresses × 5 wrong passwords: each address blocked, and unknown browsers as a whole.
        for (var a = 1; a <= 5; a++)
        {
            var attacker = ClientFrom($"203.0.113.{a}");
            for (var i = 0; i < 5; i++)
            {
                await Accounts.PostSignInAsync(attacker, "officer.target", $"doan-{a}-{i}");
            }
        }

        Assert.Equal([Message], await ErrorsOf(await Accounts.PostSignInAsync(ClientFrom("203.0.113.99"), "officer.target")));
        var own = await Accounts.PostSignInAsync(officer, "officer.target");
        Assert.Equal(HttpStatusCode.Redirect, own.StatusCode);
        Assert.StartsWith("/account/two-factor", own.Headers.Location!.OriginalString, StringComparison.Ordinal);
        // Identity's own lockout was never triggered by the guesses.
        var account = await Accounts.FindAsync(app, "officer.target");
        Assert.Null(account.LockoutEnd);
        var failures = await app.WithDbAsync(db => db.AuditEntries.CountAsync(e => e.Action == AuditAction.SignInFailed && e.EntityId == account.Id.ToString()));
        Assert.Equal(25 + 1, failures);
    }

    [DbFact]
    public async Task Five_wrong_passwords_block_that_address_for_fifteen_minutes_and_another_address_still_signs_in()
    {
        await Accounts.CreateAsync(app, "member.typo", Role.TeamMember, commune: app.World.HoaXuan.Id, team: app.World.HxTeam1.Id);
        var cafe = ClientFrom("192.0.2.10");
        for (var i = 0; i < 5; i++)
        {
            await Accounts.PostSignInAsync(cafe, "member.typo", "sai-" + i);
        }

        Assert.Equal([Message], await ErrorsOf(await Accounts.PostSignInAsync(cafe, "member.typo")));
        Assert.Equal(HttpStatusCode.Redirect, (await Accounts.PostSignInAsync(ClientFrom("192.0.2.11"), "member.typo")).StatusCode);

        app.Clock.Advance(TimeSpan.FromMinutes(14));
        Assert.Equal([Message], await ErrorsOf(await Accounts.PostSignInAsync(cafe, "member.typo")));
        app.Clock.Advance(TimeSpan.FromMinutes(1) + TimeSpan.FromSeconds(1));
        Assert.Equal(HttpStatusCode.Redirect, (await Accounts.PostSignInAsync(cafe, "member.typo")).StatusCode);
    }

    private async Task SignInOfficerAsync(HttpClient client, string userName)
    {
        var response = await Accounts.PostSignInAsync(client, userName);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var done = await client.SubmitFormAsync(response.Headers.Location!.OriginalString, new Dictionary<string, string?> { ["Code"] = app.NextTotpCode(userName) });
        Assert.Equal(HttpStatusCode.Redirect, done.StatusCode);
    }
}
