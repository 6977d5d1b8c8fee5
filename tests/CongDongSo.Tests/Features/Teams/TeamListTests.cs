using CongDongSo.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace CongDongSo.Tests.Features.Teams;

public sealed class TeamListTests(AppFactory app) : IClassFixture<AppFactory>
{
    private static string[] TeamIds(AngleSharp.Html.Dom.IHtmlDocument page) =>
        [.. page.QuerySelectorAll("[data-testid=teams] li[data-team]").Select(li => li.GetAttribute("data-team")!)];

    [DbFact]
    public async Task Ward_officer_sees_the_ward_teams_with_leader_count_and_tags()
    {
        var client = await app.SignInAsync(World.Users.WardHoaXuan);
        var page = await client.GetDocumentAsync("/teams");
        var ids = TeamIds(page);
        Assert.Contains(app.World.HxTeam1.Id.ToString(), ids);
        Assert.Contains(app.World.HxTeam2.Id.ToString(), ids);
        Assert.DoesNotContain(app.World.ClTeam1.Id.ToString(), ids);
        var team1 = page.QuerySelector($"li[data-team='{app.World.HxTeam1.Id}']")!.TextContent;
        Assert.Contains("Nguyễn Văn Hùng", team1, StringComparison.Ordinal);
        Assert.Contains("2 thành viên", team1, StringComparison.Ordinal);
        Assert.Contains("Thiếu tổ phó", page.QuerySelector($"li[data-team='{app.World.HxTeam2.Id}']")!.TextContent, StringComparison.Ordinal);
    }

    [DbFact]
    public async Task Missing_leader_view_lists_a_team_without_deputy_and_matches_the_home_figure()
    {
        var client = await app.SignInAsync(World.Users.WardHoaXuan);
        var page = await client.GetDocumentAsync("/teams?missingLeader=true");
        var ids = TeamIds(page);
        Assert.Contains(app.World.HxTeam2.Id.ToString(), ids);
        Assert.DoesNotContain(app.World.HxTeam1.Id.ToString(), ids);

        var home = await client.GetDocumentAsync("/");
        var figure = home.QuerySelector("a[href='/teams?missingLeader=true'] strong")!.TextContent;
        Assert.Equal(ids.Length.ToString(System.Globalization.CultureInfo.InvariantCulture), figure);
    }

    [DbFact]
    public async Task Team_leader_sees_only_their_own_team()
    {
        var client = await app.SignInAsync(World.Users.TeamLeadHx1);
        Assert.Equal([app.World.HxTeam1.Id.ToString()], TeamIds(await client.GetDocumentAsync("/teams")));
    }

    [DbFact]
    public async Task Dissolved_teams_show_only_when_asked_and_teams_sort_naturally()
    {
        var tdp10 = await A.NeighbourhoodAsync(app, app.World.CamLe, "Tổ dân phố số 10");
        var tdp2 = await A.NeighbourhoodAsync(app, app.World.CamLe, "Tổ dân phố số 2");
        var team10 = await A.Team(tdp10).SaveAsync(app);
        var team2 = await A.Team(tdp2).SaveAsync(app);
        var old = await A.Team(tdp2).Named("Tổ CNSCĐ cũ").SaveAsync(app);
        await app.WithDbAsync(async db =>
        {
            (await db.Teams.SingleAsync(t => t.Id == old.Id)).DissolvedOn = new DateOnly(2026, 1, 1);
            await db.SaveChangesAsync();
        });

        var client = await app.SignInAsync(World.Users.WardCamLe);
        var ids = TeamIds(await client.GetDocumentAsync("/teams"));
        Assert.Equal([app.World.ClTeam1.Id.ToString(), team2.Id.ToString(), team10.Id.ToString()], ids);

        var all = TeamIds(await client.GetDocumentAsync("/teams?includeDissolved=true"));
        Assert.Contains(old.Id.ToString(), all);
        Assert.Equal([team2.Id.ToString()], TeamIds(await client.GetDocumentAsync($"/teams?neighbourhood={tdp2.Id}")));
    }

    [DbFact]
    public async Task The_pages_read_in_English_when_the_user_switches()
    {
        var client = await app.SignInAsync(World.Users.WardHoaXuan);
        var teams = await client.GetDocumentAsync("/teams?culture=en-US&missingLeader=true");
        Assert.Contains("Teams without a leader or deputy", teams.Text(), StringComparison.Ordinal);
        Assert.Contains("No deputy", teams.Text(), StringComparison.Ordinal);
        var members = await client.GetDocumentAsync("/members?culture=en-US");
        Assert.Contains("Include former members", members.Text(), StringComparison.Ordinal);
    }
}
