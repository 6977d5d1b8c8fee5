using System.Globalization;
using System.Text;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using DocumentFormat.OpenXml;
using SheetText = DocumentFormat.OpenXml.Spreadsheet.Text;

namespace CongDongSo.Web.Infrastructure.Exports;

/// <summary>
/// A one-sheet .xlsx: a bold, frozen header row, then rows of text and numbers. Text goes in as
/// inline strings, so a value starting with "=" stays text and is never run as a formula, and such a
/// value is neutralised for when the cell is edited or the sheet saved as CSV.
/// </summary>
public static class XlsxWriter
{
    public const string ContentType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    private const uint BoldStyle = 1;
    private const uint BorderedStyle = 2;
    private const uint BoldBorderedStyle = 3;

    /// <summary>Cells are strings, numbers or null (empty); anything else is written as its invariant text.</summary>
    public static byte[] Write(string sheetName, IReadOnlyList<string> header, IReadOnlyList<IReadOnlyList<object?>> rows) =>
        Write(sheetName, [], header, rows, printable: false);

    /// <summary>
    /// A sheet to print and sign (an attendance list): bold heading lines above the table, cells with
    /// borders and tall rows to sign in, A4 fitted to the page width, the header row repeated on each page.
    /// </summary>
    public static byte[] WriteSignSheet(string sheetName, IReadOnlyList<string> heading, IReadOnlyList<string> header, IReadOnlyList<IReadOnlyList<object?>> rows) =>
        Write(sheetName, heading, header, rows, printable: true);

    private static byte[] Write(string sheetName, IReadOnlyList<string> heading, IReadOnlyList<string> header, IReadOnlyList<IReadOnlyList<object?>> rows, bool printable)
    {
        using var stream = new MemoryStream();
        using (var document = SpreadsheetDocument.Create(stream, SpreadsheetDocumentType.Workbook))
        {
            var workbookPart = document.AddWorkbookPart();
            workbookPart.Workbook = new Workbook();
            workbookPart.AddNewPart<WorkbookStylesPart>().Stylesheet = NewStylesheet();
            var sheetPart = workbookPart.AddNewPart<WorksheetPart>();

            var data = new SheetData();
            for (var i = 0; i < heading.Count; i++)
            {
                data.Append(NewRow((uint)i + 1, [heading[i]], BoldStyle));
            }
            // A blank line between the heading and the table.
            var headerIndex = heading.Count == 0 ? 1u : (uint)heading.Count + 2;
            data.Append(NewRow(headerIndex, header, printable ? BoldBorderedStyle : BoldStyle));
            for (var i = 0; i < rows.Count; i++)
            {
                var row = NewRow(headerIndex + 1 + (uint)i, rows[i], printable ? BorderedStyle : null);
                if (printable)
                {
                    row.Height = 28; // room for a signature
                    row.CustomHeight = true;
                }
                data.Append(row);
            }
            var topLeft = "A" + (headerIndex + 1).ToString(CultureInfo.InvariantCulture);
            var frozenHeader = new SheetViews(new SheetView(
                new Pane { VerticalSplit = headerIndex, TopLeftCell = topLeft, ActivePane = PaneValues.BottomLeft, State = PaneStateValues.Frozen })
            { WorkbookViewId = 0 });
            var worksheet = new Worksheet(frozenHeader, NewColumns(header, rows), data);
            if (printable)
            {
                worksheet.InsertAt(new SheetProperties(new PageSetupProperties { FitToPage = true }), 0);
                worksheet.Append(new PageMargins { Left = 0.6, Right = 0.4, Top = 0.6, Bottom = 0.6, Header = 0.3, Footer = 0.3 });
                // A4 (9), portrait, as wide as the page and as many pages tall as it takes.
                worksheet.Append(new PageSetup { PaperSize = 9, Orientation = OrientationValues.Portrait, FitToWidth = 1, FitToHeight = 0 });
            }
            sheetPart.Worksheet = worksheet;

            var name = SheetName(sheetName);
            workbookPart.Workbook.AppendChild(new Sheets(new Sheet
            {
                Id = workbookPart.GetIdOfPart(sheetPart),
                SheetId = 1,
                Name = name,
            }));
            if (printable)
            {
                var headerRow = headerIndex.ToString(CultureInfo.InvariantCulture);
                workbookPart.Workbook.AppendChild(new DefinedNames(new DefinedName($"'{name.Replace("'", "''", StringComparison.Ordinal)}'!${headerRow}:${headerRow}")
                {
                    Name = "_xlnm.Print_Titles",
                    LocalSheetId = 0,
                }));
            }
        }
        return stream.ToArray();
    }

    private static Row NewRow(uint index, IEnumerable<object?> values, uint? style)
    {
        var row = new Row { RowIndex = index };
        var column = 0;
        foreach (var value in values)
        {
            var cell = NewCell(value);
            cell.CellReference = ColumnName(column++) + index.ToString(CultureInfo.InvariantCulture);
            if (style is not null)
            {
                cell.StyleIndex = style;
            }
            row.Append(cell);
        }
        return row;
    }

    private static Cell NewCell(object? value) => value switch
    {
        null => new Cell(),
        int or long or short or decimal or double or float => new Cell
        {
            DataType = CellValues.Number,
            CellValue = new CellValue(Convert.ToString(value, CultureInfo.InvariantCulture)!),
        },
        _ => new Cell
        {
            DataType = CellValues.InlineString,
            InlineString = new InlineString(new SheetText(Neutralise(XmlSafe(Convert.ToString(value, CultureInfo.InvariantCulture) ?? "")))
            {
                Space = SpaceProcessingModeValues.Preserve,
            }),
        },
    };

    /// <summary>Column widths from the longest value (in characters), within reason.</summary>
    private static Columns NewColumns(IReadOnlyList<string> header, IReadOnlyList<IReadOnlyList<object?>> rows)
    {
        var columns = new Columns();
        for (var i = 0; i < header.Count; i++)
        {
            var longest = rows.Select(r => i < r.Count ? Convert.ToString(r[i], CultureInfo.InvariantCulture)?.Length ?? 0 : 0)
                .Append(header[i].Length).Max();
            columns.Append(new Column { Min = (uint)i + 1, Max = (uint)i + 1, Width = Math.Clamp(longest + 2, 5, 60), CustomWidth = true });
        }
        return columns;
    }

    private static Stylesheet NewStylesheet() => new(
        new Fonts(new Font(), new Font(new Bold())),
        new Fills(new Fill(new PatternFill { PatternType = PatternValues.None }), new Fill(new PatternFill { PatternType = PatternValues.Gray125 })),
        new Borders(new Border(), new Border(
            new LeftBorder { Style = BorderStyleValues.Thin }, new RightBorder { Style = BorderStyleValues.Thin },
            new TopBorder { Style = BorderStyleValues.Thin }, new BottomBorder { Style = BorderStyleValues.Thin }, new DiagonalBorder())),
        new CellStyleFormats(new CellFormat()),
        new CellFormats(
            new CellFormat(),
            new CellFormat { FontId = 1, ApplyFont = true },
            new CellFormat { BorderId = 1, ApplyBorder = true, Alignment = new Alignment { Vertical = VerticalAlignmentValues.Center, WrapText = true }, ApplyAlignment = true },
            new CellFormat { FontId = 1, BorderId = 1, ApplyFont = true, ApplyBorder = true, Alignment = new Alignment { Vertical = VerticalAlignmentValues.Center, WrapText = true }, ApplyAlignment = true }));

    /// <summary>A, B, … Z, AA, AB, …</summary>
    private static string ColumnName(int index)
    {
        var name = "";
        for (var n = index + 1; n > 0; n = (n - 1) / 26)
        {
            name = (char)('A' + ((n - 1) % 26)) + name;
        }
        return name;
    }

    /// <summary>Excel's rules: at most 31 characters, none of []:*?/\.</summary>
    private static string SheetName(string name)
    {
        var cleaned = new string([.. name.Where(c => "[]:*?/\\".IndexOf(c, StringComparison.Ordinal) < 0)]).Trim();
        cleaned = cleaned.Length == 0 ? "Sheet1" : cleaned;
        return cleaned.Length <= 31 ? cleaned : cleaned[..31];
    }

    /// <summary>
    /// A text that a spreadsheet would read as a formula once the cell is edited or the sheet saved as
    /// CSV (=, +, -, @, a tab or line break first, or their full-width forms) gets a leading apostrophe,
    /// as OWASP's CSV-injection advice says; the value stays readable.
    /// </summary>
    internal static string Neutralise(string text) =>
        text.Length > 0 && "=+-@\t\r\n\uFF1D\uFF0B\uFF0D\uFF20".Contains(text[0], StringComparison.Ordinal) ? "'" + text : text;

    /// <summary>Control characters are not allowed in XML 1.0; a pasted one must not break the file.</summary>
    private static string XmlSafe(string text)
    {
        if (!text.Any(c => char.IsControl(c) && c is not ('\t' or '\n' or '\r')))
        {
            return text;
        }
        var builder = new StringBuilder(text.Length);
        foreach (var c in text.Where(c => !char.IsControl(c) || c is '\t' or '\n' or '\r'))
        {
            builder.Append(c);
        }
        return builder.ToString();
    }
}
