using System.Net;
using CongDongSo.Tests.Infrastructure;
using CongDongSo.Web.Data;
using Microsoft.EntityFrameworkCore;
using static CongDongSo.Tests.Features.Households.PopulationKit;

namespace CongDongSo.Tests.Features.Households;

/// <summary>SECURITY.md, Access: households, residents and businesses outside the user's area do not exist (404).</summary>
public sealed class PopulationScopeTests(AppFactory app) : IClassFixture<AppFactory>
{
    private static string[] Pages(Household household, Resident resident, Business business) =>
    [
        $"/households/{household.Id}", $"/households/{household.Id}/edit", $"/households/{household.Id}/residents/new",
        $"/residents/{resident.Id}", $"/residents/{resident.Id}/edit", $"/residents/{resident.Id}/readiness",
        $"/businesses/{business.Id}", $"/businesses/{business.Id}/edit", $"/businesses/{business.Id}/readiness",
        $"/businesses/new?household={household.Id}",
    ];

    [DbFact]
    public async Task Team_leader_of_one_neighbourhood_gets_404_for_another_neighbourhoods_records()
    {
        var household = await HouseholdAsync(app, app.World.HxTdp2, "SC-TDP2");
        var resident = await ResidentAsync(app, household, "Huỳnh Thị Ngọc", gender: Gender.Female);
        var business = await BusinessAsync(app, app.World.HxTdp2, "Tạp hóa Ngọc", household.Id);
        var leader = await app.SignInAsync(World.Users.TeamLeadHx1);

        foreach (var url in Pages(household, resident, business))
        {
            Assert.True((await leader.GetAsync(url)).StatusCode == HttpStatusCode.NotFound, url);
        }
        var list = await leader.GetDocumentAsync("/households");
        Assert.DoesNotContain("SC-TDP2", list.Text(), StringComparison.Ordinal);
        var businesses = await leader.GetDocumentAsync("/businesses");
        Assert.DoesNotContain("Tạp hóa Ngọc", businesses.Text(), StringComparison.Ordinal);

        // Team 2's leader sees them.
        var sibling = await app.SignInAsync(World.Users.TeamLeadHx2);
        Assert.Equal(HttpStatusCode.OK, (await sibling.GetAsync($"/residents/{resident.Id}")).StatusCode);
    }

    [DbFact]
    public async Task Another_wards_officer_gets_404_for_every_page_and_action_on_the_record()
    {
        var household = await HouseholdAsync(app, app.World.HxTdp1, "SC-HX");
        var resident = await ResidentAsync(app, household, "Lê Văn Tám", citizenId: ValidId(1990, Gender.Male, 424242));
        var business = await BusinessAsync(app, app.World.HxTdp1, "Quán cơm Kim Liên", household.Id);
        var camLe = await app.SignInAsync(World.Users.WardCamLe);

        foreach (var url in Pages(household, resident, business).Concat([$"/residents/{resident.Id}/export", $"/residents/{resident.Id}/erase"]))
        {
            Assert.True((await camLe.GetAsync(url)).StatusCode == HttpStatusCode.NotFound, url);
        }
        var token = await Security.Accounts.AntiforgeryTokenAsync(camLe, "/households/new");
        foreach (var url in new[] { $"/residents/{resident.Id}?handler=ShowId", $"/residents/{resident.Id}/erase", $"/residents/{resident.Id}/edit", $"/households/{household.Id}/edit" })
        {
            var post = await camLe.PostAsync(url, new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = token, ["Confirm"] = "true" }));
            Assert.True(post.StatusCode == HttpStatusCode.NotFound, url);
        }
        Assert.Null(await app.WithDbAsync(db => db.Residents.Where(r => r.Id == resident.Id).Select(r => r.ErasedAtUtc).SingleAsync()));
        Assert.False(await app.WithDbAsync(db => db.AuditEntries.AnyAsync(a => a.EntityId == resident.Id.ToString() && a.UserName == World.Users.WardCamLe)));
    }

    [DbFact]
    public async Task A_province_officer_sees_figures_not_people()
    {
        var household = await HouseholdAsync(app, app.World.HxTdp1, "SC-PO");
        var province = await app.SignInAsync(World.Users.ProvinceDaNang);

        (await province.GetAsync("/households")).AssertForbidden();
        (await province.GetAsync($"/households/{household.Id}")).AssertForbidden();
    }
}
