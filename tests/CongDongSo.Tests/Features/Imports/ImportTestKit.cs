using System.Globalization;
using System.Net;
using System.Text;
using AngleSharp.Html.Dom;
using CongDongSo.Tests.Features.Areas;
using CongDongSo.Tests.Infrastructure;
using CongDongSo.Web.Features.Imports;

namespace CongDongSo.Tests.Features.Imports;

/// <summary>What the import page shows after a run: the counts and the row errors and warnings.</summary>
public sealed record ImportOutcome(int Created, int Updated, int Unchanged, int ErrorRows, int WarningRows,
    (string Row, string Column, string Reason)[] Errors, ImportIssue[] Issues, IHtmlDocument Page)
{
    public (int Created, int Updated, int Unchanged, int ErrorRows) Counts => (Created, Updated, Unchanged, ErrorRows);
}

/// <summary>One line of the result's table, as shown: sheet row, STT, name, column, reason (warnings start "Cần kiểm tra").</summary>
public sealed record ImportIssue(string Row, string Stt, string Name, string Column, string Reason, bool IsWarning);

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

    /// <summary>
    /// Submits the mapping page's form with the proposed (or given) columns and the mode, then follows
    /// the run's page until its result is there (the run goes on in the background); reads the result.
    /// </summary>
    public static async Task<ImportOutcome> RunAsync(this HttpClient client, string mapUrl, ImportMode mode, IDictionary<string, string?>? columns = null)
    {
        var fields = new Dictionary<string, string?>(columns ?? new Dictionary<string, string?>()) { ["Input.Mode"] = mode.ToString() };
        var response = await client.SubmitFormAsync(mapUrl, fields);
        if (response.StatusCode == HttpStatusCode.OK)
        {
            var refused = await Browser.ParseAsync(response);
            Assert.True(refused.Errors().Length > 0, "POST answered the form again without an error");
            return Read(refused); // refused before the run (the mapping): the form again
        }
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        return Read(await ResultAsync(client, response.LocationPath()));
    }

    /// <summary>The run's page once the run has ended.</summary>
    public static async Task<IHtmlDocument> ResultAsync(HttpClient client, string url)
    {
        var waited = System.Diagnostics.Stopwatch.StartNew();
        while (true)
        {
            var page = await client.GetDocumentAsync(url);
            if (page.QuerySelector("[data-testid=import-progress]") is null)
            {
                return page;
            }
            Assert.True(waited.Elapsed < TimeSpan.FromMinutes(2), "the import did not finish");
            await Task.Delay(50);
        }
    }

    public static ImportOutcome Read(IHtmlDocument page)
    {
        var counts = page.QuerySelectorAll("[data-testid=import-counts] tbody td")
            .Select(td => int.Parse(td.TextContent.Trim(), NumberStyles.AllowThousands, CultureInfo.GetCultureInfo("vi-VN"))).ToArray();
        Assert.True(counts.Length == 5, "no result on the page: " + string.Join(" | ", page.Errors()) + "\n" + page.QuerySelector("main")?.TextContent.Trim()[..Math.Min(800, page.QuerySelector("main")!.TextContent.Trim().Length)]);
        var issues = page.QuerySelectorAll("[data-testid=import-errors] tbody tr")
            .Select(tr => (Warning: tr.ClassList.Contains("warning"), Cells: tr.QuerySelectorAll("td").Select(td => td.TextContent.Trim()).ToArray()))
            .Select(c => new ImportIssue(c.Cells[0], c.Cells[1], c.Cells[2], c.Cells[3], c.Cells[4], c.Warning)).ToArray();
        var errors = issues.Where(i => !i.IsWarning).Select(i => (i.Row, i.Column, i.Reason)).ToArray();
        return new ImportOutcome(counts[0], counts[1], counts[2], counts[3], counts[4], errors, issues, page);
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
