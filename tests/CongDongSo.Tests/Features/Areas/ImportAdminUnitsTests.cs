using System.Net;
using CongDongSo.Tests.Infrastructure;
using CongDongSo.Web.Data;
using CongDongSo.Web.Features.Areas;
using Microsoft.EntityFrameworkCore;

namespace CongDongSo.Tests.Features.Areas;

/// <summary>Small lists built in the test; each test uses its own codes, since the class shares one database.</summary>
public sealed class ImportAdminUnitsTests(AppFactory app) : IClassFixture<AppFactory>
{
    private Task<AdminUnitImportResult> ImportAsync(byte[] content, DateOnly? effectiveOn = null, string fileName = "list.csv") => app.WithDbAsync(db =>
        new ImportAdminUnits(db, app.Clock).RunAsync(new MemoryStream(content), fileName, effectiveOn ?? ImportAdminUnits.DefaultEffectiveDate, dryRun: false));

    private Task<Commune?> CommuneAsync(string code) =>
        app.WithDbAsync(db => db.Communes.Include(c => c.Province).SingleOrDefaultAsync(c => c.Code == code && c.EffectiveTo == null));

    [DbFact]
    public async Task Columns_in_another_order_with_a_bom_and_codes_that_lost_their_zeros_are_read()
    {
        var result = await ImportAsync(Sheets.Csv(
            " cấp ,MÃ PX,phuong xa,Ma TP,Tinh thanh pho",
            "Xã,912,Xã Thử Một,1,Thành phố Hà Nội",
            "Đặc khu,91001,Đặc khu Thử Hai,91,Tỉnh Thử Chín Mốt"));

        Assert.True(result.Succeeded, string.Join("; ", result.Errors.Select(e => e.Message())));
        Assert.Equal((1, 0, 1), (result.Provinces.Created, result.Provinces.Updated, result.Provinces.Unchanged));
        Assert.Equal(2, result.Communes.Created);
        var padded = await CommuneAsync("00912");
        Assert.NotNull(padded);
        Assert.Equal("Xã Thử Một", padded.Name);
        Assert.Equal(CommuneLevel.Xa, padded.Level);
        Assert.Equal(app.World.HaNoi.Id, padded.ProvinceId);
        Assert.Equal("xa thu mot", padded.SearchName);
        Assert.Equal(ImportAdminUnits.DefaultEffectiveDate, padded.EffectiveFrom);
        var special = await CommuneAsync("91001");
        Assert.Equal(CommuneLevel.DacKhu, special!.Level);
        Assert.Equal("Tỉnh Thử Chín Mốt", special.Province!.Name);
    }

    [DbFact]
    public async Task An_xlsx_of_the_same_columns_is_read_with_numeric_codes_and_shared_strings()
    {
        var result = await ImportAsync(Sheets.Xlsx(
            ["Tỉnh Thành Phố", "Mã TP", "Phường Xã", "Mã PX", "Cấp"],
            ["Tỉnh Thử Chín Hai", 92, "Phường Thử Một", 92001, "Phường"],
            ["Tỉnh Thử Chín Hai", 92, "Xã Thử Hai", 92002, "Xã"],
            ["Thành phố Hà Nội", 1, "Xã Thử Ba", 920, "xa"]), fileName: "list.xlsx");

        Assert.True(result.Succeeded, string.Join("; ", result.Errors.Select(e => e.Message())));
        Assert.Equal(3, result.Rows);
        Assert.Equal(3, result.Communes.Created);
        Assert.Equal("Phường Thử Một", (await CommuneAsync("92001"))!.Name);
        Assert.Equal(CommuneLevel.Xa, (await CommuneAsync("92002"))!.Level);
        Assert.Equal(app.World.HaNoi.Id, (await CommuneAsync("00920"))!.ProvinceId);

        var again = await ImportAsync(Sheets.Xlsx(
            ["Cấp", "Mã PX", "Phường Xã", "Mã TP", "Tỉnh Thành Phố"],
            ["Phường", 92001, "Phường Thử Một", 92, "Tỉnh Thử Chín Hai"]), fileName: "again.xlsx");
        Assert.Equal((0, 0, 1), (again.Communes.Created, again.Communes.Updated, again.Communes.Unchanged));
    }

    [DbFact]
    public async Task A_renamed_commune_is_updated_with_a_change_dated_with_the_effective_date()
    {
        await ImportAsync(Sheets.Csv("Tỉnh Thành Phố,Mã TP,Phường Xã,Mã PX,Cấp", "Tỉnh Thử Chín Ba,93,Xã Thử Cũ,93001,Xã"));
        var id = (await CommuneAsync("93001"))!.Id;

        var renamedOn = new DateOnly(2026, 1, 1);
        var result = await ImportAsync(Sheets.Csv("Tỉnh Thành Phố,Mã TP,Phường Xã,Mã PX,Cấp", "Tỉnh Thử Chín Ba,93,Phường Thử Mới,93001,Phường"), renamedOn);

        Assert.Equal((0, 1, 0), (result.Communes.Created, result.Communes.Updated, result.Communes.Unchanged));
        var commune = await CommuneAsync("93001");
        Assert.Equal(id, commune!.Id);
        Assert.Equal("Phường Thử Mới", commune.Name);
        Assert.Equal("phuong thu moi", commune.SearchName);
        Assert.Equal(CommuneLevel.Phuong, commune.Level);
        var change = await app.WithDbAsync(db => db.AdminUnitChanges.SingleAsync(c => c.UnitKind == AdminUnitKind.Commune && c.UnitId == id));
        Assert.Equal(renamedOn, change.EffectiveOn);
        Assert.Equal("Xã Thử Cũ", change.OldName);
        Assert.Equal("Phường Thử Mới", change.NewName);
        Assert.Null(change.NewProvinceId);

        var page = await (await app.SignInAsync(World.Users.Admin)).GetDocumentAsync($"/areas/communes/{id}");
        var history = page.QuerySelector("[data-testid=name-history]")!.TextContent;
        Assert.Contains("01/01/2026", history, StringComparison.Ordinal);
        Assert.Contains("Xã Thử Cũ", history, StringComparison.Ordinal);
    }

    [DbFact]
    public async Task A_commune_moved_into_a_new_province_records_its_old_and_new_province()
    {
        await ImportAsync(Sheets.Csv("Tỉnh Thành Phố,Mã TP,Phường Xã,Mã PX,Cấp", "Tỉnh Thử Chín Bốn,94,Xã Thử Dời,94001,Xã"));
        var before = (await CommuneAsync("94001"))!;

        var result = await ImportAsync(Sheets.Csv("Tỉnh Thành Phố,Mã TP,Phường Xã,Mã PX,Cấp", "Tỉnh Thử Chín Lăm,95,Xã Thử Dời,94001,Xã"), new DateOnly(2026, 3, 1));

        Assert.True(result.Succeeded);
        Assert.Equal(1, result.Provinces.Created);
        Assert.Equal(1, result.Communes.Updated);
        var after = (await CommuneAsync("94001"))!;
        Assert.Equal("95", after.Province!.Code);
        var change = await app.WithDbAsync(db => db.AdminUnitChanges.SingleAsync(c => c.UnitKind == AdminUnitKind.Commune && c.UnitId == before.Id));
        Assert.Equal(before.ProvinceId, change.OldProvinceId);
        Assert.Equal(after.ProvinceId, change.NewProvinceId);
        Assert.Equal(new DateOnly(2026, 3, 1), change.EffectiveOn);
    }

    [DbFact]
    public async Task Bad_rows_are_reported_with_row_and_column_and_nothing_is_written()
    {
        var audit = await app.WithDbAsync(db => db.AuditEntries.CountAsync());
        var result = await ImportAsync(Sheets.Csv(
            "Tỉnh Thành Phố,Mã TP,Phường Xã,Mã PX,Cấp",
            "Tỉnh Thử Chín Bảy,97,Xã Thử Tốt,97001,Xã",
            "Tỉnh Thử Chín Bảy,097,Xã Thử Mã Tỉnh,97002,Xã",
            "Tỉnh Thử Chín Bảy,97,Xã Thử Cấp,97003,Huyện",
            "Tỉnh Thử Chín Bảy,97,,97004,Xã",
            "Tỉnh Thử Chín Bảy,97,Xã Thử Mã Xã,9700A,Xã",
            "Tỉnh Thử Chín Bảy,97,Xã Thử Trùng,97001,Xã"));

        Assert.False(result.Succeeded);
        var errors = result.Errors.Select(e => (e.Row, e.Column)).ToList();
        Assert.Equal([(3, "Mã TP"), (4, "Cấp"), (5, "Phường Xã"), (6, "Mã PX"), (7, "Mã PX")], errors);
        Assert.Contains("097", result.Errors[0].Message(), StringComparison.Ordinal);
        Assert.Contains("Huyện", result.Errors[1].Message(), StringComparison.Ordinal);
        Assert.Null(await CommuneAsync("97001"));
        Assert.False(await app.WithDbAsync(db => db.Provinces.AnyAsync(p => p.Code == "97")));
        Assert.Equal(audit, await app.WithDbAsync(db => db.AuditEntries.CountAsync()));
    }

    [DbFact]
    public async Task A_file_without_a_column_is_refused_naming_the_missing_column_in_vietnamese_and_english()
    {
        var file = Sheets.Csv("Tỉnh Thành Phố,Mã TP,Phường Xã,Cấp", "Tỉnh Thử Chín Tám,98,Xã Thử,Xã");
        var result = await ImportAsync(file);
        var error = Assert.Single(result.Errors);
        Assert.Equal("Mã PX", error.Column);
        Assert.Contains("thiếu cột “Mã PX”", error.Message(), StringComparison.Ordinal);

        var client = await app.SignInAsync(World.Users.Admin);
        var vi = await Browser.ParseAsync(await client.UploadAsync("/areas/import", "Input.File", "list.csv", file, new Dictionary<string, string?> { ["Input.DryRun"] = "false" }));
        Assert.Contains(vi.Errors(), e => e.Contains("Tệp thiếu cột “Mã PX”", StringComparison.Ordinal));
        var en = await Browser.ParseAsync(await client.UploadAsync("/areas/import?culture=en-US", "Input.File", "list.csv", file));
        Assert.Contains(en.Errors(), e => e.Contains("The file has no “Mã PX” column", StringComparison.Ordinal));
        Assert.False(await app.WithDbAsync(db => db.Provinces.AnyAsync(p => p.Code == "98")));
    }

    [DbFact]
    public async Task A_file_that_is_neither_csv_nor_xlsx_is_refused_by_its_content()
    {
        var client = await app.SignInAsync(World.Users.Admin);
        byte[] pdf = [.. "%PDF-1.7\n"u8, 0, 1, 2, 3, 0xFF, 0xD8];
        var response = await client.UploadAsync("/areas/import", "Input.File", "list.csv", pdf);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains((await Browser.ParseAsync(response)).Errors(), e => e.Contains("không phải CSV hay Excel", StringComparison.Ordinal));

        using var zip = new MemoryStream();
        using (var archive = new System.IO.Compression.ZipArchive(zip, System.IO.Compression.ZipArchiveMode.Create, leaveOpen: true))
        {
            await using var entry = archive.CreateEntry("hello.txt").Open();
            await entry.WriteAsync("xin chào"u8.ToArray());
        }
        response = await client.UploadAsync("/areas/import", "Input.File", "list.xlsx", zip.ToArray(), contentType: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
        Assert.Contains((await Browser.ParseAsync(response)).Errors(), e => e.Contains("không phải tệp Excel .xlsx hợp lệ", StringComparison.Ordinal));

        byte[] latin = [.. "Tỉnh Thành Phố,Mã TP,Phường Xã,Mã PX,Cấp\r\nT"u8, 0xEA, 0x6E, (byte)'\r', (byte)'\n'];
        response = await client.UploadAsync("/areas/import", "Input.File", "list.csv", latin);
        Assert.Contains((await Browser.ParseAsync(response)).Errors(), e => e.Contains("UTF-8", StringComparison.Ordinal));
    }
}
