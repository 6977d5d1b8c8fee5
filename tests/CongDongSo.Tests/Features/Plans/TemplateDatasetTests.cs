using CongDongSo.Tests.Infrastructure;
using CongDongSo.Web.Data;
using CongDongSo.Web.Features.Plans;
using CongDongSo.Web.Infrastructure.Localization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Localization;

namespace CongDongSo.Tests.Features.Plans;

/// <summary>
/// The Hòa Xuân template on a crafted ward whose right answers were worked out by hand, every target
/// evaluated at 31/3 and 30/9 as the dashboard does. (The Bình Long and Phù Đổng datasets are still to come.)
/// </summary>
public sealed class TemplateDatasetTests(AppFactory app) : IClassFixture<AppFactory>
{
    private static readonly DateOnly March = new(2026, 3, 31);
    private static readonly DateOnly September = new(2026, 9, 30);

    [DbFact]
    public async Task Every_target_of_the_hoa_xuan_template_matches_the_hand_computed_answers_at_two_dates()
    {
        var land = await Land.CreateAsync(app);
        var (code, file) = PlanImport.Templates.Single(t => t.Code == "hoa-xuan-2026");
        var l = app.Services.GetRequiredService<IStringLocalizer<SharedResource>>();
        var plan = (await app.WithDbAsync(db => PlanImport.ImportAsync(db, land.Commune.Id, file.ToJson(), 2026, code, fresh: true, l, app.Clock.GetUtcNow().UtcDateTime))).Plan!;

        // Households: a payment account in at least one member.
        //   H1 (North): A has one from 10/2; B none          → has it at 31/3 and 30/9
        //   H2 (North): C "no" on 10/2, "yes" on 1/6          → not at 31/3, has it at 30/9
        //   H3 (South): D never asked                          → not at either date
        //   H4 (South): E has one from 15/7                    → not at 31/3, has it at 30/9
        // Base: 4 households living here. 31/3: 1/4 = 25 % (< 30: not met); 30/9: 3/4 = 75 % (met).
        var (_, h1) = await land.HouseholdAsync(land.North, new DateOnly(1980, 5, 1), new DateOnly(1985, 5, 1));
        var (_, h2) = await land.HouseholdAsync(land.North, new DateOnly(1975, 5, 1));
        await land.HouseholdAsync(land.South, new DateOnly(1990, 5, 1));
        var (_, h4) = await land.HouseholdAsync(land.South, new DateOnly(1960, 5, 1));
        await land.StatusAsync(h1[0], "payment", "yes", new DateOnly(2026, 2, 10));
        await land.StatusAsync(h2[0], "payment", "no", new DateOnly(2026, 2, 10));
        await land.StatusAsync(h2[0], "payment", "yes", new DateOnly(2026, 6, 1));
        await land.StatusAsync(h4[0], "payment", "yes", new DateOnly(2026, 7, 15));

        // OCOP producers on e-commerce: P1 (OCOP) from 1/3, P2 (OCOP) from 1/8, P3 (not OCOP, not in the base).
        // 31/3: 1/2 = 50 % (< 100); 30/9: 2/2 = 100 % (met).
        await app.WithDbAsync(async db =>
        {
            var now = app.Clock.GetUtcNow().UtcDateTime;
            var item = await db.ReadinessItems.SingleAsync(i => i.CommuneId == null && i.Code == "ecommerce");
            foreach (var (name, ocop, since) in new[] { ("P1", true, (DateOnly?)new DateOnly(2026, 3, 1)), ("P2", true, new DateOnly(2026, 8, 1)), ("P3", false, null) })
            {
                var business = new Business { CommuneId = land.Commune.Id, NeighbourhoodId = land.North.Id, Name = name, IsOcop = ocop, CreatedAtUtc = now, UpdatedAtUtc = now };
                db.Businesses.Add(business);
                if (since is { } day)
                {
                    db.ReadinessEvents.Add(new ReadinessEvent
                    {
                        CommuneId = land.Commune.Id, NeighbourhoodId = land.North.Id, BusinessId = business.Id, ItemId = item.Id, Value = "yes",
                        OccurredAtUtc = VietnamTime.StartOfDayUtc(day).AddHours(9), RecordedAtUtc = VietnamTime.StartOfDayUtc(day).AddHours(10),
                    });
                }
            }
            // Supplied figures. Teams per neighbourhood: North 1 (Q1 report); South 1 only from the Q2 report.
            // 31/3: North 1, South missing → 1 of 2 neighbourhoods; 30/9: both 1 → met.
            // Ward social groups: 0 in the Q1 report, 1 in the Q2 report → 31/3: 0 (< 1); 30/9: 1 (met).
            var indicators = await db.Indicators.Where(i => i.CommuneId == null && (i.Code == "teams_count" || i.Code == "dx_social_groups")).ToDictionaryAsync(i => i.Code, i => i.Id);
            ExternalValue Supplied(string indicator, Guid? where, DateOnly from, DateOnly to, decimal value) => new()
            {
                CommuneId = land.Commune.Id, IndicatorId = indicators[indicator], NeighbourhoodId = where, PeriodStart = from, PeriodEnd = to, Value = value,
                Source = "Phòng Văn hóa - Xã hội", ReportedOn = to.AddDays(5), RecordedAtUtc = now,
            };
            db.ExternalValues.AddRange(
                Supplied("teams_count", land.North.Id, new DateOnly(2026, 1, 1), March, 1),
                Supplied("teams_count", land.South.Id, new DateOnly(2026, 4, 1), new DateOnly(2026, 6, 30), 1),
                Supplied("dx_social_groups", null, new DateOnly(2026, 1, 1), March, 0),
                Supplied("dx_social_groups", null, new DateOnly(2026, 4, 1), new DateOnly(2026, 6, 30), 1));
            await db.SaveChangesAsync();
        });

        var expected = new Dictionary<string, ((decimal? Actual, bool Met, int Meeting) March, (decimal? Actual, bool Met, int Meeting) September)>
        {
            ["teams_count"] = ((null, false, 1), (null, true, 2)),
            ["households_member_payment"] = ((25m, false, 0), (75m, true, 0)),
            ["ocop_ecommerce"] = ((50m, false, 0), (100m, true, 0)),
            ["dx_social_groups"] = ((0m, false, 0), (1m, true, 0)),
        };
        foreach (var (day, pick) in new[] { (March, 0), (September, 1) })
        {
            var results = await app.WithDbAsync(db => PlanQueries.EvaluateAsync(db, plan, day, app.Clock.GetUtcNow().UtcDateTime));
            Assert.Equal(file.Targets!.Count, results.Count);
            foreach (var r in results)
            {
                var (actual, met, meeting) = pick == 0 ? expected[r.Indicator.Code].March : expected[r.Indicator.Code].September;
                var label = $"{r.Indicator.Code} at {day:dd/MM/yyyy}";
                if (r.Target.Scope == TargetScope.EachNeighbourhood)
                {
                    Assert.True(meeting == r.NeighbourhoodsMeeting, $"{label}: {r.NeighbourhoodsMeeting} neighbourhoods meet it, expected {meeting}");
                }
                else
                {
                    Assert.True(actual == r.Actual, $"{label}: actual {r.Actual}, expected {actual}");
                }
                Assert.True(met == (r.Status == TargetStatus.Achieved), $"{label}: status {r.Status}, expected {(met ? "achieved" : "not achieved")}");
            }
        }
    }
}
