using System.Net;
using CongDongSo.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace CongDongSo.Tests.Features.Areas;

public sealed class ZaloPatternTests(AppFactory app) : IClassFixture<AppFactory>
{
    private string CommunePage => $"/areas/communes/{app.World.HoaXuan.Id}";

    [DbFact]
    public async Task The_ward_officer_sets_the_pattern_on_the_commune_page_and_sees_an_example()
    {
        var client = await app.SignInAsync(World.Users.WardHoaXuan);
        var page = await client.GetDocumentAsync(CommunePage);
        Assert.Contains("CNSCĐ-Tổ dân phố số 1-Phường Hòa Xuân", page.QuerySelector("#zalo-example")!.TextContent, StringComparison.Ordinal);

        var response = await client.SubmitFormAsync(page, CommunePage, new Dictionary<string, string?> { ["Input.Pattern"] = "  {team} - {COMMUNE}  " });
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal(CommunePage, response.LocationPath());
        Assert.Equal("{team} - {COMMUNE}", await app.WithDbAsync(db => db.Communes.Where(c => c.Id == app.World.HoaXuan.Id).Select(c => c.ZaloGroupNamePattern).SingleAsync()));
        var after = await client.GetDocumentAsync(CommunePage);
        Assert.Contains("Tổ CNSCĐ Tổ dân phố số 1 - Phường Hòa Xuân", after.QuerySelector("#zalo-example")!.TextContent, StringComparison.Ordinal);
        var audit = await app.WithDbAsync(db => db.AuditEntries.Where(a => a.EntityType == "Commune" && a.CommuneId == app.World.HoaXuan.Id).ToListAsync());
        Assert.Contains(audit, a => a.After!.Contains("{team} - {COMMUNE}", StringComparison.Ordinal));
    }

    [DbFact]
    public async Task Unknown_placeholders_and_unpaired_braces_are_field_errors()
    {
        var client = await app.SignInAsync(World.Users.WardHoaXuan);
        var url = $"/areas/communes/{app.World.HoaXuan.Id}/zalo-pattern";
        var unknown = await Browser.ParseAsync(await client.SubmitFormAsync(url, new Dictionary<string, string?> { ["Input.Pattern"] = "CNSCĐ-{to}-{commune}" }));
        Assert.Contains(unknown.Errors(), e => e.Contains("{to}", StringComparison.Ordinal));
        var unpaired = await Browser.ParseAsync(await client.SubmitFormAsync(url, new Dictionary<string, string?> { ["Input.Pattern"] = "CNSCĐ-{commune" }));
        Assert.Contains(unpaired.Errors(), e => e.Contains("không khớp", StringComparison.Ordinal));
        var empty = await Browser.ParseAsync(await client.SubmitFormAsync(url, new Dictionary<string, string?> { ["Input.Pattern"] = " " }));
        Assert.Contains("Vui lòng nhập mẫu tên nhóm Zalo.", empty.Errors());
        Assert.DoesNotContain("{to}", await app.WithDbAsync(db => db.Communes.Where(c => c.Id == app.World.HoaXuan.Id).Select(c => c.ZaloGroupNamePattern).SingleAsync()), StringComparison.Ordinal);
    }

    [DbFact]
    public async Task The_live_preview_renders_the_example_or_the_error_as_encoded_html()
    {
        var client = await app.SignInAsync(World.Users.WardHoaXuan);
        var url = $"/areas/communes/{app.World.HoaXuan.Id}/zalo-pattern?handler=Preview&Input.Pattern=";
        var ok = await client.GetStringAsync(url + Uri.EscapeDataString("<b>{neighbourhood}</b>"));
        Assert.Contains("&lt;b&gt;Tổ dân phố số 1&lt;/b&gt;", ok, StringComparison.Ordinal);
        var bad = await client.GetStringAsync(url + Uri.EscapeDataString("{x}"));
        Assert.Contains("{x}", bad, StringComparison.Ordinal);
        Assert.Contains("field-error", bad, StringComparison.Ordinal);
        (await (await app.SignInAsync(World.Users.LeaderHoaXuan)).GetAsync(url + "x")).AssertForbidden();
    }
}
