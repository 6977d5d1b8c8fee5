using System.Net;
using CongDongSo.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using static CongDongSo.Tests.Features.Households.PopulationKit;

namespace CongDongSo.Tests.Features.Catalogues;

public sealed class CatalogueTests(AppFactory app) : IClassFixture<AppFactory>
{
    [DbFact]
    public async Task A_ward_adds_its_own_readiness_item_which_its_residents_then_have_and_another_ward_does_not()
    {
        var client = await app.SignInAsync(World.Users.WardHoaXuan);
        var page = await client.GetDocumentAsync("/catalogues/readiness");
        Assert.Equal(14, page.QuerySelectorAll("[data-testid=national] li").Length);

        var response = await client.SubmitFormAsync(page, "/catalogues/readiness", new Dictionary<string, string?>
        {
            ["Input.Code"] = "DaNang_Smart",
            ["Input.Name"] = "Ứng dụng Danang Smart City",
            ["Input.Subject"] = "Resident",
            ["Input.Choices"] = "no: Chưa cài\r\ninstalled: Đã cài\r\nusing: Đang dùng thường xuyên",
            ["Input.Achieved"] = "installed, using",
        });

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var item = await app.WithDbAsync(db => db.ReadinessItems.SingleAsync(i => i.Code == "danang_smart"));
        Assert.Equal(app.World.HoaXuan.Id, item.CommuneId);
        Assert.Equal("no:Chưa cài|installed:Đã cài|using:Đang dùng thường xuyên", item.Choices);
        Assert.Equal("installed,using", item.AchievedValues);

        var household = await HouseholdAsync(app, app.World.HxTdp1, "CT-001");
        var resident = await ResidentAsync(app, household, "Trần Văn Bình");
        var residentPage = await client.GetDocumentAsync($"/residents/{resident.Id}");
        Assert.NotNull(residentPage.QuerySelector("[data-item=danang_smart]"));

        var camLe = await app.SignInAsync(World.Users.WardCamLe);
        var theirs = await camLe.GetDocumentAsync("/catalogues/readiness");
        Assert.DoesNotContain("Danang Smart City", theirs.Text(), StringComparison.Ordinal);

        // Switched off: no longer asked, the rows stay.
        var local = await client.GetDocumentAsync("/catalogues/readiness");
        var off = await client.SubmitFormAsync(local, "/catalogues/readiness", new Dictionary<string, string?>(), formSelector: "[data-item=danang_smart] form");
        Assert.Equal(HttpStatusCode.Redirect, off.StatusCode);
        Assert.False(await app.WithDbAsync(db => db.ReadinessItems.Where(i => i.Id == item.Id).Select(i => i.IsActive).SingleAsync()));
        Assert.Null((await client.GetDocumentAsync($"/residents/{resident.Id}")).QuerySelector("[data-item=danang_smart]"));
        // Nobody switches the national list off here.
        var national = await app.WithDbAsync(db => ItemIdAsync(db, "vneid"));
        var token = await Security.Accounts.AntiforgeryTokenAsync(client, "/catalogues/readiness");
        var refused = await client.PostAsync("/catalogues/readiness?handler=Active", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = token, ["id"] = national.ToString(System.Globalization.CultureInfo.InvariantCulture), ["active"] = "false",
        }));
        Assert.Equal(HttpStatusCode.NotFound, refused.StatusCode);
    }

    [DbTheory]
    [InlineData("Input.Code", "vneid", "Danh mục đã có mục mã vneid.")]
    [InlineData("Input.Code", "có dấu", "Mã chỉ gồm chữ thường không dấu, số và dấu gạch dưới, từ 2 đến 40 ký tự.")]
    [InlineData("Input.Choices", "yes: Đã có", "Cần ít nhất hai lựa chọn, mỗi dòng một lựa chọn.")]
    [InlineData("Input.Choices", "yes Đã có\nno: Chưa", "Dòng “yes Đã có” không đúng dạng “mã: nhãn”")]
    [InlineData("Input.Choices", "yes: Có\nyes: Đã có", "Mã lựa chọn yes bị lặp.")]
    [InlineData("Input.Achieved", "maybe", "Mã maybe không có trong các lựa chọn.")]
    [InlineData("Input.Achieved", "yes,no", "Phải có ít nhất một lựa chọn chưa đạt.")]
    public async Task A_malformed_item_is_refused_with_a_field_error(string field, string value, string error)
    {
        var client = await app.SignInAsync(World.Users.WardHoaXuan);
        var fields = new Dictionary<string, string?>
        {
            ["Input.Code"] = "zalo_official",
            ["Input.Name"] = "Quan tâm Zalo OA của phường",
            ["Input.Choices"] = "no: Chưa\nyes: Đã quan tâm",
            ["Input.Achieved"] = "yes",
        };
        fields[field] = value;

        var page = await Browser.ParseAsync(await client.SubmitFormAsync("/catalogues/readiness", fields));

        Assert.Contains(error, page.QuerySelector($"[data-valmsg-for='{field}']")!.TextContent, StringComparison.Ordinal);
        Assert.False(await app.WithDbAsync(db => db.ReadinessItems.AnyAsync(i => i.Code == "zalo_official")));
    }

    [DbFact]
    public async Task A_ward_adds_an_activity_that_sets_an_item_to_one_of_its_choices()
    {
        var client = await app.SignInAsync(World.Users.WardHoaXuan);
        var vneid = await app.WithDbAsync(db => ItemIdAsync(db, "vneid"));
        var page = await client.GetDocumentAsync("/catalogues/activities");
        Assert.Equal(16, page.QuerySelectorAll("[data-testid=national] li").Length);
        Assert.Contains("Tài khoản định danh điện tử VNeID: Mức 2", page.QuerySelector("[data-activity=vneid_level2]")!.TextContent, StringComparison.Ordinal);

        var bad = await Browser.ParseAsync(await client.SubmitFormAsync(page, "/catalogues/activities", new Dictionary<string, string?>
        {
            ["Input.Code"] = "vneid_check",
            ["Input.Name"] = "Kiểm tra tài khoản VNeID",
            ["Input.Result"] = $"{vneid}:level3",
        }));
        Assert.Contains("Kết quả phải là một lựa chọn của một mục đang dùng.", bad.Errors());

        var response = await client.SubmitFormAsync(page, "/catalogues/activities", new Dictionary<string, string?>
        {
            ["Input.Code"] = "vneid_check",
            ["Input.Name"] = "Kiểm tra tài khoản VNeID",
            ["Input.Result"] = $"{vneid}:level1",
        });

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var activity = await app.WithDbAsync(db => db.SupportActivities.SingleAsync(a => a.Code == "vneid_check"));
        Assert.Equal(app.World.HoaXuan.Id, activity.CommuneId);
        Assert.Equal(vneid, activity.ReadinessItemId);
        Assert.Equal("level1", activity.ResultValue);

        var after = await client.GetDocumentAsync("/catalogues/activities");
        var off = await client.SubmitFormAsync(after, "/catalogues/activities", new Dictionary<string, string?>(), formSelector: "[data-activity=vneid_check] form");
        Assert.Equal(HttpStatusCode.Redirect, off.StatusCode);
        Assert.False(await app.WithDbAsync(db => db.SupportActivities.Where(a => a.Id == activity.Id).Select(a => a.IsActive).SingleAsync()));
    }

    [DbFact]
    public async Task Only_who_manages_catalogues_may_open_them()
    {
        var leader = await app.SignInAsync(World.Users.TeamLeadHx1);
        (await leader.GetAsync("/catalogues/readiness")).AssertForbidden();
        (await leader.GetAsync("/catalogues/activities")).AssertForbidden();
    }
}
