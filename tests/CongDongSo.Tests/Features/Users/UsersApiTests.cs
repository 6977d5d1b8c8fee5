using System.Net;
using System.Net.Http.Json;
using CongDongSo.Tests.Features.Security;
using CongDongSo.Tests.Infrastructure;
using CongDongSo.Web.Features.Users;
using CongDongSo.Web.Infrastructure.Text;

namespace CongDongSo.Tests.Features.Users;

public sealed class UsersApiTests(AppFactory app) : IClassFixture<AppFactory>
{
    [DbFact]
    public async Task The_api_lists_only_the_officers_accounts_and_answers_404_outside()
    {
        var ward = await app.SignInAsync(World.Users.WardHoaXuan);

        var list = await ward.GetFromJsonAsync<UsersApi.UserListJson>("/api/v1/users");

        var logins = list!.Items.Select(u => u.UserName).ToList();
        Assert.Contains(World.Users.MemberHx1, logins);
        Assert.Contains(World.Users.LeaderHoaXuan, logins);
        Assert.DoesNotContain(World.Users.WardCamLe, logins);
        Assert.DoesNotContain(World.Users.ProvinceDaNang, logins);
        Assert.DoesNotContain(World.Users.Admin, logins);
        var camLe = await Accounts.FindAsync(app, World.Users.WardCamLe);
        var outside = await ward.GetAsync($"/api/v1/users/{camLe.Id}");
        Assert.Equal(HttpStatusCode.NotFound, outside.StatusCode);
        Assert.Equal("application/problem+json", outside.Content.Headers.ContentType?.MediaType);
        var leader = await Accounts.FindAsync(app, World.Users.LeaderHoaXuan);
        var one = await ward.GetFromJsonAsync<UsersApi.UserJson>($"/api/v1/users/{leader.Id}");
        Assert.Equal(("WardLeader", "Phường Hòa Xuân"), (one!.Role, one.Area));
        Assert.Null(one.LastSignInUtc); // never signed in
        var self = list.Items.Single(u => u.UserName == World.Users.WardHoaXuan);
        Assert.Equal(app.Clock.GetUtcNow().UtcDateTime, self.LastSignInUtc!.Value, TimeSpan.FromMinutes(1));
    }

    [DbFact]
    public async Task The_province_officer_sees_its_communes_accounts_with_phone_logins_masked()
    {
        var province = await app.SignInAsync(World.Users.ProvinceDaNang);

        var list = await province.GetFromJsonAsync<UsersApi.UserListJson>("/api/v1/users?role=TeamMember");

        var member = Assert.Single(list!.Items);
        Assert.Equal(PersonalData.Mask(World.Users.MemberHx1), member.UserName);
    }
}
