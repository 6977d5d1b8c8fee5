using System.Net;
using CongDongSo.Tests.Infrastructure;
using CongDongSo.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace CongDongSo.Tests.Features.FieldWork;

/// <summary>Not visited, coverage and the session list on a small fixture whose every figure is known.</summary>
public sealed class FieldReportsTests(ReportsFactory app) : IClassFixture<ReportsFactory>
{
    private static readonly string[] s_columns = ["households", "visited", "percent", "sessions", "helped"];

    private static string[] Codes(AngleSharp.Html.Dom.IHtmlDocument page) =>
        [.. page.QuerySelectorAll("[data-testid=households] [data-household]").Select(li => li.GetAttribute("data-household")!).Order()];

    private static string[] Ids(params Household[] households) => [.. households.Select(h => h.Id.ToString()).Order()];

    [DbFact]
    public async Task Not_visited_lists_the_households_without_a_session_since_a_date_or_in_a_campaign()
    {
        var officer = await app.SignInAsync(World.Users.WardHoaXuan);

        Assert.Equal(Ids(app.B, app.C), Codes(await officer.GetDocumentAsync("/field/not-visited?since=2026-11-01")));
        Assert.Equal(Ids(app.C), Codes(await officer.GetDocumentAsync("/field/not-visited?since=2026-09-01")));
        Assert.Equal(Ids(app.B, app.C), Codes(await officer.GetDocumentAsync($"/field/not-visited?campaign={app.CampaignId}")));
        Assert.Empty(Codes(await officer.GetDocumentAsync($"/field/not-visited?since=2026-11-01&neighbourhood={app.World.HxTdp2.Id}")));
        var page = await officer.GetDocumentAsync($"/field/not-visited?since=2026-11-01&neighbourhood={app.World.HxTdp1.Id}");
        Assert.Equal(Ids(app.B, app.C), Codes(page));
        Assert.Contains("01/10/2026", page.QuerySelector($"[data-household='{app.B.Id}']")!.TextContent, StringComparison.Ordinal);

        // A team sees its own neighbourhood only.
        var leader2 = await app.SignInAsync(World.Users.TeamLeadHx2);
        Assert.Empty(Codes(await leader2.GetDocumentAsync("/field/not-visited?since=2026-11-01")));
        Assert.Equal(Ids(app.D), Codes(await leader2.GetDocumentAsync("/field/not-visited?since=2026-11-16")));
        // Another commune's campaign does not exist.
        var camLe = await app.SignInAsync(World.Users.TeamLeadCl1);
        await camLe.GetDocumentAsync($"/field/not-visited?campaign={app.CampaignId}", HttpStatusCode.NotFound);
    }

    [DbFact]
    public async Task Coverage_counts_households_visits_sessions_and_residents_per_neighbourhood()
    {
        var officer = await app.SignInAsync(World.Users.WardHoaXuan);

        foreach (var url in new[] { "/field/coverage?from=2026-11-01&to=2026-11-30", $"/field/coverage?campaign={app.CampaignId}" })
        {
            var page = await officer.GetDocumentAsync(url);
            string Cell(object row, string col) => page.QuerySelector($"[data-neighbourhood='{row}'] [data-col={col}]")!.TextContent.Trim();
            Assert.Equal(["3", "1", "33,3%", "2", "2"], s_columns.Select(c => Cell(app.World.HxTdp1.Id, c)));
            Assert.Equal(["1", "1", "100%", "1", "1"], s_columns.Select(c => Cell(app.World.HxTdp2.Id, c)));
            Assert.Equal(["4", "2", "50%", "3", "3"], s_columns.Select(c => Cell("total", c)));
        }
        // October: only B's visit.
        var october = await officer.GetDocumentAsync("/field/coverage?from=2026-10-01&to=2026-10-31");
        Assert.Equal("1", october.QuerySelector($"[data-neighbourhood='{app.World.HxTdp1.Id}'] [data-col=visited]")!.TextContent.Trim());
        Assert.Equal("1", october.QuerySelector("[data-neighbourhood='total'] [data-col=sessions]")!.TextContent.Trim());
    }

    [DbFact]
    public async Task The_province_officer_sees_coverage_per_commune_of_the_province_figures_only()
    {
        var province = await app.SignInAsync(World.Users.ProvinceDaNang);

        var page = await province.GetDocumentAsync("/field/coverage?from=2026-11-01&to=2026-11-30");

        string Cell(object row, string col) => page.QuerySelector($"[data-commune='{row}'] [data-col={col}]")!.TextContent.Trim();
        Assert.Equal(["4", "2", "50%", "3", "3"], s_columns.Select(c => Cell(app.World.HoaXuan.Id, c)));
        Assert.Equal("0", Cell(app.World.CamLe.Id, "sessions"));
        Assert.Null(page.QuerySelector($"[data-commune='{app.World.BaDinh.Id}']")); // another province
        Assert.Contains("Phường, xã", page.QuerySelector("[data-testid=coverage] thead")!.TextContent, StringComparison.Ordinal);
        Assert.DoesNotContain(app.B.Code, page.DocumentElement.OuterHtml, StringComparison.Ordinal);
        // People stay out of reach: households, residents and the session list remain forbidden.
        (await province.GetAsync("/households")).AssertForbidden();
        (await province.GetAsync("/field/sessions")).AssertForbidden();
    }

    [DbFact]
    public async Task The_ward_officer_sees_every_teams_sessions_with_members_and_households_and_filters_by_team()
    {
        var officer = await app.SignInAsync(World.Users.WardHoaXuan);

        var all = await officer.GetDocumentAsync("/field/sessions");
        var rows = all.QuerySelectorAll("[data-testid=sessions] [data-session]").ToList();
        Assert.Equal(4, rows.Count);
        var dRow = rows.Single(r => r.TextContent.Contains(app.D.Code, StringComparison.Ordinal));
        Assert.Contains("Trần Minh Quân", dRow.QuerySelector("[data-testid=members]")!.TextContent, StringComparison.Ordinal);
        Assert.Contains("25 Lê Văn Linh", dRow.TextContent, StringComparison.Ordinal);

        var team1 = await officer.GetDocumentAsync($"/field/sessions?team={app.World.HxTeam1.Id}");
        var team1Rows = team1.QuerySelectorAll("[data-testid=sessions] [data-session]").ToList();
        Assert.Equal(3, team1Rows.Count);
        Assert.All(team1Rows, r => Assert.Contains("Nguyễn Văn Hùng", r.TextContent, StringComparison.Ordinal));
        Assert.DoesNotContain(team1Rows, r => r.TextContent.Contains(app.D.Code, StringComparison.Ordinal));
        var november = await officer.GetDocumentAsync("/field/sessions?from=2026-11-01&to=2026-11-11");
        Assert.Single(november.QuerySelectorAll("[data-testid=sessions] [data-session]"));

        var detail = await officer.GetDocumentAsync($"/field/sessions/{app.FirstVisitOfA}");
        Assert.Contains(app.A.Code, detail.QuerySelector("[data-testid=household]")!.TextContent, StringComparison.Ordinal);
        Assert.Contains("Đoàn Thị Xuân", detail.QuerySelector("[data-testid=residents]")!.TextContent, StringComparison.Ordinal);
        Assert.Contains("Mức 1", detail.QuerySelector("[data-testid=outcomes]")!.TextContent, StringComparison.Ordinal);
    }

    [DbFact]
    public async Task A_team_sees_its_own_sessions_only()
    {
        var leader1 = await app.SignInAsync(World.Users.TeamLeadHx1);
        var list = await leader1.GetDocumentAsync("/field/sessions");
        Assert.Equal(3, list.QuerySelectorAll("[data-testid=sessions] [data-session]").Length);
        await leader1.GetDocumentAsync($"/field/sessions/{app.VisitOfD}", HttpStatusCode.NotFound);
        await leader1.GetDocumentAsync($"/field/sessions/{app.FirstVisitOfA}");

        var camLe = await app.SignInAsync(World.Users.WardCamLe);
        await camLe.GetDocumentAsync($"/field/sessions/{app.FirstVisitOfA}", HttpStatusCode.NotFound);
        Assert.Empty((await camLe.GetDocumentAsync("/field/sessions")).QuerySelectorAll("[data-testid=sessions] [data-session]"));
    }

    [DbFact]
    public async Task My_households_lists_the_longest_unvisited_first_with_what_is_missing_per_item()
    {
        var member = await app.SignInAsync(World.Users.MemberHx1);

        var page = await member.GetDocumentAsync("/field/my-households");

        var order = page.QuerySelectorAll("[data-testid=households] [data-household]").Select(li => li.GetAttribute("data-household")).ToList();
        // C never visited, then B (1 October), then A (12 November).
        Assert.Equal([app.C.Id.ToString(), app.B.Id.ToString(), app.A.Id.ToString()], order);
        var a = page.QuerySelector($"[data-household='{app.A.Id}']")!;
        Assert.Contains("12/11/2026", a.TextContent, StringComparison.Ordinal);
        // A's two residents got VNeID level 1 (level 2 is what counts), one of them a bank account.
        Assert.Equal("Tài khoản định danh điện tử VNeID: 2", a.QuerySelector("[data-item=vneid]")!.TextContent.Trim());
        Assert.Equal("Tài khoản ngân hàng / ví điện tử: 1", a.QuerySelector("[data-item=payment]")!.TextContent.Trim());
        Assert.Equal("Điện thoại thông minh: 2", a.QuerySelector("[data-item=smartphone]")!.TextContent.Trim());
    }
}

/// <summary>
/// Hòa Xuân with three households in Tổ dân phố số 1 (A visited twice in November, B on 1 October,
/// C never) and one in Tổ dân phố số 2 (D, visited in November by team 2), plus a November campaign.
/// </summary>
public sealed class ReportsFactory : AppFactory
{
    public Household A { get; private set; } = null!;
    public Household B { get; private set; } = null!;
    public Household C { get; private set; } = null!;
    public Household D { get; private set; } = null!;
    public Guid CampaignId { get; private set; }
    public Guid FirstVisitOfA { get; } = Guid.CreateVersion7();
    public Guid VisitOfD { get; } = Guid.CreateVersion7();

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        A = await FieldKit.HouseholdAsync(this, World.HxTdp1, "10 Lê Văn Linh", ("Đoàn Thị Xuân", 1958), ("Đoàn Văn Hạ", 1990));
        B = await FieldKit.HouseholdAsync(this, World.HxTdp1, "15 Lê Văn Linh", ("Đoàn Văn Thu", 1961));
        C = await FieldKit.HouseholdAsync(this, World.HxTdp1, "20 Lê Văn Linh", ("Đoàn Thị Đông", 1963));
        D = await FieldKit.HouseholdAsync(this, World.HxTdp2, "25 Lê Văn Linh", ("Đoàn Văn Xuân", 1964));
        var deputy = await FieldKit.DeputyHx1Async(this);
        await FieldKit.LinkAsync(this, World.Users.MemberHx1, deputy.Id);
        foreach (var household in new[] { A, B, C })
        {
            await FieldKit.AssignAsync(this, World.HxTeam1, household.Id, deputy.Id);
        }

        var officer = await this.SignInAsync(World.Users.WardHoaXuan);
        await officer.SubmitFormAsync("/field/campaigns", new Dictionary<string, string?>
        {
            ["Input.Name"] = "Ra quân tháng 11", ["Input.StartsOn"] = "2026-11-01", ["Input.EndsOn"] = "2026-11-30",
        });
        CampaignId = await WithDbAsync(db => db.Campaigns.Where(c => c.Name == "Ra quân tháng 11").Select(c => c.Id).SingleAsync());

        Guid[] leader1 = [World.HxTeam1Leader.Id];
        var team1 = await this.SignInAsync(World.Users.TeamLeadHx1);
        await Created(await FieldKit.SyncAsync(team1, "fixture-team1",
            FieldKit.Session(FirstVisitOfA, "2026-11-10T09:00:00+07:00", A.Id, [A.Residents[0].Id, A.Residents[1].Id], ["install_vneid"], leader1),
            FieldKit.Session(Guid.CreateVersion7(), "2026-11-12T09:00:00+07:00", A.Id, [A.Residents[0].Id], ["open_payment"], leader1),
            FieldKit.Session(Guid.CreateVersion7(), "2026-10-01T09:00:00+07:00", B.Id, [B.Residents[0].Id], ["teach_skills"], leader1)));
        var team2 = await this.SignInAsync(World.Users.TeamLeadHx2);
        await Created(await FieldKit.SyncAsync(team2, "fixture-team2",
            FieldKit.Session(VisitOfD, "2026-11-15T09:00:00+07:00", D.Id, [D.Residents[0].Id], ["fraud_warning"], [World.HxTeam2Leader.Id])));
    }

    private static async Task Created(HttpResponseMessage response)
    {
        var results = (await FieldKit.JsonAsync(response)).GetProperty("results").EnumerateArray();
        Assert.All(results, r => Assert.Equal("created", r.GetProperty("status").GetString()));
    }
}
