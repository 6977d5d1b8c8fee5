using System.IO.Compression;
using System.Net;
using System.Text;
using CongDongSo.Tests.Infrastructure;
using CongDongSo.Tests.Features.Areas;
using CongDongSo.Web.Infrastructure.Imports;
using static CongDongSo.Tests.Features.Imports.WardSheets;

namespace CongDongSo.Tests.Features.Imports;

/// <summary>
/// Files made to hurt the server: a zip bomb, a cell or row beyond every real sheet, a web page
/// named .xlsx. Each is refused with a reason, nothing is kept, and nothing is read into memory whole.
/// </summary>
public sealed class HostileSheetTests(AppFactory app) : IClassFixture<AppFactory>
{
    private const string XlsxType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    /// <summary>A real workbook whose worksheet part is replaced by <paramref name="writeSheet"/>'s XML.</summary>
    private static byte[] WithSheetXml(Action<StreamWriter> writeSheet)
    {
        var workbook = Xlsx(["Mã hộ", "Địa chỉ", "Tổ dân phố"]);
        using var stream = new MemoryStream();
        stream.Write(workbook);
        using (var zip = new ZipArchive(stream, ZipArchiveMode.Update, leaveOpen: true))
        {
            var sheet = zip.Entries.Single(e => e.FullName.StartsWith("xl/worksheets/", StringComparison.Ordinal) && e.FullName.EndsWith(".xml", StringComparison.Ordinal));
            var name = sheet.FullName;
            sheet.Delete();
            using var writer = new StreamWriter(zip.CreateEntry(name, CompressionLevel.SmallestSize).Open(), new UTF8Encoding(false));
            writeSheet(writer);
        }
        return stream.ToArray();
    }

    private static void SheetXml(StreamWriter writer, Action<StreamWriter> rows)
    {
        writer.Write("<?xml version=\"1.0\" encoding=\"UTF-8\"?><worksheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\"><sheetData>");
        rows(writer);
        writer.Write("</sheetData></worksheet>");
    }

    private async Task<string[]> UploadErrorsAsync(string fileName, byte[] content, string contentType = XlsxType)
    {
        var client = await app.SignInAsync(World.Users.WardHoaXuan);
        var response = await client.UploadAsync("/imports", "Input.File", fileName, content,
            new Dictionary<string, string?> { ["Input.Kind"] = "Households" }, contentType);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var folder = Path.Combine(app.Database.Folder, "imports");
        Assert.Empty(Directory.Exists(folder) ? Directory.GetFiles(folder) : []);
        return (await Browser.ParseAsync(response)).Errors();
    }

    [DbFact]
    public async Task A_zip_bomb_is_refused_from_the_package_directory_before_anything_is_inflated()
    {
        // 200 MB of layout between two rows packs into a few hundred KB.
        var bomb = WithSheetXml(w => SheetXml(w, rows =>
        {
            rows.Write("<row r=\"1\"><c r=\"A1\" t=\"inlineStr\"><is><t>Mã hộ</t></is></c></row>");
            var blanks = new string(' ', 1024 * 1024);
            for (var i = 0; i < 200; i++)
            {
                rows.Write(blanks);
            }
            rows.Write("<row r=\"2\"><c r=\"A2\" t=\"inlineStr\"><is><t>H-1</t></is></c></row>");
        }));
        Assert.True(bomb.Length < 2 * 1024 * 1024, $"{bomb.Length} bytes");

        var errors = await UploadErrorsAsync("ho.xlsx", bomb);

        var error = Assert.Single(errors);
        Assert.Contains("có thể là tệp độc hại", error, StringComparison.Ordinal);
        Assert.NotNull(SheetReader.CheckPackage(new MemoryStream(bomb)));
    }

    [DbFact]
    public async Task A_cell_longer_than_excel_allows_is_refused_naming_its_row()
    {
        var random = new Random(7);
        var longText = new string([.. Enumerable.Range(0, SheetReader.MaxCellChars + 10).Select(_ => (char)('a' + random.Next(26)))]);
        var sheet = WithSheetXml(w => SheetXml(w, rows =>
            rows.Write($"<row r=\"1\"><c r=\"A1\" t=\"inlineStr\"><is><t>{longText}</t></is></c></row>")));

        var errors = await UploadErrorsAsync("ho.xlsx", sheet);

        Assert.Equal(["Dòng 1 có ô dài quá 32767 ký tự."], errors);
    }

    [DbFact]
    public async Task A_value_with_a_formula_before_it_and_text_with_phonetic_guides_read_as_excel_shows_them()
    {
        var sheet = WithSheetXml(w => SheetXml(w, rows => rows.Write(
            "<row r=\"1\"><c r=\"A1\" t=\"inlineStr\"><is><t>Mã hộ</t></is></c><c r=\"B1\" t=\"inlineStr\"><is><r><t>Địa </t></r><r><t>chỉ</t></r><rPh><t>x</t></rPh></is></c>" +
            "<c r=\"C1\" t=\"inlineStr\"><is><t>Tổ dân phố</t></is></c></row>\n  " +
            "<row r=\"2\"><c r=\"A2\"><f>1000+1</f><v>1001</v></c><c r=\"B2\" t=\"str\"><f>\"7 \"&amp;\"Lê\"</f><v>7 Lê</v></c>" +
            "<c r=\"C2\" t=\"inlineStr\"><is><t xml:space=\"preserve\">Tổ dân phố số 1</t></is></c></row>")));
        using var reader = SheetReader.Open(new MemoryStream(sheet), out var error);

        Assert.Null(error);
        Assert.Equal(["Mã hộ", "Địa chỉ", "Tổ dân phố"], reader!.Next()!.Cells);
        Assert.Equal(["1001", "7 Lê", "Tổ dân phố số 1"], reader.Next()!.Cells);
        Assert.Null(reader.Next());
        Assert.Null(reader.Error);
    }

    [DbFact]
    public async Task A_web_page_or_an_old_xls_named_like_a_sheet_is_refused_by_its_content()
    {
        var page = "\uFEFF  <!DOCTYPE html><html><body><table><tr><td>Mã hộ</td></tr></table></body></html>"u8.ToArray();
        var xls = new byte[] { 0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1, 0, 0, 0, 0 };

        Assert.Equal(["Tệp không phải CSV hay Excel .xlsx."], await UploadErrorsAsync("danh-sach.xlsx", page));
        Assert.Equal(["Tệp không phải CSV hay Excel .xlsx."], await UploadErrorsAsync("danh-sach.csv", "<?xml version=\"1.0\"?><a/>"u8.ToArray(), "text/csv"));
        Assert.Equal(["Tệp Excel 97–2003 (.xls) chưa đọc được: hãy mở trong Excel và lưu lại thành .xlsx."], await UploadErrorsAsync("danh-sach.xls", xls, "application/vnd.ms-excel"));
    }
}
