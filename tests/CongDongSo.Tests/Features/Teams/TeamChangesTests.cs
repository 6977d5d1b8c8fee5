using System.Net;
using CongDongSo.Tests.Infrastructure;
using CongDongSo.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace CongDongSo.Tests.Features.Teams;

public sealed class TeamChangesTests(AppFactory app) : IClassFixture<AppFactory>
{
    [DbFact]
    public async Task Ward_officer_edits_a_team_and_an_empty_Zalo_name_gets_the_suggestion()
    {
        var tdp4 = await A.NeighbourhoodAsync(app, app.World.HoaXuan, "Tổ dân phố số 4");
        var team = await A.Team(app.World.HxTdp2).Named("Tổ tạm").SaveAsync(app);
        var client = await app.SignInAsync(World.Users.WardHoaXuan);

        var response = await client.SubmitFormAsync($"/teams/{team.Id}/edit", new Dictionary<string, string?>
        {
            ["Input.Name"] = "  Tổ CNSCĐ   Tổ dân phố số 4 ",
            ["Input.NeighbourhoodId"] = tdp4.Id.ToString(),
            ["Input.ZaloGroupName"] = "",
            ["Input.ZaloGroupLink"] = "https://zalo.me/g/tdp4",
        });

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var saved = await app.WithDbAsync(db => db.Teams.SingleAsync(t => t.Id == team.Id));
        Assert.Equal("Tổ CNSCĐ Tổ dân phố số 4", saved.Name);
        Assert.Equal(tdp4.Id, saved.NeighbourhoodId);
        Assert.Equal("CNSCĐ-Tổ dân phố số 4-Phường Hòa Xuân", saved.ZaloGroupName);
        Assert.Equal("https://zalo.me/g/tdp4", saved.ZaloGroupLink);
        var audit = await app.WithDbAsync(db => db.AuditEntries.SingleAsync(a => a.EntityType == "Team" && a.EntityId == team.Id.ToString() && a.Action == AuditAction.Update));
        Assert.Equal("Tổ tạm", System.Text.Json.JsonDocument.Parse(audit.Before!).RootElement.GetProperty("Name").GetString());
    }

    [DbFact]
    public async Task A_consolidation_decision_is_listed_above_the_establishment()
    {
        var team = await A.Team(app.World.HxTdp2).Named("Tổ có quyết định").SaveAsync(app);
        var client = await app.SignInAsync(World.Users.WardHoaXuan);
        var first = await client.SubmitFormAsync($"/teams/{team.Id}/decisions/new", new Dictionary<string, string?>
        {
            ["Kind"] = "Establishment",
            ["Input.Number"] = "12/QĐ-UBND",
            ["Input.SignedOn"] = "2025-08-15",
            ["Input.Signer"] = "Chủ tịch UBND phường",
        });
        Assert.Equal(HttpStatusCode.Redirect, first.StatusCode);
        var second = await client.SubmitFormAsync($"/teams/{team.Id}/decisions/new", new Dictionary<string, string?>
        {
            ["Input.Number"] = "301/QĐ-UBND",
            ["Input.SignedOn"] = "2026-03-02",
            ["Input.Signer"] = "Phó Chủ tịch UBND phường",
        });
        Assert.Equal(HttpStatusCode.Redirect, second.StatusCode);

        var detail = await client.GetDocumentAsync($"/teams/{team.Id}");
        var items = detail.QuerySelectorAll("[data-testid=decisions] li").Select(li => li.TextContent).ToList();
        Assert.Equal(2, items.Count);
        Assert.Contains("301/QĐ-UBND", items[0], StringComparison.Ordinal);
        Assert.Contains("Kiện toàn", items[0], StringComparison.Ordinal);
        Assert.Contains("12/QĐ-UBND", items[1], StringComparison.Ordinal);
        Assert.Contains("02/03/2026", items[0], StringComparison.Ordinal);

        var again = await client.SubmitFormAsync($"/teams/{team.Id}/decisions/new", new Dictionary<string, string?>
        {
            ["Kind"] = "Establishment",
            ["Input.Number"] = "13/QĐ-UBND",
            ["Input.SignedOn"] = "2025-08-16",
            ["Input.Signer"] = "Chủ tịch UBND phường",
        });
        Assert.Contains("Tổ đã có quyết định thành lập; quyết định mới là quyết định kiện toàn.", (await Browser.ParseAsync(again)).Errors());
    }

    [DbFact]
    public async Task A_team_with_active_members_is_not_dissolved_one_without_is()
    {
        var team = await A.Team(app.World.HxTdp2).Named("Tổ sắp giải thể").SaveAsync(app);
        var member = await A.Member("Đỗ Văn Bảy").In(team).As(MemberPosition.Leader).SaveAsync(app);
        var client = await app.SignInAsync(World.Users.WardHoaXuan);

        var refused = await client.SubmitFormAsync($"/teams/{team.Id}/dissolve", new Dictionary<string, string?> { ["DissolvedOn"] = "2026-11-01" });
        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        Assert.Contains((await Browser.ParseAsync(refused)).Errors(), e => e.StartsWith("Tổ còn 1 thành viên đang hoạt động", StringComparison.Ordinal));
        Assert.Null(await app.WithDbAsync(db => db.Teams.Where(t => t.Id == team.Id).Select(t => t.DissolvedOn).SingleAsync()));

        var leave = await client.SubmitFormAsync($"/members/{member.Id}/leave", new Dictionary<string, string?> { ["Input.LeftOn"] = "2026-10-31" });
        Assert.Equal(HttpStatusCode.Redirect, leave.StatusCode);
        var dissolved = await client.SubmitFormAsync($"/teams/{team.Id}/dissolve", new Dictionary<string, string?> { ["DissolvedOn"] = "2026-11-01" });
        Assert.Equal(HttpStatusCode.Redirect, dissolved.StatusCode);
        Assert.Equal(new DateOnly(2026, 11, 1), await app.WithDbAsync(db => db.Teams.Where(t => t.Id == team.Id).Select(t => t.DissolvedOn).SingleAsync()));
        Assert.Contains("Đã giải thể", (await client.GetDocumentAsync($"/teams/{team.Id}")).Text(), StringComparison.Ordinal);
    }

    [DbFact]
    public async Task A_team_leader_may_not_edit_the_team()
    {
        var client = await app.SignInAsync(World.Users.TeamLeadHx1);
        var response = await client.GetAsync($"/teams/{app.World.HxTeam1.Id}/edit");
        response.AssertForbidden();
    }
}
