using System.Net;
using CongDongSo.Tests.Features.Security;
using CongDongSo.Tests.Infrastructure;
using CongDongSo.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace CongDongSo.Tests.Features.Users;

/// <summary>Accounts are managed only inside the officer's own area; outside it they do not exist (404).</summary>
public sealed class UserScopeTests(AppFactory app) : IClassFixture<AppFactory>
{
    [DbFact]
    public async Task Cam_Le_ward_officer_gets_404_for_a_Hoa_Xuan_account_and_its_actions()
    {
        var target = await Accounts.CreateAsync(app, "0935000301", Role.TeamMember, commune: app.World.HoaXuan.Id, team: app.World.HxTeam1.Id);
        var camLe = await app.SignInAsync(World.Users.WardCamLe);
        var token = await Accounts.AntiforgeryTokenAsync(camLe, "/users");

        Assert.Equal(HttpStatusCode.NotFound, (await camLe.GetAsync($"/users/{target}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await camLe.GetAsync($"/api/v1/users/{target}")).StatusCode);
        foreach (var handler in new[] { "disable", "resetpassword", "resettwofactor", "unlock", "changerole" })
        {
            var post = await camLe.PostAsync($"/users/{target}?handler={handler}", new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["__RequestVerificationToken"] = token,
                ["Reset.NewPassword"] = "mot-cum-tu-rat-dai-khac-2026",
                ["Change.Role"] = "WardLeader",
                ["Change.CommuneId"] = app.World.CamLe.Id.ToString(System.Globalization.CultureInfo.InvariantCulture),
            }));
            Assert.True(post.StatusCode == HttpStatusCode.NotFound, $"{handler}: {post.StatusCode}");
        }

        var user = await app.WithDbAsync(db => db.Users.AsNoTracking().SingleAsync(u => u.Id == target));
        Assert.False(user.IsDisabled);
        Assert.Equal(Role.TeamMember, user.Role);
        var list = await camLe.GetDocumentAsync("/users?q=0935000301");
        Assert.DoesNotContain("0935000301", list.Text(), StringComparison.Ordinal);
    }

    [DbFact]
    public async Task Da_Nang_province_officer_manages_a_Hoa_Xuan_ward_officer_but_not_a_Ha_Noi_account()
    {
        var hoaXuanOfficer = await Accounts.CreateAsync(app, "canbo2.hoaxuan", Role.WardOfficer, commune: app.World.HoaXuan.Id, twoFactor: true);
        var haNoiOfficer = await Accounts.CreateAsync(app, "canbo.badinh", Role.WardOfficer, commune: app.World.BaDinh.Id, twoFactor: true);
        var province = await app.SignInAsync(World.Users.ProvinceDaNang);

        Assert.Equal(HttpStatusCode.OK, (await province.GetAsync($"/users/{hoaXuanOfficer}")).StatusCode);
        var reset = await province.SubmitFormAsync($"/users/{hoaXuanOfficer}", new Dictionary<string, string?>
        {
            ["Reset.NewPassword"] = "nang-vang-tren-song-han-2026",
        }, "form[data-testid=reset-password]");
        Assert.Equal(HttpStatusCode.Redirect, reset.StatusCode);
        var disable = await province.SubmitFormAsync($"/users/{hoaXuanOfficer}", new Dictionary<string, string?>(), "form[action*='handler=Disable']");
        Assert.Equal(HttpStatusCode.Redirect, disable.StatusCode);
        Assert.True((await Accounts.FindAsync(app, "canbo2.hoaxuan")).IsDisabled);

        Assert.Equal(HttpStatusCode.NotFound, (await province.GetAsync($"/users/{haNoiOfficer}")).StatusCode);
        var token = await Accounts.AntiforgeryTokenAsync(province, "/users");
        var outside = await province.PostAsync($"/users/{haNoiOfficer}?handler=disable",
            new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = token }));
        Assert.Equal(HttpStatusCode.NotFound, outside.StatusCode);
        Assert.False((await Accounts.FindAsync(app, "canbo.badinh")).IsDisabled);
        var list = await province.GetDocumentAsync("/users?q=canbo");
        Assert.Contains("canbo2.hoaxuan", list.Text(), StringComparison.Ordinal);
        Assert.DoesNotContain("canbo.badinh", list.Text(), StringComparison.Ordinal);
    }

    [DbFact]
    public async Task A_ward_officer_cannot_grant_the_system_admin_or_province_officer_role()
    {
        var ward = await app.SignInAsync(World.Users.WardHoaXuan);
        foreach (var role in new[] { Role.SystemAdmin, Role.ProvinceOfficer })
        {
            var response = await ward.SubmitFormAsync("/users/new", NewUser("leo.thang." + role.ToString().ToLowerInvariant(), role, new()
            {
                ["Input.ProvinceId"] = app.World.DaNang.Id.ToString(System.Globalization.CultureInfo.InvariantCulture),
            }));

            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Contains("Bạn không được cấp vai trò này.", (await Browser.ParseAsync(response)).Errors());
        }
        Assert.False(await app.WithDbAsync(db => db.Users.AnyAsync(u => u.UserName!.StartsWith("leo.thang"))));
    }

    [DbFact]
    public async Task A_ward_officer_cannot_create_an_account_in_another_commune_or_its_team()
    {
        var ward = await app.SignInAsync(World.Users.WardHoaXuan);
        var camLe = app.World.CamLe.Id.ToString(System.Globalization.CultureInfo.InvariantCulture);
        var hoaXuan = app.World.HoaXuan.Id.ToString(System.Globalization.CultureInfo.InvariantCulture);

        var otherCommune = await ward.SubmitFormAsync("/users/new", NewUser("ngoai.diaban1", Role.WardLeader, new() { ["Input.CommuneId"] = camLe }));
        Assert.Contains("Phường/xã không hợp lệ hoặc ngoài địa bàn của bạn.", (await Browser.ParseAsync(otherCommune)).Errors());

        var otherTeam = await ward.SubmitFormAsync("/users/new", NewUser("ngoai.diaban2", Role.TeamMember, new()
        {
            ["Input.CommuneId"] = hoaXuan,
            ["Input.TeamId"] = app.World.ClTeam1.Id.ToString(),
        }));
        Assert.Contains("Tổ CNSCĐ không thuộc phường/xã đã chọn hoặc ngoài địa bàn của bạn.", (await Browser.ParseAsync(otherTeam)).Errors());

        var bothOutside = await ward.SubmitFormAsync("/users/new", NewUser("ngoai.diaban3", Role.TeamLeader, new()
        {
            ["Input.CommuneId"] = camLe,
            ["Input.TeamId"] = app.World.ClTeam1.Id.ToString(),
        }));
        Assert.Contains("Phường/xã không hợp lệ hoặc ngoài địa bàn của bạn.", (await Browser.ParseAsync(bothOutside)).Errors());

        Assert.False(await app.WithDbAsync(db => db.Users.AnyAsync(u => u.UserName!.StartsWith("ngoai.diaban"))));
    }

    [DbFact]
    public async Task Team_members_and_leaders_get_403_on_accounts_and_the_audit_log()
    {
        foreach (var userName in new[] { World.Users.MemberHx1, World.Users.TeamLeadHx1 })
        {
            var client = await app.SignInAsync(userName);
            foreach (var url in new[] { "/users", "/users/new", "/audit", "/api/v1/users" })
            {
                var response = await client.GetAsync(url);
                Assert.True(response.StatusCode == HttpStatusCode.Forbidden, $"{userName} {url}: {response.StatusCode}");
            }
            Assert.Contains("Không có quyền", await (await client.GetAsync("/users")).Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }
        var leader = await app.SignInAsync(World.Users.LeaderHoaXuan);
        Assert.Equal(HttpStatusCode.Forbidden, (await leader.GetAsync("/users")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await leader.GetAsync("/audit")).StatusCode);
    }

    private static Dictionary<string, string?> NewUser(string userName, Role role, Dictionary<string, string?> scope)
    {
        var fields = new Dictionary<string, string?>
        {
            ["Input.FullName"] = "Người thử " + userName,
            ["Input.UserName"] = userName,
            ["Input.Role"] = role.ToString(),
            ["Input.Password"] = "mot-cum-tu-rat-dai-khac-2026",
        };
        foreach (var (key, value) in scope)
        {
            fields[key] = value;
        }
        return fields;
    }
}
