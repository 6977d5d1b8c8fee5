using System.Diagnostics;
using System.Globalization;
using CongDongSo.Web.Data;
using CongDongSo.Web.Features.Plans;
using CongDongSo.Web.Infrastructure.Imports;
using CongDongSo.Web.Infrastructure.Localization;
using Microsoft.EntityFrameworkCore;

namespace CongDongSo.Bench;

/// <summary>
/// indicators: a synthetic province (communes × neighbourhoods × households, about three residents
/// a household and 3.3 readiness events a resident over two years) generated through the bulk path
/// into a fresh database, a plan in every commune with the national indicators' targets, the counts
/// built by the rebuild command; then, side by side: a commune dashboard and the province overview
/// from the counts, the same from the raw facts (the engine that scans them), and the time of one
/// session's commit with the counter and without it.
/// </summary>
internal static class IndicatorsBench
{
    private const string Usage = "usage: indicators [sqlite|postgres] [communes=100] [households=10000] [keep]   (PostgreSQL admin connection: CDS_BENCH_POSTGRES)";
    private static readonly DateOnly s_at = new(2026, 11, 20);
    private static readonly string[] s_targets =
        ["residents_vneid", "adults18_vneid", "adults18_signature", "residents_payment", "adults18_skills", "adults18_smartphone", "households_member_skills", "households_member_payment", "weekend_dx_events"];
    private static readonly (string Item, string[] Values)[] s_items =
        [("vneid", ["none", "level1", "level2", "level2"]), ("signature", ["yes", "no"]), ("payment", ["yes", "yes", "no"]), ("skills", ["yes", "no"]),
         ("smartphone", ["yes", "yes", "yes", "no"]), ("dvc", ["yes", "no"]), ("ehealth", ["yes", "no"]), ("sim4g", ["yes", "no"])];

    public static async Task<int> RunAsync(string[] args)
    {
        var provider = args.Contains("postgres") ? DatabaseProvider.Postgres : DatabaseProvider.Sqlite;
        int Arg(string name, int fallback) => args.FirstOrDefault(a => a.StartsWith(name + "=", StringComparison.Ordinal)) is { } a
            ? int.Parse(a[(name.Length + 1)..], CultureInfo.InvariantCulture) : fallback;
        var communeCount = Arg("communes", provider == DatabaseProvider.Postgres ? 100 : 1);
        var householdsPerCommune = Arg("households", 10_000);
        const int neighbourhoodsPerCommune = 30;
        if (communeCount < 1 || householdsPerCommune < neighbourhoodsPerCommune)
        {
            Console.Error.WriteLine(Usage);
            return 2;
        }
        var folder = Directory.CreateTempSubdirectory("cds-bench-indicators-").FullName;
        var databases = new List<string>();
        try
        {
            var connection = await ImportResidentsBench.FreshDatabaseAsync(provider, folder, "indicators", databases);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{provider}: {communeCount} communes × {neighbourhoodsPerCommune} neighbourhoods, {householdsPerCommune:N0} households each; {Environment.ProcessorCount} CPUs"));

            // 1. The province, through the bulk path.
            var started = Stopwatch.GetTimestamp();
            var (communes, totals) = await GenerateAsync(provider, connection, communeCount, neighbourhoodsPerCommune, householdsPerCommune);
            var generated = Stopwatch.GetElapsedTime(started);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"generated {totals.Households:N0} households, {totals.Residents:N0} residents, {totals.Events:N0} readiness events in {generated.TotalSeconds:0} s"));
            started = Stopwatch.GetTimestamp();
            long countRows = 0;
            foreach (var commune in communes)
            {
                await using var db = Commands.NewContext(provider, connection);
                countRows += await IndicatorCounter.RebuildCommuneAsync(db, commune, DateTime.UtcNow);
            }
            var built = Stopwatch.GetElapsedTime(started);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"counts built by the rebuild command: {countRows:N0} rows in {built.TotalSeconds:0} s"));
            if (provider == DatabaseProvider.Postgres)
            {
                await using var db = Commands.NewContext(provider, connection);
                await db.Database.ExecuteSqlRawAsync("VACUUM ANALYZE");
            }

            var random = new Random(7);
            var plans = await ReadAsync(provider, connection, db => db.Plans.ToDictionaryAsync(p => p.CommuneId));
            var formulas = await ReadAsync(provider, connection, async db => (await db.Indicators.Where(i => s_targets.Contains(i.Code)).ToListAsync())
                .ToDictionary(i => i.Id, i => IndicatorFormula.Parse(i.FormulaJson)));

            // 2. A commune dashboard: every target with its trend and neighbourhoods.
            var dashboard = await TimeAsync(5, 40, async () =>
            {
                await using var db = Commands.NewContext(provider, connection);
                var plan = plans[communes[random.Next(communes.Count)]];
                return (await PlanQueries.EvaluateAsync(db, plan, s_at, DateTime.UtcNow)).Count;
            });
            // Where a dashboard's time goes, for the record.
            var parts = new double[5];
            for (var run = 0; run < 20; run++)
            {
                await using var db = Commands.NewContext(provider, connection);
                var plan = plans[communes[random.Next(communes.Count)]];
                var clock = Stopwatch.StartNew();
                var targets = await db.PlanTargets.AsNoTracking().Include(t => t.Indicator).Where(t => t.PlanId == plan.Id).ToListAsync();
                var own = targets.Select(t => t.Indicator!).DistinctBy(i => i.Id).ToDictionary(i => i.Id, i => IndicatorFormula.Parse(i.FormulaJson));
                var countedOnly = own.Where(f => CountDefinition.IsCounted(f.Value.Kind)).ToDictionary(f => f.Key, f => f.Value);
                parts[0] += clock.Elapsed.TotalMilliseconds;
                clock.Restart();
                await CountedFigures.EnsureAsync(db, plan.CommuneId, countedOnly, DateTime.UtcNow, default);
                parts[1] += clock.Elapsed.TotalMilliseconds;
                clock.Restart();
                await CountQueries.ReadAsync(db, [plan.CommuneId], countedOnly.Keys, s_at, null, months: true);
                parts[2] += clock.Elapsed.TotalMilliseconds;
                clock.Restart();
                var facts = await CommuneFacts.LoadForDashboardAsync(db, plan.CommuneId, own, s_at, DateTime.UtcNow);
                parts[3] += clock.Elapsed.TotalMilliseconds;
                clock.Restart();
                _ = targets.Select(t => TargetEvaluator.Evaluate(facts, t, t.Indicator!, own[t.IndicatorId], plan.Year, s_at)).ToList();
                parts[4] += clock.Elapsed.TotalMilliseconds;
            }
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"a dashboard's parts (mean ms): targets {parts[0] / 20:0.0}, definitions check {parts[1] / 20:0.0}, count rows read {parts[2] / 20:0.0}, whole load {parts[3] / 20:0.0}, evaluation {parts[4] / 20:0.0}"));
            var dashboardRaw = await TimeAsync(1, provider == DatabaseProvider.Postgres ? 5 : 20, async () =>
            {
                await using var db = Commands.NewContext(provider, connection);
                var plan = plans[communes[random.Next(communes.Count)]];
                var targets = await db.PlanTargets.AsNoTracking().Include(t => t.Indicator).Where(t => t.PlanId == plan.Id).ToListAsync();
                var facts = await CommuneFacts.LoadAsync(db, plan.CommuneId, [.. formulas.Values], s_at);
                return targets.Select(t => TargetEvaluator.Evaluate(facts, t, t.Indicator!, formulas[t.IndicatorId], plan.Year, s_at)).Count();
            });

            // 3. The province overview: every commune's figure of every target today.
            var overview = await TimeAsync(3, 20, async () =>
            {
                await using var db = Commands.NewContext(provider, connection);
                return (await ProvinceFigures.LoadAsync(db, communes, formulas, s_at, DateTime.UtcNow)).Count;
            });
            var overviewRaw = await TimeAsync(0, 1, async () =>
            {
                var n = 0;
                foreach (var commune in communes)
                {
                    await using var db = Commands.NewContext(provider, connection);
                    var facts = await CommuneFacts.LoadAsync(db, commune, [.. formulas.Values], s_at);
                    n += formulas.Count(f => facts.Evaluate(f.Value, f.Key, s_at, new DateOnly(s_at.Year, 1, 1)).Commune.Denominator is not null);
                }
                return n;
            });

            // 4. One session's commit (three statuses of one resident) with the counter, and in a commune without counts.
            var residents = await ReadAsync(provider, connection, db => db.Residents.Where(r => r.CommuneId == communes[0])
                .Select(r => new { r.Id, r.NeighbourhoodId }).Take(5_000).ToListAsync());
            var items = await ReadAsync(provider, connection, db => db.ReadinessItems.Where(i => i.CommuneId == null).ToDictionaryAsync(i => i.Code, i => i.Id));
            async Task<int> SessionAsync()
            {
                var who = residents[random.Next(residents.Count)];
                await using var db = Commands.NewContext(provider, connection);
                var now = DateTime.UtcNow;
                foreach (var (item, values) in s_items.OrderBy(_ => random.Next()).Take(3))
                {
                    db.ReadinessEvents.Add(new ReadinessEvent
                    {
                        CommuneId = communes[0], NeighbourhoodId = who.NeighbourhoodId, ResidentId = who.Id, ItemId = items[item], Value = values[random.Next(values.Length)],
                        OccurredAtUtc = now, RecordedAtUtc = now,
                    });
                }
                return await db.SaveChangesAsync();
            }
            var counted = await TimeAsync(20, 300, SessionAsync);
            await using (var db = Commands.NewContext(provider, connection))
            {
                await IndicatorCounter.InvalidateAsync(db, communes[0]);
            }
            var uncounted = await TimeAsync(20, 300, SessionAsync);
            await using (var db = Commands.NewContext(provider, connection))
            {
                await IndicatorCounter.RebuildCommuneAsync(db, communes[0], DateTime.UtcNow);
                var differences = await IndicatorCounter.DifferencesAsync(db, communes[0]);
                Console.WriteLine($"after {counted.Count} counted sessions: {differences.Count} differences between the counts and the facts");
            }

            Console.WriteLine();
            Console.WriteLine("                                   p50 ms    p95 ms    p99 ms   runs");
            Print("commune dashboard, from counts", dashboard);
            Print("commune dashboard, from the facts", dashboardRaw);
            Print("province overview, from counts", overview);
            Print("province overview, from the facts", overviewRaw);
            Print("one session commit, counted", counted);
            Print("one session commit, not counted", uncounted);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"counts vs facts: dashboard {Median(dashboardRaw) / Median(dashboard):0}× faster, province overview {Median(overviewRaw) / Median(overview):0}× faster"));
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"session commit: {1000 / counted.Average():0} commits/s counted, {1000 / uncounted.Average():0} not counted (one writer); the counter adds {Median(counted) - Median(uncounted):0.00} ms at the median"));
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"aims: dashboard p95 < {(provider == DatabaseProvider.Postgres ? 100 : 50)} ms: {Percentile(dashboard, 0.95) < (provider == DatabaseProvider.Postgres ? 100 : 50)}; "
                + $"overview p95 < 1000 ms: {Percentile(overview, 0.95) < 1000}; ≥ 50× the scan: {Median(dashboardRaw) / Median(dashboard) >= 50 && Median(overviewRaw) / Median(overview) >= 50}"));
            if (args.Contains("keep"))
            {
                Console.WriteLine($"kept: {connection}");
                databases.Clear();
            }
            return 0;
        }
        finally
        {
            await ImportResidentsBench.DropAsync(provider, databases);
            if (!args.Contains("keep"))
            {
                Directory.Delete(folder, recursive: true);
            }
        }
    }

    private static void Print(string what, List<double> times) => Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"{what,-34} {Median(times),8:0.0}  {Percentile(times, 0.95),8:0.0}  {Percentile(times, 0.99),8:0.0}  {times.Count,5}"));

    private static double Median(List<double> times) => Percentile(times, 0.5);

    private static double Percentile(List<double> times, double p)
    {
        var sorted = times.Order().ToList();
        return sorted[Math.Clamp((int)Math.Ceiling(p * sorted.Count) - 1, 0, sorted.Count - 1)];
    }

    /// <summary>Milliseconds of each measured run, after the warm-up runs.</summary>
    private static async Task<List<double>> TimeAsync(int warmUp, int runs, Func<Task<int>> work)
    {
        for (var i = 0; i < warmUp; i++)
        {
            await work();
        }
        var times = new List<double>(runs);
        for (var i = 0; i < runs; i++)
        {
            var started = Stopwatch.GetTimestamp();
            await work();
            times.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        }
        return times;
    }

    private static async Task<T> ReadAsync<T>(DatabaseProvider provider, string connection, Func<AppDbContext, Task<T>> read)
    {
        await using var db = Commands.NewContext(provider, connection);
        return await read(db);
    }

    private static async Task<(List<int> Communes, (long Households, long Residents, long Events) Totals)> GenerateAsync(DatabaseProvider provider, string connection,
        int communeCount, int neighbourhoodsPerCommune, int householdsPerCommune)
    {
        var effective = new DateOnly(2025, 7, 1);
        var communes = new List<int>();
        Dictionary<string, int> items;
        await using (var db = Commands.NewContext(provider, connection))
        {
            await ReferenceData.SeedAsync(db);
            var province = new Province { Code = "99", Name = "Tỉnh Thử nghiệm", EffectiveFrom = effective };
            db.Provinces.Add(province);
            await db.SaveChangesAsync();
            var list = Enumerable.Range(1, communeCount).Select(i => new Commune
            {
                ProvinceId = province.Id, Code = $"9{i:0000}", Name = $"Xã Thử {i}", Level = CommuneLevel.Xa, EffectiveFrom = effective,
            }).ToList();
            db.Communes.AddRange(list);
            await db.SaveChangesAsync();
            communes.AddRange(list.Select(c => c.Id));
            items = await db.ReadinessItems.Where(i => i.CommuneId == null).ToDictionaryAsync(i => i.Code, i => i.Id);
            var indicators = await db.Indicators.Where(i => i.CommuneId == null && s_targets.Contains(i.Code)).ToListAsync();
            var now = DateTime.UtcNow;
            foreach (var commune in list)
            {
                db.Neighbourhoods.AddRange(Enumerable.Range(1, neighbourhoodsPerCommune).Select(n => new Neighbourhood { CommuneId = commune.Id, Name = $"Thôn {n}", EffectiveFrom = effective }));
                var plan = new Plan { CommuneId = commune.Id, Year = 2026, Title = "Kế hoạch chuyển đổi số năm 2026", Status = PlanStatus.InForce, CreatedAtUtc = now, UpdatedAtUtc = now };
                plan.Targets.AddRange(indicators.Select((indicator, i) => new PlanTarget
                {
                    CommuneId = commune.Id, IndicatorId = indicator.Id, Value = indicator.Code == "weekend_dx_events" ? 12 : 80 + i, Deadline = new DateOnly(2026, 12, 31), SortOrder = i,
                    Scope = i % 3 == 2 ? TargetScope.EachNeighbourhood : TargetScope.Commune,
                }));
                db.Plans.Add(plan);
            }
            db.SkipRowAudit = true;
            await db.SaveChangesAsync();
        }
        long households = 0, residents = 0, events = 0;
        var random = new Random(20261203);
        var first = VietnamTime.StartOfDayUtc(new DateOnly(2025, 1, 1));
        var span = (VietnamTime.StartOfDayUtc(s_at) - first).TotalMinutes;
        foreach (var communeId in communes)
        {
            await using var db = Commands.NewContext(provider, connection);
            var neighbourhoods = await db.Neighbourhoods.Where(n => n.CommuneId == communeId).Select(n => n.Id).ToListAsync();
            var now = DateTime.UtcNow;
            var householdRows = new List<Household>(householdsPerCommune);
            var residentRows = new List<Resident>(householdsPerCommune * 3);
            var eventRows = new List<ReadinessEvent>(householdsPerCommune * 10);
            for (var h = 0; h < householdsPerCommune; h++)
            {
                var neighbourhood = neighbourhoods[h % neighbourhoods.Count];
                var household = new Household { CommuneId = communeId, NeighbourhoodId = neighbourhood, Code = $"H{h:000000}", Address = $"{h} Đường Thử", CreatedAtUtc = now, UpdatedAtUtc = now };
                householdRows.Add(household);
                for (var p = random.Next(1, 6); p > 0; p--)
                {
                    var born = new DateOnly(1940, 1, 1).AddDays(random.Next(0, 31_000));
                    var resident = new Resident
                    {
                        CommuneId = communeId, HouseholdId = household.Id, NeighbourhoodId = neighbourhood, FullName = "Người Thử", BirthDate = born, BirthYear = born.Year,
                        CreatedAtUtc = now, UpdatedAtUtc = now,
                    };
                    residentRows.Add(resident);
                    // 3.3 events a resident on average: a few statuses, some recorded twice as they changed.
                    var count = random.Next(100) < 33 ? 4 : 3;
                    for (var e = 0; e < count; e++)
                    {
                        var (item, values) = s_items[random.Next(s_items.Length)];
                        var occurred = first.AddMinutes(random.NextDouble() * span);
                        eventRows.Add(new ReadinessEvent
                        {
                            CommuneId = communeId, NeighbourhoodId = neighbourhood, ResidentId = resident.Id, ItemId = items[item], Value = values[random.Next(values.Length)],
                            OccurredAtUtc = occurred, RecordedAtUtc = random.Next(10) == 0 ? occurred.AddDays(random.Next(1, 30)) : occurred,
                        });
                    }
                }
            }
            await using var transaction = await db.Database.BeginTransactionAsync();
            using (var bulk = new BulkInsert(db))
            {
                await bulk.InsertAsync(householdRows);
                await bulk.InsertAsync(residentRows);
                foreach (var chunk in eventRows.Chunk(50_000))
                {
                    await bulk.InsertAsync(chunk);
                }
            }
            await transaction.CommitAsync();
            households += householdRows.Count;
            residents += residentRows.Count;
            events += eventRows.Count;
        }
        return (communes, (households, residents, events));
    }
}
