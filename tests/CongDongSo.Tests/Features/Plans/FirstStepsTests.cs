using CongDongSo.Tests.Infrastructure;
using CongDongSo.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace CongDongSo.Tests.Features.Plans;

/// <summary>A new ward's officer finds the first steps on the home page, the next one marked, and the list goes once all are done.</summary>
public sealed class FirstStepsTests(AppFactory app) : IClassFixture<AppFactory>
{
    [DbFact]
    public async Task The_home_page_walks_a_new_ward_through_areas_teams_population_plan_and_first_session()
    {
        var w = app.World;
        var officer = await app.SignInAsync(World.Users.WardCamLe);
        var home = await officer.GetDocumentAsync("/");
        var steps = home.QuerySelectorAll("[data-testid=first-steps] li").ToList();
        Assert.Equal(["true", "true", "false", "false", "false"], steps.Select(s => s.GetAttribute("data-done")!)); // Cẩm Lệ has a neighbourhood and a team
        Assert.Equal("/imports", home.QuerySelector("[data-testid=first-steps] li[aria-current=step] a")!.GetAttribute("href"));
        // A team leader is not shown the officer's set-up.
        Assert.Null((await (await app.SignInAsync(World.Users.TeamLeadCl1)).GetDocumentAsync("/")).QuerySelector("[data-testid=first-steps]"));

        var (people, household) = await app.HouseholdAsync(w.ClTdp1, 1980);
        home = await officer.GetDocumentAsync("/");
        Assert.Equal("/plans", home.QuerySelector("[data-testid=first-steps] li[aria-current=step] a")!.GetAttribute("href"));

        await app.WithDbAsync(async db =>
        {
            var now = app.Clock.GetUtcNow().UtcDateTime;
            db.Plans.Add(new Plan { CommuneId = w.CamLe.Id, Year = app.Clock.GetLocalNow().Year, Title = "Kế hoạch", CreatedAtUtc = now, UpdatedAtUtc = now });
            var userId = await db.Users.Where(u => u.UserName == World.Users.WardCamLe).Select(u => u.Id).SingleAsync();
            db.SupportSessions.Add(new SupportSession
            {
                CommuneId = w.CamLe.Id, Id = Guid.CreateVersion7(), TeamId = w.ClTeam1.Id, NeighbourhoodId = w.ClTdp1.Id, HouseholdId = household.Id,
                OccurredAtUtc = now, RecordedAtUtc = now, RecordedByUserId = userId,
            });
            await db.SaveChangesAsync();
        });
        home = await officer.GetDocumentAsync("/");
        Assert.Null(home.QuerySelector("[data-testid=first-steps]"));
        Assert.Single(people);
    }
}
