using System.Net;
using CongDongSo.Tests.Infrastructure;
using CongDongSo.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace CongDongSo.Tests.Features.FieldWork;

public sealed class AssignmentsTests(AppFactory app) : IClassFixture<AppFactory>
{
    private Task<List<HouseholdAssignment>> HistoryAsync(Guid householdId) =>
        app.WithDbAsync(db => db.HouseholdAssignments.AsNoTracking().Where(a => a.HouseholdId == householdId).OrderBy(a => a.AssignedAtUtc).ToListAsync());

    [DbFact]
    public async Task The_team_leader_assigns_in_bulk_and_reassigning_keeps_the_history()
    {
        var deputy = await FieldKit.DeputyHx1Async(app);
        var first = await FieldKit.HouseholdAsync(app, app.World.HxTdp1, "1 Phạm Hùng", ("Nguyễn Văn Một", 1950));
        var second = await FieldKit.HouseholdAsync(app, app.World.HxTdp1, "2 Phạm Hùng", ("Nguyễn Văn Hai", 1951));
        var client = await app.SignInAsync(World.Users.TeamLeadHx1);

        var page = await client.GetDocumentAsync("/field/assignments");
        Assert.NotNull(page.QuerySelector($"[data-household='{first.Id}']"));
        var response = await FieldKit.SubmitAsync(client, "/field/assignments",
            ("Input.HouseholdIds", first.Id.ToString()), ("Input.HouseholdIds", second.Id.ToString()), ("Input.MemberId", deputy.Id.ToString()));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal(deputy.Id, Assert.Single(await HistoryAsync(first.Id)).MemberId);
        Assert.Equal(deputy.Id, Assert.Single(await HistoryAsync(second.Id)).MemberId);
        var listed = await client.GetDocumentAsync("/field/assignments");
        Assert.Contains(deputy.FullName, listed.QuerySelector($"[data-household='{first.Id}']")!.TextContent, StringComparison.Ordinal);

        app.Clock.Advance(TimeSpan.FromMinutes(5));
        response = await FieldKit.SubmitAsync(client, "/field/assignments",
            ("Input.HouseholdIds", first.Id.ToString()), ("Input.MemberId", app.World.HxTeam1Leader.Id.ToString()));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var history = await HistoryAsync(first.Id);
        Assert.Equal(2, history.Count);
        Assert.Equal(deputy.Id, history[0].MemberId);
        Assert.NotNull(history[0].EndedAtUtc);
        Assert.Equal(app.World.HxTeam1Leader.Id, history[1].MemberId);
        Assert.Null(history[1].EndedAtUtc);
        Assert.All(history, a => Assert.Equal(app.World.HxTeam1.Id, a.TeamId));
        // Assigning a household to the member who has it changes nothing.
        await FieldKit.SubmitAsync(client, "/field/assignments", ("Input.HouseholdIds", second.Id.ToString()), ("Input.MemberId", deputy.Id.ToString()));
        Assert.Single(await HistoryAsync(second.Id));

        response = await FieldKit.SubmitAsync(client, "/field/assignments", ("Input.HouseholdIds", second.Id.ToString()), ("Input.Action", "unassign"));
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.NotNull(Assert.Single(await HistoryAsync(second.Id)).EndedAtUtc);
        var unassigned = await client.GetDocumentAsync("/field/assignments?unassigned=true");
        Assert.NotNull(unassigned.QuerySelector($"[data-household='{second.Id}']"));
        Assert.Null(unassigned.QuerySelector($"[data-household='{first.Id}']"));
    }

    [DbFact]
    public async Task A_team_leader_cannot_reach_another_teams_households_or_members()
    {
        var sibling = await FieldKit.HouseholdAsync(app, app.World.HxTdp2, "3 Phạm Hùng", ("Nguyễn Văn Ba", 1952));
        var mine = await FieldKit.HouseholdAsync(app, app.World.HxTdp1, "4 Phạm Hùng", ("Nguyễn Văn Bốn", 1953));
        var client = await app.SignInAsync(World.Users.TeamLeadHx1);
        await client.GetDocumentAsync($"/field/assignments?team={app.World.HxTeam2.Id}", HttpStatusCode.NotFound);

        var response = await FieldKit.SubmitAsync(client, "/field/assignments",
            ("Input.HouseholdIds", sibling.Id.ToString()), ("Input.HouseholdIds", mine.Id.ToString()), ("Input.MemberId", app.World.HxTeam2Leader.Id.ToString()));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var errors = (await Browser.ParseAsync(response)).Errors();
        Assert.Contains("Có hộ không thuộc địa bàn của tổ.", errors);
        Assert.Contains("Thành viên không thuộc tổ hoặc đã rời tổ.", errors);
        Assert.Empty(await HistoryAsync(mine.Id));
        Assert.Empty(await HistoryAsync(sibling.Id));
    }

    [DbFact]
    public async Task The_ward_officer_picks_a_team_and_a_team_member_may_not_assign()
    {
        var household = await FieldKit.HouseholdAsync(app, app.World.HxTdp2, "5 Phạm Hùng", ("Nguyễn Văn Năm", 1954));
        var officer = await app.SignInAsync(World.Users.WardHoaXuan);
        var picker = await officer.GetDocumentAsync("/field/assignments");
        Assert.Equal(2, picker.QuerySelectorAll("select[name=team] option[value]").Count(o => o.GetAttribute("value") != ""));

        var url = $"/field/assignments?team={app.World.HxTeam2.Id}";
        var response = await FieldKit.SubmitAsync(officer, url, ("Input.HouseholdIds", household.Id.ToString()), ("Input.MemberId", app.World.HxTeam2Leader.Id.ToString()));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal(url, response.Headers.Location!.PathAndQuery());
        var assignment = Assert.Single(await HistoryAsync(household.Id));
        Assert.Equal((app.World.HxTeam2.Id, app.World.HxTeam2Leader.Id), (assignment.TeamId, assignment.MemberId));

        var member = await app.SignInAsync(World.Users.MemberHx1);
        (await member.GetAsync("/field/assignments")).AssertForbidden();
    }
}
