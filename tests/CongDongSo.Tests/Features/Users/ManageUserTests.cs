using System.Net;
using CongDongSo.Tests.Features.Security;
using CongDongSo.Tests.Infrastructure;
using CongDongSo.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace CongDongSo.Tests.Features.Users;

/// <summary>What an officer does to an account: each change ends the user's sessions at once and is audited.</summary>
public sealed class ManageUserTests(AppFactory app) : IClassFixture<AppFactory>
{
    private const string ResetPassword = "bien-xanh-cat-trang-2026";

    [DbFact]
    public async Task Resetting_a_password_ends_the_users_sessions_and_is_audited()
    {
        var id = await NewMemberAccountAsync("0935000101");
        var user = await app.SignInAsync("0935000101");
        var ward = await app.SignInAsync(World.Users.WardHoaXuan);

        var common = await ward.SubmitFormAsync($"/users/{id}", new Dictionary<string, string?> { ["Reset.NewPassword"] = "0935000101" }, "form[data-testid=reset-password]");
        Assert.Equal(HttpStatusCode.OK, common.StatusCode);
        Assert.Contains("Mật khẩu quá phổ biến", (await Browser.ParseAsync(common)).QuerySelector("[data-valmsg-for='Reset.NewPassword']")!.TextContent, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, (await user.GetAsync("/")).StatusCode);

        var reset = await ward.SubmitFormAsync($"/users/{id}", new Dictionary<string, string?> { ["Reset.NewPassword"] = ResetPassword }, "form[data-testid=reset-password]");

        Assert.Equal(HttpStatusCode.Redirect, reset.StatusCode);
        Accounts.AssertRedirectsToSignIn(await user.GetAsync("/"));
        Assert.Equal(HttpStatusCode.OK, (await Accounts.PostSignInAsync(app.NewClient(), "0935000101")).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await Accounts.PostSignInAsync(app.NewClient(), "0935000101", ResetPassword)).StatusCode);
        Assert.True(await SecurityLineAsync(id, "Đặt lại mật khẩu"));
    }

    [DbFact]
    public async Task Disabling_ends_the_users_session_at_once_and_enabling_lets_them_back_in()
    {
        var id = await NewMemberAccountAsync("0935000102");
        var user = await app.SignInAsync("0935000102");
        var ward = await app.SignInAsync(World.Users.WardHoaXuan);

        var disable = await ward.SubmitFormAsync($"/users/{id}", new Dictionary<string, string?>(), "form[action*='handler=Disable']");

        Assert.Equal(HttpStatusCode.Redirect, disable.StatusCode);
        Accounts.AssertRedirectsToSignIn(await user.GetAsync("/"));
        Assert.Equal(HttpStatusCode.OK, (await Accounts.PostSignInAsync(app.NewClient(), "0935000102")).StatusCode);
        Assert.Contains("Đã vô hiệu hóa", (await ward.GetDocumentAsync($"/users/{id}")).QuerySelector("[data-testid=status]")!.TextContent, StringComparison.Ordinal);
        Assert.True(await SecurityLineAsync(id, "Vô hiệu hóa"));

        var enable = await ward.SubmitFormAsync($"/users/{id}", new Dictionary<string, string?>(), "form[action*='handler=Enable']");

        Assert.Equal(HttpStatusCode.Redirect, enable.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await Accounts.PostSignInAsync(app.NewClient(), "0935000102")).StatusCode);
        Assert.True(await SecurityLineAsync(id, "Kích hoạt lại"));
    }

    [DbFact]
    public async Task An_officer_cannot_disable_their_own_account()
    {
        var ward = await app.SignInAsync(World.Users.WardHoaXuan);
        var self = (await Accounts.FindAsync(app, World.Users.WardHoaXuan)).Id;
        var page = await ward.GetDocumentAsync($"/users/{self}");
        Assert.Null(page.QuerySelector("form[action*='handler=Disable']"));

        var response = await ward.PostAsync($"/users/{self}?handler=disable", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = await Accounts.AntiforgeryTokenAsync(ward, "/account"),
        }));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("Bạn không thể tự vô hiệu hóa tài khoản của mình.", (await Browser.ParseAsync(response)).Errors());
        Assert.False((await Accounts.FindAsync(app, World.Users.WardHoaXuan)).IsDisabled);
        Assert.Equal(HttpStatusCode.OK, (await ward.GetAsync("/")).StatusCode);
    }

    [DbFact]
    public async Task Unlocking_clears_a_lockout_at_once()
    {
        var id = await NewMemberAccountAsync("0935000103");
        for (var i = 0; i < 5; i++)
        {
            await Accounts.PostSignInAsync(app.NewClient(), "0935000103", "sai-mat-khau-" + i);
        }
        // Blocked for that place by the sign-in throttle, not by Identity's lockout.
        Assert.Equal(HttpStatusCode.OK, (await Accounts.PostSignInAsync(app.NewClient(), "0935000103")).StatusCode);
        var ward = await app.SignInAsync(World.Users.WardHoaXuan);
        Assert.Contains("Tạm khóa đến", (await ward.GetDocumentAsync($"/users/{id}")).Text(), StringComparison.Ordinal);

        var unlock = await ward.SubmitFormAsync($"/users/{id}", new Dictionary<string, string?>(), "form[action*='handler=Unlock']");

        Assert.Equal(HttpStatusCode.Redirect, unlock.StatusCode);
        Assert.DoesNotContain("Tạm khóa đến", (await ward.GetDocumentAsync($"/users/{id}")).Text(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, (await Accounts.PostSignInAsync(app.NewClient(), "0935000103")).StatusCode);
    }

    [DbFact]
    public async Task Resetting_two_factor_ends_the_sessions_and_the_officer_must_enrol_again()
    {
        var id = await Accounts.CreateAsync(app, "canbo.2fa", Role.WardOfficer, commune: app.World.HoaXuan.Id, twoFactor: true);
        var officer = await app.SignInAsync("canbo.2fa");
        var ward = await app.SignInAsync(World.Users.WardHoaXuan);

        var reset = await ward.SubmitFormAsync($"/users/{id}", new Dictionary<string, string?>(), "form[action*='handler=ResetTwoFactor']");

        Assert.Equal(HttpStatusCode.Redirect, reset.StatusCode);
        Accounts.AssertRedirectsToSignIn(await officer.GetAsync("/"));
        Assert.False((await Accounts.FindAsync(app, "canbo.2fa")).TwoFactorEnabled);
        Assert.True(await SecurityLineAsync(id, "Đặt lại xác thực hai bước"));
        var again = app.NewClient();
        var signIn = await Accounts.PostSignInAsync(again, "canbo.2fa");
        Assert.Equal("/", signIn.Headers.Location?.OriginalString);
        Assert.Equal("/account/two-factor-setup", (await again.GetAsync("/")).Headers.Location?.OriginalString);
    }

    [DbFact]
    public async Task Changing_role_and_team_is_checked_against_the_officers_area_and_ends_sessions()
    {
        var id = await NewMemberAccountAsync("0935000104");
        var user = await app.SignInAsync("0935000104");
        var ward = await app.SignInAsync(World.Users.WardHoaXuan);
        var hoaXuan = app.World.HoaXuan.Id.ToString(System.Globalization.CultureInfo.InvariantCulture);

        var escalate = await ward.SubmitFormAsync($"/users/{id}", new Dictionary<string, string?> { ["Change.Role"] = nameof(Role.ProvinceOfficer) }, "form[data-testid=change-role]");
        Assert.Contains("Bạn không được cấp vai trò này.", (await Browser.ParseAsync(escalate)).Errors());
        var otherTeam = await ward.SubmitFormAsync($"/users/{id}", new Dictionary<string, string?>
        {
            ["Change.CommuneId"] = hoaXuan,
            ["Change.TeamId"] = app.World.ClTeam1.Id.ToString(),
        }, "form[data-testid=change-role]");
        Assert.Contains("Tổ CNSCĐ không thuộc phường/xã đã chọn hoặc ngoài địa bàn của bạn.", (await Browser.ParseAsync(otherTeam)).Errors());
        Assert.Equal(HttpStatusCode.OK, (await user.GetAsync("/")).StatusCode);

        var change = await ward.SubmitFormAsync($"/users/{id}", new Dictionary<string, string?>
        {
            ["Change.Role"] = nameof(Role.TeamLeader),
            ["Change.CommuneId"] = hoaXuan,
            ["Change.TeamId"] = app.World.HxTeam2.Id.ToString(),
        }, "form[data-testid=change-role]");

        Assert.Equal(HttpStatusCode.Redirect, change.StatusCode);
        var changed = await Accounts.FindAsync(app, "0935000104");
        Assert.Equal((Role.TeamLeader, (Guid?)app.World.HxTeam2.Id), (changed.Role, changed.ScopeTeamId));
        Accounts.AssertRedirectsToSignIn(await user.GetAsync("/"));
        Assert.True(await SecurityLineAsync(id, "Đổi vai trò/địa bàn"));
    }

    private Task<Guid> NewMemberAccountAsync(string phone) =>
        Accounts.CreateAsync(app, phone, Role.TeamMember, commune: app.World.HoaXuan.Id, team: app.World.HxTeam1.Id, phone: phone);

    private Task<bool> SecurityLineAsync(Guid id, string summaryStart) => app.WithDbAsync(db => db.AuditEntries.AnyAsync(a =>
        a.Action == AuditAction.Security && a.EntityId == id.ToString() && a.UserName == World.Users.WardHoaXuan
        && a.Summary!.StartsWith(summaryStart)));
}
