using CongDongSo.Tests.Infrastructure;
using CongDongSo.Web.Data;
using CongDongSo.Web.Features.Plans;
using CongDongSo.Web.Infrastructure.Localization;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Localization;

namespace CongDongSo.Tests.Features.Plans;

/// <summary>
/// Each shipped template on a crafted ward whose right answers were worked out by hand, every target
/// evaluated at 31/3 and 30/9 as the dashboard does: the figure, and the status by the rule the page
/// states (achieved; otherwise projected to 31/12 along the line from the first month-end with a
/// figure: meeting it is on track, short by at most a tenth of the target at risk, more off track).
/// Days of the year used in the projections: 31/1 = 31, 28/2 = 59, 31/3 = 90, 30/9 = 273, 31/12 = 365.
/// </summary>
public sealed class TemplateDatasetTests(AppFactory app) : IClassFixture<AppFactory>
{
    private static readonly DateOnly March = new(2026, 3, 31);
    private static readonly DateOnly September = new(2026, 9, 30);
    /// <summary>When the teams' first members joined.</summary>
    private static readonly DateOnly LastYear = new(2025, 9, 1);

    private static DateOnly D(int month, int day) => new(2026, month, day);

    private static DateOnly Born(int year, int month, int day) => new(year, month, day);

    /// <summary>What a target must show at a date: the ward's figure (or, for "each neighbourhood", how many meet it) and the status.</summary>
    private sealed record Expected(decimal? Actual, TargetStatus Status, int? Meeting = null);

    [DbFact]
    public async Task Every_target_of_the_hoa_xuan_template_matches_the_hand_computed_answers_at_two_dates()
    {
        var land = await Land.CreateAsync(app);
        var (plan, targets) = await PlanFromTemplateAsync(land, "hoa-xuan-2026");

        // Households: a payment account in at least one member.
        //   H1 (North): A has one from 10/2; B none          → has it at 31/3 and 30/9
        //   H2 (North): C "no" on 10/2, "yes" on 1/6          → not at 31/3, has it at 30/9
        //   H3 (South): D never asked                          → not at either date
        //   H4 (South): E has one from 15/7                    → not at 31/3, has it at 30/9
        // Base: 4 households living here. 31/1: nothing recorded (missing). 28/2 and 31/3: 1/4 = 25 %;
        // flat, so the projection stays 25, short of 30 by 5 > 3: off track. 30/9: 3/4 = 75 % (achieved).
        var (_, h1) = await land.HouseholdAsync(land.North, Born(1980, 5, 1), Born(1985, 5, 1));
        var (_, h2) = await land.HouseholdAsync(land.North, Born(1975, 5, 1));
        await land.HouseholdAsync(land.South, Born(1990, 5, 1));
        var (_, h4) = await land.HouseholdAsync(land.South, Born(1960, 5, 1));
        await land.StatusAsync(h1[0], "payment", "yes", D(2, 10));
        await land.StatusAsync(h2[0], "payment", "no", D(2, 10));
        await land.StatusAsync(h2[0], "payment", "yes", D(6, 1));
        await land.StatusAsync(h4[0], "payment", "yes", D(7, 15));

        // OCOP producers on e-commerce: P1 (OCOP) from 1/3, P2 (OCOP) from 1/8, P3 (not OCOP, not in the base).
        // 31/3: 1/2 = 50 %, the first month with a figure, so no slope: 50 short of 100, off track; 30/9: 2/2 = 100 %.
        await land.BusinessAsync(land.North, "P1", ocop: true, "ecommerce", D(3, 1));
        await land.BusinessAsync(land.North, "P2", ocop: true, "ecommerce", D(8, 1));
        await land.BusinessAsync(land.North, "P3", ocop: false, "ecommerce", null);

        // Supplied figures. Teams per neighbourhood (= 1 in each): North 1 (Q1 report); South 1 only from the Q2 report.
        // 31/3: North meets it, South has no figure (counts as off track) → off track; 30/9: both 1 → achieved.
        // Ward social groups: 0 in the Q1 report, 1 in the Q2 report → 31/3: 0, first figure, off track; 30/9: 1.
        await land.SuppliedAsync("teams_count", land.North, D(1, 1), March, 1, D(4, 5));
        await land.SuppliedAsync("teams_count", land.South, D(4, 1), D(6, 30), 1, D(7, 5));
        await land.SuppliedAsync("dx_social_groups", null, D(1, 1), March, 0, D(4, 5));
        await land.SuppliedAsync("dx_social_groups", null, D(4, 1), D(6, 30), 1, D(7, 5));

        await AssertTargetsAsync(plan, targets, new()
        {
            ["teams_count"] = (new(null, TargetStatus.OffTrack, 1), new(null, TargetStatus.Achieved, 2)),
            ["households_member_payment"] = (new(25m, TargetStatus.OffTrack), new(75m, TargetStatus.Achieved)),
            ["ocop_ecommerce"] = (new(50m, TargetStatus.OffTrack), new(100m, TargetStatus.Achieved)),
            ["dx_social_groups"] = (new(0m, TargetStatus.OffTrack), new(1m, TargetStatus.Achieved)),
        });
    }

    [DbFact]
    public async Task Every_target_of_the_binh_long_template_matches_the_hand_computed_answers_at_two_dates()
    {
        var land = await Land.CreateAsync(app);
        var (plan, targets) = await PlanFromTemplateAsync(land, "binh-long-2026");

        // Residents. H1 (North): A b. 1/5/1980, B b. 15/6/2008 (17 at 31/3, 18 at 30/9).
        // H2 (North): C b. 3/3/1970, D b. 2/2/2020. H3 (South): E b. 7/7/1985, moved out 1/7.
        // H4 (South): F b. 9/9/1990, arrived 15/5; G b. 20/1/1950, died 1/8.
        // Living: 31/1–30/4 A B C D E G (6); 31/5–30/6 + F (7); 31/7 without E (6); 31/8–30/9 A B C D F (5).
        var (_, h1) = await land.HouseholdAsync(land.North, Born(1980, 5, 1), Born(2008, 6, 15));
        var (_, h2) = await land.HouseholdAsync(land.North, Born(1970, 3, 3), Born(2020, 2, 2));
        var (_, h3) = await land.HouseholdAsync(land.South, Born(1985, 7, 7));
        var (_, h4) = await land.HouseholdAsync(land.South, Born(1990, 9, 9), Born(1950, 1, 20));
        Resident a = h1[0], b = h1[1], c = h2[0], d = h2[1], e = h3[0], f = h4[0], g = h4[1];
        await land.ResidenceAsync(e, ResidenceChange.MovedOut, D(7, 1));
        await land.ResidenceAsync(f, ResidenceChange.MovedIn, D(5, 15));
        await land.ResidenceAsync(g, ResidenceChange.Died, D(8, 1));

        // VNeID (level 1 or 2), all residents: A L2 10/1, C none 10/1 then L1 1/8, D L1 10/2, E L2 10/1, G L2 10/1, F L2 1/6, B L1 1/7.
        // 31/1: A E G of 6 = 50; 28/2 and 31/3: + D = 4/6 = 66.67. Slope (66.67 − 50)/59 a day, projected to
        // 66.67 + 16.67 × 275/59 = 144.37 ≥ 80: on track. 30/9: all 5 living have one = 100 (achieved).
        foreach (var (who, value, on) in new[] { (a, "level2", D(1, 10)), (c, "none", D(1, 10)), (e, "level2", D(1, 10)), (g, "level2", D(1, 10)), (d, "level1", D(2, 10)),
                     (f, "level2", D(6, 1)), (b, "level1", D(7, 1)), (c, "level1", D(8, 1)) })
        {
            await land.StatusAsync(who, "vneid", value, on);
        }
        // Signature, adults 18+: A yes 1/3, C no 1/3, G yes 1/5, B yes 20/9. 31/1, 28/2: nothing recorded (missing).
        // 31/3: adults A C E G, A signed = 25, the first figure (no slope): 25 short of 50 by 25 > 5, off track.
        // 30/9: adults A B C F (B is 18, G died), A and B signed = 2/4 = 50 ≥ 50: achieved (non-strict, on the line).
        await land.StatusAsync(a, "signature", "yes", D(3, 1));
        await land.StatusAsync(c, "signature", "no", D(3, 1));
        await land.StatusAsync(g, "signature", "yes", D(5, 1));
        await land.StatusAsync(b, "signature", "yes", D(9, 20));
        // Payment, all residents: A yes 10/1, E yes 10/3, C and F yes 1/6, B yes 1/9.
        // 31/1: 1/6 = 16.67; 31/3: 2/6 = 33.33; projected 33.33 + 16.66 × 275/59 = 110.98 ≥ 60: on track.
        // 30/9: A B C F of 5 = 80 (achieved).
        foreach (var (who, on) in new[] { (a, D(1, 10)), (e, D(3, 10)), (c, D(6, 1)), (f, D(6, 1)), (b, D(9, 1)) })
        {
            await land.StatusAsync(who, "payment", "yes", on);
        }
        // Households with a member with basic skills: A yes, E yes, G no, C no on 15/1; F yes 1/7; C yes 1/9.
        // 31/1–31/3: H1, H3 of 4 = 50, flat: projected 50, short of 85 by 35 > 8.5, off track.
        // 30/9: H3 has nobody living here (out of the base); H1, H2 (C), H4 (F) of 3 = 100 (achieved).
        foreach (var (who, value, on) in new[] { (a, "yes", D(1, 15)), (e, "yes", D(1, 15)), (g, "no", D(1, 15)), (c, "no", D(1, 15)), (f, "yes", D(7, 1)), (c, "yes", D(9, 1)) })
        {
            await land.StatusAsync(who, "skills", value, on);
        }

        // Team members: M1, M2 (North), M3 (South, left 30/6), M4 (South, joined 1/7), M5 (South).
        var north = await land.TeamAsync(land.North);
        var south = await land.TeamAsync(land.South);
        var m1 = await land.MemberAsync(north, LastYear);
        var m2 = await land.MemberAsync(north, LastYear);
        await land.MemberAsync(south, LastYear, left: D(6, 30));
        var m4 = await land.MemberAsync(south, D(7, 1));
        var m5 = await land.MemberAsync(south, LastYear);
        // Sittings: VNeID 15/2 (M1 present, M5 absent); fraud 20/3 (M2); payment 12/6 (M2); public services
        // and fraud in one course 15/8 (M4); AI only 10/2 (M5). Online: fraud, M1 completed 10/5 (verified) and
        // M5 1/9 (not verified yet); signature, M5 completed 1/9 (verified).
        await land.SittingAsync(D(2, 15), ["vneid"], (m1, true), (m5, false));
        await land.SittingAsync(D(3, 20), ["fraud"], (m2, true));
        await land.SittingAsync(D(6, 12), ["payment"], (m2, true));
        await land.SittingAsync(D(8, 15), ["dvc", "fraud"], (m4, true));
        await land.SittingAsync(D(2, 10), ["ai"], (m5, true));
        await land.CompletedAsync(m1, D(5, 10), verified: true, "fraud");
        await land.CompletedAsync(m5, D(9, 1), verified: false, "fraud");
        await land.CompletedAsync(m5, D(9, 1), verified: true, "signature");
        // Platforms (VNeID, public services, signature, payment): 31/1: 0 of 4; 31/3: M1 of M1 M2 M3 M5 = 25,
        // projected 25 + 25 × 275/59 = 141.53: on track. 30/9: M1 M2 M4 M5 all trained = 100 (achieved).
        // Fraud: 31/1: 0; 31/3: M2 = 25, on track as above (141.53). 30/9: M1 M2 M4 of 4 = 75 (M5 not verified);
        // projected 75 + 75 × 92/242 = 103.51 ≥ 100: on track.

        // Online public services, supplied by the one-stop shop: Q1 72.5; Q2 78; Q3 first 80.9 (3/10), then 81.2 (8/10).
        // 31/3: 72.5, first figure: short of 80 by 7.5 ≤ 8, at risk. 30/9: the latest report, 81.2 (achieved).
        await land.SuppliedAsync("dvc_online_use_share", null, D(1, 1), March, 72.5m, D(4, 5));
        await land.SuppliedAsync("dvc_online_use_share", null, D(4, 1), D(6, 30), 78m, D(7, 5));
        await land.SuppliedAsync("dvc_online_use_share", null, D(7, 1), September, 80.9m, D(10, 3));
        await land.SuppliedAsync("dvc_online_use_share", null, D(7, 1), September, 81.2m, D(10, 8));

        // "Ngày cuối tuần chuyển đổi số" once a month in each neighbourhood.
        // Jan 10 N, 17 S; Feb 7 in both; Mar 7 N, 14 S; Apr 4 N, 11 S; May 9 N only (16/5 in the South is not of the model);
        // Jun 6 in both; Jul 4 N, 11 S; Aug 1 N, 8 S; Sep 5 N, 12 S, 19 ward-wide; Oct 3 N.
        // 31/3: every month met so far: on track; March counts 2, both neighbourhoods meet it.
        // 30/9: May, finished, missed in the South: off track; September counts 3, both neighbourhoods meet it.
        foreach (var (on, where) in new[]
                 {
                     (D(1, 10), new[] { land.North }), (D(1, 17), [land.South]), (D(2, 7), [land.North, land.South]), (D(3, 7), [land.North]), (D(3, 14), [land.South]),
                     (D(4, 4), [land.North]), (D(4, 11), [land.South]), (D(5, 9), [land.North]), (D(6, 6), [land.North, land.South]), (D(7, 4), [land.North]),
                     (D(7, 11), [land.South]), (D(8, 1), [land.North]), (D(8, 8), [land.South]), (D(9, 5), [land.North]), (D(9, 12), [land.South]), (D(9, 19), []),
                     (D(10, 3), [land.North]),
                 })
        {
            await land.EventAsync("weekend_dx", on, where);
        }
        await land.EventAsync(null, D(5, 16), land.South);

        await AssertTargetsAsync(plan, targets, new()
        {
            ["members_trained_platforms"] = (new(25m, TargetStatus.OnTrack), new(100m, TargetStatus.Achieved)),
            ["members_trained_fraud"] = (new(25m, TargetStatus.OnTrack), new(75m, TargetStatus.OnTrack)),
            ["dvc_online_use_share"] = (new(72.5m, TargetStatus.AtRisk), new(81.2m, TargetStatus.Achieved)),
            ["residents_vneid"] = (new(66.67m, TargetStatus.OnTrack), new(100m, TargetStatus.Achieved)),
            ["adults18_signature"] = (new(25m, TargetStatus.OffTrack), new(50m, TargetStatus.Achieved)),
            ["residents_payment"] = (new(33.33m, TargetStatus.OnTrack), new(80m, TargetStatus.Achieved)),
            ["households_member_skills"] = (new(50m, TargetStatus.OffTrack), new(100m, TargetStatus.Achieved)),
            ["weekend_dx_events"] = (new(2m, TargetStatus.OnTrack, 2), new(3m, TargetStatus.OffTrack, 2)),
        });
    }

    [DbFact]
    public async Task Every_target_of_the_phu_dong_template_matches_the_hand_computed_answers_at_two_dates()
    {
        var land = await Land.CreateAsync(app);
        var (plan, targets) = await PlanFromTemplateAsync(land, "phu-dong-2026");

        // Residents. H1 (North): A b. 1/2/1970, B b. 31/3/2008 (18 on 31/3 itself), C b. 1/4/2008 (18 from 1/4).
        // H2 (North): D born in 2008, day unknown (18 all of 2026), E b. 6/6/1940, died 15/6.
        // H3 (South): F b. 8/8/1995, G b. 5/5/2015 (a child). H4 (South): I b. 10/10/1988, arrived 1/5.
        // H5 (South): J b. 12/12/1999, moved out 1/9.
        // Adults: 31/1, 28/2 A D E F J (5); 31/3 + B (6); 30/4 + C (7); 31/5 + I (8); 30/6–31/8 without E (7); 30/9 without J: A B C D F I (6).
        var (_, h1) = await land.HouseholdAsync(land.North, Born(1970, 2, 1), Born(2008, 3, 31), Born(2008, 4, 1));
        var (_, h2a) = await land.HouseholdAsync(land.North, yearOnly: true, Born(2008, 1, 1));
        var (_, h3) = await land.HouseholdAsync(land.South, Born(1995, 8, 8), Born(2015, 5, 5));
        var (_, h4) = await land.HouseholdAsync(land.South, Born(1988, 10, 10));
        var (_, h5) = await land.HouseholdAsync(land.South, Born(1999, 12, 12));
        var e = await app.WithDbAsync(async db =>
        {
            var elder = new Resident
            {
                CommuneId = land.Commune.Id, NeighbourhoodId = land.North.Id, HouseholdId = h2a[0].HouseholdId, FullName = "Người Thử", BirthDate = Born(1940, 6, 6), BirthYear = 1940,
                CreatedAtUtc = app.Clock.GetUtcNow().UtcDateTime, UpdatedAtUtc = app.Clock.GetUtcNow().UtcDateTime,
            };
            db.Residents.Add(elder);
            await db.SaveChangesAsync();
            return elder;
        });
        Resident a = h1[0], b = h1[1], c = h1[2], d = h2a[0], f = h3[0], g = h3[1], i = h4[0], j = h5[0];
        await land.ResidenceAsync(e, ResidenceChange.Died, D(6, 15));
        await land.ResidenceAsync(i, ResidenceChange.MovedIn, D(5, 1));
        await land.ResidenceAsync(j, ResidenceChange.MovedOut, D(9, 1));

        // Basic skills (≥ 100 % of adults): A B D F yes, E no, G no (a child, not in the base) on 5/1; J yes 5/3; I yes 15/5; C yes 10/8.
        // 31/1: A D F of 5 = 60; 31/3: A B D F J of 6 = 83.33; projected 83.33 + 23.33 × 275/59 = 192.07: on track.
        // 30/9: all 6 adults = 100 (achieved).
        foreach (var (who, value, on) in new[] { (a, "yes", D(1, 5)), (b, "yes", D(1, 5)), (d, "yes", D(1, 5)), (f, "yes", D(1, 5)), (e, "no", D(1, 5)), (g, "no", D(1, 5)),
                     (j, "yes", D(3, 5)), (i, "yes", D(5, 15)), (c, "yes", D(8, 10)) })
        {
            await land.StatusAsync(who, "skills", value, on);
        }
        // Smartphone (> 85 % of adults): A B D F yes, E no on 5/1; J no 5/3; I yes 15/5; C no 10/8.
        // 31/1: 3/5 = 60; 31/3: 4/6 = 66.67; projected 66.67 + 6.67 × 275/59 = 97.76 > 85: on track.
        // 30/9: A B D F I of 6 = 83.33; projected 83.33 + 23.33 × 92/242 = 92.20 > 85: on track.
        foreach (var (who, value, on) in new[] { (a, "yes", D(1, 5)), (b, "yes", D(1, 5)), (d, "yes", D(1, 5)), (f, "yes", D(1, 5)), (e, "no", D(1, 5)),
                     (j, "no", D(3, 5)), (i, "yes", D(5, 15)), (c, "no", D(8, 10)) })
        {
            await land.StatusAsync(who, "smartphone", value, on);
        }
        // VNeID (> 50 % of adults, strict): A L2, B L1, F L2, E none on 5/1; J none 5/3; I none 15/5; C L1 10/8.
        // D was recorded L1 on 5/1; in November that is found wrong and corrected to "none", dated 5/1: D never counts.
        // 31/1: A F of 5 = 40; 31/3: A B F of 6 = 50, not more than 50; projected 50 + 10 × 275/59 = 96.61: on track.
        // 30/9: A B C F of 6 = 66.67 > 50 (achieved). Without the correction 31/3 would read 66.67, achieved.
        foreach (var (who, value, on) in new[] { (a, "level2", D(1, 5)), (b, "level1", D(1, 5)), (f, "level2", D(1, 5)), (e, "none", D(1, 5)),
                     (j, "none", D(3, 5)), (i, "none", D(5, 15)), (c, "level1", D(8, 10)) })
        {
            await land.StatusAsync(who, "vneid", value, on);
        }
        var wrong = await land.StatusAsync(d, "vneid", "level1", D(1, 5));
        await land.StatusAsync(d, "vneid", "none", D(1, 5), recordedOn: D(11, 20), corrects: wrong.Id);

        // Members: M1, M2 (North), M3, M4 (South, left 31/7), M5 (South, joined 1/6).
        // AI: M1 at the 10/3 sitting; M3 absent from it, present on 5/9; M4 only at a VNeID sitting; M2 completed
        // the online course 20/8 (verified); M5 completed it 25/9, not verified yet.
        // 31/1: 0 of 4; 31/3: M1 of 4 = 25; projected 141.53 (as 25 from 0 in Bình Long): on track.
        // 30/9: M1 M2 M3 of M1 M2 M3 M5 = 75; projected 75 + 75 × 92/242 = 103.51: on track.
        var north = await land.TeamAsync(land.North);
        var south = await land.TeamAsync(land.South);
        var m1 = await land.MemberAsync(north, LastYear);
        var m2 = await land.MemberAsync(north, LastYear);
        var m3 = await land.MemberAsync(south, LastYear);
        var m4 = await land.MemberAsync(south, LastYear, left: D(7, 31));
        var m5 = await land.MemberAsync(south, D(6, 1));
        await land.SittingAsync(D(3, 10), ["ai"], (m1, true), (m3, false));
        await land.SittingAsync(D(3, 10), ["vneid"], (m4, true));
        await land.SittingAsync(D(9, 5), ["ai"], (m3, true));
        await land.CompletedAsync(m2, D(8, 20), verified: true, "ai");
        await land.CompletedAsync(m5, D(9, 25), verified: false, "ai");

        // Supplied. Villages with a team (%): Q1 50, Q3 100 → 31/3: 50, first figure, short by 50: off track; 30/9: 100.
        // Social page or group: 1 reported for January → 1 at both dates (the latest report of the year), achieved.
        // Handbook copies: nothing by 31/3 (missing, no data); Q2 3,000, Q3 5,200 → 30/9: 5,200 ≥ 5,000, achieved.
        await land.SuppliedAsync("neighbourhoods_with_team_share", null, D(1, 1), March, 50, D(4, 2));
        await land.SuppliedAsync("neighbourhoods_with_team_share", null, D(7, 1), September, 100, D(10, 2));
        await land.SuppliedAsync("dx_social_groups", null, D(1, 1), D(1, 31), 1, D(2, 3));
        await land.SuppliedAsync("handbook_copies", null, D(4, 1), D(6, 30), 3000, D(7, 2));
        await land.SuppliedAsync("handbook_copies", null, D(7, 1), September, 5200, D(10, 2));

        await AssertTargetsAsync(plan, targets, new()
        {
            ["adults18_skills"] = (new(83.33m, TargetStatus.OnTrack), new(100m, TargetStatus.Achieved)),
            ["adults18_smartphone"] = (new(66.67m, TargetStatus.OnTrack), new(83.33m, TargetStatus.OnTrack)),
            ["adults18_vneid"] = (new(50m, TargetStatus.OnTrack), new(66.67m, TargetStatus.Achieved)),
            ["members_trained_ai"] = (new(25m, TargetStatus.OnTrack), new(75m, TargetStatus.OnTrack)),
            ["neighbourhoods_with_team_share"] = (new(50m, TargetStatus.OffTrack), new(100m, TargetStatus.Achieved)),
            ["dx_social_groups"] = (new(1m, TargetStatus.Achieved), new(1m, TargetStatus.Achieved)),
            ["handbook_copies"] = (new(null, TargetStatus.NoData), new(5200m, TargetStatus.Achieved)),
        });
    }

    private async Task<(Plan Plan, int Targets)> PlanFromTemplateAsync(Land land, string template)
    {
        var (code, file) = PlanImport.Templates.Single(t => t.Code == template);
        var l = app.Services.GetRequiredService<IStringLocalizer<SharedResource>>();
        var plan = (await app.WithDbAsync(db => PlanImport.ImportAsync(db, land.Commune.Id, file.ToJson(), 2026, code, fresh: true, l, app.Clock.GetUtcNow().UtcDateTime))).Plan!;
        return (plan, file.Targets!.Count);
    }

    /// <summary>Evaluates the plan at 31/3 and 30/9 and compares every target with the hand-computed answer for its indicator.</summary>
    private async Task AssertTargetsAsync(Plan plan, int targets, Dictionary<string, (Expected March, Expected September)> expected)
    {
        Assert.Equal(targets, expected.Count);
        var failures = new List<string>();
        foreach (var day in new[] { March, September })
        {
            var results = await app.WithDbAsync(db => PlanQueries.EvaluateAsync(db, plan, day, app.Clock.GetUtcNow().UtcDateTime));
            Assert.Equal(targets, results.Count);
            foreach (var r in results)
            {
                var want = day == March ? expected[r.Indicator.Code].March : expected[r.Indicator.Code].September;
                var label = $"{r.Indicator.Code} at {day:dd/MM}";
                if (want.Meeting is { } meeting && meeting != r.NeighbourhoodsMeeting)
                {
                    failures.Add($"{label}: {r.NeighbourhoodsMeeting} neighbourhoods meet it, expected {meeting}");
                }
                if (want.Actual != r.Actual)
                {
                    failures.Add($"{label}: actual {r.Actual}, expected {want.Actual}");
                }
                if (want.Status != r.Status)
                {
                    failures.Add($"{label}: status {r.Status}, expected {want.Status}");
                }
            }
        }
        Assert.True(failures.Count == 0, string.Join(Environment.NewLine, failures));
    }
}
