using System.Net;
using CongDongSo.Tests.Infrastructure;
using CongDongSo.Web.Data;
using Microsoft.EntityFrameworkCore;
using static CongDongSo.Tests.Features.Households.PopulationKit;

namespace CongDongSo.Tests.Features.Households;

public sealed class HouseholdTests(AppFactory app) : IClassFixture<AppFactory>
{
    [DbFact]
    public async Task Ward_officer_adds_a_household_with_its_search_text()
    {
        var client = await app.SignInAsync(World.Users.WardHoaXuan);
        var form = await client.GetDocumentAsync("/households/new");
        Assert.Equal(2, form.QuerySelectorAll("select[name='Input.NeighbourhoodId'] option[value]:not([value=''])").Length);
        Assert.Null(form.QuerySelector("input[name='Input.HasBusiness'][checked]"));

        var response = await client.SubmitFormAsync(form, "/households/new", new Dictionary<string, string?>
        {
            ["Input.Code"] = " HX01-101 ",
            ["Input.NeighbourhoodId"] = app.World.HxTdp2.Id.ToString(),
            ["Input.Address"] = "103  Đàm Quang Trung",
            ["Input.Poverty"] = "NearPoor",
            ["Input.HasBusiness"] = "true",
        });

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var household = await app.WithDbAsync(db => db.Households.SingleAsync(h => h.Code == "HX01-101"));
        Assert.Equal($"/households/{household.Id}", response.Headers.Location!.PathAndQuery());
        Assert.Equal(app.World.HoaXuan.Id, household.CommuneId);
        Assert.Equal(app.World.HxTdp2.Id, household.NeighbourhoodId);
        Assert.Equal("103 Đàm Quang Trung", household.Address);
        Assert.Equal(PovertyStatus.NearPoor, household.Poverty);
        Assert.True(household.HasBusiness);
        Assert.Equal("hx01-101 103 dam quang trung", household.SearchText);
    }

    [DbFact]
    public async Task A_code_already_used_in_the_commune_is_a_field_error_even_in_a_neighbourhood_the_user_cannot_see()
    {
        await HouseholdAsync(app, app.World.HxTdp2, "HX02-555");
        var leader = await app.SignInAsync(World.Users.TeamLeadHx1);
        var form = await leader.GetDocumentAsync("/households/new");
        // A team leader has one neighbourhood, already chosen.
        Assert.Equal(app.World.HxTdp1.Id.ToString(), form.FieldValue("Input.NeighbourhoodId"));

        var response = await leader.SubmitFormAsync(form, "/households/new", new Dictionary<string, string?>
        {
            ["Input.Code"] = "HX02-555",
            ["Input.Address"] = "7 Thăng Long",
        });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await Browser.ParseAsync(response);
        Assert.Equal("Mã hộ HX02-555 đã có trong phường/xã: mỗi hộ một mã.", page.QuerySelector("[data-valmsg-for='Input.Code']")!.TextContent.Trim());
        Assert.Equal(1, await app.WithDbAsync(db => db.Households.CountAsync(h => h.Code == "HX02-555")));

        // A neighbourhood outside the team's is refused, whatever the form says.
        var outside = await Browser.ParseAsync(await leader.SubmitFormAsync(form, "/households/new", new Dictionary<string, string?>
        {
            ["Input.Code"] = "HX02-556",
            ["Input.NeighbourhoodId"] = app.World.HxTdp2.Id.ToString(),
            ["Input.Address"] = "7 Thăng Long",
        }));
        Assert.Contains("Tổ dân phố phải là một tổ dân phố đang hoạt động trong địa bàn của bạn.", outside.Errors());

        // The same code in another ward is another household.
        var camLe = await app.SignInAsync(World.Users.WardCamLe);
        var other = await camLe.SubmitFormAsync("/households/new", new Dictionary<string, string?>
        {
            ["Input.Code"] = "HX02-555",
            ["Input.NeighbourhoodId"] = app.World.ClTdp1.Id.ToString(),
            ["Input.Address"] = "1 Cách Mạng Tháng Tám",
        });
        Assert.Equal(HttpStatusCode.Redirect, other.StatusCode);
    }

    [DbFact]
    public async Task Search_finds_households_by_code_address_or_head_without_diacritics_and_filters_narrow_them()
    {
        var poor = await HouseholdAsync(app, app.World.HxTdp1, "SX-001", "48 Võ Chí Công", PovertyStatus.Poor);
        await ResidentAsync(app, poor, "Ngô Văn Lực", 1949, relation: RelationToHead.Head);
        var business = await HouseholdAsync(app, app.World.HxTdp2, "SX-002", "31 Lê Văn Linh", hasBusiness: true);
        await ResidentAsync(app, business, "Mai Thị Xuân", 1985, Gender.Female, relation: RelationToHead.Head);
        var client = await app.SignInAsync(World.Users.LeaderHoaXuan);

        async Task<string[]> CodesAsync(string url) =>
            [.. (await client.GetDocumentAsync(url)).QuerySelectorAll("[data-testid=households] .title").Select(t => t.TextContent.Split(" · ")[0].Trim())];

        Assert.Equal(["SX-001"], await CodesAsync("/households?q=ngo van luc"));
        Assert.Equal(["SX-001"], await CodesAsync("/households?q=VO CHI CONG"));
        Assert.Equal(["SX-002"], await CodesAsync("/households?q=Mai Thị"));
        Assert.Equal(["SX-002"], await CodesAsync("/households?q=sx-002"));
        Assert.Equal(["SX-001", "SX-002"], await CodesAsync("/households?q=sx-"));
        Assert.Equal(["SX-001"], await CodesAsync("/households?q=sx-&poverty=Poor"));
        Assert.Equal(["SX-002"], await CodesAsync("/households?q=sx-&business=true"));
        Assert.Equal(["SX-002"], await CodesAsync($"/households?q=sx-&neighbourhood={app.World.HxTdp2.Id}"));
        Assert.Empty(await CodesAsync("/households?q=100%25"));
    }

    [DbFact]
    public async Task The_household_page_counts_adults_from_15_and_18_and_shows_what_each_person_still_misses()
    {
        // Today is 20/11/2026 in the test clock.
        var household = await HouseholdAsync(app, app.World.HxTdp1, "AD-001");
        var head = await ResidentAsync(app, household, "Trần Văn Bình", birthDate: new DateOnly(2008, 11, 20), relation: RelationToHead.Head);
        await ResidentAsync(app, household, "Trần Minh Khôi", birthDate: new DateOnly(2008, 11, 21), relation: RelationToHead.Child);
        await ResidentAsync(app, household, "Trần Văn An", birthYear: 2008, relation: RelationToHead.Sibling);
        await ResidentAsync(app, household, "Trần Thị Mai", birthYear: 2011, gender: Gender.Female, relation: RelationToHead.Child);
        await ResidentAsync(app, household, "Trần Văn Nam", birthDate: new DateOnly(2011, 11, 21), relation: RelationToHead.Child);
        foreach (var item in new[] { "smartphone", "vneid" })
        {
            await EventAsync(app, head, item, item == "vneid" ? "level2" : "yes", Noon(2026, 10, 1));
        }
        var client = await app.SignInAsync(World.Users.MemberHx1);

        var page = await client.GetDocumentAsync($"/households/{household.Id}");

        Assert.Equal("4", page.QuerySelector("[data-testid=from15]")!.TextContent.Trim());
        Assert.Equal("2", page.QuerySelector("[data-testid=from18]")!.TextContent.Trim());
        var headLine = page.QuerySelector($"[data-resident='{head.Id}']")!.TextContent;
        Assert.Contains("18 tuổi", headLine, StringComparison.Ordinal);
        Assert.Contains("Đạt 2/12 mục", headLine, StringComparison.Ordinal);
        Assert.Contains("Tài khoản dịch vụ công trực tuyến", headLine, StringComparison.Ordinal);
        Assert.DoesNotContain("Điện thoại thông minh", headLine, StringComparison.Ordinal);
        Assert.Equal("Hộ AD-001 · Trần Văn Bình", page.QuerySelector("h1")!.TextContent.Trim());
    }

    [DbFact]
    public async Task Moving_a_household_to_another_neighbourhood_moves_its_residents_and_their_events()
    {
        var household = await HouseholdAsync(app, app.World.HxTdp1, "MV-001", "7 Thăng Long");
        var resident = await ResidentAsync(app, household, "Huỳnh Văn Phú", relation: RelationToHead.Head);
        var e = await EventAsync(app, resident, "smartphone", "yes", Noon(2026, 10, 1));
        var officer = await app.SignInAsync(World.Users.WardHoaXuan);
        var form = await officer.GetDocumentAsync($"/households/{household.Id}/edit");
        Assert.Equal("MV-001", form.FieldValue("Input.Code"));

        var response = await officer.SubmitFormAsync(form, $"/households/{household.Id}/edit", new Dictionary<string, string?>
        {
            ["Input.NeighbourhoodId"] = app.World.HxTdp2.Id.ToString(),
        });

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal(app.World.HxTdp2.Id, await app.WithDbAsync(db => db.Residents.Where(r => r.Id == resident.Id).Select(r => r.NeighbourhoodId).SingleAsync()));
        Assert.Equal(app.World.HxTdp2.Id, await app.WithDbAsync(db => db.ReadinessEvents.Where(x => x.Id == e.Id).Select(x => x.NeighbourhoodId).SingleAsync()));
        Assert.Equal("mv-001 7 thang long huynh van phu", await app.WithDbAsync(db => db.Households.Where(h => h.Id == household.Id).Select(h => h.SearchText).SingleAsync()));
        // Now team 2's, with its history.
        var team2 = await app.SignInAsync(World.Users.TeamLeadHx2);
        var page = await team2.GetDocumentAsync($"/residents/{resident.Id}");
        Assert.Equal("yes", page.QuerySelector("[data-item=smartphone] [data-testid=value]")!.GetAttribute("data-value"));
        var team1 = await app.SignInAsync(World.Users.TeamLeadHx1);
        Assert.Equal(HttpStatusCode.NotFound, (await team1.GetAsync($"/households/{household.Id}")).StatusCode);
    }
}
