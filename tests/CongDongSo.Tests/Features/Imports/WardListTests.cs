using System.Net;
using CongDongSo.Tests.Infrastructure;
using CongDongSo.Web.Data;
using CongDongSo.Web.Features.Imports;
using CongDongSo.Web.Infrastructure.Privacy;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static CongDongSo.Tests.Features.Imports.WardSheets;

namespace CongDongSo.Tests.Features.Imports;

/// <summary>
/// A neighbourhood's resident list as wards really keep it, imported in one pass with no household
/// list before it: title rows and column numbers above, the household's code, neighbourhood and
/// address merged down over its members, IDs and phones typed as numbers, dates as serials, text
/// and a year alone, NFD names, a duplicate, wrong rows, and the signature block below.
/// </summary>
public sealed class WardListTests(AppFactory app) : IClassFixture<AppFactory>
{
    /// <summary>The list, and the outcome of each row (sheet row: what must happen).</summary>
    private static byte[] NeighbourhoodList() => WithMerges(Xlsx(
        /* 1 */ ["ỦY BAN NHÂN DÂN PHƯỜNG HÒA XUÂN"],
        /* 2 */ ["DANH SÁCH NHÂN KHẨU TỔ DÂN PHỐ SỐ 1"],
        /* 3 */ [],
        /* 4 */ ["STT", "Mã hộ", "Tổ dân phố", "Địa chỉ", "Họ và tên", "Ngày sinh", "Giới tính", "Số CCCD", "SĐT", "Quan hệ với chủ hộ"],
        /* 5 */ ["(1)", "(2)", "(3)", "(4)", "(5)", "(6)", "(7)", "(8)", "(9)", "(10)"],
        // 6–8: one household merged over three rows. Row 6: ID and phone lost their leading zero (2 warnings), imported.
        /* 6 */ [1, "HX1-001", "Tổ dân phố số 1", "12 Lê Văn Hiến", Nfd("Nguyễn Văn An"), new DateOnly(1980, 5, 10), "Nam", 48080000101L, 905111001, "Chủ hộ"],
        /* 7 */ [2, null, null, null, "Trần Thị Bình", "1982", "Nữ", "048182000102", "+84 935 111 002", "Vợ"],
        /* 8 */ [3, null, null, null, "Nguyễn Văn Cường", "15/03/2010", "Nam", "048210000103", null, "Con"],
        // 9: a wrong ID (10 digits), an error; its household is still created for row 10.
        /* 9 */ [4, "HX1-002", "Tổ dân phố số 1", "5 Trần Đại Nghĩa", "Lê Văn Dũng", 1975, "Nam", "0480750001", "0905.111.004", "Chủ hộ"],
        // 10: the ID's sex digit says male, the gender column female: a warning, imported.
        /* 10 */ [5, "HX1-002", "Tổ dân phố số 1", null, "Phạm Thị Én", "1978", "Nữ", "048078000105", "0399 111 005", "Vợ"],
        // 11: a neighbourhood the ward does not have: an error, never put in another.
        /* 11 */ [6, "HX1-003", "Tổ dân phố số 9", "1 Nguyễn Phước Lan", "Đỗ Văn Giang", 1991, "Nam", null, null, "Chủ hộ"],
        // 12: another neighbourhood than its household's: an error.
        /* 12 */ [7, "HX1-001", "Tổ dân phố số 2", "12 Lê Văn Hiến", "Nguyễn Thị Hoa", 2015, "Nữ", null, null, "Con"],
        // 13: the same ID as STT 2: an error naming that row and person; HX1-004 is never created (nobody of it is written).
        /* 13 */ [8, "HX1-004", "Tổ dân phố số 1", "9 Lê Văn Hiến", "Võ Thị Hạnh", 1982, "Nữ", "048182000102", "0912 000 008", "Chủ hộ"],
        // 14: a phone prefix no carrier has: an error.
        /* 14 */ [9, "HX1-002", "Tổ dân phố số 1", null, "Lê Thị Ích", 2001, "Nữ", null, "0123 456 789", "Con"],
        /* 15 */ [],
        /* 16 */ ["Tổng cộng: 9 nhân khẩu"],
        /* 17 */ [null, null, null, null, "Hòa Xuân, ngày 10 tháng 11 năm 2026"],
        /* 18 */ ["Người lập biểu", null, null, null, null, null, "TM. BAN ĐIỀU HÀNH TỔ DÂN PHỐ"],
        /* 19 */ ["(Ký, ghi rõ họ tên)", null, null, null, null, null, "(Ký, ghi rõ họ tên)"]),
        "A1:J1", "B6:B8", "C6:C8", "D6:D8");

    private static readonly (string Row, string Stt, string Name, string Column, string Reason, bool Warning)[] s_expected =
    [
        ("6", "1", "Nguyễn Văn An", "Số CCCD", "Cần kiểm tra: Đã thêm số 0 ở đầu số định danh (bảng tính đã bỏ mất khi lưu dạng số).", true),
        ("6", "1", "Nguyễn Văn An", "SĐT", "Cần kiểm tra: Đã thêm số 0 ở đầu số điện thoại (bảng tính đã bỏ mất khi lưu dạng số).", true),
        ("9", "4", "Lê Văn Dũng", "Số CCCD", "Số định danh phải có 12 chữ số (ô có 10).", false),
        ("10", "5", "Phạm Thị Én", "Số CCCD", "Cần kiểm tra: Chữ số giới tính của số định danh (nam) không khớp giới tính nữ: cần kiểm tra lại.", true),
        ("11", "6", "Đỗ Văn Giang", "Tổ dân phố", "Tổ dân phố “Tổ dân phố số 9” không có trong danh sách tổ dân phố, thôn đang hoạt động của phường/xã.", false),
        ("12", "7", "Nguyễn Thị Hoa", "Tổ dân phố", "Hộ “HX1-001” đã ghi thuộc Tổ dân phố số 1 ở dòng 6, dòng này ghi Tổ dân phố số 2: sửa tổ dân phố hoặc mã hộ.", false),
        ("13", "8", "Võ Thị Hạnh", "Số CCCD", "Trùng số định danh với dòng STT 2 – Trần Thị Bình.", false),
        ("14", "9", "Lê Thị Ích", "SĐT", "Số điện thoại không hợp lệ: đầu số 012 không phải đầu số di động của nhà mạng Việt Nam.", false),
    ];

    private static readonly string[] s_imported = ["Nguyễn Văn An", "Nguyễn Văn Cường", "Phạm Thị Én", "Trần Thị Bình"];

    /// <summary>Adds merged ranges to the first sheet, as Excel stores them (after the rows).</summary>
    private static byte[] WithMerges(byte[] workbook, params string[] ranges)
    {
        using var stream = new MemoryStream();
        stream.Write(workbook);
        using (var document = SpreadsheetDocument.Open(stream, true))
        {
            var sheet = document.WorkbookPart!.WorksheetParts.Single().Worksheet;
            sheet.InsertAfter(new MergeCells([.. ranges.Select(r => new MergeCell { Reference = r })]), sheet.GetFirstChild<SheetData>());
            sheet.Save();
        }
        return stream.ToArray();
    }

    [DbFact]
    public async Task A_real_neighbourhood_list_goes_in_in_one_pass_with_every_rows_outcome_right_and_explained()
    {
        var client = await app.SignInAsync(World.Users.WardHoaXuan);
        var map = await client.UploadAsync(ImportKind.Residents, "nhan-khau-tdp1.xlsx", NeighbourhoodList());
        Assert.Contains("4", (await client.GetDocumentAsync(map)).QuerySelector("dl.facts")!.TextContent, StringComparison.Ordinal); // the header row

        var dry = await client.RunAsync(map, ImportMode.DryRun);
        Assert.True(dry.Counts == (4, 0, 0, 5), string.Join("\n", dry.Issues.Select(i => i.ToString())));
        Assert.False(await app.WithDbAsync(db => db.Households.AnyAsync(h => h.Code.StartsWith("HX1-"))));

        var run = await client.RunAsync(map, ImportMode.ValidRowsOnly);

        Assert.Equal((4, 0, 0, 5), run.Counts);
        Assert.Equal(2, run.WarningRows);
        Assert.Equal(s_expected, run.Issues.Select(i => (i.Row, i.Stt, i.Name, i.Column, i.Reason, i.IsWarning)));
        Assert.Contains("2 hộ mới", run.Page.QuerySelector("[data-testid=import-households]")!.TextContent, StringComparison.Ordinal);
        Assert.Contains("4 dòng cuối", run.Page.QuerySelector("[data-testid=import-footer]")!.TextContent, StringComparison.Ordinal);
        Assert.Contains("9 dòng dữ liệu", run.Page.QuerySelector("[data-testid=import-time]")!.TextContent, StringComparison.Ordinal);

        var households = await app.WithDbAsync(db => db.Households.Where(h => h.Code.StartsWith("HX1-")).OrderBy(h => h.Code)
            .Select(h => new { h.Code, h.NeighbourhoodId, h.Address, Head = h.HeadResidentId, People = db.Residents.Count(r => r.HouseholdId == h.Id) }).ToListAsync());
        Assert.Equal(["HX1-001", "HX1-002"], households.Select(h => h.Code));
        Assert.All(households, h => Assert.Equal(app.World.HxTdp1.Id, h.NeighbourhoodId));
        Assert.Equal(("12 Lê Văn Hiến", 3), (households[0].Address, households[0].People));
        Assert.Equal(("5 Trần Đại Nghĩa", 1), (households[1].Address, households[1].People));
        var people = await app.WithDbAsync(db => db.Residents.Where(r => r.Household!.Code.StartsWith("HX1-")).ToDictionaryAsync(r => r.FullName));
        Assert.Equal(s_imported, people.Keys.Order(StringComparer.Ordinal));
        var protector = app.Services.GetRequiredService<PersonalDataProtector>();
        var an = people["Nguyễn Văn An"];
        Assert.Equal(("048080000101", "0905111001"), (protector.Decrypt(an.CitizenIdCipher), protector.Decrypt(an.PhoneCipher)));
        Assert.Equal(new DateOnly(1980, 5, 10), an.BirthDate);
        Assert.Equal(households[0].Head, an.Id);
        Assert.Equal((1982, (DateOnly?)null), (people["Trần Thị Bình"].BirthYear, people["Trần Thị Bình"].BirthDate));
        Assert.Equal(new DateOnly(2010, 3, 15), people["Nguyễn Văn Cường"].BirthDate);
        Assert.Equal("0399111005", protector.Decrypt(people["Phạm Thị Én"].PhoneCipher));

        // The failing rows, downloaded with their reason, are the sheet's own rows, ready to fix and import again.
        var download = await client.GetAsync(run.Page.QuerySelector("[data-testid=failed-rows]")!.GetAttribute("href"));
        Assert.Equal(HttpStatusCode.OK, download.StatusCode);
        var rows = ReadSheet(await download.Content.ReadAsByteArrayAsync());
        Assert.Equal(["STT", "Mã hộ", "Tổ dân phố", "Địa chỉ", "Họ và tên", "Ngày sinh", "Giới tính", "Số CCCD", "SĐT", "Quan hệ với chủ hộ", "Lý do lỗi"], rows[0]);
        Assert.Equal(["4", "6", "7", "8", "9"], rows.Skip(1).Select(r => r[0]));
        Assert.Equal("Số CCCD: Số định danh phải có 12 chữ số (ô có 10).", rows[1][10]);
        Assert.Equal("0480750001", rows[1][7]);
        Assert.True(await app.WithDbAsync(db => db.AuditEntries.AnyAsync(a => a.Action == AuditAction.Export && a.Summary!.StartsWith("Các dòng lỗi của nhan-khau-tdp1.xlsx"))));
    }

    [DbFact]
    public async Task Every_issue_is_shown_a_page_at_a_time_without_a_cap()
    {
        var client = await app.SignInAsync(World.Users.WardHoaXuan);
        var lines = new List<string> { "STT,Mã hộ,Tổ dân phố,Họ và tên,Số CCCD" };
        lines.AddRange(Enumerable.Range(1, 230).Select(i => $"{i},PG-{i:000},Tổ dân phố số 1,Người Số {i},12345"));

        var run = await client.RunAsync(await client.UploadAsync(ImportKind.Residents, "nhieu-loi.csv", Csv([.. lines])), ImportMode.DryRun);

        Assert.Equal(230, run.ErrorRows);
        Assert.Equal(MapModel.PageSize, run.Issues.Length);
        var pager = run.Page.QuerySelector("[data-testid=issues-pager]")!;
        // Each row: its wrong ID, and the note that its new household has no address yet.
        Assert.Contains("1/5", pager.TextContent, StringComparison.Ordinal);
        var last = ImportPages.Read(await client.GetDocumentAsync(pager.QuerySelector("a")!.GetAttribute("href")!.Replace("issuepage=2", "issuepage=5", StringComparison.Ordinal)));
        Assert.Equal(60, last.Issues.Length);
        Assert.Equal("230", last.Issues[^1].Stt);
    }

    private static List<string[]> ReadSheet(byte[] file)
    {
        using var document = SpreadsheetDocument.Open(new MemoryStream(file), false);
        var part = document.WorkbookPart!.WorksheetParts.Single();
        return [.. part.Worksheet.GetFirstChild<SheetData>()!.Elements<Row>().Select(r =>
            r.Elements<Cell>().Select(c => c.DataType?.Value == CellValues.InlineString ? c.InlineString!.InnerText : c.CellValue?.Text ?? "").ToArray())];
    }
}
