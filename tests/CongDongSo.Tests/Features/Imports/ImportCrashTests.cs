using System.Text;
using CongDongSo.Tests.Infrastructure;
using CongDongSo.Web.Data;
using CongDongSo.Web.Features.Imports;
using CongDongSo.Web.Infrastructure.Localization;
using CongDongSo.Web.Infrastructure.Privacy;
using CongDongSo.Web.Infrastructure.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Localization;

namespace CongDongSo.Tests.Features.Imports;

/// <summary>SECURITY.md, Reliability: imports are never half-written by a crash, whatever the mode.</summary>
public sealed class ImportCrashTests(AppFactory app) : IClassFixture<AppFactory>
{
    [DbTheory]
    [InlineData(ImportMode.AllOrNothing, "CA", 1)]
    [InlineData(ImportMode.ValidRowsOnly, "CV", 2)]
    public async Task A_crash_mid_import_leaves_nothing_half_written(ImportMode mode, string prefix, int seed)
    {
        await HouseholdsAsync(prefix, 5);
        var lines = new List<string> { "Mã hộ,Họ và tên,Năm sinh,Giới tính,Số định danh,Quan hệ với chủ hộ" };
        for (var i = 0; i < 10; i++)
        {
            lines.Add($"{prefix}-{i / 2},Người Thứ {i},1980,Nam,{Id(seed, i)},{(i % 2 == 0 ? "Chủ hộ" : "Con")}");
        }
        var request = Request(prefix, lines, mode);

        // Chunks of 2 rows, a crash once 6 rows are written: three chunks are already in the database's hands.
        var crash = await Assert.ThrowsAsync<InvalidOperationException>(() => RunAsync(request, chunkSize: 2, failAfterRows: 6));

        Assert.Contains("Injected failure", crash.Message, StringComparison.Ordinal);
        Assert.Equal(0, await app.WithDbAsync(db => db.Residents.CountAsync(r => r.Household!.Code.StartsWith(prefix))));
        Assert.Equal(0, await app.WithDbAsync(db => db.Households.CountAsync(h => h.Code.StartsWith(prefix) && h.HeadResidentId != null)));
        Assert.False(await app.WithDbAsync(db => db.AuditEntries.AnyAsync(a => a.Action == AuditAction.Import && a.Summary!.StartsWith(prefix))));

        // The same run without the crash writes everything: the crash, not the data, stopped it.
        var result = await RunAsync(request, chunkSize: 2, failAfterRows: null);
        Assert.True(result.Written);
        Assert.Equal(10, result.Created);
        Assert.Equal(10, await app.WithDbAsync(db => db.Residents.CountAsync(r => r.Household!.Code.StartsWith(prefix))));
        Assert.Equal(5, await app.WithDbAsync(db => db.Households.CountAsync(h => h.Code.StartsWith(prefix) && h.HeadResidentId != null)));
    }

    [DbFact]
    public async Task A_dry_run_counts_what_a_real_run_would_do_and_writes_nothing()
    {
        await HouseholdsAsync("DRY", 2);
        var request = Request("DRY", ["Mã hộ,Họ và tên,Năm sinh", "DRY-0,Trần Văn Một,1970", "DRY-1,Trần Văn Hai,1971", "DRY-9,Trần Văn Chín,1972"], ImportMode.DryRun);

        var result = await RunAsync(request, chunkSize: 2, failAfterRows: 1);

        Assert.False(result.Written);
        Assert.Equal((3, 2, 1), (result.Rows, result.Created, result.ErrorRows));
        Assert.Equal(0, await app.WithDbAsync(db => db.Residents.CountAsync(r => r.Household!.Code.StartsWith("DRY"))));
    }

    /// <summary>Valid 12-digit numbers, one per person: 048 (Đà Nẵng), 0 (a man born in the 1900s), 80, then six digits.</summary>
    private static string Id(int seed, int i) => $"048080{seed:D4}{i:D2}";

    private PopulationImportRequest Request(string prefix, List<string> lines, ImportMode mode)
    {
        var path = Path.Combine(app.Database.Folder, prefix + ".csv");
        File.WriteAllText(path, string.Join("\r\n", lines) + "\r\n", new UTF8Encoding(true));
        var headers = lines[0].Split(',');
        return new PopulationImportRequest(ImportKind.Residents, app.World.HoaXuan.Id, path, prefix + ".csv", 1,
            new ColumnMap(headers, ImportFields.Propose(ImportKind.Residents, headers, null)), mode);
    }

    private Task<PopulationImportResult> RunAsync(PopulationImportRequest request, int chunkSize, int? failAfterRows) =>
        app.AsUserAsync(World.Users.WardHoaXuan, (services, db) =>
            new ImportPopulation(db, services.GetRequiredService<PersonalDataProtector>(), services.GetRequiredService<TimeProvider>(),
                services.GetRequiredService<IStringLocalizer<SharedResource>>()) { ChunkSize = chunkSize, FailAfterRows = failAfterRows }
            .RunAsync(request));

    private Task HouseholdsAsync(string prefix, int count) => app.WithDbAsync(async db =>
    {
        for (var i = 0; i < count; i++)
        {
            var address = $"{i + 1} Võ Chí Công";
            db.Households.Add(new Household
            {
                CommuneId = app.World.HoaXuan.Id, NeighbourhoodId = app.World.HxTdp1.Id, Code = $"{prefix}-{i}", Address = address,
                SearchText = VietnameseText.Fold($"{prefix}-{i} {address}"),
            });
        }
        await db.SaveChangesAsync();
    });
}
