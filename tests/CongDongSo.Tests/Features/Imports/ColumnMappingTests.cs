using CongDongSo.Tests.Infrastructure;
using CongDongSo.Web.Features.Imports;
using Microsoft.EntityFrameworkCore;
using static CongDongSo.Tests.Features.Imports.WardSheets;

namespace CongDongSo.Tests.Features.Imports;

public sealed class ColumnMappingTests(AppFactory app) : IClassFixture<AppFactory>
{
    [DbFact]
    public async Task Columns_are_proposed_by_their_usual_names_with_or_without_diacritics()
    {
        var client = await app.SignInAsync(World.Users.WardHoaXuan);
        var map = await client.UploadAsync(ImportKind.Residents, "nk.csv", Csv(
            "STT,Mã HGĐ,Họ tên,Năm sinh,gioi tinh,CCCD,Điện thoại,Quan hệ,Ghi chú",
            "1,X-1,Lê Văn A,1980,Nam,,,Chủ hộ,"));

        var page = await client.GetDocumentAsync(map);

        Assert.Equal("1", page.FieldValue("Input.Columns[HouseholdCode]"));
        Assert.Equal("2", page.FieldValue("Input.Columns[FullName]"));
        Assert.Equal("3", page.FieldValue("Input.Columns[Birth]"));
        Assert.Equal("4", page.FieldValue("Input.Columns[Gender]"));
        Assert.Equal("5", page.FieldValue("Input.Columns[CitizenId]"));
        Assert.Equal("6", page.FieldValue("Input.Columns[Phone]"));
        Assert.Equal("7", page.FieldValue("Input.Columns[Relation]"));
        Assert.Equal("", page.FieldValue("Input.Columns[Disability]"));
        Assert.Equal("DryRun", page.QuerySelector("input[name='Input.Mode'][checked]")?.GetAttribute("value"));
    }

    [DbFact]
    public async Task The_mapping_chosen_once_is_proposed_the_next_time_for_the_commune()
    {
        var client = await app.SignInAsync(World.Users.WardHoaXuan);
        byte[] Sheet() => Csv("Số hộ,Tên công dân,Ngày/tháng/năm sinh", "M-1,Lê Văn Bảy,01/02/1980");
        var first = await client.UploadAsync(ImportKind.Residents, "lan-1.csv", Sheet());
        var page = await client.GetDocumentAsync(first);
        Assert.Equal("", page.FieldValue("Input.Columns[HouseholdCode]"));
        Assert.Equal("", page.FieldValue("Input.Columns[FullName]"));

        // A required field without a column is refused before anything is read.
        var refused = await client.SubmitFormAsync(first, new Dictionary<string, string?> { ["Input.Mode"] = "DryRun" });
        Assert.Contains("Chọn cột cho “Mã hộ”.", (await Browser.ParseAsync(refused)).Errors());
        Assert.Contains("Chọn cột cho “Họ và tên”.", (await Browser.ParseAsync(refused)).Errors());
        var twice = await client.SubmitFormAsync(first, new Dictionary<string, string?>
        {
            ["Input.Columns[HouseholdCode]"] = "0", ["Input.Columns[FullName]"] = "0", ["Input.Mode"] = "DryRun",
        });
        Assert.Contains("Cột “Số hộ” đã được chọn cho “Mã hộ”.", (await Browser.ParseAsync(twice)).Errors());

        var dry = await client.RunAsync(first, ImportMode.DryRun, new Dictionary<string, string?>
        {
            ["Input.Columns[HouseholdCode]"] = "0", ["Input.Columns[FullName]"] = "1",
        });
        Assert.Equal(("2", "Số hộ", "Mã hộ “M-1” chưa có trong phường/xã: thêm cột Tổ dân phố (và Địa chỉ) để tạo hộ mới, hoặc nhập danh sách hộ trước."), Assert.Single(dry.Errors));
        var saved = await app.WithDbAsync(db => db.ImportMappings.SingleAsync(m => m.CommuneId == app.World.HoaXuan.Id && m.Kind == "residents"));
        Assert.Contains("Tên công dân", System.Text.Json.JsonSerializer.Deserialize<Dictionary<string, string>>(saved.Mapping)!.Values);

        var next = await client.GetDocumentAsync(await client.UploadAsync(ImportKind.Residents, "lan-2.csv", Sheet()));
        Assert.Equal("0", next.FieldValue("Input.Columns[HouseholdCode]"));
        Assert.Equal("1", next.FieldValue("Input.Columns[FullName]"));
        Assert.Equal("2", next.FieldValue("Input.Columns[Birth]"));

        // Another ward keeps its own mapping.
        var camLe = await app.SignInAsync(World.Users.WardCamLe);
        var other = await camLe.GetDocumentAsync(await camLe.UploadAsync(ImportKind.Residents, "lan-1.csv", Sheet()));
        Assert.Equal("", other.FieldValue("Input.Columns[FullName]"));
    }

    [DbFact]
    public async Task A_title_above_the_header_row_is_skipped()
    {
        var client = await app.SignInAsync(World.Users.WardHoaXuan);
        var map = await client.UploadAsync(ImportKind.Households, "ho.csv", Csv(
            "DANH SÁCH HỘ GIA ĐÌNH PHƯỜNG HÒA XUÂN,,",
            "(Kèm theo Kế hoạch số 12/KH-UBND),,",
            ",,",
            "Mã hộ,Địa chỉ,Tổ dân phố",
            "T-1,1 Trường Sơn,Tổ dân phố số 1"));

        var page = await client.GetDocumentAsync(map);
        Assert.Contains("4", page.QuerySelectorAll("dl.facts dd").Select(d => d.TextContent.Trim()));
        var run = await client.RunAsync(map, ImportMode.ValidRowsOnly);

        Assert.Equal((1, 0, 0, 0), run.Counts);
    }
}
