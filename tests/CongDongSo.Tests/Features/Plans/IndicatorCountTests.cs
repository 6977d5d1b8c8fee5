using CongDongSo.Tests.Infrastructure;
using CongDongSo.Web.Data;
using CongDongSo.Web.Features.Plans;
using CongDongSo.Web.Infrastructure.Localization;
using Microsoft.EntityFrameworkCore;

namespace CongDongSo.Tests.Features.Plans;

/// <summary>
/// The counts kept as facts are written agree with the facts: after hundreds of random writes of
/// every kind (new households, statuses recorded late, corrections, deletions, moves between
/// households and neighbourhoods, departures and deaths, changed birth dates, businesses), and
/// concurrent writers on the same households, the stored counts equal counts made afresh from the
/// raw facts, and every figure read from them equals the engine's figure read from the facts.
/// </summary>
public sealed class IndicatorCountTests(AppFactory app) : IClassFixture<AppFactory>
{
    private static DateOnly D(int year, int month, int day) => new(year, month, day);

    private static readonly Dictionary<string, string[]> s_values = new()
    {
        ["signature"] = ["yes", "no"], ["smartphone"] = ["yes", "no"], ["sim4g"] = ["yes", "no"], ["vneid"] = ["none", "level1", "level2"],
        ["skills"] = ["yes", "no"], ["ecommerce"] = ["yes", "no"], ["qr_payment"] = ["yes", "no"],
    };

    private static readonly string[] s_businessItems = ["ecommerce", "qr_payment"];

    private static readonly IndicatorFormula[] s_formulas =
    [
        new() { Kind = FormulaKind.Residents, MinAge = 18, Having = [new("signature")] },
        new() { Kind = FormulaKind.Residents, Having = [new("sim4g")], Among = [new("smartphone")] },
        new() { Kind = FormulaKind.Residents, MinAge = 15, MaxAge = 35, Having = [new("vneid", ["level1", "level2"])] },
        new() { Kind = FormulaKind.Residents, Measure = FormulaMeasure.Count, Having = [new("skills"), new("vneid")] },
        new() { Kind = FormulaKind.Households, Having = [new("skills"), new("vneid")] },
        new() { Kind = FormulaKind.Households, MinAge = 18, Having = [new("signature")], Among = [new("smartphone")] },
        new() { Kind = FormulaKind.Businesses, Having = [new("ecommerce")] },
        new() { Kind = FormulaKind.Businesses, BusinessKinds = [FormulaBusinessKind.Cooperative], Having = [new("qr_payment")], Among = [new("ecommerce")] },
    ];

    private static readonly DateOnly[] s_days = [D(1999, 12, 31), D(2024, 3, 31), D(2025, 2, 28), D(2025, 6, 15), D(2025, 12, 31), D(2026, 1, 31), D(2026, 6, 30), D(2026, 7, 14), D(2026, 11, 20)];

    [DbFact]
    public async Task Counts_kept_through_random_writes_equal_the_counts_made_from_the_facts_and_every_figure_agrees()
    {
        var land = await Land.CreateAsync(app);
        var indicators = await app.WithDbAsync(async db =>
        {
            var list = s_formulas.Select((f, i) => new Indicator { CommuneId = land.Commune.Id, Code = $"count_{i}", Name = $"Chỉ số {i}", FormulaJson = f.ToJson() }).ToList();
            db.Indicators.AddRange(list);
            await db.SaveChangesAsync();
            return list.ToDictionary(i => i.Id, i => IndicatorFormula.Parse(i.FormulaJson));
        });
        // Counted from the start, while the commune is still empty: every write below goes through the counter.
        await app.WithDbAsync(db => CountedFigures.EnsureAsync(db, land.Commune.Id, indicators, app.Clock.GetUtcNow().UtcDateTime, default));

        var random = new Random(20261203);
        var items = await app.WithDbAsync(db => db.ReadinessItems.Where(i => i.CommuneId == null).ToDictionaryAsync(i => i.Code, i => i.Id));
        var residents = new List<(Guid Id, Guid Household)>();
        var households = new List<Guid>();
        var businesses = new List<Guid>();
        var events = new List<Guid>();
        DateOnly SomeDay() => D(2023, 1, 1).AddDays(random.Next(0, 1400));
        DateOnly SomeBirth() => random.Next(4) == 0 ? D(2008, 7, 1).AddDays(random.Next(-400, 400)) : D(1930, 1, 1).AddDays(random.Next(0, 33_000));
        Neighbourhood SomeWhere() => random.Next(2) == 0 ? land.North : land.South;

        for (var step = 0; step < 260; step++)
        {
            var choice = households.Count < 6 ? 0 : random.Next(100);
            await app.WithDbAsync(async db =>
            {
                var now = app.Clock.GetUtcNow().UtcDateTime;
                switch (choice)
                {
                    case < 12:
                        var where = SomeWhere();
                        var household = new Household { CommuneId = land.Commune.Id, NeighbourhoodId = where.Id, Code = "R" + step, Address = "Thử", CreatedAtUtc = now, UpdatedAtUtc = now };
                        for (var i = random.Next(1, 5); i > 0; i--)
                        {
                            var born = SomeBirth();
                            var yearOnly = random.Next(5) == 0;
                            household.Residents.Add(new Resident
                            {
                                CommuneId = land.Commune.Id, NeighbourhoodId = where.Id, FullName = "Người Thử", BirthDate = yearOnly ? null : born,
                                BirthYear = random.Next(12) == 0 ? null : born.Year, CreatedAtUtc = now, UpdatedAtUtc = now,
                            });
                        }
                        db.Households.Add(household);
                        await db.SaveChangesAsync();
                        households.Add(household.Id);
                        residents.AddRange(household.Residents.Select(r => (r.Id, household.Id)));
                        break;
                    case < 55:
                        // A session: one to three statuses of one or two residents, sometimes entered days later.
                        var who = residents[random.Next(residents.Count)];
                        var people = await db.Residents.Where(r => r.HouseholdId == who.Household || r.Id == who.Id).Take(2).ToListAsync();
                        var on = SomeDay();
                        foreach (var person in people)
                        {
                            foreach (var code in s_values.Keys.Where(c => c is not "ecommerce" and not "qr_payment").OrderBy(_ => random.Next()).Take(random.Next(1, 4)))
                            {
                                var e = new ReadinessEvent
                                {
                                    CommuneId = land.Commune.Id, NeighbourhoodId = person.NeighbourhoodId, ResidentId = person.Id, ItemId = items[code],
                                    Value = s_values[code][random.Next(s_values[code].Length)], OccurredAtUtc = VietnamTime.StartOfDayUtc(on).AddHours(random.Next(7, 20)),
                                    RecordedAtUtc = VietnamTime.StartOfDayUtc(random.Next(3) == 0 ? on.AddDays(random.Next(1, 90)) : on).AddHours(21),
                                };
                                db.ReadinessEvents.Add(e);
                                events.Add(e.Id);
                            }
                        }
                        await db.SaveChangesAsync();
                        break;
                    case < 62 when events.Count > 0:
                        // A correction of an earlier record: it voids that one and says what was true.
                        var wrongId = events[random.Next(events.Count)];
                        var wrong = await db.ReadinessEvents.FirstOrDefaultAsync(e => e.Id == wrongId);
                        if (wrong?.ResidentId is { } subject)
                        {
                            var code = items.Single(i => i.Value == wrong.ItemId).Key;
                            var fix = new ReadinessEvent
                            {
                                CommuneId = land.Commune.Id, NeighbourhoodId = wrong.NeighbourhoodId, ResidentId = subject, ItemId = wrong.ItemId, CorrectsEventId = wrong.Id,
                                Value = s_values[code][random.Next(s_values[code].Length)], OccurredAtUtc = wrong.OccurredAtUtc.AddDays(random.Next(-20, 20)), RecordedAtUtc = now,
                            };
                            db.ReadinessEvents.Add(fix);
                            events.Add(fix.Id);
                            await db.SaveChangesAsync();
                        }
                        break;
                    case < 66 when events.Count > 0:
                        var goneId = events[random.Next(events.Count)];
                        var gone = await db.ReadinessEvents.FirstOrDefaultAsync(e => e.Id == goneId && !db.ReadinessEvents.Any(c => c.CorrectsEventId == e.Id));
                        if (gone is not null)
                        {
                            db.ReadinessEvents.Remove(gone);
                            await db.SaveChangesAsync();
                        }
                        break;
                    case < 74:
                        var mover = residents[random.Next(residents.Count)];
                        var moverId = mover.Id;
                        var resident = await db.Residents.SingleAsync(r => r.Id == moverId);
                        db.ResidenceFacts.Add(new ResidenceFact
                        {
                            CommuneId = land.Commune.Id, ResidentId = resident.Id, NeighbourhoodId = resident.NeighbourhoodId, On = SomeDay(), RecordedAtUtc = now,
                            Change = (ResidenceChange)random.Next(1, 4),
                        });
                        await db.SaveChangesAsync();
                        break;
                    case < 78:
                        var agedId = residents[random.Next(residents.Count)].Id;
                        var aged = await db.Residents.SingleAsync(r => r.Id == agedId);
                        var birth = SomeBirth();
                        aged.BirthDate = random.Next(4) == 0 ? null : birth;
                        aged.BirthYear = birth.Year;
                        await db.SaveChangesAsync();
                        break;
                    case < 82:
                        // Someone joins another household (of the other neighbourhood, perhaps), with their records.
                        var index = random.Next(residents.Count);
                        var joiningId = residents[index].Id;
                        var intoId = households[random.Next(households.Count)];
                        var joining = await db.Residents.SingleAsync(r => r.Id == joiningId);
                        var into = await db.Households.SingleAsync(h => h.Id == intoId);
                        joining.HouseholdId = into.Id;
                        joining.NeighbourhoodId = into.NeighbourhoodId;
                        foreach (var e in await db.ReadinessEvents.Where(e => e.ResidentId == joining.Id).ToListAsync())
                        {
                            e.NeighbourhoodId = into.NeighbourhoodId;
                        }
                        await db.SaveChangesAsync();
                        residents[index] = (joining.Id, into.Id);
                        break;
                    case < 85:
                        // A household moves to the other neighbourhood: its people and records with it (as the household form does).
                        var movingId = households[random.Next(households.Count)];
                        var moving = await db.Households.SingleAsync(h => h.Id == movingId);
                        var to = moving.NeighbourhoodId == land.North.Id ? land.South : land.North;
                        moving.NeighbourhoodId = to.Id;
                        (await db.Residents.Where(r => r.HouseholdId == moving.Id).ToListAsync()).ForEach(r => r.NeighbourhoodId = to.Id);
                        (await db.ReadinessEvents.Where(e => db.Residents.Any(r => r.HouseholdId == moving.Id && r.Id == e.ResidentId)).ToListAsync()).ForEach(e => e.NeighbourhoodId = to.Id);
                        await db.SaveChangesAsync();
                        break;
                    case < 87:
                        var leaving = residents[random.Next(residents.Count)];
                        db.ReadinessEvents.RemoveRange(await db.ReadinessEvents.Where(e => e.ResidentId == leaving.Id).ToListAsync());
                        db.ResidenceFacts.RemoveRange(await db.ResidenceFacts.Where(f => f.ResidentId == leaving.Id).ToListAsync());
                        var headOf = await db.Households.Where(h => h.HeadResidentId == leaving.Id).ToListAsync();
                        headOf.ForEach(h => h.HeadResidentId = null);
                        db.Residents.Remove(await db.Residents.SingleAsync(r => r.Id == leaving.Id));
                        await db.SaveChangesAsync();
                        residents.Remove(leaving);
                        events.Clear();
                        events.AddRange(await db.ReadinessEvents.Where(e => e.CommuneId == land.Commune.Id).Select(e => e.Id).ToListAsync());
                        break;
                    case < 93:
                        var business = new Business
                        {
                            CommuneId = land.Commune.Id, NeighbourhoodId = SomeWhere().Id, Name = "Hộ kinh doanh " + step, Kind = (BusinessKind)random.Next(1, 4),
                            IsOcop = random.Next(3) == 0, CreatedAtUtc = now, UpdatedAtUtc = now,
                        };
                        db.Businesses.Add(business);
                        businesses.Add(business.Id);
                        await db.SaveChangesAsync();
                        break;
                    default:
                        if (businesses.Count == 0)
                        {
                            break;
                        }
                        var shopId = businesses[random.Next(businesses.Count)];
                        var shop = await db.Businesses.SingleAsync(b => b.Id == shopId);
                        if (random.Next(4) == 0)
                        {
                            shop.Kind = (BusinessKind)random.Next(1, 4);
                        }
                        var day = SomeDay();
                        foreach (var code in s_businessItems.Where(_ => random.Next(2) == 0))
                        {
                            db.ReadinessEvents.Add(new ReadinessEvent
                            {
                                CommuneId = land.Commune.Id, NeighbourhoodId = shop.NeighbourhoodId, BusinessId = shop.Id, ItemId = items[code], Value = s_values[code][random.Next(2)],
                                OccurredAtUtc = VietnamTime.StartOfDayUtc(day).AddHours(9), RecordedAtUtc = VietnamTime.StartOfDayUtc(day.AddDays(random.Next(0, 3))).AddHours(10),
                            });
                        }
                        await db.SaveChangesAsync();
                        break;
                }
            });
        }

        // Writers at once on the same few households: each one's "before" must not be another's.
        var shared = residents.Take(4).ToList();
        await Task.WhenAll(Enumerable.Range(0, 8).Select(writer => Task.Run(() => app.WithDbAsync(async db =>
        {
            for (var i = 0; i < 4; i++)
            {
                var person = shared[(writer + i) % shared.Count];
                var neighbourhood = await db.Residents.Where(r => r.Id == person.Id).Select(r => r.NeighbourhoodId).SingleAsync();
                db.ReadinessEvents.Add(new ReadinessEvent
                {
                    CommuneId = land.Commune.Id, NeighbourhoodId = neighbourhood, ResidentId = person.Id, ItemId = items[i % 2 == 0 ? "signature" : "skills"],
                    Value = (writer + i) % 3 == 0 ? "no" : "yes", OccurredAtUtc = VietnamTime.StartOfDayUtc(D(2026, 3, 1).AddDays(writer * 7 + i)).AddHours(10),
                    RecordedAtUtc = app.Clock.GetUtcNow().UtcDateTime,
                });
                await db.SaveChangesAsync();
            }
        }))));

        var differences = await app.WithDbAsync(db => IndicatorCounter.DifferencesAsync(db, land.Commune.Id));
        Assert.True(differences.Count == 0, string.Join("\n", differences.Take(20)));
        await AssertFiguresAgreeAsync(land, indicators);

        // After a rebuild (the command), the same.
        await app.WithDbAsync(db => IndicatorCounter.RebuildCommuneAsync(db, land.Commune.Id, app.Clock.GetUtcNow().UtcDateTime));
        Assert.Empty(await app.WithDbAsync(db => IndicatorCounter.DifferencesAsync(db, land.Commune.Id)));
        await AssertFiguresAgreeAsync(land, indicators);
    }

    [DbFact]
    public async Task A_changed_formula_or_catalogue_item_and_an_import_rebuild_the_counts_on_the_next_read()
    {
        var land = await Land.CreateAsync(app);
        var (_, people) = await land.HouseholdAsync(land.North, D(1990, 1, 1), D(2000, 5, 5));
        await land.StatusAsync(people[0], "vneid", "level1", D(2026, 2, 1));
        await land.StatusAsync(people[1], "vneid", "level2", D(2026, 2, 1));
        var formula = new IndicatorFormula { Kind = FormulaKind.Residents, Having = [new("vneid")] };
        var indicator = await app.WithDbAsync(async db =>
        {
            var i = new Indicator { CommuneId = land.Commune.Id, Code = "vneid_any", Name = "VNeID", FormulaJson = formula.ToJson() };
            db.Indicators.Add(i);
            await db.SaveChangesAsync();
            return i;
        });
        async Task<AreaFigure> ReadAsync(IndicatorFormula f) => await app.WithDbAsync(async db =>
        {
            var facts = await CommuneFacts.LoadForDashboardAsync(db, land.Commune.Id, new Dictionary<int, IndicatorFormula> { [indicator.Id] = f }, D(2026, 3, 1), app.Clock.GetUtcNow().UtcDateTime);
            return facts.Evaluate(f, indicator.Id, D(2026, 3, 1), D(2026, 1, 1)).Commune;
        });

        // Level 2 is what "achieved" means for VNeID: 1 of 2.
        Assert.Equal((1m, 2m), ((await ReadAsync(formula)).Numerator, (await ReadAsync(formula)).Denominator!.Value));

        // The formula now names the level: both count, without anyone rebuilding by hand.
        var anyLevel = formula with { Having = [new("vneid", ["level1", "level2"])] };
        await app.WithDbAsync(async db =>
        {
            var stored = await db.Indicators.SingleAsync(i => i.Id == indicator.Id);
            stored.FormulaJson = anyLevel.ToJson();
            await db.SaveChangesAsync();
        });
        Assert.Equal(2m, (await ReadAsync(anyLevel)).Numerator);

        // The ward's own VNeID item (same code) where level 1 is enough: its catalogue wins.
        await app.WithDbAsync(async db =>
        {
            db.ReadinessItems.Add(new ReadinessItem
            {
                CommuneId = land.Commune.Id, Code = "vneid", Name = "VNeID (phường)", Subject = ReadinessSubject.Resident, Choices = "none:Chưa có|level1:Mức 1|level2:Mức 2", AchievedValues = "level1",
            });
            await db.SaveChangesAsync();
        });
        var own = await ReadAsync(formula);
        Assert.True(own.Missing, "the ward's own item has no records yet: the figure is missing, not 0");

        // An import writes around the counter: it forgets the definitions, and the next read counts again.
        await app.WithDbAsync(async db =>
        {
            await using var transaction = await db.Database.BeginTransactionAsync();
            await IndicatorCounter.InvalidateAsync(db, land.Commune.Id);
            await transaction.CommitAsync();
        });
        Assert.Empty(await app.WithDbAsync(db => IndicatorCounter.DefinitionsAsync(db, land.Commune.Id, default)));
        Assert.True((await ReadAsync(formula)).Missing);
        Assert.Single(await app.WithDbAsync(db => IndicatorCounter.DefinitionsAsync(db, land.Commune.Id, default)));
    }

    /// <summary>Every formula's counted figures at every day (and the late records) equal the engine's from the facts.</summary>
    private async Task AssertFiguresAgreeAsync(Land land, Dictionary<int, IndicatorFormula> indicators)
    {
        foreach (var day in s_days)
        {
            await app.WithDbAsync(async db =>
            {
                var counted = await CommuneFacts.LoadForDashboardAsync(db, land.Commune.Id, indicators, day, app.Clock.GetUtcNow().UtcDateTime);
                var raw = await CommuneFacts.LoadAsync(db, land.Commune.Id, [.. indicators.Values], day);
                var monthEnds = TargetEvaluator.MonthEnds(new DateOnly(day.Year, 1, 1), day).ToList();
                foreach (var (id, formula) in indicators)
                {
                    foreach (var at in monthEnds)
                    {
                        var fromCounts = counted.Evaluate(formula, id, at, new DateOnly(at.Year, 1, 1));
                        var fromFacts = raw.Evaluate(formula, id, at, new DateOnly(at.Year, 1, 1));
                        var what = $"indicator {id} ({formula.ToJson()}) on {at:dd/MM/yyyy}";
                        Assert.True(fromFacts.Commune == fromCounts.Commune, $"{what}: commune {fromFacts.Commune} from the facts, {fromCounts.Commune} from the counts");
                        Assert.True(fromFacts.LateRecords == fromCounts.LateRecords, $"{what}: late {fromFacts.LateRecords} vs {fromCounts.LateRecords}");
                        foreach (var n in raw.Neighbourhoods)
                        {
                            Assert.True(fromFacts.ByNeighbourhood[n.Id] == fromCounts.ByNeighbourhood[n.Id],
                                $"{what}, {n.Name}: {fromFacts.ByNeighbourhood[n.Id]} from the facts, {fromCounts.ByNeighbourhood[n.Id]} from the counts");
                        }
                    }
                }
                return 0;
            });
        }
    }
}
