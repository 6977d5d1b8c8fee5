using CongDongSo.Tests.Features.Households;
using CongDongSo.Tests.Infrastructure;
using CongDongSo.Web.Data;

namespace CongDongSo.Tests.Features.Localization;

/// <summary>The seeded catalogues (readiness items, their values, affiliations) read in English on the English pages.</summary>
public sealed class EnglishCatalogueTests(AppFactory app) : IClassFixture<AppFactory>
{
    [DbFact]
    public async Task A_residents_readiness_reads_in_english_and_a_wards_own_item_stays_as_the_ward_wrote_it()
    {
        var household = await PopulationKit.HouseholdAsync(app, app.World.HxTdp1, "EN-1");
        var resident = await PopulationKit.ResidentAsync(app, household, "Lê Văn Anh", relation: RelationToHead.Head);
        await PopulationKit.EventAsync(app, resident, "vneid", "level2", PopulationKit.Noon(2026, 11, 2));
        var client = await app.SignInAsync(World.Users.WardHoaXuan);

        var english = (await client.GetDocumentAsync($"/residents/{resident.Id}?culture=en-US")).Text();
        var vietnamese = (await client.GetDocumentAsync($"/residents/{resident.Id}?culture=vi-VN")).Text();

        Assert.Contains("VNeID electronic identity account", english, StringComparison.Ordinal);
        Assert.Contains("Level 2", english, StringComparison.Ordinal);
        Assert.Contains("Smartphone", english, StringComparison.Ordinal);
        Assert.Contains("Tài khoản định danh điện tử VNeID", vietnamese, StringComparison.Ordinal);
        Assert.Contains("Mức 2", vietnamese, StringComparison.Ordinal);
    }
}
