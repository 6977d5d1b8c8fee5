using System.Net;
using CongDongSo.Tests.Infrastructure;
using CongDongSo.Web.Data;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CongDongSo.Tests.Features.Account;

public sealed class TwoFactorSetupTests(AppFactory app) : IClassFixture<AppFactory>
{
    [DbFact]
    public async Task An_enrolled_officer_never_sees_the_current_key_and_needs_the_password_to_make_a_new_one()
    {
        var oldKey = app.World.AuthenticatorKeys[World.Users.LeaderHoaXuan];
        var client = await app.SignInAsync(World.Users.LeaderHoaXuan);

        var page = await client.GetDocumentAsync("/account/two-factor-setup");
        Assert.Null(page.QuerySelector("[data-testid=authenticator-key]"));
        Assert.DoesNotContain(oldKey, page.Source.Text, StringComparison.OrdinalIgnoreCase);

        var wrong = await client.SubmitFormAsync("/account/two-factor-setup", new Dictionary<string, string?> { ["CurrentPassword"] = "not-my-password" });
        Assert.Equal(HttpStatusCode.OK, wrong.StatusCode);
        Assert.Contains("Mật khẩu hiện tại không đúng.", (await Browser.ParseAsync(wrong)).Errors());
        Assert.Equal(oldKey, await KeyOfAsync(World.Users.LeaderHoaXuan));

        var restarted = await client.SubmitFormAsync("/account/two-factor-setup", new Dictionary<string, string?> { ["CurrentPassword"] = World.Password });
        Assert.Equal(HttpStatusCode.Redirect, restarted.StatusCode);
        var newKey = await KeyOfAsync(World.Users.LeaderHoaXuan);
        Assert.NotEqual(oldKey, newKey);
        Assert.False(await app.WithDbAsync(db => db.Users.Where(u => u.UserName == World.Users.LeaderHoaXuan).Select(u => u.TwoFactorEnabled).SingleAsync()));

        // The new key is shown once, for the new app, and a code from it turns two-step on again.
        var enrol = await client.GetDocumentAsync("/account/two-factor-setup");
        Assert.Equal(newKey.ToLowerInvariant(), enrol.QuerySelector("[data-testid=authenticator-key]")!.TextContent.Replace(" ", "", StringComparison.Ordinal));
        app.World.AuthenticatorKeys[World.Users.LeaderHoaXuan] = newKey;
        var verified = await client.SubmitFormAsync(enrol, "/account/two-factor-setup", new Dictionary<string, string?> { ["Code"] = app.NextTotpCode(World.Users.LeaderHoaXuan) },
            formSelector: "main form[method=post]");
        Assert.Equal(HttpStatusCode.Redirect, verified.StatusCode);
        Assert.True(await app.WithDbAsync(db => db.Users.Where(u => u.UserName == World.Users.LeaderHoaXuan).Select(u => u.TwoFactorEnabled).SingleAsync()));
    }

    private async Task<string> KeyOfAsync(string userName)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        var user = await users.FindByNameAsync(userName);
        return (await users.GetAuthenticatorKeyAsync(user!))!;
    }
}
