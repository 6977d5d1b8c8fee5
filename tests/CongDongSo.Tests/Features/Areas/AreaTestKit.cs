using System.Net.Http.Headers;
using System.Text;
using AngleSharp.Html.Dom;
using CongDongSo.Tests.Infrastructure;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;

namespace CongDongSo.Tests.Features.Areas;

/// <summary>
/// The statistics office's real list lives next to the repository (../shared/data), never inside it.
/// </summary>
public static class RealAdminList
{
    public const string FileName = CongDongSo.Web.Features.Areas.ImportAdminUnits.OfficialList;

    /// <summary>The official list as the product ships it (embedded from src/CongDongSo.Web/Data/Reference).</summary>
    public static byte[] Bytes
    {
        get
        {
            using var stream = CongDongSo.Web.Features.Areas.ImportAdminUnits.OpenOfficialList();
            using var copy = new MemoryStream();
            stream.CopyTo(copy);
            return copy.ToArray();
        }
    }
}

public static class Sheets
{
    public static byte[] Csv(params string[] lines) => Encoding.UTF8.GetPreamble().Concat(Encoding.UTF8.GetBytes(string.Join("\r\n", lines) + "\r\n")).ToArray();

    /// <summary>An .xlsx with codes typed as numbers where a cell is a number.</summary>
    public static byte[] Xlsx(params object?[][] rows) => Workbook("Danh sách", rows);

    /// <summary>
    /// An .xlsx the way Excel writes one: text in the shared-string table, numbers as numbers
    /// (so an ID number or phone typed as a number has lost its leading zero, a date is a day count).
    /// </summary>
    public static byte[] Workbook(string sheetName, params object?[][] rows)
    {
        using var stream = new MemoryStream();
        using (var document = SpreadsheetDocument.Create(stream, SpreadsheetDocumentType.Workbook))
        {
            var workbook = document.AddWorkbookPart();
            workbook.Workbook = new Workbook();
            var strings = workbook.AddNewPart<SharedStringTablePart>();
            strings.SharedStringTable = new SharedStringTable();
            var index = new Dictionary<string, int>();
            var sheetPart = workbook.AddNewPart<WorksheetPart>();
            var data = new SheetData();
            for (var r = 0; r < rows.Length; r++)
            {
                var row = new Row { RowIndex = (uint)(r + 1) };
                for (var c = 0; c < rows[r].Length; c++)
                {
                    var reference = $"{(char)('A' + c)}{r + 1}";
                    switch (rows[r][c])
                    {
                        case null:
                            break;
                        case long or int or double:
                            row.Append(new Cell { CellReference = reference, CellValue = new CellValue(Convert.ToString(rows[r][c], System.Globalization.CultureInfo.InvariantCulture)!) });
                            break;
                        case DateOnly date:
                            var serial = date.DayNumber - new DateOnly(1899, 12, 30).DayNumber;
                            row.Append(new Cell { CellReference = reference, CellValue = new CellValue(serial.ToString(System.Globalization.CultureInfo.InvariantCulture)) });
                            break;
                        case var value:
                            var text = value.ToString()!;
                            if (!index.TryGetValue(text, out var i))
                            {
                                i = index.Count;
                                index[text] = i;
                                strings.SharedStringTable.Append(new SharedStringItem(new Text(text)));
                            }
                            row.Append(new Cell { CellReference = reference, DataType = CellValues.SharedString, CellValue = new CellValue(i.ToString(System.Globalization.CultureInfo.InvariantCulture)) });
                            break;
                    }
                }
                data.Append(row);
            }
            sheetPart.Worksheet = new Worksheet(data);
            workbook.Workbook.AppendChild(new DocumentFormat.OpenXml.Spreadsheet.Sheets(new Sheet { Id = workbook.GetIdOfPart(sheetPart), SheetId = 1, Name = sheetName }));
            workbook.Workbook.Save();
        }
        return stream.ToArray();
    }
}

public static class Uploads
{
    /// <summary>Where a redirect goes, as a path (the cookie handler writes absolute URLs, pages relative ones).</summary>
    public static string LocationPath(this HttpResponseMessage response)
    {
        var location = response.Headers.Location ?? throw new InvalidOperationException($"No redirect: {(int)response.StatusCode}.");
        return location.IsAbsoluteUri ? location.PathAndQuery : location.OriginalString;
    }

    /// <summary>
    /// Submits a page's multipart form as a browser would: its hidden fields (antiforgery token,
    /// the checkbox's "false") and current values, the given fields, and the file.
    /// </summary>
    public static async Task<HttpResponseMessage> UploadAsync(this HttpClient client, string url, string fileField, string fileName, byte[] content,
        IDictionary<string, string?>? fields = null, string contentType = "text/csv")
    {
        fields ??= new Dictionary<string, string?>();
        var document = await client.GetDocumentAsync(url);
        var form = document.QuerySelector("main form[method=post][enctype='multipart/form-data']") as IHtmlFormElement
            ?? throw new InvalidOperationException($"No upload form on {url}.");
        var body = new MultipartFormDataContent();
        foreach (var element in form.Elements)
        {
            if (element is IHtmlInputElement input && !string.IsNullOrEmpty(input.Name) && input.Type is not ("file" or "submit") && !fields.ContainsKey(input.Name))
            {
                if (input.Type is "checkbox" && !input.IsChecked)
                {
                    continue;
                }
                body.Add(new StringContent(input.Value), input.Name);
            }
        }
        foreach (var (name, value) in fields)
        {
            if (value is not null)
            {
                body.Add(new StringContent(value), name);
            }
        }
        var file = new ByteArrayContent(content);
        file.Headers.ContentType = new MediaTypeHeaderValue(contentType);
        body.Add(file, fileField, fileName);
        return await client.PostAsync(url, body);
    }
}
