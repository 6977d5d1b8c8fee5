using System.Net;
using CongDongSo.Tests.Infrastructure;
using CongDongSo.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace CongDongSo.Tests.Features.Areas;

public sealed class ImportPageTests(AppFactory app) : IClassFixture<AppFactory>
{
    [DbFact]
    public async Task An_administrator_dry_runs_then_imports_the_real_list_through_the_page()
    {
        var client = await app.SignInAsync(World.Users.Admin);
        var form = await client.GetDocumentAsync("/areas/import");
        Assert.Equal("2025-07-01", form.QuerySelector("input[name='Input.EffectiveOn']")!.GetAttribute("value"));

        var dry = await client.UploadAsync("/areas/import", "Input.File", RealAdminList.FileName, RealAdminList.Bytes);
        Assert.Equal(HttpStatusCode.OK, dry.StatusCode);
        var dryPage = await Browser.ParseAsync(dry);
        Assert.Empty(dryPage.Errors());
        Assert.Equal(["32", "0", "2"], Cells(dryPage, "provinces"));
        Assert.Equal(["3.318", "0", "3"], Cells(dryPage, "communes"));
        Assert.Equal(3, await app.WithDbAsync(db => db.Communes.CountAsync()));

        var real = await client.UploadAsync("/areas/import", "Input.File", RealAdminList.FileName, RealAdminList.Bytes,
            new Dictionary<string, string?> { ["Input.DryRun"] = "false" });
        var realPage = await Browser.ParseAsync(real);
        Assert.Empty(realPage.Errors());
        Assert.Equal(["3.318", "0", "3"], Cells(realPage, "communes"));
        Assert.Contains("giây", realPage.QuerySelector("[data-testid=import-result]")!.TextContent, StringComparison.Ordinal);
        Assert.Equal(3321, await app.WithDbAsync(db => db.Communes.CountAsync()));
        var summary = await app.WithDbAsync(db => db.AuditEntries.SingleAsync(a => a.Action == AuditAction.Import && a.EntityType == "AdminUnits"));
        Assert.Equal(World.Users.Admin, summary.UserName);
        Assert.Contains(RealAdminList.FileName, summary.Summary, StringComparison.Ordinal);

        var list = await client.GetDocumentAsync("/areas");
        Assert.Contains("34 tỉnh, thành phố · 3.321 xã, phường, đặc khu", list.Text(), StringComparison.Ordinal);
    }

    [DbFact]
    public async Task A_ward_officer_and_a_province_officer_are_forbidden_the_import()
    {
        foreach (var user in new[] { World.Users.WardHoaXuan, World.Users.ProvinceDaNang })
        {
            var client = await app.SignInAsync(user);
            var get = await client.GetAsync("/areas/import");
            get.AssertForbidden();
            (await client.PostAsync("/areas/import", new MultipartFormDataContent { { new ByteArrayContent(Sheets.Csv("x")), "Input.File", "x.csv" } })).AssertForbidden();
        }
    }

    [DbFact]
    public async Task Row_errors_are_listed_with_row_and_column_on_the_page()
    {
        var client = await app.SignInAsync(World.Users.Admin);
        var response = await client.UploadAsync("/areas/import", "Input.File", "bad.csv", Sheets.Csv(
            "Mã PX,Cấp,Tỉnh Thành Phố,Mã TP,Phường Xã",
            "99001,Xã,Tỉnh Thử,999,Xã Một",
            "99002,Quận,Tỉnh Thử,99,Xã Hai"), new Dictionary<string, string?> { ["Input.DryRun"] = "false" });
        var page = await Browser.ParseAsync(response);
        var rows = page.QuerySelectorAll("[data-testid=import-errors] tbody tr")
            .Select(tr => tr.QuerySelectorAll("td").Select(td => td.TextContent.Trim()).ToArray()).ToList();
        Assert.Equal(2, rows.Count);
        Assert.Equal(["2", "Mã TP"], rows[0][..2]);
        Assert.Equal(["3", "Cấp"], rows[1][..2]);
        Assert.Contains(page.Errors(), e => e.Contains("2 lỗi", StringComparison.Ordinal));
        Assert.False(await app.WithDbAsync(db => db.Communes.AnyAsync(c => c.Code == "99001")));
    }

    [DbFact]
    public async Task A_file_over_10_mb_is_refused_before_it_is_read()
    {
        var client = await app.SignInAsync(World.Users.Admin);
        var justOver = new byte[(10 * 1024 * 1024) + 1];
        Array.Fill(justOver, (byte)'a');
        var page = await Browser.ParseAsync(await client.UploadAsync("/areas/import", "Input.File", "big.csv", justOver));
        Assert.Contains("Tệp lớn hơn 10 MB.", page.Errors());

        var far = await client.UploadAsync("/areas/import", "Input.File", "huge.csv", new byte[12 * 1024 * 1024]);
        Assert.True(far.StatusCode is HttpStatusCode.BadRequest or HttpStatusCode.RequestEntityTooLarge, $"got {(int)far.StatusCode}");
    }

    private static string[] Cells(AngleSharp.Html.Dom.IHtmlDocument page, string row) =>
        page.QuerySelectorAll($"[data-testid={row}] td").Select(td => td.TextContent.Trim()).ToArray();
}
