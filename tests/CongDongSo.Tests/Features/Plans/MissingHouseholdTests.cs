using CongDongSo.Tests.Infrastructure;
using CongDongSo.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace CongDongSo.Tests.Features.Plans;

/// <summary>The next round of visits: who is still missing a target's status, within the area scope.</summary>
public sealed class MissingHouseholdTests(AppFactory app) : IClassFixture<AppFactory>
{
    [DbFact]
    public async Task The_ward_lists_the_households_still_missing_a_status_and_a_team_leader_sees_only_their_neighbourhoods()
    {
        var w = app.World;
        var (planId, targetId) = await app.WithDbAsync(async db =>
        {
            var now = app.Clock.GetUtcNow().UtcDateTime;
            var plan = new Plan { CommuneId = w.HoaXuan.Id, Year = 2026, Title = "Kế hoạch", CreatedAtUtc = now, UpdatedAtUtc = now };
            var target = new PlanTarget
            {
                CommuneId = w.HoaXuan.Id, PlanId = plan.Id, Value = 35.4m, Deadline = new DateOnly(2026, 12, 31),
                IndicatorId = await db.Indicators.Where(i => i.CommuneId == null && i.Code == "adults18_signature").Select(i => i.Id).SingleAsync(),
            };
            plan.Targets.Add(target);
            db.Plans.Add(plan);
            await db.SaveChangesAsync();
            return (plan.Id, target.Id);
        });
        var (north, northHome) = await app.HouseholdAsync(w.HxTdp1, 1970, 1975, 2015); // two adults and a child
        var (south, southHome) = await app.HouseholdAsync(w.HxTdp2, 1990);
        await app.StatusAsync(north[0], "signature", "yes");
        await app.WithDbAsync(async db =>
        {
            (await db.Residents.SingleAsync(r => r.Id == north[1].Id)).FullName = "Trần Thị Chưa Ký";
            (await db.Residents.SingleAsync(r => r.Id == south[0].Id)).FullName = "Lê Văn Phía Nam";
            await db.SaveChangesAsync();
        });

        var officer = await app.SignInAsync(World.Users.WardHoaXuan);
        var page = await officer.GetDocumentAsync($"/plans/{planId}/targets/{targetId}/missing?at=2026-11-20");
        Assert.Equal([northHome.Id.ToString(), southHome.Id.ToString()], page.QuerySelectorAll("[data-testid=missing] [data-household]").Select(e => e.GetAttribute("data-household")!).Order());
        var northRow = page.QuerySelector($"[data-household='{northHome.Id}']")!.TextContent;
        Assert.Contains("Trần Thị Chưa Ký", northRow, StringComparison.Ordinal);
        Assert.DoesNotContain("Người Thử", northRow.Split("Chưa có:")[1], StringComparison.Ordinal); // neither the one who signed nor the child
        Assert.Contains("2 hộ, 2 người", page.QuerySelector("[data-testid=missing-count]")!.TextContent, StringComparison.Ordinal);
        page = await officer.GetDocumentAsync($"/plans/{planId}/targets/{targetId}/missing?at=2026-11-20&neighbourhood={w.HxTdp2.Id}");
        Assert.Equal([southHome.Id.ToString()], page.QuerySelectorAll("[data-testid=missing] [data-household]").Select(e => e.GetAttribute("data-household")!));

        // The target page links each neighbourhood to its list and ranks them (best first, with their teams).
        var target = await officer.GetDocumentAsync($"/plans/{planId}/targets/{targetId}?at=2026-11-20&sort=best");
        Assert.Equal(2, target.QuerySelectorAll("[data-testid=missing-link]").Length);
        var ranked = target.QuerySelectorAll("[data-testid=neighbourhoods] tbody tr").Select(r => (r.GetAttribute("data-neighbourhood"), r.QuerySelector("[data-testid=rank]")!.TextContent)).ToList();
        Assert.Equal([(w.HxTdp1.Id.ToString(), "1"), (w.HxTdp2.Id.ToString(), "2")], ranked);

        // A team leader sees their own neighbourhood's households, whatever they ask for.
        var leader = await app.SignInAsync(World.Users.TeamLeadHx1);
        page = await leader.GetDocumentAsync($"/plans/{planId}/targets/{targetId}/missing?at=2026-11-20&neighbourhood={w.HxTdp2.Id}");
        Assert.Equal([northHome.Id.ToString()], page.QuerySelectorAll("[data-testid=missing] [data-household]").Select(e => e.GetAttribute("data-household")!));
        Assert.DoesNotContain("Lê Văn Phía Nam", page.Body!.TextContent, StringComparison.Ordinal);
        // Another ward's plan is not found; a province officer sees no people.
        await (await app.SignInAsync(World.Users.WardCamLe)).GetDocumentAsync($"/plans/{planId}/targets/{targetId}/missing", System.Net.HttpStatusCode.NotFound);
        await (await app.SignInAsync(World.Users.ProvinceDaNang)).GetDocumentAsync($"/plans/{planId}/targets/{targetId}/missing", System.Net.HttpStatusCode.Forbidden);
    }
}
