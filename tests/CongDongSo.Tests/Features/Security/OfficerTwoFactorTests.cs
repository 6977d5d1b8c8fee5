using System.Net;
using CongDongSo.Tests.Infrastructure;
using CongDongSo.Web.Data;
using CongDongSo.Web.Infrastructure.Auth;

namespace CongDongSo.Tests.Features.Security;

/// <summary>Officers (admin, province, ward officer, ward leader) must enrol an authenticator before anything else.</summary>
public sealed class OfficerTwoFactorTests(AppFactory app) : IClassFixture<AppFactory>
{
    [DbFact]
    public async Task An_officer_without_two_factor_is_sent_to_enrol_and_after_enrolling_reaches_home()
    {
        await Accounts.CreateAsync(app, "officer.new", Role.WardOfficer, commune: app.World.HoaXuan.Id);
        var client = app.NewClient();
        Assert.Equal(HttpStatusCode.Redirect, (await Accounts.PostSignInAsync(client, "officer.new")).StatusCode);

        foreach (var page in new[] { "/", "/users", "/audit" })
        {
            var held = await client.GetAsync(page);
            Assert.Equal(HttpStatusCode.Redirect, held.StatusCode);
            Assert.Equal(AreaScopeMiddleware.TwoFactorSetupPath, held.Headers.Location?.OriginalString);
        }
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/account")).StatusCode);

        var setup = await client.GetDocumentAsync("/account/two-factor-setup");
        Assert.Contains("Tài khoản cán bộ phải bật xác thực hai bước", setup.Text(), StringComparison.Ordinal);
        var key = setup.QuerySelector("[data-testid=authenticator-key]")!.TextContent.Replace(" ", "", StringComparison.Ordinal).ToUpperInvariant();
        var wrong = await client.SubmitFormAsync(setup, "/account/two-factor-setup", new Dictionary<string, string?> { ["Code"] = "000000" });
        Assert.Equal(HttpStatusCode.OK, wrong.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await client.GetAsync("/")).StatusCode);

        var enrolled = await client.SubmitFormAsync("/account/two-factor-setup", new Dictionary<string, string?>
        {
            ["Code"] = SingleUseTotpProvider.CodeAt(key, app.Clock.GetUtcNow()),
        });

        Assert.Equal(HttpStatusCode.Redirect, enrolled.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/users")).StatusCode);
        Assert.True((await Accounts.FindAsync(app, "officer.new")).TwoFactorEnabled);
    }

    [DbFact]
    public async Task An_officer_without_two_factor_gets_403_problem_details_from_the_api()
    {
        await Accounts.CreateAsync(app, "officer.api", Role.ProvinceOfficer, province: app.World.DaNang.Id);
        var client = app.NewClient();
        await Accounts.PostSignInAsync(client, "officer.api");

        var response = await client.GetAsync("/api/v1/users");

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [DbFact]
    public async Task A_team_member_needs_no_authenticator()
    {
        await Accounts.CreateAsync(app, "member.no2fa", Role.TeamMember, commune: app.World.HoaXuan.Id, team: app.World.HxTeam1.Id);
        var client = app.NewClient();
        await Accounts.PostSignInAsync(client, "member.no2fa");

        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/")).StatusCode);
    }
}
