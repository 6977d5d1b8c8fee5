using CongDongSo.Tests.Infrastructure;
using CongDongSo.Web.Data;
using CongDongSo.Web.Features.Plans;
using Microsoft.EntityFrameworkCore;

namespace CongDongSo.Tests.Features.Plans;

/// <summary>Indicators from the recorded facts, each figure worked out by hand in the comments.</summary>
public sealed class IndicatorEngineTests(AppFactory app) : IClassFixture<AppFactory>
{
    private static DateOnly D(int year, int month, int day) => new(year, month, day);
    private static readonly DateOnly s_january = D(2026, 1, 10);

    private static IndicatorFormula Residents(int? minAge, int? maxAge, string[] having, string[]? among = null) => new()
    {
        Kind = FormulaKind.Residents, MinAge = minAge, MaxAge = maxAge,
        Having = [.. having.Select(h => new FormulaCondition(h))], Among = [.. (among ?? []).Select(a => new FormulaCondition(a))],
    };

    [DbFact]
    public async Task Adults_15_and_18_count_by_the_birthday_and_a_known_year_counts_as_born_on_1_January()
    {
        var land = await Land.CreateAsync(app);
        // A turns 16 and B turns 18 on 1/7/2026; C is 36 without a signature; D is 11; E is known by year only (2011).
        var (_, family) = await land.HouseholdAsync(land.North, D(2010, 7, 1), D(2008, 7, 1), D(1990, 1, 1), D(2015, 1, 1));
        var (_, byYear) = await land.HouseholdAsync(land.North, yearOnly: true, D(2011, 1, 1));
        foreach (var (person, value) in new[] { (family[0], "yes"), (family[1], "yes"), (family[2], "no"), (family[3], "yes"), (byYear[0], "yes") })
        {
            await land.StatusAsync(person, "signature", value, s_january);
        }

        // 30/6: 15+ are A(15) B(17) C(36) E(15): 3 of 4 signed. 18+ is C only: 0 of 1, a real 0.
        var fifteen = (await land.EvaluateAsync(Residents(15, null, ["signature"]), D(2026, 6, 30))).Commune;
        Assert.Equal((3m, 4m), (fifteen.Numerator, fifteen.Denominator!.Value));
        Assert.Equal(75m, fifteen.Value(ValueUnit.Percent));
        var eighteen = (await land.EvaluateAsync(Residents(18, null, ["signature"]), D(2026, 6, 30))).Commune;
        Assert.False(eighteen.Missing);
        Assert.Equal(0m, eighteen.Value(ValueUnit.Percent));
        // 1/7: B is 18 now: 1 of 2.
        Assert.Equal(50m, (await land.EvaluateAsync(Residents(18, null, ["signature"]), D(2026, 7, 1))).Commune.Value(ValueUnit.Percent));
        // An age band 16–17: B on 30/6, A on 1/7 (B has left the band at 18; E is 15 all year).
        Assert.Equal(1m, (await land.EvaluateAsync(Residents(16, 17, ["signature"]), D(2026, 6, 30))).Commune.Denominator);
        Assert.Equal(1m, (await land.EvaluateAsync(Residents(16, 17, ["signature"]), D(2026, 7, 1))).Commune.Denominator);
        // Everyone (no age band) is the 5 residents, of whom 4 signed.
        Assert.Equal(80m, (await land.EvaluateAsync(Residents(null, null, ["signature"]), D(2026, 6, 30))).Commune.Value(ValueUnit.Percent));
    }

    [DbFact]
    public async Task Among_narrows_the_base_combinations_need_every_status_and_values_can_name_a_level()
    {
        var land = await Land.CreateAsync(app);
        var (_, p) = await land.HouseholdAsync(land.North, D(1980, 1, 1), D(1980, 1, 1), D(1980, 1, 1), D(1980, 1, 1));
        await land.StatusAsync(p[0], "smartphone", "yes", s_january);
        await land.StatusAsync(p[0], "sim4g", "yes", s_january);
        await land.StatusAsync(p[0], "vneid", "level1", s_january);
        await land.StatusAsync(p[1], "smartphone", "yes", s_january);
        await land.StatusAsync(p[1], "sim4g", "no", s_january);
        await land.StatusAsync(p[2], "smartphone", "no", s_january);
        await land.StatusAsync(p[2], "sim4g", "yes", s_january);
        var at = D(2026, 3, 31);

        // 4G among smartphone owners: P0 of P0 and P1.
        var fourG = (await land.EvaluateAsync(Residents(null, null, ["sim4g"], ["smartphone"]), at)).Commune;
        Assert.Equal((1m, 2m), (fourG.Numerator, fourG.Denominator!.Value));
        // Smartphone and 4G, over everyone: P0 of 4.
        Assert.Equal(25m, (await land.EvaluateAsync(Residents(null, null, ["smartphone", "sim4g"]), at)).Commune.Value(ValueUnit.Percent));
        // VNeID counts level 2 by default; naming the values counts level 1 too.
        Assert.Equal(0m, (await land.EvaluateAsync(Residents(null, null, ["vneid"]), at)).Commune.Numerator);
        var anyLevel = new IndicatorFormula { Kind = FormulaKind.Residents, Having = [new FormulaCondition("vneid", ["level1", "level2"])] };
        Assert.Equal(1m, (await land.EvaluateAsync(anyLevel, at)).Commune.Numerator);
    }

    [DbFact]
    public async Task A_household_counts_when_one_member_of_the_age_band_holds_every_status_at_once()
    {
        var land = await Land.CreateAsync(app);
        string[] three = ["skills", "vneid", "dvc"];
        // H1: an adult with all three. H2: one adult with skills and VNeID, another with the account: nobody holds all three.
        // H3: only a child holds all three, and the band is 15+.
        var (_, h1) = await land.HouseholdAsync(land.North, D(1980, 5, 5), D(2015, 5, 5));
        var (_, h2) = await land.HouseholdAsync(land.North, D(1981, 5, 5), D(1982, 5, 5));
        var (_, h3) = await land.HouseholdAsync(land.South, D(2014, 5, 5));
        foreach (var person in new[] { h1[0], h3[0] })
        {
            await land.StatusAsync(person, "skills", "yes", s_january);
            await land.StatusAsync(person, "vneid", "level2", s_january);
            await land.StatusAsync(person, "dvc", "yes", s_january);
        }
        await land.StatusAsync(h2[0], "skills", "yes", s_january);
        await land.StatusAsync(h2[0], "vneid", "level2", s_january);
        await land.StatusAsync(h2[1], "dvc", "yes", s_january);
        var formula = new IndicatorFormula { Kind = FormulaKind.Households, MinAge = 15, Having = [.. three.Select(c => new FormulaCondition(c))] };

        var figures = await land.EvaluateAsync(formula, D(2026, 6, 30));
        Assert.Equal((1m, 3m), (figures.Commune.Numerator, figures.Commune.Denominator!.Value));
        Assert.Equal(33.33m, figures.Commune.Value(ValueUnit.Percent));
        Assert.Equal(50m, figures.ByNeighbourhood[land.North.Id].Value(ValueUnit.Percent));
        Assert.Equal(0m, figures.ByNeighbourhood[land.South.Id].Value(ValueUnit.Percent));
    }

    [DbFact]
    public async Task Each_neighbourhood_targets_are_met_only_when_every_neighbourhood_is_and_strict_comparators_exclude_the_value()
    {
        var land = await Land.CreateAsync(app);
        var (_, north) = await land.HouseholdAsync(land.North, D(1980, 1, 1), D(1980, 1, 1));
        var (_, south) = await land.HouseholdAsync(land.South, D(1980, 1, 1), D(1980, 1, 1));
        await land.StatusAsync(north[0], "signature", "yes", s_january);
        await land.StatusAsync(north[1], "signature", "yes", s_january);
        await land.StatusAsync(south[0], "signature", "yes", s_january);
        await land.StatusAsync(south[1], "signature", "no", s_january);
        var signed = Residents(18, null, ["signature"]);
        var at = D(2026, 6, 30);

        // North 100 %, South 50 %, the ward 75 %.
        var ninety = await land.TargetAsync(signed, Comparator.AtLeast, 90, at, TargetScope.EachNeighbourhood);
        Assert.Equal(1, ninety.NeighbourhoodsMeeting);
        Assert.NotEqual(TargetStatus.Achieved, ninety.Status);
        Assert.Equal(TargetStatus.Achieved, (await land.TargetAsync(signed, Comparator.AtLeast, 50, at, TargetScope.EachNeighbourhood)).Status);
        Assert.NotEqual(TargetStatus.Achieved, (await land.TargetAsync(signed, Comparator.MoreThan, 50, at, TargetScope.EachNeighbourhood)).Status);
        var ward = await land.TargetAsync(signed, Comparator.AtLeast, 75, at);
        Assert.Equal((75m, TargetStatus.Achieved, 0m), (ward.Actual!.Value, ward.Status, ward.Gap!.Value));
        var strict = await land.TargetAsync(signed, Comparator.MoreThan, 75, at);
        Assert.NotEqual(TargetStatus.Achieved, strict.Status);
        Assert.Equal(TargetStatus.Achieved, (await land.TargetAsync(signed, Comparator.AtMost, 75, at)).Status);
        Assert.NotEqual(TargetStatus.Achieved, (await land.TargetAsync(signed, Comparator.LessThan, 75, at)).Status);
        // Past the deadline and not met: off track. A non-round target keeps its decimals.
        Assert.Equal(TargetStatus.OffTrack, (await land.TargetAsync(signed, Comparator.AtLeast, 75.4m, at, deadline: D(2026, 6, 1))).Status);
        Assert.Equal(0.4m, (await land.TargetAsync(signed, Comparator.AtLeast, 75.4m, at)).Gap);
    }

    [DbFact]
    public async Task Nothing_recorded_is_missing_not_zero_and_an_empty_base_has_no_value()
    {
        var land = await Land.CreateAsync(app);
        await land.HouseholdAsync(land.North, D(1980, 1, 1), D(1985, 1, 1));
        var at = D(2026, 6, 30);

        var unsurveyed = await land.TargetAsync(Residents(18, null, ["signature"]), Comparator.AtLeast, 50, at);
        Assert.True(unsurveyed.Figure.Missing);
        Assert.Null(unsurveyed.Actual);
        Assert.Equal(TargetStatus.NoData, unsurveyed.Status);
        // No member in the ward: the base is 0, shown as "—" (no value), but it is not "missing".
        var trained = await land.EvaluateAsync(new IndicatorFormula { Kind = FormulaKind.MembersTrained, Topics = ["ai"] }, at);
        Assert.False(trained.Commune.Missing);
        Assert.Equal(0m, trained.Commune.Denominator);
        Assert.Null(trained.Commune.Value(ValueUnit.Percent));
        // No event held is a real 0.
        var events = await land.EvaluateAsync(new IndicatorFormula { Kind = FormulaKind.Events, Models = ["weekend_dx"] }, at);
        Assert.Equal(0m, events.Commune.Value(ValueUnit.Count));
    }

    [DbFact]
    public async Task Arrivals_departures_and_deaths_count_people_only_while_they_live_there()
    {
        var land = await Land.CreateAsync(app);
        var (_, p) = await land.HouseholdAsync(land.North, D(1980, 1, 1), D(1980, 1, 1), D(1980, 1, 1), D(1980, 1, 1));
        await land.StatusAsync(p[0], "signature", "yes", s_january);
        await land.StatusAsync(p[1], "signature", "yes", s_january);
        await land.StatusAsync(p[2], "signature", "no", s_january);
        await land.StatusAsync(p[3], "signature", "yes", s_january);
        await land.ResidenceAsync(p[1], ResidenceChange.MovedOut, D(2026, 5, 15));
        await land.ResidenceAsync(p[2], ResidenceChange.Died, D(2026, 3, 1));
        await land.ResidenceAsync(p[3], ResidenceChange.MovedIn, D(2026, 7, 10));
        var signed = Residents(18, null, ["signature"]);

        // 28/2: P0 P1 P2 live there, 2 signed. 30/4: P2 died: 2 of 2. 30/6: P1 left: 1 of 1. 31/7: P3 arrived: 2 of 2.
        Assert.Equal((2m, 3m), Pair((await land.EvaluateAsync(signed, D(2026, 2, 28))).Commune));
        Assert.Equal((2m, 2m), Pair((await land.EvaluateAsync(signed, D(2026, 4, 30))).Commune));
        Assert.Equal((1m, 1m), Pair((await land.EvaluateAsync(signed, D(2026, 6, 30))).Commune));
        Assert.Equal((2m, 2m), Pair((await land.EvaluateAsync(signed, D(2026, 7, 31))).Commune));
        // History stays: nobody was erased.
        Assert.Equal(4, await app.WithDbAsync(db => db.Residents.CountAsync(r => r.CommuneId == land.Commune.Id)));
    }

    [DbFact]
    public async Task A_correction_dated_in_the_past_changes_the_past_and_says_so()
    {
        var land = await Land.CreateAsync(app);
        var (_, p) = await land.HouseholdAsync(land.North, D(1980, 1, 1), D(1980, 1, 1));
        var wrong = await land.StatusAsync(p[0], "signature", "yes", D(2026, 3, 1));
        await land.StatusAsync(p[1], "signature", "yes", D(2026, 3, 1));
        var signed = Residents(18, null, ["signature"]);
        var before = await land.EvaluateAsync(signed, D(2026, 3, 31));
        Assert.Equal(100m, before.Commune.Value(ValueUnit.Percent));
        Assert.Equal(0, before.LateRecords);

        // In November the officer finds P0 never had a signature: the correction, dated 1/3, is entered on 20/11.
        await land.StatusAsync(p[0], "signature", "no", D(2026, 3, 1), recordedOn: D(2026, 11, 20), corrects: wrong.Id);
        var after = await land.EvaluateAsync(signed, D(2026, 3, 31));
        Assert.Equal(50m, after.Commune.Value(ValueUnit.Percent));
        Assert.Equal(1, after.LateRecords);
        // A figure at a day before anything was recorded has no data yet.
        Assert.True((await land.EvaluateAsync(signed, D(2026, 2, 1))).Commune.Missing);
    }

    [DbFact]
    public async Task Per_period_minimums_count_each_month_apart_and_each_neighbourhood_needs_its_own_event()
    {
        var land = await Land.CreateAsync(app);
        await land.EventAsync("weekend_dx", D(2026, 1, 10), land.North);
        await land.EventAsync("weekend_dx", D(2026, 1, 20), land.South);
        await land.EventAsync("weekend_dx", D(2026, 2, 5), land.North);
        await land.EventAsync("weekend_dx", D(2026, 2, 10)); // ward-wide: counts for the ward, not for each neighbourhood
        await land.EventAsync(null, D(2026, 2, 12), land.South); // not of the model
        var weekends = new IndicatorFormula { Kind = FormulaKind.Events, Models = ["weekend_dx"] };
        var at = D(2026, 3, 20);

        var each = await land.TargetAsync(weekends, Comparator.AtLeast, 1, at, TargetScope.EachNeighbourhood, Cadence.Month);
        Assert.Equal(3, each.Periods.Count);
        Assert.True(each.Periods[0].Meets);
        Assert.False(each.Periods[1].Meets);
        Assert.Equal((2m, 1), (each.Periods[1].Value!.Value, each.Periods[1].NeighbourhoodsMeeting));
        Assert.Equal(TargetStatus.OffTrack, each.Status); // February, finished, missed it in the South
        // For the ward as a whole January and February were met; March, past its half, has none yet.
        var ward = await land.TargetAsync(weekends, Comparator.AtLeast, 1, at, TargetScope.Commune, Cadence.Month);
        Assert.Equal(TargetStatus.AtRisk, ward.Status);
        Assert.Equal(0m, ward.Actual);
        // Without a period the count runs from the start of the plan's year: 4 events of the model.
        Assert.Equal(4m, (await land.EvaluateAsync(weekends, at)).Commune.Value(ValueUnit.Count));
    }

    private static (decimal, decimal) Pair(AreaFigure figure) => (figure.Numerator, figure.Denominator!.Value);
}
