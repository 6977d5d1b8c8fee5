using System.Net;
using CongDongSo.Tests.Infrastructure;
using CongDongSo.Web.Data;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using Microsoft.EntityFrameworkCore;

namespace CongDongSo.Tests.Features.Members;

public sealed class MemberExportTests(AppFactory app) : IClassFixture<AppFactory>
{
    private static readonly string[] s_header =
    [
        "STT", "Họ và tên", "Năm sinh", "Giới tính", "Chức vụ trong tổ", "Thành phần", "Số điện thoại",
        "Tổ dân phố", "Tổ CNSCĐ", "Ngày tham gia", "Ngày rời tổ", "Đồng ý công khai liên hệ",
    ];

    [DbFact]
    public async Task Ward_officer_exports_a_valid_xlsx_of_the_filter_and_the_export_is_audited()
    {
        var client = await app.SignInAsync(World.Users.WardHoaXuan);
        var page = await client.GetDocumentAsync($"/members?team={app.World.HxTeam1.Id}");
        var link = page.QuerySelector("[data-testid=export]")!.GetAttribute("href")!;

        var response = await client.GetAsync(link);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", response.Content.Headers.ContentType!.MediaType);
        Assert.Equal("attachment", response.Content.Headers.ContentDisposition!.DispositionType);
        Assert.Equal("danh-sach-thanh-vien-20314-20261120.xlsx", response.Content.Headers.ContentDisposition.FileNameStar ?? response.Content.Headers.ContentDisposition.FileName);
        var rows = Read(await response.Content.ReadAsByteArrayAsync());
        Assert.Equal(s_header, rows[0].Cells);
        Assert.True(rows[0].Bold);
        Assert.Equal(3, rows.Count);
        Assert.Equal(["1", "Nguyễn Văn Hùng", "1990", "Nam", "Tổ trưởng", "Đoàn Thanh niên", "0905000001", "Tổ dân phố số 1", "Tổ CNSCĐ Tổ dân phố số 1", "15/08/2025", "", "Không"], rows[1].Cells);
        Assert.Equal("Lê Thị Thu Hà", rows[2].Cells[1]);

        var audit = await app.WithDbAsync(db => db.AuditEntries.SingleAsync(a => a.Action == AuditAction.Export && a.UserName == World.Users.WardHoaXuan));
        Assert.Equal("Member", audit.EntityType);
        Assert.Equal(app.World.HoaXuan.Id, audit.CommuneId);
        Assert.StartsWith("2 rows, filter team=", audit.Summary, StringComparison.Ordinal);
        Assert.Equal(World.Users.WardHoaXuan, audit.UserName);
    }

    [DbFact]
    public async Task A_ward_leader_gets_masked_phones_and_a_team_member_no_export()
    {
        var leader = await app.SignInAsync(World.Users.LeaderHoaXuan);
        var rows = Read(await (await leader.GetAsync("/members/export?q=hung")).Content.ReadAsByteArrayAsync());
        Assert.Equal("090****001", rows[1].Cells[6]);

        var member = await app.SignInAsync(World.Users.MemberHx1);
        var denied = await member.GetAsync("/members/export");
        denied.AssertForbidden();
    }

    [DbFact]
    public async Task A_team_leader_exports_only_their_own_team()
    {
        var leader = await app.SignInAsync(World.Users.TeamLeadHx1);
        var rows = Read(await (await leader.GetAsync("/members/export")).Content.ReadAsByteArrayAsync());
        Assert.All(rows.Skip(1), r => Assert.Equal("Tổ CNSCĐ Tổ dân phố số 1", r.Cells[8]));
        Assert.DoesNotContain(rows, r => r.Cells[1] == "Trần Minh Quân");
    }

    [DbFact]
    public async Task A_cell_that_would_turn_into_a_formula_when_edited_is_neutralised()
    {
        await A.Member("=HYPERLINK(\"http://evil.example\",\"Xem\")").In(app.World.ClTeam1).SaveAsync(app);
        await A.Member("@SUM(1+1)").In(app.World.ClTeam1).SaveAsync(app);
        await A.Member("Võ Thị Lan").In(app.World.ClTeam1).SaveAsync(app);
        var officer = await app.SignInAsync(World.Users.WardCamLe);

        var names = Read(await (await officer.GetAsync("/members/export")).Content.ReadAsByteArrayAsync()).Skip(1).Select(r => r.Cells[1]).ToList();

        Assert.Contains("'=HYPERLINK(\"http://evil.example\",\"Xem\")", names);
        Assert.Contains("'@SUM(1+1)", names);
        Assert.Contains("Võ Thị Lan", names);
        Assert.DoesNotContain(names, n => n.Length > 0 && "=+-@".Contains(n[0], StringComparison.Ordinal));
    }

    private sealed record SheetRow(string[] Cells, bool Bold);

    /// <summary>Opens the file with the OpenXML SDK, as Excel would: a broken package throws here.</summary>
    private static List<SheetRow> Read(byte[] file)
    {
        using var stream = new MemoryStream(file);
        using var document = SpreadsheetDocument.Open(stream, false);
        var workbook = document.WorkbookPart!;
        var sheet = workbook.Workbook.Sheets!.Elements<Sheet>().Single();
        Assert.Equal("Thành viên", sheet.Name!.Value);
        var part = (WorksheetPart)workbook.GetPartById(sheet.Id!.Value!);
        var formats = workbook.WorkbookStylesPart!.Stylesheet.CellFormats!.Elements<CellFormat>().ToList();
        var fonts = workbook.WorkbookStylesPart.Stylesheet.Fonts!.Elements<Font>().ToList();
        return [.. part.Worksheet.GetFirstChild<SheetData>()!.Elements<Row>().Select(row =>
        {
            var cells = row.Elements<Cell>().ToList();
            var style = cells[0].StyleIndex?.Value ?? 0;
            var bold = fonts[(int)(formats[(int)style].FontId?.Value ?? 0)].Bold is not null;
            return new SheetRow([.. cells.Select(c => c.DataType?.Value == CellValues.InlineString ? c.InlineString!.InnerText : c.CellValue?.Text ?? "")], bold);
        })];
    }
}
