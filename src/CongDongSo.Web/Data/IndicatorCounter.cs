using System.Collections.Concurrent;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;

namespace CongDongSo.Web.Data;

/// <summary>
/// What a counted indicator's counts were made with: its formula and the readiness items it names,
/// by code (id and achieved values). Compared as text with today's definition to know the counts
/// still mean what the indicator says.
/// </summary>
public sealed class CountDefinition
{
    private static readonly JsonSerializerOptions s_json = new() { WriteIndented = false };

    public required int IndicatorId { get; init; }
    public required IndicatorFormula Formula { get; init; }
    public required IReadOnlyDictionary<string, ItemRule> Items { get; init; }
    public required string Json { get; init; }

    /// <summary>The kinds kept counted: the ones over the population's big tables. The rest are read from their (small) tables.</summary>
    public static bool IsCounted(FormulaKind kind) => kind is FormulaKind.Residents or FormulaKind.Households or FormulaKind.Businesses;

    public bool ForBusinesses => Formula.Kind == FormulaKind.Businesses;

    public IEnumerable<int> ItemIds => Items.Values.Select(i => i.Id);

    /// <summary>Today's definition of an indicator, from the commune's catalogue (the ward's own item wins over a national one of the same code).</summary>
    public static CountDefinition Create(int indicatorId, IndicatorFormula formula, IReadOnlyDictionary<string, ItemRule> catalogue)
    {
        var items = formula.Having.Concat(formula.Among).Select(c => c.Item).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)
            .Where(catalogue.ContainsKey).ToDictionary(code => code, code => catalogue[code], StringComparer.Ordinal);
        var json = JsonSerializer.Serialize(new StoredDefinition(formula.ToJson(), items.Select(i => new StoredItem(i.Key, i.Value.Id, i.Value.AchievedValues)).ToList()), s_json);
        return new CountDefinition { IndicatorId = indicatorId, Formula = formula, Items = items, Json = json };
    }

    private static readonly ConcurrentDictionary<(int, string), CountDefinition> s_parsed = new();

    public static CountDefinition Parse(int indicatorId, string json)
    {
        if (s_parsed.TryGetValue((indicatorId, json), out var known))
        {
            return known;
        }
        var stored = JsonSerializer.Deserialize<StoredDefinition>(json, s_json)!;
        var definition = new CountDefinition
        {
            IndicatorId = indicatorId,
            Formula = IndicatorFormula.Parse(stored.Formula),
            Items = stored.Items.ToDictionary(i => i.Code, i => new ItemRule(i.Id, i.Achieved), StringComparer.Ordinal),
            Json = json,
        };
        if (s_parsed.Count > 10_000)
        {
            s_parsed.Clear();
        }
        return s_parsed[(indicatorId, json)] = definition;
    }

    private sealed record StoredDefinition(string Formula, List<StoredItem> Items);

    private sealed record StoredItem(string Code, int Id, string Achieved);
}

/// <summary>A resident as the counter reads them.</summary>
public sealed record CountedResident(Guid Id, Guid HouseholdId, Guid NeighbourhoodId, DateOnly? BirthDate, int? BirthYear,
    IReadOnlyList<(DateOnly On, ResidenceChange Change)> Residence, StatusTimeline Statuses, IReadOnlyList<ReadinessState> Events);

/// <summary>A business as the counter reads it.</summary>
public sealed record CountedBusiness(Guid Id, Guid NeighbourhoodId, BusinessKind Kind, bool IsOcop, StatusTimeline Statuses, IReadOnlyList<ReadinessState> Events);

/// <summary>
/// Changes of counts, by indicator, neighbourhood and day, before they are spread over the levels
/// of <see cref="IndicatorCount"/> and the commune's total.
/// </summary>
public sealed class CountChanges
{
    /// <summary>Changes dated before this go into one bucket (year 0001): figures are read from 2000 on.</summary>
    public static readonly DateOnly CountedSince = new(2000, 1, 1);

    private readonly Dictionary<(int Indicator, Guid Neighbourhood, DateOnly Day), (int Num, int Den, int Seen, int Late)> _byDay = [];

    public int Count => _byDay.Count;

    public void Add(int indicator, Guid neighbourhood, DateOnly day, int num, int den, int seen, int late)
    {
        if (num == 0 && den == 0 && seen == 0 && late == 0)
        {
            return;
        }
        var key = (indicator, neighbourhood, day);
        var (n, d, s, l) = _byDay.GetValueOrDefault(key);
        var sum = (n + num, d + den, s + seen, l + late);
        if (sum == (0, 0, 0, 0))
        {
            _byDay.Remove(key);
        }
        else
        {
            _byDay[key] = sum;
        }
    }

    /// <summary>The rows to add: each day's change in its day, month and year, for its neighbourhood and the whole commune.</summary>
    public List<IndicatorCount> ToRows(int communeId)
    {
        var rows = new Dictionary<(int, Guid, CountLevel, DateOnly), IndicatorCount>();
        void Put(int indicator, Guid area, CountLevel level, DateOnly bucket, (int Num, int Den, int Seen, int Late) c)
        {
            var key = (indicator, area, level, bucket);
            if (!rows.TryGetValue(key, out var row))
            {
                rows[key] = row = new IndicatorCount { CommuneId = communeId, IndicatorId = indicator, NeighbourhoodId = area, Level = level, Bucket = bucket };
            }
            row.Numerator += c.Num;
            row.Denominator += c.Den;
            row.Seen += c.Seen;
            row.Late += c.Late;
        }
        foreach (var ((indicator, neighbourhood, day), change) in _byDay)
        {
            foreach (var area in new[] { neighbourhood, Guid.Empty })
            {
                if (day < CountedSince)
                {
                    Put(indicator, area, CountLevel.Year, DateOnly.MinValue, change);
                    continue;
                }
                Put(indicator, area, CountLevel.Day, day, change);
                Put(indicator, area, CountLevel.Month, new DateOnly(day.Year, day.Month, 1), change);
                Put(indicator, area, CountLevel.Year, new DateOnly(day.Year, 1, 1), change);
            }
        }
        return [.. rows.Values.Where(r => r.Numerator != 0 || r.Denominator != 0 || r.Seen != 0 || r.Late != 0)];
    }

    /// <summary>Adds (<paramref name="sign"/> +1) or takes away (−1) what one household gives every definition over time.</summary>
    public void AddHousehold(IReadOnlyList<CountDefinition> definitions, IReadOnlyList<CountedResident> residents, int sign)
    {
        foreach (var definition in definitions)
        {
            switch (definition.Formula.Kind)
            {
                case FormulaKind.Residents:
                    foreach (var resident in residents)
                    {
                        AddOverTime(definition, ResidentDays(definition, resident), day => ResidentState(definition, resident, day), sign);
                    }
                    break;
                case FormulaKind.Households:
                    AddOverTime(definition, residents.SelectMany(r => ResidentDays(definition, r)), day => HouseholdState(definition, residents, day), sign);
                    break;
                default:
                    continue;
            }
            foreach (var resident in residents)
            {
                AddLate(definition, resident.NeighbourhoodId, resident.Events, sign);
            }
        }
    }

    public void AddBusiness(IReadOnlyList<CountDefinition> definitions, CountedBusiness business, int sign)
    {
        foreach (var definition in definitions.Where(d => d.Formula.Kind == FormulaKind.Businesses))
        {
            var formula = definition.Formula;
            var kinds = formula.BusinessKinds.Select(k => (BusinessKind)(int)k).ToHashSet();
            if ((kinds.Count > 0 && !kinds.Contains(business.Kind)) || (formula.OcopOnly && !business.IsOcop))
            {
                continue;
            }
            var days = definition.ItemIds.SelectMany(business.Statuses.ChangeDays);
            AddOverTime(definition, days, day =>
            {
                string? ValueOf(int item) => business.Statuses.ValueAt(item, day);
                var among = SubjectRules.Holds(definition.Items, ValueOf, formula.Among);
                return (business.NeighbourhoodId, among && SubjectRules.Holds(definition.Items, ValueOf, formula.Having), among,
                    SubjectRules.HasAnyRecord(definition.Items, ValueOf, formula));
            }, sign);
            AddLate(definition, business.NeighbourhoodId, business.Events, sign);
        }
    }

    private static IEnumerable<DateOnly> ResidentDays(CountDefinition definition, CountedResident resident) =>
        definition.ItemIds.SelectMany(resident.Statuses.ChangeDays)
            .Concat(resident.Residence.Select(f => f.On))
            .Concat(SubjectRules.AgeBandDays(resident.BirthDate, resident.BirthYear, definition.Formula));

    private static (Guid Area, bool Num, bool Den, bool Seen)? ResidentState(CountDefinition definition, CountedResident r, DateOnly day)
    {
        var formula = definition.Formula;
        if (!SubjectRules.LivesHere(r.Residence, day) || !SubjectRules.InAgeBand(r.BirthDate, r.BirthYear, formula, day))
        {
            return null;
        }
        string? ValueOf(int item) => r.Statuses.ValueAt(item, day);
        var among = SubjectRules.Holds(definition.Items, ValueOf, formula.Among);
        return (r.NeighbourhoodId, among && SubjectRules.Holds(definition.Items, ValueOf, formula.Having), among, SubjectRules.HasAnyRecord(definition.Items, ValueOf, formula));
    }

    /// <summary>
    /// A household is in the base on a day when someone lives in it (and, with an "among" condition,
    /// someone of the age band meets it); in the numerator when one such member meets the conditions;
    /// surveyed once anyone of it, of any age, has a status recorded. Residents in id order, so its
    /// neighbourhood is the same first living member's in the engine and here.
    /// </summary>
    public static (Guid Area, bool Num, bool Den, bool Seen)? HouseholdState(CountDefinition definition, IReadOnlyList<CountedResident> residents, DateOnly day)
    {
        var formula = definition.Formula;
        Guid? area = null;
        bool among = false, having = false, seen = false;
        foreach (var r in residents)
        {
            if (!SubjectRules.LivesHere(r.Residence, day))
            {
                continue;
            }
            area ??= r.NeighbourhoodId;
            string? ValueOf(int item) => r.Statuses.ValueAt(item, day);
            seen |= SubjectRules.HasAnyRecord(definition.Items, ValueOf, formula);
            if (SubjectRules.InAgeBand(r.BirthDate, r.BirthYear, formula, day))
            {
                var a = SubjectRules.Holds(definition.Items, ValueOf, formula.Among);
                among |= a;
                having |= a && SubjectRules.Holds(definition.Items, ValueOf, formula.Having);
            }
        }
        if (area is not { } where)
        {
            return null;
        }
        var inBase = formula.Among.Count == 0 || among;
        return (where, inBase && having, inBase, seen);
    }

    /// <summary>Walks the subject's state from the beginning through each day it may change, adding each change on its day.</summary>
    private void AddOverTime(CountDefinition definition, IEnumerable<DateOnly> days, Func<DateOnly, (Guid Area, bool Num, bool Den, bool Seen)?> stateOn, int sign)
    {
        (Guid Area, bool Num, bool Den, bool Seen)? previous = null;
        foreach (var day in days.Append(DateOnly.MinValue).Distinct().Order())
        {
            var state = stateOn(day);
            if (state == previous)
            {
                continue;
            }
            if (previous is { } p)
            {
                Add(definition.IndicatorId, p.Area, day, -sign * (p.Num ? 1 : 0), -sign * (p.Den ? 1 : 0), -sign * (p.Seen ? 1 : 0), 0);
            }
            if (state is { } s)
            {
                Add(definition.IndicatorId, s.Area, day, sign * (s.Num ? 1 : 0), sign * (s.Den ? 1 : 0), sign * (s.Seen ? 1 : 0), 0);
            }
            previous = state;
        }
    }

    /// <summary>A record is late on the days from when it happened to the day before it was entered.</summary>
    private void AddLate(CountDefinition definition, Guid area, IReadOnlyList<ReadinessState> events, int sign)
    {
        foreach (var e in events)
        {
            if (!definition.Items.Values.Any(i => i.Id == e.ItemId))
            {
                continue;
            }
            var happened = SubjectRules.DayOf(e.OccurredAtUtc);
            var entered = SubjectRules.DayOf(e.RecordedAtUtc);
            if (entered > happened)
            {
                Add(definition.IndicatorId, area, happened, 0, 0, 0, sign);
                Add(definition.IndicatorId, area, entered, 0, 0, 0, -sign);
            }
        }
    }
}

/// <summary>
/// Keeps the counts of counted indicators (<see cref="IndicatorCount"/>) up to date as facts are
/// written. Any save that adds, changes or removes a resident, a household, a business, a readiness
/// event or a residence fact takes away what the touched households and businesses gave before and
/// adds what they give now, in the save's own transaction: a session recorded a moment ago is in the
/// next page's figures. On PostgreSQL the touched households are locked (advisory locks) so that two
/// writers cannot both start from the same "before"; a rebuild locks the whole commune.
/// </summary>
public static class IndicatorCounter
{
    /// <summary>More touched households than this in one save: the commune's counts are rebuilt on the next read instead.</summary>
    public const int IncrementalLimit = 2_000;

    private const long CommuneLockSpace = 0x434453_00000000; // "CDS" in the high bytes: apart from any other advisory lock

    public static bool Touches(IEnumerable<EntityEntry> changed) =>
        changed.Any(e => e.Entity is ReadinessEvent or Resident or ResidenceFact or Household or Business);

    /// <summary>Takes away what the touched subjects give now; the returned step adds what they give after the save. Null: nothing is counted.</summary>
    public static async Task<PendingCount?> BeforeSaveAsync(AppDbContext db, IReadOnlyList<EntityEntry> changed, CancellationToken cancellationToken)
    {
        var touched = await TouchedAsync(db, changed, cancellationToken);
        if (touched.Count == 0)
        {
            return null;
        }
        // A save that only adds events (a session, the common case) needs no second read: after = before + the new events.
        var added = changed.All(e => e.Entity is not (Resident or ResidenceFact or Household or Business) && (e.Entity is not ReadinessEvent || e.State == EntityState.Added))
            ? changed.Where(e => e.Entity is ReadinessEvent).Select(e => StateOf((ReadinessEvent)e.Entity, db.Database.IsNpgsql())).ToList()
            : null;
        var work = new List<Pending>();
        foreach (var (communeId, (households, businesses)) in touched.OrderBy(t => t.Key))
        {
            await LockAsync(db, communeId, households.Concat(businesses), cancellationToken);
            var definitions = await DefinitionsAsync(db, communeId, cancellationToken);
            if (definitions.Count == 0)
            {
                continue;
            }
            if (households.Count + businesses.Count > IncrementalLimit)
            {
                await InvalidateAsync(db, communeId, cancellationToken);
                continue;
            }
            var changes = new CountChanges();
            var before = await AddAsync(db, communeId, definitions, households, businesses, changes, sign: -1, cancellationToken);
            work.Add(new Pending(communeId, definitions, households, businesses, changes, added is null ? null : before.With(added, definitions)));
        }
        return work.Count == 0 ? null : new PendingCount(db, work);
    }

    internal sealed record Pending(int CommuneId, List<CountDefinition> Definitions, HashSet<Guid> Households, HashSet<Guid> Businesses, CountChanges Changes, Subjects? After);

    public sealed class PendingCount
    {
        private readonly AppDbContext _db;
        private readonly List<Pending> _work;

        internal PendingCount(AppDbContext db, List<Pending> work)
        {
            _db = db;
            _work = work;
        }

        public async Task AfterSaveAsync(CancellationToken cancellationToken)
        {
            foreach (var w in _work)
            {
                if (w.After is { } after)
                {
                    after.AddTo(w.Changes, w.Definitions, +1);
                }
                else
                {
                    await AddAsync(_db, w.CommuneId, w.Definitions, w.Households, w.Businesses, w.Changes, sign: +1, cancellationToken);
                }
                await UpsertAsync(_db, w.Changes.ToRows(w.CommuneId), cancellationToken);
            }
        }
    }

    /// <summary>An event as the counter reads it back; PostgreSQL keeps microseconds, so the instants are cut to what it will store.</summary>
    private static ReadinessState StateOf(ReadinessEvent e, bool microseconds)
    {
        static DateTime Cut(DateTime t, bool cut) => cut ? new DateTime(t.Ticks - t.Ticks % 10, t.Kind) : t;
        return new ReadinessState(e.ResidentId ?? e.BusinessId ?? Guid.Empty, e.ItemId, e.Value, Cut(e.OccurredAtUtc, microseconds), Cut(e.RecordedAtUtc, microseconds), e.Id,
            e.Verification, e.HelpedByMemberId, e.RecordedByUserId, e.SessionId, e.CorrectsEventId);
    }

    /// <summary>The households and businesses a save touches, by commune, before and after (a resident moved between households touches both).</summary>
    private static async Task<Dictionary<int, (HashSet<Guid> Households, HashSet<Guid> Businesses)>> TouchedAsync(AppDbContext db, IReadOnlyList<EntityEntry> changed, CancellationToken cancellationToken)
    {
        var result = new Dictionary<int, (HashSet<Guid> Households, HashSet<Guid> Businesses)>();
        var residentsToFind = new Dictionary<int, HashSet<Guid>>();
        (HashSet<Guid> Households, HashSet<Guid> Businesses) Of(int commune)
        {
            if (!result.TryGetValue(commune, out var sets))
            {
                result[commune] = sets = ([], []);
            }
            return sets;
        }
        IEnumerable<T> Values<T>(EntityEntry entry, string property)
        {
            var p = entry.Property(property);
            if (entry.State != EntityState.Deleted && p.CurrentValue is T current)
            {
                yield return current;
            }
            if (entry.State != EntityState.Added && p.OriginalValue is T original)
            {
                yield return original;
            }
        }
        foreach (var entry in changed)
        {
            switch (entry.Entity)
            {
                case ReadinessEvent e:
                    foreach (var id in Values<Guid>(entry, nameof(ReadinessEvent.ResidentId)))
                    {
                        (residentsToFind.TryGetValue(e.CommuneId, out var set) ? set : residentsToFind[e.CommuneId] = []).Add(id);
                    }
                    Of(e.CommuneId).Businesses.UnionWith(Values<Guid>(entry, nameof(ReadinessEvent.BusinessId)));
                    break;
                case ResidenceFact f:
                    foreach (var id in Values<Guid>(entry, nameof(ResidenceFact.ResidentId)))
                    {
                        (residentsToFind.TryGetValue(f.CommuneId, out var set) ? set : residentsToFind[f.CommuneId] = []).Add(id);
                    }
                    break;
                case Resident r:
                    Of(r.CommuneId).Households.UnionWith(Values<Guid>(entry, nameof(Resident.HouseholdId)));
                    break;
                case Household h when entry.State != EntityState.Added:
                    Of(h.CommuneId).Households.Add(h.Id);
                    break;
                case Business b:
                    Of(b.CommuneId).Businesses.Add(b.Id);
                    break;
            }
        }
        foreach (var (communeId, residentIds) in residentsToFind)
        {
            var households = Of(communeId).Households;
            var tracked = db.ChangeTracker.Entries<Resident>().Where(r => residentIds.Contains(r.Entity.Id)).ToList();
            foreach (var entry in tracked)
            {
                households.UnionWith(Values<Guid>(entry, nameof(Resident.HouseholdId)));
            }
            var toRead = residentIds.Except(tracked.Select(t => t.Entity.Id)).ToList();
            if (toRead.Count > 0)
            {
                var read = new LeanCommand(db);
                var ids = read.List("r", toRead);
                await read.ReadAsync(string.Create(CultureInfo.InvariantCulture,
                    $"SELECT \"HouseholdId\" FROM \"Residents\" WHERE \"CommuneId\" = {communeId} AND \"Id\" IN ({ids})"),
                    (row, _) => households.Add(row.GetGuid(0)), cancellationToken);
            }
        }
        foreach (var key in result.Where(r => r.Value.Households.Count == 0 && r.Value.Businesses.Count == 0).Select(r => r.Key).ToList())
        {
            result.Remove(key);
        }
        return result;
    }

    /// <summary>
    /// PostgreSQL: the commune shared (a rebuild takes it alone) and each touched subject alone, in a
    /// fixed order so writers never wait on each other in a circle. SQLite has one writer at a time.
    /// </summary>
    private static async Task LockAsync(AppDbContext db, int communeId, IEnumerable<Guid> subjects, CancellationToken cancellationToken)
    {
        if (!db.Database.IsNpgsql())
        {
            return;
        }
        await db.Database.ExecuteSqlRawAsync("SELECT pg_advisory_xact_lock_shared({0})", [CommuneLockSpace + communeId], cancellationToken);
        var keys = subjects.Select(s => BitConverter.ToInt32(s.ToByteArray(), 12)).Distinct().Order().ToArray();
        if (keys.Length > 0)
        {
            await db.Database.ExecuteSqlRawAsync("SELECT pg_advisory_xact_lock({0}, k) FROM unnest({1}) AS k ORDER BY k", [communeId, keys], cancellationToken);
        }
    }

    private static async Task LockCommuneAloneAsync(AppDbContext db, int communeId, CancellationToken cancellationToken)
    {
        if (db.Database.IsNpgsql())
        {
            await db.Database.ExecuteSqlRawAsync("SELECT pg_advisory_xact_lock({0})", [CommuneLockSpace + communeId], cancellationToken);
        }
    }

    /// <summary>The definitions the commune's counts were made with.</summary>
    public static async Task<List<CountDefinition>> DefinitionsAsync(AppDbContext db, int communeId, CancellationToken cancellationToken)
    {
        var definitions = new List<CountDefinition>();
        await new LeanCommand(db).ReadAsync(string.Create(CultureInfo.InvariantCulture,
                $"SELECT \"IndicatorId\", \"Definition\" FROM \"IndicatorSeries\" WHERE \"CommuneId\" = {communeId}"),
            (row, _) => definitions.Add(CountDefinition.Parse(row.GetInt32(0), row.GetString(1))), cancellationToken);
        return definitions;
    }

    /// <summary>Forgets the commune's counts' definitions: the next read rebuilds them (after a bulk import, which writes around the counter).</summary>
    public static Task InvalidateAsync(AppDbContext db, int communeId, CancellationToken cancellationToken = default) =>
        db.IndicatorSeries.IgnoreQueryFilters().Where(s => s.CommuneId == communeId).ExecuteDeleteAsync(cancellationToken);

    /// <summary>The counts of the whole commune made from its raw facts.</summary>
    private static async Task<CountChanges> FromFactsAsync(AppDbContext db, int communeId, IReadOnlyList<CountDefinition> definitions, CancellationToken cancellationToken)
    {
        var changes = new CountChanges();
        await AddAsync(db, communeId, definitions, null, null, changes, +1, cancellationToken);
        return changes;
    }

    /// <summary>Adds what the households and businesses (all of the commune's when null) give, times <paramref name="sign"/>.</summary>
    private static async Task<Subjects> AddAsync(AppDbContext db, int communeId, IReadOnlyList<CountDefinition> definitions, HashSet<Guid>? households,
        HashSet<Guid>? businesses, CountChanges changes, int sign, CancellationToken cancellationToken)
    {
        var itemIds = definitions.SelectMany(d => d.ItemIds).Distinct().ToArray();
        var read = new Subjects(
            households is not { Count: 0 } && definitions.Any(d => !d.ForBusinesses) ? await ReadHouseholdsAsync(db, communeId, households, itemIds, cancellationToken) : [],
            businesses is not { Count: 0 } && definitions.Any(d => d.ForBusinesses) ? await ReadBusinessesAsync(db, communeId, businesses, itemIds, cancellationToken) : []);
        read.AddTo(changes, definitions, sign);
        return read;
    }

    /// <summary>The households (residents in id order) and businesses a count reads.</summary>
    internal sealed record Subjects(List<List<CountedResident>> Households, List<CountedBusiness> Businesses)
    {
        public void AddTo(CountChanges changes, IReadOnlyList<CountDefinition> definitions, int sign)
        {
            foreach (var household in Households)
            {
                changes.AddHousehold(definitions, household, sign);
            }
            foreach (var business in Businesses)
            {
                changes.AddBusiness(definitions, business, sign);
            }
        }

        /// <summary>The same subjects with new events added: what a save that only adds events leaves, without reading it again.</summary>
        public Subjects With(IReadOnlyList<ReadinessState> added, IReadOnlyList<CountDefinition> definitions)
        {
            var wanted = definitions.SelectMany(d => d.ItemIds).ToHashSet();
            var bySubject = added.Where(e => wanted.Contains(e.ItemId)).GroupBy(e => e.SubjectId).ToDictionary(g => g.Key, g => g.ToList());
            IReadOnlyList<ReadinessState> Events(Guid subject, IReadOnlyList<ReadinessState> before) =>
                bySubject.TryGetValue(subject, out var more) ? [.. before, .. more] : before;
            return new Subjects(
                [.. Households.Select(h => h.Select(r => bySubject.ContainsKey(r.Id) ? r with { Events = Events(r.Id, r.Events), Statuses = new StatusTimeline(Events(r.Id, r.Events)) } : r).ToList())],
                [.. Businesses.Select(b => bySubject.ContainsKey(b.Id) ? b with { Events = Events(b.Id, b.Events), Statuses = new StatusTimeline(Events(b.Id, b.Events)) } : b)]);
        }
    }

    /// <summary>
    /// The households' residents with their residence facts and events, in id order; all of the
    /// commune's when <paramref name="households"/> is null. One command of three statements through
    /// the connection: it runs inside every counted save.
    /// </summary>
    public static async Task<List<List<CountedResident>>> ReadHouseholdsAsync(AppDbContext db, int communeId, IReadOnlyCollection<Guid>? households, int[] itemIds,
        CancellationToken cancellationToken)
    {
        var read = new LeanCommand(db);
        var commune = communeId.ToString(CultureInfo.InvariantCulture);
        var ofHouseholds = households is null ? "" : $" AND \"HouseholdId\" IN ({read.List("h", households)})";
        var residentIds = $"SELECT \"Id\" FROM \"Residents\" WHERE \"CommuneId\" = {commune}{ofHouseholds}";
        // The items are kept in memory, not in the query: with both lists in it, SQLite may read the events
        // through the item index (every resident's) instead of the resident's own.
        var sql = $"SELECT \"Id\", \"HouseholdId\", \"NeighbourhoodId\", \"BirthDate\", \"BirthYear\" FROM \"Residents\" WHERE \"CommuneId\" = {commune}{ofHouseholds};\n"
            + $"SELECT \"ResidentId\", \"On\", \"Change\", \"RecordedAtUtc\" FROM \"ResidenceFacts\" WHERE \"CommuneId\" = {commune}"
            + (households is null ? ";\n" : $" AND \"ResidentId\" IN ({residentIds});\n")
            + "SELECT \"ResidentId\", \"ItemId\", \"Value\", \"OccurredAtUtc\", \"RecordedAtUtc\", \"Id\", \"Verification\", \"HelpedByMemberId\", \"RecordedByUserId\", \"SessionId\", \"CorrectsEventId\" "
            + $"FROM \"ReadinessEvents\" WHERE \"CommuneId\" = {commune}"
            + (households is null ? " AND \"ResidentId\" IS NOT NULL" : $" AND \"ResidentId\" IN ({residentIds})");
        var wanted = itemIds.ToHashSet();
        var residents = new List<(Guid Id, Guid HouseholdId, Guid NeighbourhoodId, DateOnly? BirthDate, int? BirthYear)>();
        var facts = new Dictionary<Guid, List<(DateOnly On, ResidenceChange Change, DateTime RecordedAtUtc)>>();
        var events = new Dictionary<Guid, List<ReadinessState>>();
        static Guid? OptionalGuid(System.Data.Common.DbDataReader r, int i) => r.IsDBNull(i) ? null : r.GetGuid(i);
        await read.ReadAsync(sql, (row, statement) =>
        {
            switch (statement)
            {
                case 0:
                    residents.Add((row.GetGuid(0), row.GetGuid(1), row.GetGuid(2), row.IsDBNull(3) ? null : row.GetFieldValue<DateOnly>(3), row.IsDBNull(4) ? null : row.GetInt32(4)));
                    break;
                case 1:
                    var resident = row.GetGuid(0);
                    (facts.TryGetValue(resident, out var own) ? own : facts[resident] = []).Add((row.GetFieldValue<DateOnly>(1), (ResidenceChange)row.GetInt32(2), row.GetDateTime(3)));
                    break;
                default:
                    var item = row.GetInt32(1);
                    if (!wanted.Contains(item))
                    {
                        return;
                    }
                    var subject = row.GetGuid(0);
                    (events.TryGetValue(subject, out var list) ? list : events[subject] = []).Add(new ReadinessState(subject, item, row.GetString(2), row.GetDateTime(3), row.GetDateTime(4),
                        row.GetGuid(5), (Verification)row.GetInt32(6), OptionalGuid(row, 7), OptionalGuid(row, 8), OptionalGuid(row, 9), OptionalGuid(row, 10)));
                    break;
            }
        }, cancellationToken);
        return [.. residents.GroupBy(r => r.HouseholdId).Select(g => g.OrderBy(r => r.Id).Select(r =>
        {
            var own = events.GetValueOrDefault(r.Id) ?? [];
            IReadOnlyList<(DateOnly, ResidenceChange)> residence = facts.TryGetValue(r.Id, out var f)
                ? [.. f.OrderBy(x => x.On).ThenBy(x => x.RecordedAtUtc).Select(x => (x.On, x.Change))]
                : [];
            return new CountedResident(r.Id, r.HouseholdId, r.NeighbourhoodId, r.BirthDate, r.BirthYear, residence, new StatusTimeline(own), own);
        }).ToList())];
    }

    public static async Task<List<CountedBusiness>> ReadBusinessesAsync(AppDbContext db, int communeId, IReadOnlyCollection<Guid>? businesses, int[] itemIds,
        CancellationToken cancellationToken)
    {
        var ids = businesses?.ToArray();
        var rows = db.Businesses.IgnoreQueryFilters().AsNoTracking().Where(b => b.CommuneId == communeId);
        var wanted = itemIds.ToHashSet();
        var eventRows = db.ReadinessEvents.IgnoreQueryFilters().AsNoTracking().Where(e => e.CommuneId == communeId && e.BusinessId != null);
        if (ids is not null)
        {
            rows = rows.Where(b => ids.Contains(b.Id));
            eventRows = eventRows.Where(e => ids.Contains(e.BusinessId!.Value));
        }
        var found = await rows.Select(b => new { b.Id, b.NeighbourhoodId, b.Kind, b.IsOcop }).ToListAsync(cancellationToken);
        var events = itemIds.Length == 0 ? [] : (await eventRows.Select(e => new ReadinessState(e.BusinessId!.Value, e.ItemId, e.Value, e.OccurredAtUtc, e.RecordedAtUtc, e.Id,
                e.Verification, e.HelpedByMemberId, e.RecordedByUserId, e.SessionId, e.CorrectsEventId)).ToListAsync(cancellationToken))
            .Where(e => wanted.Contains(e.ItemId)).GroupBy(e => e.SubjectId).ToDictionary(g => g.Key, g => g.ToList());
        return [.. found.Select(b =>
        {
            var own = events.GetValueOrDefault(b.Id) ?? [];
            return new CountedBusiness(b.Id, b.NeighbourhoodId, b.Kind, b.IsOcop, new StatusTimeline(own), own);
        })];
    }

    /// <summary>
    /// Makes the counts of <paramref name="definitions"/> again from the raw facts of the commune, in
    /// one transaction (the caller's or its own) that holds the commune alone, and records the
    /// definitions they were made with.
    /// </summary>
    public static async Task RebuildAsync(AppDbContext db, int communeId, IReadOnlyList<CountDefinition> definitions, DateTime nowUtc, bool force = false,
        CancellationToken cancellationToken = default)
    {
        if (definitions.Count == 0)
        {
            return;
        }
        var own = db.Database.CurrentTransaction is null ? await db.Database.BeginTransactionAsync(cancellationToken) : null;
        try
        {
            await LockCommuneAloneAsync(db, communeId, cancellationToken);
            // Another request may have rebuilt them while this one waited for the lock.
            var stored = (await DefinitionsAsync(db, communeId, cancellationToken)).ToDictionary(d => d.IndicatorId, d => d.Json);
            definitions = [.. definitions.Where(d => force || stored.GetValueOrDefault(d.IndicatorId) != d.Json)];
            var indicatorIds = definitions.Select(d => d.IndicatorId).ToArray();
            await db.IndicatorCounts.IgnoreQueryFilters().Where(c => c.CommuneId == communeId && indicatorIds.Contains(c.IndicatorId)).ExecuteDeleteAsync(cancellationToken);
            var rows = (await FromFactsAsync(db, communeId, definitions, cancellationToken)).ToRows(communeId);
            if (rows.Count > 0)
            {
                using var bulk = new Infrastructure.Imports.BulkInsert(db);
                foreach (var chunk in rows.Chunk(20_000))
                {
                    await bulk.InsertAsync(chunk, cancellationToken);
                }
            }
            await db.IndicatorSeries.IgnoreQueryFilters().Where(s => s.CommuneId == communeId && indicatorIds.Contains(s.IndicatorId)).ExecuteDeleteAsync(cancellationToken);
            foreach (var definition in definitions)
            {
                await db.Database.ExecuteSqlRawAsync(
                    "INSERT INTO \"IndicatorSeries\" (\"CommuneId\", \"IndicatorId\", \"Definition\", \"BuiltAtUtc\") VALUES ({0}, {1}, {2}, {3})",
                    [communeId, definition.IndicatorId, definition.Json, nowUtc], cancellationToken);
            }
            if (own is not null)
            {
                await own.CommitAsync(cancellationToken);
            }
        }
        finally
        {
            if (own is not null)
            {
                await own.DisposeAsync();
            }
        }
    }

    /// <summary>The readiness items a commune's formulas name by code: the ward's own row wins over a national one of the same code.</summary>
    public static async Task<Dictionary<string, ItemRule>> CatalogueAsync(AppDbContext db, int communeId, CancellationToken cancellationToken = default)
    {
        var items = await db.ReadinessItems.IgnoreQueryFilters().AsNoTracking().Where(i => i.CommuneId == null || i.CommuneId == communeId)
            .Select(i => new { i.Code, i.CommuneId, i.Id, i.AchievedValues }).ToListAsync(cancellationToken);
        var result = new Dictionary<string, ItemRule>(StringComparer.Ordinal);
        foreach (var item in items.OrderBy(i => i.CommuneId == null).ThenBy(i => i.Id))
        {
            result.TryAdd(item.Code, new ItemRule(item.Id, item.AchievedValues));
        }
        return result;
    }

    /// <summary>Today's definitions of the counted indicators a commune needs: those its plans' targets use and those already counted.</summary>
    public static async Task<List<CountDefinition>> NeededDefinitionsAsync(AppDbContext db, int communeId, CancellationToken cancellationToken = default)
    {
        var targeted = db.PlanTargets.IgnoreQueryFilters().Where(t => t.CommuneId == communeId).Select(t => t.IndicatorId);
        var counted = db.IndicatorSeries.IgnoreQueryFilters().Where(s => s.CommuneId == communeId).Select(s => s.IndicatorId);
        var indicators = await db.Indicators.IgnoreQueryFilters().AsNoTracking()
            .Where(i => targeted.Contains(i.Id) || counted.Contains(i.Id)).Select(i => new { i.Id, i.FormulaJson }).ToListAsync(cancellationToken);
        var catalogue = await CatalogueAsync(db, communeId, cancellationToken);
        return [.. indicators.Select(i => (i.Id, Formula: IndicatorFormula.Parse(i.FormulaJson)))
            .Where(i => CountDefinition.IsCounted(i.Formula.Kind))
            .Select(i => CountDefinition.Create(i.Id, i.Formula, catalogue))];
    }

    /// <summary>The rebuild command: the commune's needed counts made again from the raw facts. Returns the rows written.</summary>
    public static async Task<int> RebuildCommuneAsync(AppDbContext db, int communeId, DateTime nowUtc, CancellationToken cancellationToken = default)
    {
        var definitions = await NeededDefinitionsAsync(db, communeId, cancellationToken);
        await RebuildAsync(db, communeId, definitions, nowUtc, force: true, cancellationToken);
        return await db.IndicatorCounts.IgnoreQueryFilters().CountAsync(c => c.CommuneId == communeId, cancellationToken);
    }

    /// <summary>
    /// Where the stored counts differ from counts made now from the raw facts by the same definitions:
    /// empty when the counter kept them right. Each difference names the row and both values.
    /// </summary>
    public static async Task<List<string>> DifferencesAsync(AppDbContext db, int communeId, CancellationToken cancellationToken = default)
    {
        var definitions = await DefinitionsAsync(db, communeId, cancellationToken);
        var changes = await FromFactsAsync(db, communeId, definitions, cancellationToken);
        static string Key(IndicatorCount c) => $"indicator {c.IndicatorId}, area {c.NeighbourhoodId}, {c.Level} {c.Bucket:yyyy-MM-dd}";
        static string Values(IndicatorCount? c) => c is null ? "none" : $"{c.Numerator}/{c.Denominator} seen {c.Seen} late {c.Late}";
        var fresh = changes.ToRows(communeId).ToDictionary(Key);
        var ids = definitions.Select(d => d.IndicatorId).ToArray();
        var stored = (await db.IndicatorCounts.IgnoreQueryFilters().AsNoTracking().Where(c => c.CommuneId == communeId && ids.Contains(c.IndicatorId)).ToListAsync(cancellationToken))
            .Where(c => c.Numerator != 0 || c.Denominator != 0 || c.Seen != 0 || c.Late != 0).ToDictionary(Key);
        return [.. fresh.Keys.Union(stored.Keys).Order(StringComparer.Ordinal)
            .Where(k => Values(stored.GetValueOrDefault(k)) != Values(fresh.GetValueOrDefault(k)))
            .Select(k => $"{k}: stored {Values(stored.GetValueOrDefault(k))}, from the facts {Values(fresh.GetValueOrDefault(k))}")];
    }

    /// <summary>Adds the rows to the stored counts (insert, or add to the row of the same key).</summary>
    private static async Task UpsertAsync(AppDbContext db, List<IndicatorCount> rows, CancellationToken cancellationToken)
    {
        // Every writer locks the rows it adds to in the same order (the key's), so two saves sharing a
        // row (the commune's total, a month) wait for each other instead of deadlocking on PostgreSQL.
        var ordered = rows.OrderBy(r => r.CommuneId).ThenBy(r => r.IndicatorId).ThenBy(r => r.Level).ThenBy(r => r.Bucket).ThenBy(r => r.NeighbourhoodId);
        foreach (var chunk in ordered.Chunk(400))
        {
            var sql = new StringBuilder("INSERT INTO \"IndicatorCounts\" (\"CommuneId\", \"IndicatorId\", \"NeighbourhoodId\", \"Level\", \"Bucket\", \"Numerator\", \"Denominator\", \"Seen\", \"Late\") VALUES ");
            var parameters = new List<object>(chunk.Length * 9);
            for (var i = 0; i < chunk.Length; i++)
            {
                var r = chunk[i];
                var p = i * 9;
                sql.Append(i == 0 ? "" : ", ").Append(System.Globalization.CultureInfo.InvariantCulture,
                    $"({{{p}}}, {{{p + 1}}}, {{{p + 2}}}, {{{p + 3}}}, {{{p + 4}}}, {{{p + 5}}}, {{{p + 6}}}, {{{p + 7}}}, {{{p + 8}}})");
                parameters.AddRange([r.CommuneId, r.IndicatorId, r.NeighbourhoodId, (short)r.Level, r.Bucket, r.Numerator, r.Denominator, r.Seen, r.Late]);
            }
            sql.Append(" ON CONFLICT (\"CommuneId\", \"IndicatorId\", \"Level\", \"Bucket\", \"NeighbourhoodId\") DO UPDATE SET ")
                .Append("\"Numerator\" = \"IndicatorCounts\".\"Numerator\" + excluded.\"Numerator\", ")
                .Append("\"Denominator\" = \"IndicatorCounts\".\"Denominator\" + excluded.\"Denominator\", ")
                .Append("\"Seen\" = \"IndicatorCounts\".\"Seen\" + excluded.\"Seen\", ")
                .Append("\"Late\" = \"IndicatorCounts\".\"Late\" + excluded.\"Late\"");
#pragma warning disable EF1002 // Placeholders only: every value is a parameter.
            await db.Database.ExecuteSqlRawAsync(sql.ToString(), parameters, cancellationToken);
#pragma warning restore EF1002
        }
    }
}
