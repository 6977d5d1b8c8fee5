using System.Globalization;
using System.Net;
using CongDongSo.Tests.Features.Areas;
using CongDongSo.Tests.Features.Security;
using CongDongSo.Tests.Infrastructure;
using CongDongSo.Web.Features.Imports;
using Microsoft.EntityFrameworkCore;
using static CongDongSo.Tests.Features.Imports.WardSheets;

namespace CongDongSo.Tests.Features.Imports;

public sealed class ImportAccessTests(AppFactory app) : IClassFixture<AppFactory>
{
    private static byte[] Households(string code) => Csv("Mã hộ,Địa chỉ,Tổ dân phố", $"{code}-1,1 Cách Mạng Tháng Tám,Tổ dân phố số 1", $"{code}-2,2 Cách Mạng Tháng Tám,Tổ dân phố số 2");

    [DbFact]
    public async Task A_team_leader_and_a_ward_leader_are_forbidden_the_import_pages()
    {
        var officer = await app.SignInAsync(World.Users.WardHoaXuan);
        var map = await officer.UploadAsync(ImportKind.Households, "ho.csv", Households("TL"));
        foreach (var user in new[] { World.Users.TeamLeadHx1, World.Users.LeaderHoaXuan })
        {
            var client = await app.SignInAsync(user);
            (await client.GetAsync("/imports")).AssertForbidden();
            (await client.PostAsync("/imports", new MultipartFormDataContent { { new ByteArrayContent(Households("TL")), "Input.File", "ho.csv" } })).AssertForbidden();
            (await client.GetAsync(map)).AssertForbidden();
        }
    }

    [DbFact]
    public async Task The_Cam_Le_ward_officer_imports_into_Cam_Le_whatever_the_form_says()
    {
        var client = await app.SignInAsync(World.Users.WardCamLe);
        var form = await client.GetDocumentAsync("/imports");
        Assert.Null(form.QuerySelector("[name='Input.CommuneId']"));
        Assert.Contains("Phường Cẩm Lệ", form.Text(), StringComparison.Ordinal);

        var map = await client.UploadAsync(ImportKind.Households, "ho.csv", Households("CL"),
            new Dictionary<string, string?> { ["Input.CommuneId"] = app.World.HoaXuan.Id.ToString(CultureInfo.InvariantCulture) });
        Assert.Contains("Phường Cẩm Lệ", (await client.GetDocumentAsync(map)).Text(), StringComparison.Ordinal);
        var run = await client.RunAsync(map, ImportMode.ValidRowsOnly);

        // Cẩm Lệ has a Tổ dân phố số 1 but no số 2 (that one is Hòa Xuân's).
        Assert.Equal((1, 0, 0, 1), run.Counts);
        Assert.Equal(("3", "Tổ dân phố", "Tổ dân phố “Tổ dân phố số 2” không có trong danh sách tổ dân phố, thôn đang hoạt động của phường/xã."), Assert.Single(run.Errors));
        var household = await app.WithDbAsync(db => db.Households.SingleAsync(h => h.Code.StartsWith("CL-")));
        Assert.Equal((app.World.CamLe.Id, app.World.ClTdp1.Id), (household.CommuneId, household.NeighbourhoodId));
        Assert.Equal(app.World.CamLe.Id, (await app.WithDbAsync(db => db.AuditEntries.SingleAsync(a => a.EntityType == "Households" && a.Summary!.Contains("1 tạo mới")))).CommuneId);
    }

    [DbFact]
    public async Task An_upload_is_its_uploaders_alone()
    {
        var hoaXuan = await app.SignInAsync(World.Users.WardHoaXuan);
        var map = await hoaXuan.UploadAsync(ImportKind.Households, "ho.csv", Households("OW"));
        var camLe = await app.SignInAsync(World.Users.WardCamLe);

        await camLe.GetDocumentAsync(map, HttpStatusCode.NotFound);
        var token = await Accounts.AntiforgeryTokenAsync(camLe, "/imports");
        var post = await camLe.PostAsync(map, new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = token, ["Input.Mode"] = "ValidRowsOnly", ["Input.Columns[Code]"] = "0",
            ["Input.Columns[Address]"] = "1", ["Input.Columns[Neighbourhood]"] = "2",
        }));
        Assert.Equal(HttpStatusCode.NotFound, post.StatusCode);
        await camLe.GetDocumentAsync("/imports/map?id=not-a-token", HttpStatusCode.NotFound);
        Assert.False(await app.WithDbAsync(db => db.Households.AnyAsync(h => h.Code.StartsWith("OW-"))));

        // The uploader discards it: the file goes.
        var discard = await hoaXuan.SubmitFormAsync(map, new Dictionary<string, string?>(), "main form[action*='andler=']");
        Assert.Equal("/imports", discard.LocationPath());
        await hoaXuan.GetDocumentAsync(map, HttpStatusCode.NotFound);
    }

    [DbFact]
    public async Task The_system_administrator_picks_the_commune()
    {
        var client = await app.SignInAsync(World.Users.Admin);
        var form = await client.GetDocumentAsync($"/imports?provinceId={app.World.DaNang.Id}");
        var communes = form.QuerySelectorAll("select[name='Input.CommuneId'] option").Select(o => o.TextContent.Trim()).ToArray();
        Assert.Contains("Phường Hòa Xuân", communes);
        Assert.DoesNotContain("Phường Ba Đình", communes);

        var missing = await client.UploadAsync("/imports", "Input.File", "ho.csv", Households("AD"), new Dictionary<string, string?> { ["Input.Kind"] = "Households" });
        Assert.Contains("Vui lòng chọn phường/xã.", (await Browser.ParseAsync(missing)).Errors());

        var map = await client.UploadAsync(ImportKind.Households, "ho.csv", Households("AD"),
            new Dictionary<string, string?> { ["Input.CommuneId"] = app.World.HoaXuan.Id.ToString(CultureInfo.InvariantCulture) });
        var run = await client.RunAsync(map, ImportMode.AllOrNothing);

        Assert.Equal((2, 0, 0, 0), run.Counts);
        Assert.Equal(2, await app.WithDbAsync(db => db.Households.CountAsync(h => h.Code.StartsWith("AD-") && h.CommuneId == app.World.HoaXuan.Id)));
    }
}
