using CongDongSo.Tests.Infrastructure;
using CongDongSo.Web.Data;
using CongDongSo.Web.Features.Areas;
using Microsoft.EntityFrameworkCore;

namespace CongDongSo.Tests.Features.Areas;

/// <summary>The statistics office's real list (34 provinces, 3,321 communes) over the seeded test world.</summary>
public sealed class ImportRealListTests(AppFactory app) : IClassFixture<AppFactory>
{
    private Task<AdminUnitImportResult> ImportAsync(bool dryRun = false) => app.WithDbAsync(db =>
        new ImportAdminUnits(db, app.Clock).RunAsync(new MemoryStream(RealAdminList.Bytes), RealAdminList.FileName, ImportAdminUnits.DefaultEffectiveDate, dryRun));

    [DbFact]
    public async Task The_real_list_gives_34_provinces_and_3321_communes_and_importing_it_again_changes_nothing()
    {
        var first = await ImportAsync();
        Assert.True(first.Succeeded, string.Join("; ", first.Errors.Select(e => e.Message())));
        Assert.Equal(3321, first.Rows);
        Assert.Equal(34, first.Provinces.Created + first.Provinces.Unchanged);
        Assert.Equal(3321, first.Communes.Created + first.Communes.Unchanged);
        Assert.Equal(0, first.Communes.Updated);

        var (provinces, levels) = await app.WithDbAsync(async db => (
            await db.Provinces.CountAsync(p => p.EffectiveTo == null),
            await db.Communes.Where(c => c.EffectiveTo == null).GroupBy(c => c.Level).Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Key, g => g.Count)));
        Assert.Equal(34, provinces);
        Assert.Equal(3321, levels.Values.Sum());
        Assert.Equal(2621, levels[CommuneLevel.Xa]);
        Assert.Equal(687, levels[CommuneLevel.Phuong]);
        Assert.Equal(13, levels[CommuneLevel.DacKhu]);

        var (changes, audit) = await app.WithDbAsync(async db => (await db.AdminUnitChanges.CountAsync(), await db.AuditEntries.CountAsync()));
        var again = await ImportAsync();
        Assert.True(again.Succeeded);
        Assert.Equal((0, 0, 34), (again.Provinces.Created, again.Provinces.Updated, again.Provinces.Unchanged));
        Assert.Equal((0, 0, 3321), (again.Communes.Created, again.Communes.Updated, again.Communes.Unchanged));
        var (changesAfter, auditAfter, summaries) = await app.WithDbAsync(async db => (
            await db.AdminUnitChanges.CountAsync(),
            await db.AuditEntries.CountAsync(),
            await db.AuditEntries.CountAsync(a => a.Action == AuditAction.Import && a.EntityType == "AdminUnits")));
        Assert.Equal(changes, changesAfter);
        Assert.Equal(audit + 1, auditAfter); // the one summary line, no row audit
        Assert.True(summaries >= 2);
    }

    [DbFact]
    public async Task The_seeded_units_are_matched_by_code_not_duplicated()
    {
        await ImportAsync();
        var hoaXuan = await app.WithDbAsync(db => db.Communes.Include(c => c.Province).SingleAsync(c => c.Code == "20314" && c.EffectiveTo == null));
        Assert.Equal(app.World.HoaXuan.Id, hoaXuan.Id);
        Assert.Equal("Phường Hòa Xuân", hoaXuan.Name);
        Assert.Equal(CommuneLevel.Phuong, hoaXuan.Level);
        Assert.Equal("48", hoaXuan.Province!.Code);
        Assert.Equal(app.World.DaNang.Id, hoaXuan.ProvinceId);
        Assert.Equal(1, await app.WithDbAsync(db => db.Communes.CountAsync(c => c.Code == "00004")));
        Assert.Equal(1, await app.WithDbAsync(db => db.Provinces.CountAsync(p => p.Code == "48")));
    }

    [DbFact]
    public async Task A_dry_run_of_the_real_list_reports_without_writing()
    {
        var before = await app.WithDbAsync(async db => (await db.Communes.CountAsync(), await db.AuditEntries.CountAsync()));
        var dry = await ImportAsync(dryRun: true);
        Assert.True(dry.Succeeded);
        Assert.Equal(3321, dry.Communes.Created + dry.Communes.Unchanged);
        var after = await app.WithDbAsync(async db => (await db.Communes.CountAsync(), await db.AuditEntries.CountAsync()));
        Assert.Equal(before, after);
    }
}
