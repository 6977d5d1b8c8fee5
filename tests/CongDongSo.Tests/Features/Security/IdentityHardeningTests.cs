using System.Buffers.Binary;
using System.Net;
using CongDongSo.Tests.Infrastructure;
using CongDongSo.Web.Data;
using CongDongSo.Web.Infrastructure.Auth;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace CongDongSo.Tests.Features.Security;

/// <summary>Where Identity's defaults fall short (SECURITY.md): iterations, lockout, TOTP, password rules.</summary>
public sealed class IdentityHardeningTests(IdentityHardeningTests.ProductHashingApp app) : IClassFixture<IdentityHardeningTests.ProductHashingApp>
{
    /// <summary>The test host with the product's password-hash rounds (the other classes use fewer).</summary>
    public sealed class ProductHashingApp : AppFactory
    {
        protected override IEnumerable<KeyValuePair<string, string>> Settings =>
            [new("Security:PasswordHashIterations", SecuritySetup.PasswordHashIterations.ToString(System.Globalization.CultureInfo.InvariantCulture))];
    }

    [DbFact]
    public async Task A_new_password_hash_uses_PBKDF2_with_210000_iterations()
    {
        var id = await Accounts.CreateAsync(app, "hash.new", Role.TeamMember, commune: app.World.HoaXuan.Id, team: app.World.HxTeam1.Id);

        var hash = await app.WithDbAsync(db => db.Users.Where(u => u.Id == id).Select(u => u.PasswordHash!).SingleAsync());

        var (prf, iterations) = DecodeV3Header(hash);
        Assert.Equal((uint)KeyDerivationPrfHmacSha512, prf);
        Assert.Equal(210_000u, iterations);
    }

    [DbFact]
    public async Task A_100000_iteration_hash_is_rehashed_to_210000_on_the_next_sign_in()
    {
        var id = await Accounts.CreateAsync(app, "hash.old", Role.TeamMember, commune: app.World.HoaXuan.Id, team: app.World.HxTeam1.Id);
        var oldHasher = new PasswordHasher<AppUser>(Options.Create(new PasswordHasherOptions { IterationCount = 100_000 }));
        await app.WithDbAsync(async db =>
        {
            var user = await db.Users.SingleAsync(u => u.Id == id);
            user.PasswordHash = oldHasher.HashPassword(user, World.Password);
            await db.SaveChangesAsync();
        });
        Assert.Equal(100_000u, DecodeV3Header(await HashOf(id)).Iterations);

        var response = await Accounts.PostSignInAsync(app.NewClient(), "hash.old");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal(210_000u, DecodeV3Header(await HashOf(id)).Iterations);
        // The new hash still verifies the same password.
        Assert.Equal(HttpStatusCode.Redirect, (await Accounts.PostSignInAsync(app.NewClient(), "hash.old")).StatusCode);
    }

    [DbFact]
    public async Task An_authenticator_code_is_accepted_once_and_its_replay_is_refused()
    {
        await Accounts.CreateAsync(app, "totp.replay", Role.WardOfficer, commune: app.World.HoaXuan.Id, twoFactor: true);
        app.Clock.Advance(TimeSpan.FromSeconds(31));
        var code = SingleUseTotpProvider.CodeAt(app.World.AuthenticatorKeys["totp.replay"], app.Clock.GetUtcNow());

        var first = await PostCodeAsync("totp.replay", code);
        Assert.Equal(HttpStatusCode.Redirect, first.StatusCode);
        Assert.Equal("/", first.Headers.Location?.OriginalString);

        // Same code, same 30-second step (the clock has not moved): refused.
        var replay = await PostCodeAsync("totp.replay", code);
        Assert.Equal(HttpStatusCode.OK, replay.StatusCode);
        Assert.Contains("Mã xác thực không đúng hoặc đã được dùng.", (await Browser.ParseAsync(replay)).Errors());
    }

    [DbFact]
    public async Task A_code_from_one_step_ago_is_accepted_and_one_from_two_steps_ago_is_refused()
    {
        await Accounts.CreateAsync(app, "totp.window", Role.WardOfficer, commune: app.World.HoaXuan.Id, twoFactor: true);
        var key = app.World.AuthenticatorKeys["totp.window"];
        app.Clock.Advance(TimeSpan.FromSeconds(31));
        var now = app.Clock.GetUtcNow();
        var twoStepsAgo = SingleUseTotpProvider.CodeAt(key, now.AddSeconds(-60));
        var oneStepAgo = SingleUseTotpProvider.CodeAt(key, now.AddSeconds(-30));
        Assert.NotEqual(twoStepsAgo, oneStepAgo);

        var (client, step) = await PasswordStepAsync("totp.window");
        var refused = await client.SubmitFormAsync(step, new Dictionary<string, string?> { ["Code"] = twoStepsAgo });
        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);

        var accepted = await client.SubmitFormAsync(step, new Dictionary<string, string?> { ["Code"] = oneStepAgo });
        Assert.Equal(HttpStatusCode.Redirect, accepted.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/")).StatusCode);
    }

    [DbTheory]
    [InlineData("matkhau123")]
    [InlineData("12345678")]
    [InlineData("0905123123")]
    [InlineData("Người dùng 0905123123")]
    public async Task A_common_or_personal_password_is_refused_with_a_field_error(string password)
    {
        if ((await app.WithDbAsync(db => db.Users.AnyAsync(u => u.UserName == "0905123123"))) is false)
        {
            await Accounts.CreateAsync(app, "0905123123", Role.TeamMember, commune: app.World.HoaXuan.Id, team: app.World.HxTeam1.Id, phone: "0905123123");
        }
        var client = await app.SignInAsync("0905123123");

        var response = await client.SubmitFormAsync("/account", new Dictionary<string, string?>
        {
            ["Input.CurrentPassword"] = World.Password,
            ["Input.NewPassword"] = password,
        });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var document = await Browser.ParseAsync(response);
        var fieldError = document.QuerySelector("[data-valmsg-for='Input.NewPassword']")?.TextContent ?? "";
        Assert.Contains("Mật khẩu quá phổ biến", fieldError, StringComparison.Ordinal);
    }

    private const int KeyDerivationPrfHmacSha512 = 2;

    /// <summary>Identity v3 hash: 0x01, PRF (uint32 BE), iteration count (uint32 BE), salt length, salt, subkey.</summary>
    private static (uint Prf, uint Iterations) DecodeV3Header(string hash)
    {
        var bytes = Convert.FromBase64String(hash);
        Assert.Equal(0x01, bytes[0]);
        return (BinaryPrimitives.ReadUInt32BigEndian(bytes.AsSpan(1, 4)), BinaryPrimitives.ReadUInt32BigEndian(bytes.AsSpan(5, 4)));
    }

    private Task<string> HashOf(Guid id) => app.WithDbAsync(db => db.Users.Where(u => u.Id == id).Select(u => u.PasswordHash!).SingleAsync());

    private async Task<(HttpClient Client, string StepUrl)> PasswordStepAsync(string userName)
    {
        var client = app.NewClient();
        var response = await Accounts.PostSignInAsync(client, userName);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var step = response.Headers.Location!.OriginalString;
        Assert.StartsWith("/account/two-factor", step, StringComparison.Ordinal);
        return (client, step);
    }

    private async Task<HttpResponseMessage> PostCodeAsync(string userName, string code)
    {
        var (client, step) = await PasswordStepAsync(userName);
        return await client.SubmitFormAsync(step, new Dictionary<string, string?> { ["Code"] = code });
    }
}
