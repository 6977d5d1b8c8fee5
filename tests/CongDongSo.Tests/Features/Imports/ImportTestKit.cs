using System.Globalization;
using System.Net;
using System.Text;
using AngleSharp.Html.Dom;
using CongDongSo.Tests.Features.Areas;
using CongDongSo.Tests.Infrastructure;
using CongDongSo.Web.Features.Imports;

namespace CongDongSo.Tests.Features.Imports;

/// <summary>What the import page shows after a run: the counts and the row errors.</summary>
public sealed record ImportOutcome(int Created, int Updated, int Unchanged, int ErrorRows, (string Row, string Column, string Reason)[] Errors, IHtmlDocument Page)
{
    public (int Created, int Updated, int Unchanged, int ErrorRows) Counts => (Created, Updated, Unchanged, ErrorRows);
}

/// <summary>The import pages as a ward officer uses them: upload, map, dry run, run.</summary>
public static class ImportPages
{
    /// <summary>Uploads a sheet on /imports and returns the mapping page's address it redirects to.</summary>
    public static async Task<string> UploadAsync(this HttpClient client, ImportKind kind, string fileName, byte[] content,
        IDictionary<string, string?>? fields = null)
    {
        var all = new Dictionary<string, string?>(fields ?? new Dictionary<string, string?>()) { ["Input.Kind"] = kind.ToString() };
        var contentType = fileName.EndsWith(".xlsx", StringComparison.Ordinal)
            ? "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
            : "text/csv";
        var response = await client.UploadAsync("/imports", "Input.File", fileName, content, all, contentType);
        if (response.StatusCode != HttpStatusCode.Redirect)
        {
            var errors = (await Browser.ParseAsync(response)).Errors();
            Assert.Fail($"upload of {fileName}: {(int)response.StatusCode} {string.Join(" | ", errors)}");
        }
        var location = response.LocationPath();
        Assert.StartsWith("/imports/map?id=", location, StringComparison.Ordinal);
        return location;
    }

    /// <summary>Submits the mapping page's form with the proposed (or given) columns and the mode; reads the result.</summary>
    public static async Task<ImportOutcome> RunAsync(this HttpClient client, string mapUrl, ImportMode mode, IDictionary<string, string?>? columns = null)
    {
        var fields = new Dictionary<string, string?>(columns ?? new Dictionary<string, string?>()) { ["Input.Mode"] = mode.ToString() };
        var response = await client.SubmitFormAsync(mapUrl, fields);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return Read(await Browser.ParseAsync(response));
    }

    public static ImportOutcome Read(IHtmlDocument page)
    {
        var counts = page.QuerySelectorAll("[data-testid=import-counts] tbody td")
            .Select(td => int.Parse(td.TextContent.Trim(), NumberStyles.AllowThousands, CultureInfo.GetCultureInfo("vi-VN"))).ToArray();
        Assert.True(counts.Length == 4, "no result on the page: " + string.Join(" | ", page.Errors()));
        var errors = page.QuerySelectorAll("[data-testid=import-errors] tbody tr")
            .Select(tr => tr.QuerySelectorAll("td").Select(td => td.TextContent.Trim()).ToArray())
            .Select(c => (c[0], c[1], c[2])).ToArray();
        return new ImportOutcome(counts[0], counts[1], counts[2], counts[3], errors, page);
    }
}

/// <summary>Sheets as wards keep them.</summary>
public static class WardSheets
{
    public static string Nfd(string text) => text.Normalize(NormalizationForm.FormD);

    /// <summary>A CSV saved by Excel: UTF-8 with its byte-order mark, CRLF.</summary>
    public static byte[] Csv(params string[] lines) => Areas.Sheets.Csv(lines);

    /// <summary>
    /// An .xlsx the way Excel writes one: text in the shared-string table, numbers as numbers
    /// (so an ID number or phone typed as a number has lost its leading zero, a date is a day count).
    /// </summary>
    public static byte[] Xlsx(params object?[][] rows) => Areas.Sheets.Workbook("Nhân khẩu", rows);
}
