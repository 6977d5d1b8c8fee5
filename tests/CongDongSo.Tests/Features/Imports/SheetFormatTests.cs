using System.Net;
using System.Text;
using CongDongSo.Tests.Features.Areas;
using CongDongSo.Tests.Infrastructure;
using CongDongSo.Web.Data;
using CongDongSo.Web.Features.Imports;
using CongDongSo.Web.Infrastructure.Privacy;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static CongDongSo.Tests.Features.Imports.WardSheets;

namespace CongDongSo.Tests.Features.Imports;

public sealed class SheetFormatTests(AppFactory app) : IClassFixture<AppFactory>
{
    [DbFact]
    public async Task An_xlsx_list_imports_like_a_csv_with_numbers_and_dates_as_excel_stores_them()
    {
        var client = await app.SignInAsync(World.Users.WardHoaXuan);
        var households = await client.RunAsync(await client.UploadAsync(ImportKind.Households, "ho.xlsx", Xlsx(
            ["Mã hộ", "Địa chỉ", "Tổ dân phố", "Hộ nghèo/cận nghèo"],
            [1001, "7 Lê Trọng Tấn", "Tổ dân phố số 2", "Hộ nghèo"])), ImportMode.AllOrNothing);
        Assert.Equal((1, 0, 0, 0), households.Counts);

        // The ID and the phone were typed as numbers: Excel dropped their leading zeros. The birth date is a day count.
        var residents = await client.UploadAsync(ImportKind.Residents, "nhan-khau.xlsx", Xlsx(
            ["DANH SÁCH NHÂN KHẨU"],
            [],
            ["Mã hộ", "Họ và tên", "Ngày sinh", "Giới tính", "Số CCCD", "SĐT"],
            [1001, Nfd("Đặng Thị Thu Hương"), new DateOnly(1991, 5, 20), "Nữ", 48191000123L, 905777888],
            [1001, "Đặng Văn Tư", 1960, "Nam", "048060000124", "+84 935 000 124"]));
        var run = await client.RunAsync(residents, ImportMode.AllOrNothing);

        Assert.Equal((2, 0, 0, 0), run.Counts);
        var huong = await app.WithDbAsync(db => db.Residents.SingleAsync(r => r.SearchName == "dang thi thu huong"));
        var protector = app.Services.GetRequiredService<PersonalDataProtector>();
        Assert.Equal("048191000123", protector.Decrypt(huong.CitizenIdCipher));
        Assert.Equal("0905777888", protector.Decrypt(huong.PhoneCipher));
        Assert.Equal(new DateOnly(1991, 5, 20), huong.BirthDate);
        Assert.Equal(Gender.Female, huong.Gender);
        Assert.Equal(app.World.HxTdp2.Id, huong.NeighbourhoodId);
        Assert.Equal(PovertyStatus.Poor, (await app.WithDbAsync(db => db.Households.SingleAsync(h => h.Code == "1001"))).Poverty);

        // The same list as a CSV (UTF-16, as some Excel versions save "Unicode text") changes nothing.
        var csv = Encoding.Unicode.GetPreamble().Concat(Encoding.Unicode.GetBytes(
            "Mã hộ\tHọ và tên\tNgày sinh\tGiới tính\tSố CCCD\tSĐT\r\n" +
            "1001\tĐặng Thị Thu Hương\t20/05/1991\tNữ\t048191000123\t0905777888\r\n" +
            "1001\tĐặng Văn Tư\t1960\tNam\t048060000124\t0935000124\r\n")).ToArray();
        var again = await client.RunAsync(await client.UploadAsync(ImportKind.Residents, "nhan-khau.csv", csv), ImportMode.AllOrNothing);
        Assert.Equal((0, 0, 2, 0), again.Counts);
    }

    [DbFact]
    public async Task A_file_that_is_not_a_sheet_is_refused_by_its_content_whatever_its_name()
    {
        var client = await app.SignInAsync(World.Users.WardHoaXuan);
        var png = new byte[] { 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 0x0D };
        var response = await client.UploadAsync("/imports", "Input.File", "danh-sach.csv", png,
            new Dictionary<string, string?> { ["Input.Kind"] = "Households" });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("Tệp không phải CSV hay Excel .xlsx.", (await Browser.ParseAsync(response)).Errors());
        Assert.Empty(UploadFolder());

        var zip = await client.UploadAsync("/imports", "Input.File", "danh-sach.xlsx", "PK\u0003\u0004 not a workbook"u8.ToArray(),
            new Dictionary<string, string?> { ["Input.Kind"] = "Households" }, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
        Assert.Contains("Tệp không phải tệp Excel .xlsx hợp lệ.", (await Browser.ParseAsync(zip)).Errors());
        Assert.Empty(UploadFolder());
    }

    [DbFact]
    public async Task A_file_over_50_mb_is_refused()
    {
        var client = await app.SignInAsync(World.Users.WardHoaXuan);
        var justOver = new byte[(50 * 1024 * 1024) + 1];
        Array.Fill(justOver, (byte)'a');

        var response = await client.UploadAsync("/imports", "Input.File", "lon.csv", justOver, new Dictionary<string, string?> { ["Input.Kind"] = "Residents" });

        Assert.Contains("Tệp lớn hơn 50 MB.", (await Browser.ParseAsync(response)).Errors());
        Assert.Empty(UploadFolder());
    }

    [DbFact]
    public async Task The_uploaded_file_is_kept_outside_the_web_root_under_a_generated_name_and_deleted_after_the_run()
    {
        var client = await app.SignInAsync(World.Users.WardHoaXuan);
        var map = await client.UploadAsync(ImportKind.Households, "../../wwwroot/ho.csv", Csv("Mã hộ,Địa chỉ,Tổ dân phố", "U-1,2 Trường Sơn,Tổ dân phố số 1"));
        var token = map["/imports/map?id=".Length..];

        var stored = Assert.Single(UploadFolder(), f => f.EndsWith(".sheet", StringComparison.Ordinal));
        Assert.Equal(token + ".sheet", Path.GetFileName(stored));
        Assert.DoesNotContain("wwwroot", stored, StringComparison.Ordinal);
        Assert.Contains("ho.csv", (await client.GetDocumentAsync(map)).Text(), StringComparison.Ordinal);

        await client.RunAsync(map, ImportMode.DryRun);
        Assert.NotEmpty(UploadFolder());
        await client.RunAsync(map, ImportMode.AllOrNothing);

        Assert.Empty(UploadFolder());
        // The result stays on the page; the file is gone, so no other run can start from it.
        var after = await client.GetDocumentAsync(map);
        Assert.NotNull(after.QuerySelector("[data-testid=import-result]"));
        Assert.Null(after.QuerySelector("main form select"));
    }

    private string[] UploadFolder()
    {
        var folder = Path.Combine(app.Database.Folder, "imports");
        return Directory.Exists(folder) ? Directory.GetFiles(folder) : [];
    }
}
