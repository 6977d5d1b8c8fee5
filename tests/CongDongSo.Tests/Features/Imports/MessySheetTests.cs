using System.Text;
using CongDongSo.Tests.Infrastructure;
using CongDongSo.Web.Data;
using CongDongSo.Web.Features.Imports;
using CongDongSo.Web.Infrastructure.Privacy;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static CongDongSo.Tests.Features.Imports.WardSheets;

namespace CongDongSo.Tests.Features.Imports;

/// <summary>
/// The ward's real-looking lists: diacritics in NFD (typed on a Mac or pasted from a PDF), +84 phones,
/// blank rows, a duplicate household code, a duplicate ID number, a bad ID number, a bad phone, an ID
/// that contradicts the gender, an unknown neighbourhood and an unknown household.
/// </summary>
public sealed class MessySheetTests(AppFactory app) : IClassFixture<AppFactory>
{
    private const string ConsistencyWarning = "Cần kiểm tra: Chữ số giới tính của số định danh (nam) không khớp giới tính nữ: cần kiểm tra lại.";
    private const string LengthProblem = "Số định danh phải có 12 chữ số (ô có 5).";
    private const string BadPhone = "Số điện thoại không hợp lệ: cần số di động Việt Nam 10 chữ số (có thể viết +84), ô có 7 chữ số.";

    private static byte[] Households(string prefix) => Csv(
        "Mã hộ,Địa chỉ,Thôn/Tổ dân phố,Hộ nghèo/cận nghèo,Hộ kinh doanh",
        $"{prefix}-01,{Nfd("12 Nguyễn Văn Linh")},{Nfd("tổ dân phố số 1")},,x",
        $"{prefix}-02,{Nfd("3 Lê Văn Hiến")},Tổ dân phố số 2,Hộ cận nghèo,",
        ",,,,",
        $"{prefix}-03,5 Trần Đại Nghĩa,Tổ dân phố số 7,,",
        $"{prefix}-01,{Nfd("12 Nguyễn Văn Linh")},Tổ dân phố số 1,,",
        "");

    /// <summary>
    /// The resident sheet: rows 2, 3 and 5 are good; 6, 7, 8 and 10 each have an error; 9 is imported with a
    /// warning (the ID's sex digit says male, the gender column female); 4 and 11 are blank.
    /// </summary>
    private static byte[] Residents(string prefix, string idBase) => Csv(
        "STT,Mã hộ,Họ và tên,Ngày sinh,Giới tính,Số CCCD,SĐT,Quan hệ với chủ hộ,Khuyết tật",
        $"1,{prefix}-01,{Nfd("Nguyễn Văn An")},15/03/1985,Nam,{Id(idBase, '0', "85", "01")},+84 905 111 222,Chủ hộ,",
        $"2,{prefix}-01,{Nfd("Trần Thị Bình")},1987,{Nfd("Nữ")},{Id(idBase, '1', "87", "02")},0905 111 333,Vợ,",
        ",,,,,,,,",
        $"3,{prefix}-01,Nguyễn Minh Châu,2012-09-01,Nam,,,Con,x",
        $"4,{prefix}-02,Lê Văn Dũng,02/02/1985,Nam,{Id(idBase, '0', "85", "01")},,Chủ hộ,",
        $"5,{prefix}-02,Phạm Thị Én,1975,Nữ,12345,,Vợ,",
        $"6,{prefix}-02,Hoàng Văn Giang,1990,Nam,{Id(idBase, '0', "90", "03")},0123 456,Con,",
        $"7,{prefix}-02,Võ Thị Hạnh,1992,Nữ,{Id(idBase, '0', "92", "04")},,Con,",
        $"8,{prefix}-09,Đỗ Văn Ích,1995,Nam,,,Con,",
        ",,,,,,,,");

    /// <summary>A 12-digit number: Đà Nẵng's registration code 048, the century/sex digit, the year, then 6 digits.</summary>
    private static string Id(string idBase, char centuryDigit, string year, string tail) => $"048{centuryDigit}{year}{idBase}{tail}";

    private static readonly (string, string, string)[] s_householdErrors =
    [
        ("5", "Thôn/Tổ dân phố", "Tổ dân phố “Tổ dân phố số 7” không có trong danh sách tổ dân phố, thôn đang hoạt động của phường/xã."),
        ("6", "Mã hộ", "Mã hộ “{0}-01” đã có ở dòng 2."),
    ];

    private static (string, string, string)[] ResidentErrors(string prefix) =>
    [
        ("6", "Số CCCD", "Trùng số định danh với dòng STT 1 – Nguyễn Văn An."),
        ("7", "Số CCCD", LengthProblem),
        ("8", "SĐT", BadPhone),
        ("10", "Mã hộ", $"Mã hộ “{prefix}-09” chưa có trong phường/xã: thêm cột Tổ dân phố (và Địa chỉ) để tạo hộ mới, hoặc nhập danh sách hộ trước."),
    ];

    private static void AssertTheWarning(ImportOutcome outcome)
    {
        var warning = Assert.Single(outcome.Issues, i => i.IsWarning);
        Assert.Equal(("9", "7", "Võ Thị Hạnh", "Số CCCD", ConsistencyWarning), (warning.Row, warning.Stt, warning.Name, warning.Column, warning.Reason));
        Assert.Equal(1, outcome.WarningRows);
    }

    [DbFact]
    public async Task A_messy_household_sheet_gives_exactly_the_expected_row_errors_and_the_dry_run_writes_nothing()
    {
        var client = await app.SignInAsync(World.Users.WardHoaXuan);
        var map = await client.UploadAsync(ImportKind.Households, "ho-gia-dinh.csv", Households("DR"));

        var dry = await client.RunAsync(map, ImportMode.DryRun);

        Assert.Equal((2, 0, 0, 2), dry.Counts);
        Assert.Equal(s_householdErrors.Select(e => (e.Item1, e.Item2, e.Item3.Replace("{0}", "DR", StringComparison.Ordinal))), dry.Errors);
        Assert.Contains("giây", dry.Page.QuerySelector("[data-testid=import-time]")!.TextContent, StringComparison.Ordinal);
        Assert.False(await app.WithDbAsync(db => db.Households.AnyAsync(h => h.Code.StartsWith("DR-"))));
        Assert.False(await app.WithDbAsync(db => db.AuditEntries.AnyAsync(a => a.Action == AuditAction.Import && a.Summary!.StartsWith("ho-gia-dinh.csv"))));
    }

    [DbFact]
    public async Task A_messy_resident_sheet_gives_exactly_the_expected_row_errors_and_all_or_nothing_writes_nothing()
    {
        var client = await app.SignInAsync(World.Users.WardHoaXuan);
        await client.RunAsync(await client.UploadAsync(ImportKind.Households, "ho.csv", Households("AN")), ImportMode.ValidRowsOnly);
        var map = await client.UploadAsync(ImportKind.Residents, "nhan-khau-an.csv", Residents("AN", "1111"));

        var dry = await client.RunAsync(map, ImportMode.DryRun);
        Assert.Equal((4, 0, 0, 4), dry.Counts);
        Assert.Equal(ResidentErrors("AN"), dry.Errors);
        AssertTheWarning(dry);
        Assert.Equal(0, await ResidentsAsync("AN"));

        var all = await client.RunAsync(map, ImportMode.AllOrNothing);
        Assert.Equal((4, 0, 0, 4), all.Counts);
        Assert.Equal(ResidentErrors("AN"), all.Errors);
        Assert.Contains("chưa ghi gì", all.Page.QuerySelector("[data-testid=import-result]")!.TextContent, StringComparison.Ordinal);
        Assert.Equal(0, await ResidentsAsync("AN"));
        Assert.False(await app.WithDbAsync(db => db.AuditEntries.AnyAsync(a => a.Action == AuditAction.Import && a.Summary!.StartsWith("nhan-khau-an.csv"))));
    }

    [DbFact]
    public async Task Valid_rows_only_writes_the_good_rows_normalised_and_encrypted_and_reimporting_changes_nothing()
    {
        var client = await app.SignInAsync(World.Users.WardHoaXuan);
        var households = await client.RunAsync(await client.UploadAsync(ImportKind.Households, "ho.csv", Households("OK")), ImportMode.ValidRowsOnly);
        Assert.Equal((2, 0, 0, 2), households.Counts);
        var map = await client.UploadAsync(ImportKind.Residents, "nhan-khau-ok.csv", Residents("OK", "2222"));

        var first = await client.RunAsync(map, ImportMode.ValidRowsOnly);

        Assert.Equal((4, 0, 0, 4), first.Counts);
        Assert.Equal(ResidentErrors("OK"), first.Errors);
        AssertTheWarning(first);
        var people = await app.WithDbAsync(db => db.Residents.Include(r => r.Household).Where(r => r.Household!.Code.StartsWith("OK-")).OrderBy(r => r.FullName).ToListAsync());
        Assert.Equal(["Nguyễn Minh Châu", "Nguyễn Văn An", "Trần Thị Bình", "Võ Thị Hạnh"], people.Select(r => r.FullName));
        Assert.All(people, r => Assert.True(r.FullName.IsNormalized(NormalizationForm.FormC)));
        var an = people.Single(r => r.FullName == "Nguyễn Văn An");
        Assert.Equal(new DateOnly(1985, 3, 15), an.BirthDate);
        Assert.Equal(1985, an.BirthYear);
        Assert.Equal(RelationToHead.Head, an.Relation);
        Assert.Equal(app.World.HxTdp1.Id, an.NeighbourhoodId);
        var chau = people.Single(r => r.FullName == "Nguyễn Minh Châu");
        Assert.True(chau.HasDisability);
        Assert.Null(chau.CitizenIdCipher);
        Assert.Equal(1987, people.Single(r => r.FullName == "Trần Thị Bình").BirthYear);
        Assert.Null(people.Single(r => r.FullName == "Trần Thị Bình").BirthDate);
        var household = await app.WithDbAsync(db => db.Households.SingleAsync(h => h.Code == "OK-01"));
        Assert.Equal(an.Id, household.HeadResidentId);
        Assert.Equal("12 Nguyễn Văn Linh", household.Address);
        Assert.True(household.HasBusiness);
        Assert.Equal(PovertyStatus.NearPoor, (await app.WithDbAsync(db => db.Households.SingleAsync(h => h.Code == "OK-02"))).Poverty);

        // The ID number and phone are stored only encrypted (plus a keyed hash and the last three digits).
        var protector = app.Services.GetRequiredService<PersonalDataProtector>();
        var anId = Id("2222", '0', "85", "01");
        Assert.Equal(anId, protector.Decrypt(an.CitizenIdCipher));
        Assert.Equal("0905111222", protector.Decrypt(an.PhoneCipher));
        Assert.Equal("201", an.CitizenIdTail);
        Assert.Equal("222", an.PhoneTail);
        Assert.Equal(protector.LookupHash(anId), an.CitizenIdHash);
        foreach (var clear in new[] { anId, Id("2222", '1', "87", "02"), "0905111222", "905111222", "0905111333" })
        {
            var bytes = Encoding.UTF8.GetBytes(clear);
            Assert.All(people, r => Assert.False(r.CitizenIdCipher?.AsSpan().IndexOf(bytes) >= 0 || r.PhoneCipher?.AsSpan().IndexOf(bytes) >= 0));
            Assert.Equal(0, await app.WithDbAsync(db => db.Residents.CountAsync(r => r.FullName.Contains(clear) || r.SearchName.Contains(clear)
                || r.CitizenIdTail!.Contains(clear) || r.PhoneTail!.Contains(clear))));
            Assert.Equal(0, await app.WithDbAsync(db => db.AuditEntries.CountAsync(a => a.Summary!.Contains(clear) || a.After!.Contains(clear) || a.Before!.Contains(clear))));
        }

        // One summary line in the audit log, no line per row.
        var audit = await app.WithDbAsync(db => db.AuditEntries.Where(a => a.Action == AuditAction.Import && a.Summary!.StartsWith("nhan-khau-ok.csv")).ToListAsync());
        var line = Assert.Single(audit);
        Assert.Equal("nhan-khau-ok.csv: 4 tạo mới, 0 cập nhật, 0 không đổi, 4 dòng lỗi (chỉ dòng hợp lệ)", line.Summary);
        Assert.Equal(app.World.HoaXuan.Id, line.CommuneId);
        Assert.Equal(World.Users.WardHoaXuan, line.UserName);
        Assert.False(await app.WithDbAsync(db => db.AuditEntries.AnyAsync(a => a.EntityType == nameof(Resident))));

        // The same file again: nothing created or updated, the rows untouched.
        var stamps = people.ToDictionary(r => r.Id, r => (r.UpdatedAtUtc, Cipher: Convert.ToBase64String(r.CitizenIdCipher ?? [])));
        var householdStamps = await app.WithDbAsync(db => db.Households.Where(h => h.Code.StartsWith("OK-")).OrderBy(h => h.Code).Select(h => new { h.Code, h.UpdatedAtUtc, h.SearchText }).ToListAsync());
        Assert.Contains(householdStamps, h => h.Code == "OK-01" && h.SearchText == "ok-01 12 nguyen van linh nguyen van an");
        app.Clock.Advance(TimeSpan.FromMinutes(5));
        var again = await client.RunAsync(await client.UploadAsync(ImportKind.Residents, "nhan-khau-ok.csv", Residents("OK", "2222")), ImportMode.ValidRowsOnly);

        Assert.Equal((0, 0, 4, 4), again.Counts);
        var after = await app.WithDbAsync(db => db.Residents.Where(r => stamps.Keys.Contains(r.Id)).ToListAsync());
        Assert.Equal(4, after.Count);
        Assert.All(after, r => Assert.Equal(stamps[r.Id], (r.UpdatedAtUtc, Convert.ToBase64String(r.CitizenIdCipher ?? []))));
        Assert.Equal(4, await ResidentsAsync("OK"));
        Assert.Equal(householdStamps, await app.WithDbAsync(db => db.Households.Where(h => h.Code.StartsWith("OK-")).OrderBy(h => h.Code).Select(h => new { h.Code, h.UpdatedAtUtc, h.SearchText }).ToListAsync()));
        var lines = await app.WithDbAsync(db => db.AuditEntries.Where(a => a.Action == AuditAction.Import && a.Summary!.StartsWith("nhan-khau-ok.csv")).OrderBy(a => a.AtUtc).ToListAsync());
        Assert.Equal(2, lines.Count);
        Assert.Equal("nhan-khau-ok.csv: 0 tạo mới, 0 cập nhật, 4 không đổi, 4 dòng lỗi (chỉ dòng hợp lệ)", lines[1].Summary);
        Assert.False(await app.WithDbAsync(db => db.AuditEntries.AnyAsync(a => a.EntityType == nameof(Resident) || a.EntityType == nameof(Household))));
    }

    [DbFact]
    public async Task A_changed_row_is_updated_and_the_rest_left_unchanged()
    {
        var client = await app.SignInAsync(World.Users.WardHoaXuan);
        await client.RunAsync(await client.UploadAsync(ImportKind.Households, "ho.csv", Households("UP")), ImportMode.ValidRowsOnly);
        await client.RunAsync(await client.UploadAsync(ImportKind.Residents, "nk.csv", Residents("UP", "3333")), ImportMode.ValidRowsOnly);
        var changed = Encoding.UTF8.GetString(Residents("UP", "3333")).Replace("0905 111 333", "0935 999 888", StringComparison.Ordinal);

        var run = await client.RunAsync(await client.UploadAsync(ImportKind.Residents, "nk.csv", Encoding.UTF8.GetBytes(changed)), ImportMode.ValidRowsOnly);

        Assert.Equal((0, 1, 3, 4), run.Counts);
        var binh = await app.WithDbAsync(db => db.Residents.SingleAsync(r => r.SearchName == "tran thi binh" && r.Household!.Code == "UP-01"));
        Assert.Equal("0935999888", app.Services.GetRequiredService<PersonalDataProtector>().Decrypt(binh.PhoneCipher));
    }

    private Task<int> ResidentsAsync(string prefix) =>
        app.WithDbAsync(db => db.Residents.CountAsync(r => r.Household!.Code.StartsWith(prefix + "-")));
}
