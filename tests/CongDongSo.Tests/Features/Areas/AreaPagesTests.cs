using System.Net;
using CongDongSo.Tests.Infrastructure;
using CongDongSo.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace CongDongSo.Tests.Features.Areas;

public sealed class AreaPagesTests(AppFactory app) : IClassFixture<AppFactory>
{
    [DbFact]
    public async Task The_administrator_sees_every_province_with_commune_counts_and_finds_one_without_diacritics()
    {
        var client = await app.SignInAsync(World.Users.Admin);
        var page = await client.GetDocumentAsync("/areas");
        var daNang = page.QuerySelector("[data-testid=provinces] li[data-code='48']")!.TextContent;
        Assert.Contains("Thành phố Đà Nẵng", daNang, StringComparison.Ordinal);
        Assert.Contains("0 xã · 2 phường · 0 đặc khu · tổng 2", daNang, StringComparison.Ordinal);
        Assert.Contains("tổng 1", page.QuerySelector("[data-testid=provinces] li[data-code='01']")!.TextContent, StringComparison.Ordinal);
        Assert.NotNull(page.QuerySelector($"a[href='/areas/provinces/{app.World.DaNang.Id}']"));
        Assert.NotNull(page.QuerySelector("a[href='/areas/import']"));

        var search = await client.GetDocumentAsync("/areas?q=da%20nang");
        Assert.Contains("Thành phố Đà Nẵng", search.Text(), StringComparison.Ordinal);
        Assert.DoesNotContain("Thành phố Hà Nội", search.Text(), StringComparison.Ordinal);

        var commune = await client.GetDocumentAsync("/areas?q=HOA%20XUAN");
        Assert.NotNull(commune.QuerySelector($"a[href='/areas/communes/{app.World.HoaXuan.Id}']"));
        Assert.Null(commune.QuerySelector($"a[href='/areas/communes/{app.World.CamLe.Id}']"));
    }

    [DbFact]
    public async Task A_province_officer_is_sent_to_their_province_and_sees_only_its_communes()
    {
        var client = await app.SignInAsync(World.Users.ProvinceDaNang);
        var response = await client.GetAsync("/areas");
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal($"/areas/provinces/{app.World.DaNang.Id}", response.LocationPath());

        var page = await client.GetDocumentAsync(response.LocationPath());
        Assert.NotNull(page.QuerySelector($"a[href='/areas/communes/{app.World.HoaXuan.Id}']"));
        Assert.NotNull(page.QuerySelector($"a[href='/areas/communes/{app.World.CamLe.Id}']"));
        Assert.DoesNotContain("Ba Đình", page.Text(), StringComparison.Ordinal);
        var search = await client.GetDocumentAsync($"/areas/provinces/{app.World.DaNang.Id}?q=cam%20le");
        Assert.Null(search.QuerySelector($"a[href='/areas/communes/{app.World.HoaXuan.Id}']"));
        Assert.NotNull(search.QuerySelector($"a[href='/areas/communes/{app.World.CamLe.Id}']"));

        await client.GetDocumentAsync($"/areas/provinces/{app.World.HaNoi.Id}", HttpStatusCode.NotFound);
        await client.GetDocumentAsync($"/areas/communes/{app.World.BaDinh.Id}", HttpStatusCode.NotFound);
        var hoaXuan = await client.GetDocumentAsync($"/areas/communes/{app.World.HoaXuan.Id}");
        Assert.Null(hoaXuan.QuerySelector("a[href$='/neighbourhoods/new']")); // reads, does not manage
    }

    [DbFact]
    public async Task Ward_officers_and_leaders_are_sent_to_their_commune_and_team_leaders_are_not_admitted()
    {
        foreach (var user in new[] { World.Users.WardHoaXuan, World.Users.LeaderHoaXuan })
        {
            var response = await (await app.SignInAsync(user)).GetAsync("/areas");
            Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
            Assert.Equal($"/areas/communes/{app.World.HoaXuan.Id}", response.LocationPath());
        }
        var teamLeader = await app.SignInAsync(World.Users.TeamLeadHx1);
        (await teamLeader.GetAsync("/areas")).AssertForbidden();
        (await teamLeader.GetAsync($"/areas/communes/{app.World.HoaXuan.Id}")).AssertForbidden();
        (await teamLeader.GetAsync($"/areas/neighbourhoods/{app.World.HxTdp1.Id}")).AssertForbidden();
    }

    [DbFact]
    public async Task The_commune_page_shows_its_facts_neighbourhoods_and_name_history_read_only_for_the_ward_leader()
    {
        await app.WithDbAsync(async db =>
        {
            db.AdminUnitChanges.Add(new AdminUnitChange
            {
                UnitKind = AdminUnitKind.Commune, UnitId = app.World.CamLe.Id, EffectiveOn = new DateOnly(2025, 7, 1),
                OldName = "Phường Khuê Trung", NewName = "Phường Cẩm Lệ", RecordedAtUtc = DateTime.UtcNow,
            });
            await db.SaveChangesAsync();
        });
        var leader = await app.SignInAsync(World.Users.WardCamLe);
        var page = await leader.GetDocumentAsync($"/areas/communes/{app.World.CamLe.Id}");
        var text = page.Text();
        Assert.Contains("20260", text, StringComparison.Ordinal);
        Assert.Contains("Phường", text, StringComparison.Ordinal);
        Assert.Contains("Thành phố Đà Nẵng", text, StringComparison.Ordinal);
        Assert.Contains("01/07/2025", text, StringComparison.Ordinal);
        Assert.Contains("“Phường Khuê Trung” đổi thành “Phường Cẩm Lệ”", page.QuerySelector("[data-testid=name-history]")!.TextContent, StringComparison.Ordinal);
        Assert.Contains("Tổ dân phố số 1", page.QuerySelector("[data-testid=active-neighbourhoods]")!.TextContent, StringComparison.Ordinal);
        Assert.NotNull(page.QuerySelector("a[href$='/neighbourhoods/new']"));

        var readOnly = await (await app.SignInAsync(World.Users.LeaderHoaXuan)).GetDocumentAsync($"/areas/communes/{app.World.HoaXuan.Id}");
        Assert.Null(readOnly.QuerySelector("a[href$='/neighbourhoods/new']"));
        Assert.Null(readOnly.QuerySelector("main form[method=post]"));
        Assert.Contains("CNSCĐ-Tổ dân phố số 1-Phường Hòa Xuân", readOnly.Text(), StringComparison.Ordinal);
    }

    [DbFact]
    public async Task A_ward_officer_of_Cam_Le_gets_404_for_Hoa_Xuan_pages_forms_and_api()
    {
        var camLe = await app.SignInAsync(World.Users.WardCamLe);
        var hx = app.World.HoaXuan.Id;
        var tdp = app.World.HxTdp1.Id;
        foreach (var url in new[]
        {
            $"/areas/communes/{hx}", $"/areas/neighbourhoods/{tdp}", $"/areas/neighbourhoods/{tdp}/rename", $"/areas/neighbourhoods/{tdp}/split",
            $"/areas/neighbourhoods/{tdp}/retire", $"/areas/communes/{hx}/neighbourhoods/new", $"/areas/communes/{hx}/neighbourhoods/merge",
            $"/areas/communes/{hx}/neighbourhoods/import", $"/areas/communes/{hx}/zalo-pattern", $"/areas/provinces/{app.World.HaNoi.Id}",
        })
        {
            await camLe.GetDocumentAsync(url, HttpStatusCode.NotFound);
        }
        Assert.Equal(HttpStatusCode.NotFound, (await camLe.GetAsync($"/api/v1/communes/{hx}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await camLe.GetAsync($"/api/v1/communes/{hx}/neighbourhoods")).StatusCode);

        // A real form of their own commune, posted at Hòa Xuân's address: the token is valid, the row is not theirs.
        var own = await camLe.GetDocumentAsync($"/areas/neighbourhoods/{app.World.ClTdp1.Id}/rename");
        var rename = await camLe.SubmitFormAsync(own, $"/areas/neighbourhoods/{tdp}/rename", new Dictionary<string, string?> { ["Input.Name"] = "Bị đổi tên" });
        Assert.Equal(HttpStatusCode.NotFound, rename.StatusCode);
        var ownZalo = await camLe.GetDocumentAsync($"/areas/communes/{app.World.CamLe.Id}/zalo-pattern");
        var zalo = await camLe.SubmitFormAsync(ownZalo, $"/areas/communes/{hx}/zalo-pattern", new Dictionary<string, string?> { ["Input.Pattern"] = "X-{commune}" });
        Assert.Equal(HttpStatusCode.NotFound, zalo.StatusCode);

        var (name, pattern) = await app.WithDbAsync(async db => (
            (await db.Neighbourhoods.SingleAsync(n => n.Id == tdp)).Name,
            (await db.Communes.SingleAsync(c => c.Id == hx)).ZaloGroupNamePattern));
        Assert.Equal("Tổ dân phố số 1", name);
        Assert.Equal(Commune.DefaultZaloPattern, pattern);
    }
}
