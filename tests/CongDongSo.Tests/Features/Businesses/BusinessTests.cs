using System.Net;
using CongDongSo.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using static CongDongSo.Tests.Features.Households.PopulationKit;

namespace CongDongSo.Tests.Features.Businesses;

public sealed class BusinessTests(AppFactory app) : IClassFixture<AppFactory>
{
    [DbFact]
    public async Task A_business_added_from_its_household_is_owned_by_it_and_ocop_needs_its_products()
    {
        var household = await HouseholdAsync(app, app.World.HxTdp1, "BZ-001", "31 Lê Văn Linh");
        var client = await app.SignInAsync(World.Users.TeamLeadHx1);
        var form = await client.GetDocumentAsync($"/businesses/new?household={household.Id}");
        Assert.Equal("BZ-001", form.FieldValue("Input.OwnerHouseholdCode"));
        Assert.Equal(app.World.HxTdp1.Id.ToString(), form.FieldValue("Input.NeighbourhoodId"));

        var fields = new Dictionary<string, string?>
        {
            ["Input.Name"] = "Cơ sở bánh tráng Mai Xuân",
            ["Input.Kind"] = "HouseholdBusiness",
            ["Input.Sector"] = "Chế biến thực phẩm",
            ["Input.IsOcop"] = "true",
        };
        var missing = await Browser.ParseAsync(await client.SubmitFormAsync(form, $"/businesses/new?household={household.Id}", fields));
        Assert.Contains("Vui lòng nhập các sản phẩm đạt OCOP.", missing.Errors());

        fields["Input.OcopProducts"] = "Bánh tráng Mai Xuân (3 sao)";
        var response = await client.SubmitFormAsync(form, $"/businesses/new?household={household.Id}", fields);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var business = await app.WithDbAsync(db => db.Businesses.SingleAsync(b => b.Name == "Cơ sở bánh tráng Mai Xuân"));
        Assert.Equal(household.Id, business.OwnerHouseholdId);
        Assert.Equal(app.World.HxTdp1.Id, business.NeighbourhoodId);
        Assert.Equal("co so banh trang mai xuan", business.SearchName);
        Assert.True(business.IsOcop);
        Assert.True(await app.WithDbAsync(db => db.Households.Where(h => h.Id == household.Id).Select(h => h.HasBusiness).SingleAsync()));

        var page = await client.GetDocumentAsync($"/households/{household.Id}");
        Assert.Contains("Cơ sở bánh tráng Mai Xuân", page.QuerySelector("[data-testid=businesses]")!.TextContent, StringComparison.Ordinal);
        var list = await client.GetDocumentAsync("/businesses?q=banh trang&ocop=true");
        Assert.Contains("Cơ sở bánh tráng Mai Xuân", list.QuerySelector("[data-testid=businesses]")!.TextContent, StringComparison.Ordinal);
    }

    [DbFact]
    public async Task An_owner_household_outside_the_area_is_refused()
    {
        await HouseholdAsync(app, app.World.HxTdp2, "BZ-TDP2");
        var client = await app.SignInAsync(World.Users.TeamLeadHx1);

        var response = await client.SubmitFormAsync("/businesses/new", new Dictionary<string, string?>
        {
            ["Input.Name"] = "Tạp hóa Ngọc",
            ["Input.OwnerHouseholdCode"] = "BZ-TDP2",
        });

        Assert.Contains("Không có hộ mã BZ-TDP2 trong địa bàn của bạn.", (await Browser.ParseAsync(response)).Errors());
        Assert.False(await app.WithDbAsync(db => db.Businesses.AnyAsync(b => b.Name == "Tạp hóa Ngọc")));
    }

    [DbFact]
    public async Task QR_payment_is_recorded_on_the_business_page_and_shown_as_its_status()
    {
        var business = await BusinessAsync(app, app.World.HxTdp1, "Quán cơm Kim Liên");
        var itemId = await app.WithDbAsync(db => ItemIdAsync(db, "qr_payment"));
        var client = await app.SignInAsync(World.Users.MemberHx1);
        var overview = await client.GetDocumentAsync($"/businesses/{business.Id}/readiness");
        Assert.Equal(["qr_payment", "ecommerce"], overview.QuerySelectorAll("[data-testid=items] [data-item]").Select(i => i.GetAttribute("data-item")));

        var response = await client.SubmitFormAsync($"/businesses/{business.Id}/readiness?item={itemId}", new Dictionary<string, string?>
        {
            ["Input.Value"] = "yes",
            ["Input.Verification"] = "SeenOnDevice",
        });

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var recorded = await app.WithDbAsync(db => db.ReadinessEvents.SingleAsync(e => e.BusinessId == business.Id));
        Assert.Null(recorded.ResidentId);
        Assert.Equal(app.Clock.GetUtcNow().UtcDateTime, recorded.OccurredAtUtc, TimeSpan.FromSeconds(1));
        var page = await client.GetDocumentAsync($"/businesses/{business.Id}");
        Assert.Equal("yes", page.QuerySelector("[data-item=qr_payment] [data-testid=value]")!.GetAttribute("data-value"));
        Assert.Equal("Chưa ghi nhận", page.QuerySelector("[data-item=ecommerce] [data-testid=value]")!.TextContent.Trim());
        // Resident items are not offered for a business.
        var residentItem = await app.WithDbAsync(db => ItemIdAsync(db, "vneid"));
        var wrong = await client.GetDocumentAsync($"/businesses/{business.Id}/readiness?item={residentItem}");
        Assert.Null(wrong.QuerySelector("[name='Input.Value']"));
    }
}
