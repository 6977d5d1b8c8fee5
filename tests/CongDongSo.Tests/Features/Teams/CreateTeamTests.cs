using System.Net;
using CongDongSo.Tests.Infrastructure;
using CongDongSo.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace CongDongSo.Tests.Features.Teams;

public sealed class CreateTeamTests(AppFactory app) : IClassFixture<AppFactory>
{
    [DbFact]
    public async Task Ward_officer_creates_a_team_with_its_decision_and_the_suggested_Zalo_name()
    {
        var tdp3 = await A.NeighbourhoodAsync(app, app.World.HoaXuan, "Tổ dân phố số 3");
        var client = await app.SignInAsync(World.Users.WardHoaXuan);

        var form = await client.GetDocumentAsync("/teams/new");
        Assert.Equal(tdp3.Id.ToString(), form.FieldValue("Input.NeighbourhoodId"));
        Assert.Equal("Tổ CNSCĐ Tổ dân phố số 3", form.FieldValue("Input.Name"));
        Assert.Equal("CNSCĐ-Tổ dân phố số 3-Phường Hòa Xuân", form.FieldValue("Input.ZaloGroupName"));

        var response = await client.SubmitFormAsync(form, "/teams/new", new Dictionary<string, string?>
        {
            ["Input.ZaloGroupName"] = "",
            ["Input.ZaloGroupLink"] = "https://zalo.me/g/abcdef123",
            ["Input.EstablishedOn"] = "2026-10-01",
            ["Decision.Number"] = "125/QĐ-UBND",
            ["Decision.SignedOn"] = "2026-09-30",
            ["Decision.Signer"] = "Chủ tịch UBND phường Lê Văn Bình",
        });

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var team = await app.WithDbAsync(db => db.Teams.Include(t => t.Decisions).SingleAsync(t => t.NeighbourhoodId == tdp3.Id));
        Assert.Equal($"/teams/{team.Id}", response.Headers.Location!.OriginalString);
        Assert.Equal("Tổ CNSCĐ Tổ dân phố số 3", team.Name);
        Assert.Equal("to cnscd to dan pho so 3", team.SearchName);
        Assert.Equal("CNSCĐ-Tổ dân phố số 3-Phường Hòa Xuân", team.ZaloGroupName);
        Assert.Equal("https://zalo.me/g/abcdef123", team.ZaloGroupLink);
        Assert.Equal(new DateOnly(2026, 10, 1), team.EstablishedOn);
        var decision = Assert.Single(team.Decisions);
        Assert.Equal(TeamDecisionKind.Establishment, decision.Kind);
        Assert.Equal("125/QĐ-UBND", decision.Number);
        Assert.Equal(new DateOnly(2026, 9, 30), decision.SignedOn);

        var detail = await client.GetDocumentAsync($"/teams/{team.Id}");
        Assert.Contains("125/QĐ-UBND", detail.QuerySelector("[data-testid=decisions]")!.TextContent, StringComparison.Ordinal);
        Assert.True(await app.WithDbAsync(db => db.AuditEntries.AnyAsync(a => a.EntityType == "Team" && a.EntityId == team.Id.ToString() && a.Action == AuditAction.Create)));
    }

    [DbFact]
    public async Task The_ward_pattern_names_the_Zalo_group()
    {
        await app.WithDbAsync(async db =>
        {
            var commune = await db.Communes.SingleAsync(c => c.Id == app.World.HoaXuan.Id);
            commune.ZaloGroupNamePattern = "{team} - {commune}";
            await db.SaveChangesAsync();
        });
        try
        {
            var client = await app.SignInAsync(World.Users.WardHoaXuan);
            var form = await client.GetDocumentAsync($"/teams/new?handler=Suggest&Input.NeighbourhoodId={app.World.HxTdp2.Id}");
            Assert.Equal("Tổ CNSCĐ Tổ dân phố số 2 - Phường Hòa Xuân", form.FieldValue("Input.ZaloGroupName"));
        }
        finally
        {
            await app.WithDbAsync(async db =>
            {
                var commune = await db.Communes.SingleAsync(c => c.Id == app.World.HoaXuan.Id);
                commune.ZaloGroupNamePattern = Commune.DefaultZaloPattern;
                await db.SaveChangesAsync();
            });
        }
    }

    [DbFact]
    public async Task A_half_entered_decision_and_a_foreign_link_are_field_errors_and_nothing_is_saved()
    {
        var client = await app.SignInAsync(World.Users.WardHoaXuan);
        var before = await app.WithDbAsync(db => db.Teams.CountAsync());

        var response = await client.SubmitFormAsync("/teams/new", new Dictionary<string, string?>
        {
            ["Input.NeighbourhoodId"] = app.World.HxTdp2.Id.ToString(),
            ["Input.Name"] = "Tổ CNSCĐ thứ hai",
            ["Input.ZaloGroupLink"] = "http://evil.example/zalo.me/g/x",
            ["Decision.Number"] = "125/QĐ-UBND",
        });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var errors = (await Browser.ParseAsync(response)).Errors();
        Assert.Contains(errors, e => e.StartsWith("Liên kết nhóm Zalo", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.StartsWith("Vui lòng nhập ngày ký quyết định", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.StartsWith("Vui lòng nhập người ký quyết định", StringComparison.Ordinal));
        Assert.Equal(before, await app.WithDbAsync(db => db.Teams.CountAsync()));
    }

    [DbFact]
    public async Task A_malformed_decision_number_and_a_duplicate_team_name_are_refused()
    {
        var client = await app.SignInAsync(World.Users.WardHoaXuan);
        var response = await client.SubmitFormAsync("/teams/new", new Dictionary<string, string?>
        {
            ["Input.NeighbourhoodId"] = app.World.HxTdp1.Id.ToString(),
            ["Input.Name"] = "to cnscd to dan pho so 1",
            ["Decision.Number"] = "QĐ số mười hai",
            ["Decision.SignedOn"] = "2026-09-30",
            ["Decision.Signer"] = "Chủ tịch UBND phường",
        });
        var errors = (await Browser.ParseAsync(response)).Errors();
        Assert.Contains("Số quyết định không đúng dạng, ví dụ 125/QĐ-UBND.", errors);
        Assert.Contains("Phường/xã đã có một tổ tên này.", errors);
    }

    [DbFact]
    public async Task A_neighbourhood_of_another_ward_cannot_be_used()
    {
        var client = await app.SignInAsync(World.Users.WardHoaXuan);
        var response = await client.SubmitFormAsync("/teams/new", new Dictionary<string, string?>
        {
            ["Input.NeighbourhoodId"] = app.World.ClTdp1.Id.ToString(),
            ["Input.Name"] = "Tổ lạ",
        });
        Assert.Contains("Tổ dân phố không thuộc phường/xã này hoặc đã ngừng hoạt động.", (await Browser.ParseAsync(response)).Errors());
        Assert.False(await app.WithDbAsync(db => db.Teams.AnyAsync(t => t.Name == "Tổ lạ")));
    }

    [DbFact]
    public async Task System_admin_picks_a_commune_first_and_a_team_leader_may_not_create_teams()
    {
        var admin = await app.SignInAsync(World.Users.Admin);
        var picker = await admin.GetDocumentAsync("/teams/new");
        Assert.NotNull(picker.QuerySelector($"select[name=CommuneId] option[value='{app.World.CamLe.Id}']"));
        Assert.Null(picker.QuerySelector("[name='Input.Name']"));
        var form = await admin.GetDocumentAsync($"/teams/new?CommuneId={app.World.CamLe.Id}");
        Assert.Equal(app.World.ClTdp1.Id.ToString(), form.FieldValue("Input.NeighbourhoodId"));

        var leader = await app.SignInAsync(World.Users.TeamLeadHx1);
        var denied = await leader.GetAsync("/teams/new");
        denied.AssertForbidden();
    }
}
