using System.Net;
using System.Text;
using CongDongSo.Tests.Infrastructure;
using CongDongSo.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace CongDongSo.Tests.Features.Areas;

public sealed class NeighbourhoodImportTests(AppFactory app) : IClassFixture<AppFactory>
{
    private string Url => $"/areas/communes/{app.World.HoaXuan.Id}/neighbourhoods/import";

    private static readonly Dictionary<string, string?> s_real = new() { ["Input.DryRun"] = "false" };

    private Task<List<Neighbourhood>> ActiveAsync() =>
        app.WithDbAsync(db => db.Neighbourhoods.Where(n => n.CommuneId == app.World.HoaXuan.Id && n.EffectiveTo == null).ToListAsync());

    [DbFact]
    public async Task A_sheet_creates_the_missing_neighbourhoods_cleaning_a_messy_row_and_importing_it_again_changes_nothing()
    {
        // Columns in another order, headers in other cases, a decomposed (NFD) name with stray spaces, a blank line,
        // a kind written without marks, and a name the commune already has in another case.
        var messyName = "  tổ   dân phố số  7 ".Normalize(NormalizationForm.FormD);
        var file = Sheets.Csv(
            " mã ;TÊN;loai",
            "KP01;Khu phố Một;Khu phố",
            $" tdp-07 ;{messyName};to dan pho",
            "",
            ";TỔ DÂN PHỐ SỐ 1;");
        var client = await app.SignInAsync(World.Users.WardHoaXuan);
        var before = await ActiveAsync();

        var dry = await Browser.ParseAsync(await client.UploadAsync(Url, "Input.File", "tdp.csv", file));
        Assert.Empty(dry.Errors());
        Assert.Contains("Sẽ tạo mới: 2 · đã có, bỏ qua: 1", dry.QuerySelector("[data-testid=counts]")!.TextContent, StringComparison.Ordinal);
        Assert.Equal(before.Count, (await ActiveAsync()).Count);

        var real = await Browser.ParseAsync(await client.UploadAsync(Url, "Input.File", "tdp.csv", file, s_real));
        Assert.Empty(real.Errors());
        Assert.Contains("Đã tạo mới: 2 · đã có, bỏ qua: 1", real.QuerySelector("[data-testid=counts]")!.TextContent, StringComparison.Ordinal);
        var created = (await ActiveAsync()).Where(n => before.All(b => b.Id != n.Id)).ToDictionary(n => n.Name);
        Assert.Equal(["Khu phố Một", "tổ dân phố số 7"], created.Keys.Order(StringComparer.Ordinal));
        Assert.True(created["tổ dân phố số 7"].Name.IsNormalized(NormalizationForm.FormC));
        Assert.Equal((NeighbourhoodKind.ToDanPho, "tdp-07", "to dan pho so 7", new DateOnly(2026, 11, 20)),
            (created["tổ dân phố số 7"].Kind, created["tổ dân phố số 7"].Code, created["tổ dân phố số 7"].SearchName, created["tổ dân phố số 7"].EffectiveFrom));
        Assert.Equal((NeighbourhoodKind.KhuPho, "KP01"), (created["Khu phố Một"].Kind, created["Khu phố Một"].Code));
        Assert.True(await app.WithDbAsync(db => db.NeighbourhoodChanges.AnyAsync(c => c.NeighbourhoodId == created["Khu phố Một"].Id && c.Kind == NeighbourhoodChangeKind.Created)));
        Assert.True(await app.WithDbAsync(db => db.AuditEntries.AnyAsync(a => a.Action == AuditAction.Import && a.EntityType == "Neighbourhood" && a.CommuneId == app.World.HoaXuan.Id)));

        var again = await Browser.ParseAsync(await client.UploadAsync(Url, "Input.File", "tdp.csv", file, s_real));
        Assert.Contains("Đã tạo mới: 0 · đã có, bỏ qua: 3", again.QuerySelector("[data-testid=counts]")!.TextContent, StringComparison.Ordinal);
        Assert.Equal(before.Count + 2, (await ActiveAsync()).Count);
    }

    [DbFact]
    public async Task An_xlsx_sheet_with_only_the_name_column_is_read_too()
    {
        var client = await app.SignInAsync(World.Users.WardHoaXuan);
        var response = await client.UploadAsync(Url, "Input.File", "thon.xlsx", Sheets.Xlsx(["Tên"], ["Thôn Excel Một"], ["Thôn Excel Hai"]), s_real,
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
        Assert.Empty((await Browser.ParseAsync(response)).Errors());
        var names = (await ActiveAsync()).Select(n => n.Name).ToList();
        Assert.Contains("Thôn Excel Một", names);
        Assert.Contains("Thôn Excel Hai", names);
    }

    [DbFact]
    public async Task Bad_rows_are_listed_by_row_and_column_and_nothing_is_written()
    {
        var client = await app.SignInAsync(World.Users.WardHoaXuan);
        var response = await client.UploadAsync(Url, "Input.File", "bad.csv", Sheets.Csv(
            "Tên,Loại,Mã",
            "Tổ Lỗi Tốt,Tổ dân phố,",
            "Tổ Lỗi Loại,Phường,",
            ",Thôn,",
            "to loi tot,,",
            "Tổ Lỗi Mã," + "," + new string('X', 31)), s_real);
        var page = await Browser.ParseAsync(response);
        var rows = page.QuerySelectorAll("[data-testid=import-errors] tbody tr")
            .Select(tr => string.Join("|", tr.QuerySelectorAll("td").Take(2).Select(td => td.TextContent.Trim()))).ToList();
        Assert.Equal(["3|Loại", "4|Tên", "5|Tên", "6|Mã"], rows);
        Assert.Contains("“Phường”", page.QuerySelector("[data-testid=import-errors]")!.TextContent, StringComparison.Ordinal);
        Assert.DoesNotContain(await ActiveAsync(), n => n.Name.StartsWith("Tổ Lỗi", StringComparison.Ordinal));

        var noName = await Browser.ParseAsync(await client.UploadAsync(Url, "Input.File", "x.csv", Sheets.Csv("Loại,Mã", "Thôn,T1"), s_real));
        Assert.Contains(noName.Errors(), e => e.Contains("Tệp thiếu cột “Tên”", StringComparison.Ordinal));
    }

    [DbFact]
    public async Task Another_wards_officer_cannot_import_into_hoa_xuan()
    {
        var client = await app.SignInAsync(World.Users.WardCamLe);
        var form = await client.GetDocumentAsync($"/areas/communes/{app.World.CamLe.Id}/neighbourhoods/import");
        var token = form.QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
        var body = new MultipartFormDataContent
        {
            { new StringContent(token), "__RequestVerificationToken" },
            { new StringContent("false"), "Input.DryRun" },
            { new StringContent("2026-11-20"), "Input.EffectiveOn" },
            { new ByteArrayContent(Sheets.Csv("Tên", "Tổ Xâm Nhập")), "Input.File", "x.csv" },
        };
        Assert.Equal(HttpStatusCode.NotFound, (await client.PostAsync(Url, body)).StatusCode);
        Assert.DoesNotContain(await ActiveAsync(), n => n.Name == "Tổ Xâm Nhập");
    }
}
