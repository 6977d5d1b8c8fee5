using System.Net;
using CongDongSo.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace CongDongSo.Tests.Features.Members;

/// <summary>Outside one's area a team or member does not exist (404), through every page; a role without the right gets 403.</summary>
public sealed class RosterScopeTests(AppFactory app) : IClassFixture<AppFactory>
{
    [DbFact]
    public async Task Team_leader_of_TDP1_gets_404_for_everything_of_TDP2()
    {
        var client = await app.SignInAsync(World.Users.TeamLeadHx1);
        var other = app.World.HxTeam2Leader.Id;
        foreach (var url in new[]
        {
            $"/teams/{app.World.HxTeam2.Id}", $"/members/{other}", $"/members/{other}/edit", $"/members/{other}/leave",
            $"/teams/{app.World.HxTeam2.Id}/members/new",
        })
        {
            Assert.True((await client.GetAsync(url)).StatusCode == HttpStatusCode.NotFound, url);
        }

        // Real forms of their own team, posted at the other team's addresses.
        var ownEdit = await client.GetDocumentAsync($"/members/{app.World.HxTeam1Leader.Id}/edit");
        var edit = await client.SubmitFormAsync(ownEdit, $"/members/{other}/edit", new Dictionary<string, string?> { ["Input.FullName"] = "Bị sửa" });
        Assert.Equal(HttpStatusCode.NotFound, edit.StatusCode);
        var ownNew = await client.GetDocumentAsync($"/teams/{app.World.HxTeam1.Id}/members/new");
        var add = await client.SubmitFormAsync(ownNew, $"/teams/{app.World.HxTeam2.Id}/members/new", new Dictionary<string, string?> { ["Input.FullName"] = "Người chen vào" });
        Assert.Equal(HttpStatusCode.NotFound, add.StatusCode);

        Assert.Equal("Trần Minh Quân", await app.WithDbAsync(db => db.Members.Where(m => m.Id == other).Select(m => m.FullName).SingleAsync()));
        Assert.False(await app.WithDbAsync(db => db.Members.AnyAsync(m => m.FullName == "Người chen vào")));
    }

    [DbFact]
    public async Task Ward_officer_of_Cam_Le_gets_404_for_Hoa_Xuan_teams_and_members()
    {
        var client = await app.SignInAsync(World.Users.WardCamLe);
        var member = app.World.HxTeam1Leader.Id;
        foreach (var url in new[]
        {
            $"/teams/{app.World.HxTeam1.Id}", $"/teams/{app.World.HxTeam1.Id}/edit", $"/teams/{app.World.HxTeam1.Id}/dissolve",
            $"/teams/{app.World.HxTeam1.Id}/decisions/new", $"/teams/{app.World.HxTeam1.Id}/members/new",
            $"/members/{member}", $"/members/{member}/edit", $"/members/{member}/leave", $"/api/v1/teams/{app.World.HxTeam1.Id}",
        })
        {
            Assert.True((await client.GetAsync(url)).StatusCode == HttpStatusCode.NotFound, url);
        }
        var ownTeamEdit = await client.GetDocumentAsync($"/teams/{app.World.ClTeam1.Id}/edit");
        var post = await client.SubmitFormAsync(ownTeamEdit, $"/teams/{app.World.HxTeam1.Id}/edit", new Dictionary<string, string?> { ["Input.Name"] = "Bị đổi tên" });
        Assert.Equal(HttpStatusCode.NotFound, post.StatusCode);

        var list = await client.GetDocumentAsync("/members?q=nguyen");
        Assert.DoesNotContain("Nguyễn Văn Hùng", list.Text(), StringComparison.Ordinal);
    }

    [DbFact]
    public async Task A_team_member_sees_masked_phones_and_gets_403_on_member_edit()
    {
        var client = await app.SignInAsync(World.Users.MemberHx1);
        var team = await client.GetDocumentAsync($"/teams/{app.World.HxTeam1.Id}");
        Assert.Contains("090****001", team.Text(), StringComparison.Ordinal);
        Assert.Null(team.QuerySelector($"a[href='/teams/{app.World.HxTeam1.Id}/members/new']"));

        foreach (var url in new[] { $"/members/{app.World.HxTeam1Leader.Id}/edit", $"/members/{app.World.HxTeam1Leader.Id}/leave", $"/teams/{app.World.HxTeam1.Id}/members/new" })
        {
            var response = await client.GetAsync(url);
            response.AssertForbidden();
        }
    }
}
