using CongDongSo.Web.Data;
using CongDongSo.Web.Infrastructure.Localization;
using Microsoft.EntityFrameworkCore;

namespace CongDongSo.Web.Features.Plans;

/// <summary>One area's figure: the count over the base, or missing (nothing recorded to count from).</summary>
public sealed record AreaFigure(decimal Numerator, decimal? Denominator, bool Missing)
{
    public static readonly AreaFigure None = new(0, null, true);

    /// <summary>Percent for a share, the count otherwise; null when missing or the base is 0 (shown "—").</summary>
    public decimal? Value(ValueUnit unit) =>
        Missing ? null
        : unit == ValueUnit.Count ? Numerator
        : Denominator is > 0 and var d ? Math.Round(Numerator * 100m / d, 2) : null;
}

/// <summary>An indicator's figure for the commune and for each of its neighbourhoods, at a date.</summary>
public sealed record Figures(AreaFigure Commune, IReadOnlyDictionary<Guid, AreaFigure> ByNeighbourhood, int LateRecords);

/// <summary>
/// Evaluates indicator formulas from the recorded facts of one commune, at any date. The facts are
/// read once (through the area-scoped sets, so a team sees its own neighbourhood only) and every
/// target and month of a dashboard is reduced from them in memory. The rules:
/// <list type="bullet">
/// <item>A resident counts on day D unless their latest residence fact on or before D is a departure
/// or a death; one whose first fact is an arrival counts only from it.</item>
/// <item>Age on D from the birth date; with the year only, as if born on 1 January.</item>
/// <item>A status on D is the latest event by the end of D (<see cref="ReadinessStatus"/>); corrections
/// entered later change the past, and <see cref="Figures.LateRecords"/> says how many did.</item>
/// <item>A share of residents, households or businesses is missing while nobody of its base has any
/// status recorded on its items; counts of sessions, events and items are never missing (0 is a fact).</item>
/// </list>
/// </summary>
public sealed class CommuneFacts
{
    private readonly Dictionary<string, ItemRule> _items;
    private CountedFigures? _counted;
    private readonly List<ResidentRow> _residents;
    private readonly Dictionary<Guid, IReadOnlyList<(DateOnly On, ResidenceChange Change)>> _residence;
    private readonly List<ReadinessState> _residentEvents;
    private readonly List<BusinessRow> _businesses;
    private readonly List<ReadinessState> _businessEvents;
    private readonly List<MemberRow> _members;
    private readonly List<(Guid MemberId, int[] Topics, DateOnly On)> _attended;
    private readonly List<(Guid MemberId, int[] Topics, DateOnly On, DateOnly? CompleteBy)> _completed;
    private readonly Dictionary<string, int> _topics;
    private readonly List<(Guid HouseholdId, Guid? NeighbourhoodId, DateOnly On, int[] Activities)> _sessions;
    private readonly Dictionary<string, int> _activities;
    private readonly List<(Guid Id, int? ModelId, DateOnly On, Guid[] Neighbourhoods)> _events;
    private readonly Dictionary<string, int> _models;
    private readonly List<(CommunicationKind Kind, DateOnly On, Guid? NeighbourhoodId)> _communications;
    private readonly List<ExternalValue> _external;
    private readonly Dictionary<(DateOnly, bool), ReadinessStatuses> _statusCache = [];

    public int CommuneId { get; }
    public IReadOnlyList<NeighbourhoodRow> Neighbourhoods { get; }

    private CommuneFacts(int communeId, List<NeighbourhoodRow> neighbourhoods, Dictionary<string, ItemRule> items, List<ResidentRow> residents,
        Dictionary<Guid, IReadOnlyList<(DateOnly, ResidenceChange)>> residence, List<ReadinessState> residentEvents, List<BusinessRow> businesses,
        List<ReadinessState> businessEvents, List<MemberRow> members, List<(Guid, int[], DateOnly)> attended, List<(Guid, int[], DateOnly, DateOnly?)> completed,
        Dictionary<string, int> topics, List<(Guid, Guid?, DateOnly, int[])> sessions, Dictionary<string, int> activities,
        List<(Guid, int?, DateOnly, Guid[])> events, Dictionary<string, int> models, List<(CommunicationKind, DateOnly, Guid?)> communications, List<ExternalValue> external)
    {
        CommuneId = communeId;
        Neighbourhoods = neighbourhoods;
        _items = items;
        _residents = residents;
        _residence = residence;
        _residentEvents = residentEvents;
        _businesses = businesses;
        _businessEvents = businessEvents;
        _members = members;
        _attended = attended;
        _completed = completed;
        _topics = topics;
        _sessions = sessions;
        _activities = activities;
        _events = events;
        _models = models;
        _communications = communications;
        _external = external;
    }

    public sealed record NeighbourhoodRow(Guid Id, string Name, DateOnly EffectiveFrom, DateOnly? EffectiveTo)
    {
        public bool ActiveOn(DateOnly day) => EffectiveFrom <= day && (EffectiveTo is null || EffectiveTo > day);
    }

    private sealed record ResidentRow(Guid Id, Guid HouseholdId, Guid NeighbourhoodId, DateOnly? BirthDate, int? BirthYear);

    private sealed record BusinessRow(Guid Id, Guid NeighbourhoodId, BusinessKind Kind, bool IsOcop);

    private sealed record MemberRow(Guid Id, Guid NeighbourhoodId, MemberPosition Position, DateOnly JoinedOn, DateOnly? LeftOn, DateOnly? TeamDissolvedOn);

    /// <summary>
    /// What a dashboard reads: counted indicators (residents, households, businesses) from their
    /// counts, the others from their facts. Counted ones answer the month ends of <paramref name="upTo"/>'s
    /// year and the days of its month; before 2000 everything is read from the facts.
    /// </summary>
    public static async Task<CommuneFacts> LoadForDashboardAsync(AppDbContext db, int communeId, IReadOnlyDictionary<int, IndicatorFormula> formulas, DateOnly upTo,
        DateTime nowUtc, CancellationToken cancellationToken = default)
    {
        if (upTo < CountChanges.CountedSince)
        {
            return await LoadAsync(db, communeId, [.. formulas.Values], upTo, cancellationToken);
        }
        var counted = formulas.Where(f => CountDefinition.IsCounted(f.Value.Kind)).ToDictionary(f => f.Key, f => f.Value);
        var facts = await LoadAsync(db, communeId, [.. formulas.Where(f => !counted.ContainsKey(f.Key)).Select(f => f.Value)], upTo, cancellationToken);
        facts._counted = await CountedFigures.LoadAsync(db, communeId, counted, upTo, nowUtc, cancellationToken);
        return facts;
    }

    /// <summary>Reads what <paramref name="formulas"/> need of the commune's facts up to the end of <paramref name="upTo"/>.</summary>
    public static async Task<CommuneFacts> LoadAsync(AppDbContext db, int communeId, IReadOnlyCollection<IndicatorFormula> formulas, DateOnly upTo,
        CancellationToken cancellationToken = default)
    {
        bool Needs(params FormulaKind[] kinds) => formulas.Any(f => kinds.Contains(f.Kind));
        var end = VietnamTime.StartOfDayUtc(upTo.AddDays(1));
        var neighbourhoods = (await db.Neighbourhoods.AsNoTracking().Where(n => n.CommuneId == communeId)
            .Select(n => new NeighbourhoodRow(n.Id, n.Name, n.EffectiveFrom, n.EffectiveTo)).ToListAsync(cancellationToken))
            .OrderBy(n => n.Name, Infrastructure.Text.NaturalOrder.Comparer).ToList();
        var itemsByCode = await IndicatorCounter.CatalogueAsync(db, communeId, cancellationToken);
        int[] ItemIds(bool business) => [.. formulas
            .Where(f => f.Kind is FormulaKind.Residents or FormulaKind.Households or FormulaKind.Businesses && (f.Kind == FormulaKind.Businesses) == business)
            .SelectMany(f => f.Having.Concat(f.Among)).Select(c => itemsByCode.GetValueOrDefault(c.Item)?.Id ?? 0).Where(id => id != 0).Distinct()];

        List<ResidentRow> residents = [];
        Dictionary<Guid, IReadOnlyList<(DateOnly, ResidenceChange)>> residence = [];
        List<ReadinessState> residentEvents = [];
        if (Needs(FormulaKind.Residents, FormulaKind.Households, FormulaKind.HouseholdsReached))
        {
            residents = await db.Residents.AsNoTracking().Where(r => r.CommuneId == communeId)
                .Select(r => new ResidentRow(r.Id, r.HouseholdId, r.NeighbourhoodId, r.BirthDate, r.BirthYear)).ToListAsync(cancellationToken);
            // In id order: a household's neighbourhood is its first living member's, as the counter reads it.
            residents.Sort((a, b) => a.Id.CompareTo(b.Id));
            residence = (await db.ResidenceFacts.AsNoTracking().Where(f => f.CommuneId == communeId)
                    .Select(f => new { f.ResidentId, f.On, f.Change, f.RecordedAtUtc }).ToListAsync(cancellationToken))
                .GroupBy(f => f.ResidentId)
                .ToDictionary(g => g.Key, g => (IReadOnlyList<(DateOnly, ResidenceChange)>)[.. g.OrderBy(f => f.On).ThenBy(f => f.RecordedAtUtc).Select(f => (f.On, f.Change))]);
            var residentItems = ItemIds(business: false);
            if (residentItems.Length > 0)
            {
                residentEvents = await LoadEventsAsync(db.ReadinessEvents.Where(e => e.CommuneId == communeId && e.ResidentId != null && residentItems.Contains(e.ItemId)), end, cancellationToken);
            }
        }
        List<(Guid, Guid?, DateOnly, int[])> sessions = [];
        if (Needs(FormulaKind.HouseholdsReached))
        {
            var rows = await db.SupportSessions.AsNoTracking()
                .Where(s => s.CommuneId == communeId && s.HouseholdId != null && s.OccurredAtUtc < end)
                .Select(s => new { HouseholdId = s.HouseholdId!.Value, s.NeighbourhoodId, s.OccurredAtUtc, s.Id }).ToListAsync(cancellationToken);
            var done = (await db.SupportSessionActivities.AsNoTracking().Where(a => a.CommuneId == communeId)
                    .Select(a => new { a.SessionId, a.ActivityId }).ToListAsync(cancellationToken))
                .GroupBy(a => a.SessionId).ToDictionary(g => g.Key, g => g.Select(a => a.ActivityId).ToArray());
            sessions = [.. rows.Select(s => (s.HouseholdId, s.NeighbourhoodId, DateOnly.FromDateTime(s.OccurredAtUtc.InVietnam()), done.GetValueOrDefault(s.Id) ?? []))];
        }
        List<BusinessRow> businesses = [];
        List<ReadinessState> businessEvents = [];
        if (Needs(FormulaKind.Businesses))
        {
            businesses = await db.Businesses.AsNoTracking().Where(b => b.CommuneId == communeId)
                .Select(b => new BusinessRow(b.Id, b.NeighbourhoodId, b.Kind, b.IsOcop)).ToListAsync(cancellationToken);
            var businessItems = ItemIds(business: true);
            if (businessItems.Length > 0)
            {
                businessEvents = await LoadEventsAsync(db.ReadinessEvents.Where(e => e.CommuneId == communeId && e.BusinessId != null && businessItems.Contains(e.ItemId)), end, cancellationToken);
            }
        }
        List<MemberRow> members = [];
        List<(Guid, int[], DateOnly)> attended = [];
        List<(Guid, int[], DateOnly, DateOnly?)> completed = [];
        Dictionary<string, int> topics = [];
        if (Needs(FormulaKind.MembersTrained, FormulaKind.CourseCompleted))
        {
            members = await db.Members.AsNoTracking().Where(m => m.CommuneId == communeId)
                .Select(m => new MemberRow(m.Id, m.Team!.NeighbourhoodId, m.Position, m.JoinedOn, m.LeftOn, m.Team.DissolvedOn)).ToListAsync(cancellationToken);
            topics = await CodesAsync(db.TrainingTopics.Where(t => t.CommuneId == null || t.CommuneId == communeId).Select(t => new CodeRow(t.Code, t.Id, t.CommuneId != null)), cancellationToken);
            var courseTopics = (await db.CourseTopics.AsNoTracking().Where(t => t.CommuneId == communeId).Select(t => new { t.CourseId, t.TopicId }).ToListAsync(cancellationToken))
                .GroupBy(t => t.CourseId).ToDictionary(g => g.Key, g => g.Select(t => t.TopicId).ToArray());
            var sittings = await db.TrainingSessions.AsNoTracking().Where(s => s.CommuneId == communeId && s.StartsAtUtc < end)
                .Select(s => new { s.Id, s.CourseId, s.StartsAtUtc }).ToDictionaryAsync(s => s.Id, cancellationToken);
            attended = [.. (await db.Attendances.AsNoTracking().Where(a => a.CommuneId == communeId && a.Present).Select(a => new { a.SessionId, a.MemberId }).ToListAsync(cancellationToken))
                .Where(a => sittings.ContainsKey(a.SessionId))
                .Select(a => (a.MemberId, courseTopics.GetValueOrDefault(sittings[a.SessionId].CourseId) ?? [], DateOnly.FromDateTime(sittings[a.SessionId].StartsAtUtc.InVietnam())))];
            var deadlines = await db.Courses.AsNoTracking().Where(c => c.CommuneId == communeId).Select(c => new { c.Id, c.CompleteBy }).ToDictionaryAsync(c => c.Id, c => c.CompleteBy, cancellationToken);
            completed = [.. (await db.CourseCompletions.AsNoTracking().Where(c => c.CommuneId == communeId && c.Review == CompletionReview.Verified && c.CompletedOn <= upTo)
                    .Select(c => new { c.MemberId, c.CourseId, c.CompletedOn }).ToListAsync(cancellationToken))
                .Select(c => (c.MemberId, courseTopics.GetValueOrDefault(c.CourseId) ?? [], c.CompletedOn, deadlines.GetValueOrDefault(c.CourseId)))];
        }
        Dictionary<string, int> activities = [];
        if (Needs(FormulaKind.HouseholdsReached))
        {
            activities = await CodesAsync(db.SupportActivities.Where(a => a.CommuneId == null || a.CommuneId == communeId).Select(a => new CodeRow(a.Code, a.Id, a.CommuneId != null)), cancellationToken);
        }
        List<(Guid, int?, DateOnly, Guid[])> events = [];
        Dictionary<string, int> models = [];
        if (Needs(FormulaKind.Events))
        {
            models = await CodesAsync(db.CommunityModels.Where(m => m.CommuneId == null || m.CommuneId == communeId).Select(m => new CodeRow(m.Code, m.Id, m.CommuneId != null)), cancellationToken);
            var places = (await db.CommunityEventNeighbourhoods.AsNoTracking().Where(x => x.CommuneId == communeId).Select(x => new { x.EventId, x.NeighbourhoodId }).ToListAsync(cancellationToken))
                .GroupBy(x => x.EventId).ToDictionary(g => g.Key, g => g.Select(x => x.NeighbourhoodId).ToArray());
            events = [.. (await db.CommunityEvents.AsNoTracking().Where(e => e.CommuneId == communeId && e.StartsAtUtc < end).Select(e => new { e.Id, e.ModelId, e.StartsAtUtc }).ToListAsync(cancellationToken))
                .Select(e => (e.Id, e.ModelId, DateOnly.FromDateTime(e.StartsAtUtc.InVietnam()), places.GetValueOrDefault(e.Id) ?? []))];
        }
        List<(CommunicationKind, DateOnly, Guid?)> communications = [];
        if (Needs(FormulaKind.Communications))
        {
            var teamPlaces = await db.Teams.AsNoTracking().Where(t => t.CommuneId == communeId).ToDictionaryAsync(t => t.Id, t => t.NeighbourhoodId, cancellationToken);
            communications = [.. (await db.CommunicationItems.AsNoTracking().Where(c => c.CommuneId == communeId && c.PublishedOn <= upTo)
                    .Select(c => new { c.Kind, c.PublishedOn, c.NeighbourhoodId, c.TeamId }).ToListAsync(cancellationToken))
                .Select(c => (c.Kind, c.PublishedOn, c.NeighbourhoodId ?? (c.TeamId is { } team && teamPlaces.TryGetValue(team, out var n) ? n : (Guid?)null)))];
        }
        List<ExternalValue> external = [];
        if (Needs(FormulaKind.External))
        {
            external = await db.ExternalValues.AsNoTracking().Where(v => v.CommuneId == communeId && v.PeriodEnd <= upTo).ToListAsync(cancellationToken);
        }
        return new CommuneFacts(communeId, neighbourhoods, itemsByCode, residents, residence, residentEvents, businesses, businessEvents,
            members, attended, completed, topics, sessions, activities, events, models, communications, external);
    }

    private sealed record CodeRow(string Code, int Id, bool Own);

    /// <summary>Catalogue codes to ids; a ward's own row wins over a national one of the same code.</summary>
    private static async Task<Dictionary<string, int>> CodesAsync(IQueryable<CodeRow> rows, CancellationToken cancellationToken)
    {
        var result = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var row in (await rows.AsNoTracking().ToListAsync(cancellationToken)).OrderByDescending(r => r.Own))
        {
            result.TryAdd(row.Code, row.Id);
        }
        return result;
    }

    private static Task<List<ReadinessState>> LoadEventsAsync(IQueryable<ReadinessEvent> events, DateTime end, CancellationToken cancellationToken) =>
        events.Where(e => e.OccurredAtUtc < end || e.CorrectsEventId != null).AsNoTracking()
            .Select(e => new ReadinessState(e.ResidentId ?? e.BusinessId ?? Guid.Empty, e.ItemId, e.Value, e.OccurredAtUtc, e.RecordedAtUtc, e.Id,
                e.Verification, e.HelpedByMemberId, e.RecordedByUserId, e.SessionId, e.CorrectsEventId))
            .ToListAsync(cancellationToken);

    /// <summary>Which codes of the formula name nothing in the ward's catalogues.</summary>
    public IEnumerable<string> UnknownCodes(IndicatorFormula formula) =>
        formula.Having.Concat(formula.Among).Select(c => c.Item).Where(c => !_items.ContainsKey(c))
            .Concat(formula.Kind is FormulaKind.MembersTrained or FormulaKind.CourseCompleted ? formula.Topics.Where(t => !_topics.ContainsKey(t)) : [])
            .Concat(formula.Kind == FormulaKind.Events ? formula.Models.Where(m => !_models.ContainsKey(m)) : [])
            .Concat(formula.Kind == FormulaKind.HouseholdsReached ? formula.Activities.Where(a => !_activities.ContainsKey(a)) : []);

    /// <summary>
    /// The figures on <paramref name="at"/>. Periodic kinds (sessions, events, news items) count from
    /// <paramref name="periodStart"/>; external values are the latest reported for a period ending in it.
    /// </summary>
    public Figures Evaluate(IndicatorFormula formula, int indicatorId, DateOnly at, DateOnly periodStart) =>
        _counted is { } counted && counted.Counts(indicatorId)
            ? counted.Covers(indicatorId, at) ? counted.Evaluate(indicatorId, at, Neighbourhoods)
                : throw new InvalidOperationException($"The counts read cover the days of {at.Year} up to the dashboard's day, not {at:yyyy-MM-dd}.")
            : EvaluateFromFacts(formula, indicatorId, at, periodStart);

    private Figures EvaluateFromFacts(IndicatorFormula formula, int indicatorId, DateOnly at, DateOnly periodStart) => formula.Kind switch
    {
        FormulaKind.Residents => Residents(formula, at),
        FormulaKind.Households => Households(formula, at),
        FormulaKind.Businesses => Businesses(formula, at),
        FormulaKind.HouseholdsReached => HouseholdsReached(formula, at, periodStart),
        FormulaKind.MembersTrained or FormulaKind.CourseCompleted => MembersTrained(formula, at),
        FormulaKind.Events => Events(formula, at, periodStart),
        FormulaKind.Communications => Communications(formula, at, periodStart),
        FormulaKind.External => External(indicatorId, at, periodStart),
        _ => new Figures(AreaFigure.None, new Dictionary<Guid, AreaFigure>(), 0),
    };

    private ReadinessStatuses StatusesAt(DateOnly at, bool business)
    {
        if (!_statusCache.TryGetValue((at, business), out var statuses))
        {
            _statusCache[(at, business)] = statuses = ReadinessStatus.Reduce(business ? _businessEvents : _residentEvents, at);
        }
        return statuses;
    }

    /// <summary>Records of the formula's items that happened by the end of <paramref name="at"/> but were entered after it.</summary>
    private int LateRecords(IndicatorFormula formula, DateOnly at, bool business)
    {
        var end = ReadinessStatus.EndOfDayUtc(at)!.Value;
        var items = formula.Having.Concat(formula.Among).Select(c => _items.GetValueOrDefault(c.Item)?.Id).Where(id => id is not null).ToHashSet();
        return (business ? _businessEvents : _residentEvents).Count(e => e.OccurredAtUtc < end && e.RecordedAtUtc >= end && items.Contains(e.ItemId));
    }

    private static Func<int, string?> ValuesOf(ReadinessStatuses statuses, Guid subject)
    {
        var own = statuses.Of(subject);
        return item => own.GetValueOrDefault(item)?.Value;
    }

    private bool LivesHere(Guid residentId, DateOnly at) =>
        !_residence.TryGetValue(residentId, out var facts) || SubjectRules.LivesHere(facts, at);

    /// <summary>Adds one subject's part to its neighbourhood's and the commune's tallies.</summary>
    private sealed class Tally
    {
        public readonly Dictionary<Guid, (decimal Num, decimal Den, bool Seen)> ByNeighbourhood = [];
        public decimal Num;
        public decimal Den;
        public bool Seen;

        public void Add(Guid neighbourhood, bool inNumerator, bool inDenominator, bool seen)
        {
            var (n, d, s) = ByNeighbourhood.GetValueOrDefault(neighbourhood);
            ByNeighbourhood[neighbourhood] = (n + (inNumerator ? 1 : 0), d + (inDenominator ? 1 : 0), s || seen);
            Num += inNumerator ? 1 : 0;
            Den += inDenominator ? 1 : 0;
            Seen |= seen;
        }

        public Figures ToFigures(IEnumerable<NeighbourhoodRow> neighbourhoods, bool missingWhenUnseen, int late) =>
            new(new AreaFigure(Num, Den, missingWhenUnseen && !Seen),
                neighbourhoods.ToDictionary(n => n.Id, n => ByNeighbourhood.TryGetValue(n.Id, out var t)
                    ? new AreaFigure(t.Num, t.Den, missingWhenUnseen && !t.Seen)
                    : new AreaFigure(0, 0, missingWhenUnseen)), late);
    }

    private Figures Residents(IndicatorFormula formula, DateOnly at)
    {
        var statuses = StatusesAt(at, business: false);
        var tally = new Tally();
        foreach (var r in _residents)
        {
            if (!LivesHere(r.Id, at) || !SubjectRules.InAgeBand(r.BirthDate, r.BirthYear, formula, at))
            {
                continue;
            }
            var valueOf = ValuesOf(statuses, r.Id);
            var among = SubjectRules.Holds(_items, valueOf, formula.Among);
            tally.Add(r.NeighbourhoodId, among && SubjectRules.Holds(_items, valueOf, formula.Having), among, SubjectRules.HasAnyRecord(_items, valueOf, formula));
        }
        return tally.ToFigures(Neighbourhoods, missingWhenUnseen: true, LateRecords(formula, at, business: false));
    }

    /// <summary>
    /// Who is still missing the status, by household: the residents (in the age band, living here on
    /// <paramref name="at"/>) counted in the base but not in the figure. For a household indicator, the
    /// households in the base not having it, with their residents of the band. Empty for other kinds.
    /// </summary>
    public Dictionary<Guid, List<Guid>> Missing(IndicatorFormula formula, DateOnly at, Guid? neighbourhood)
    {
        var result = new Dictionary<Guid, List<Guid>>();
        if (formula.Kind is not (FormulaKind.Residents or FormulaKind.Households))
        {
            return result;
        }
        var statuses = StatusesAt(at, business: false);
        var byHousehold = new Dictionary<Guid, (bool Among, bool Having, List<Guid> Lacking)>();
        foreach (var r in _residents)
        {
            if ((neighbourhood is { } n && r.NeighbourhoodId != n) || !LivesHere(r.Id, at))
            {
                continue;
            }
            // A household is in a household indicator's base through anyone living in it (Households above);
            // only residents of the age band can give it the status.
            var inBand = SubjectRules.InAgeBand(r.BirthDate, r.BirthYear, formula, at);
            if (!inBand && formula.Kind == FormulaKind.Residents)
            {
                continue;
            }
            var valueOf = ValuesOf(statuses, r.Id);
            var among = inBand && SubjectRules.Holds(_items, valueOf, formula.Among);
            var having = among && SubjectRules.Holds(_items, valueOf, formula.Having);
            var h = byHousehold.GetValueOrDefault(r.HouseholdId, (false, false, []));
            if (among && !having)
            {
                h.Lacking.Add(r.Id);
            }
            byHousehold[r.HouseholdId] = (h.Among || among, h.Having || having, h.Lacking);
        }
        foreach (var (household, h) in byHousehold)
        {
            var missing = formula.Kind == FormulaKind.Residents ? h.Lacking.Count > 0
                : (formula.Among.Count == 0 || h.Among) && !h.Having;
            if (missing)
            {
                result[household] = h.Lacking;
            }
        }
        return result;
    }

    private Figures Households(IndicatorFormula formula, DateOnly at)
    {
        var statuses = StatusesAt(at, business: false);
        var households = new Dictionary<Guid, HouseholdTally>();
        foreach (var r in _residents)
        {
            if (!LivesHere(r.Id, at))
            {
                continue;
            }
            if (!households.TryGetValue(r.HouseholdId, out var h))
            {
                households[r.HouseholdId] = h = new HouseholdTally(r.NeighbourhoodId);
            }
            // A household is surveyed once anyone of it has a status recorded, of any age (CountChanges.HouseholdState says the same).
            var valueOf = ValuesOf(statuses, r.Id);
            h.Seen |= SubjectRules.HasAnyRecord(_items, valueOf, formula);
            if (SubjectRules.InAgeBand(r.BirthDate, r.BirthYear, formula, at))
            {
                var among = SubjectRules.Holds(_items, valueOf, formula.Among);
                h.Among |= among;
                h.Having |= among && SubjectRules.Holds(_items, valueOf, formula.Having);
            }
        }
        var tally = new Tally();
        foreach (var h in households.Values)
        {
            // Without an "among" condition every household that has someone living in it is in the base.
            var inBase = formula.Among.Count == 0 || h.Among;
            tally.Add(h.Neighbourhood, inBase && h.Having, inBase, h.Seen);
        }
        return tally.ToFigures(Neighbourhoods, missingWhenUnseen: true, LateRecords(formula, at, business: false));
    }

    private sealed class HouseholdTally(Guid neighbourhood)
    {
        public Guid Neighbourhood { get; } = neighbourhood;
        public bool Among { get; set; }
        public bool Having { get; set; }
        public bool Seen { get; set; }
    }

    private Figures Businesses(IndicatorFormula formula, DateOnly at)
    {
        var statuses = StatusesAt(at, business: true);
        var kinds = formula.BusinessKinds.Select(k => (BusinessKind)(int)k).ToHashSet();
        var tally = new Tally();
        foreach (var b in _businesses)
        {
            if ((kinds.Count > 0 && !kinds.Contains(b.Kind)) || (formula.OcopOnly && !b.IsOcop))
            {
                continue;
            }
            var valueOf = ValuesOf(statuses, b.Id);
            var among = SubjectRules.Holds(_items, valueOf, formula.Among);
            tally.Add(b.NeighbourhoodId, among && SubjectRules.Holds(_items, valueOf, formula.Having), among, SubjectRules.HasAnyRecord(_items, valueOf, formula));
        }
        return tally.ToFigures(Neighbourhoods, missingWhenUnseen: true, LateRecords(formula, at, business: true));
    }

    private Figures HouseholdsReached(IndicatorFormula formula, DateOnly at, DateOnly from)
    {
        var wanted = formula.Activities.Select(a => _activities.GetValueOrDefault(a)).Where(id => id != 0).ToHashSet();
        var reached = _sessions
            .Where(s => s.On >= from && s.On <= at && (formula.Activities.Count == 0 || s.Activities.Any(wanted.Contains)))
            .Select(s => s.HouseholdId).ToHashSet();
        var tally = new Tally();
        foreach (var household in _residents.Where(r => LivesHere(r.Id, at)).GroupBy(r => r.HouseholdId))
        {
            tally.Add(household.First().NeighbourhoodId, reached.Contains(household.Key), true, true);
        }
        return tally.ToFigures(Neighbourhoods, missingWhenUnseen: false, 0);
    }

    private Figures MembersTrained(IndicatorFormula formula, DateOnly at)
    {
        var topics = formula.Topics.Select(t => _topics.GetValueOrDefault(t)).Where(id => id != 0).ToHashSet();
        bool OnTopic(int[] courseTopics) => formula.Topics.Count == 0 || courseTopics.Any(topics.Contains);
        var trained = formula.Kind == FormulaKind.CourseCompleted
            ? _completed.Where(c => c.On <= at && OnTopic(c.Topics) && (c.CompleteBy is null || c.On <= c.CompleteBy)).Select(c => c.MemberId).ToHashSet()
            : _attended.Where(a => a.On <= at && OnTopic(a.Topics)).Select(a => a.MemberId)
                .Concat(_completed.Where(c => c.On <= at && OnTopic(c.Topics)).Select(c => c.MemberId)).ToHashSet();
        var tally = new Tally();
        foreach (var m in _members)
        {
            var active = m.JoinedOn <= at && (m.LeftOn is null || m.LeftOn > at) && (m.TeamDissolvedOn is null || m.TeamDissolvedOn > at);
            if (!active || (formula.LeadersOnly && m.Position == MemberPosition.Member))
            {
                continue;
            }
            tally.Add(m.NeighbourhoodId, trained.Contains(m.Id), true, true);
        }
        return tally.ToFigures(Neighbourhoods, missingWhenUnseen: false, 0);
    }

    /// <summary>An event counts once for the ward and once for each neighbourhood it was held in; a ward-wide one (no neighbourhood) for the ward only.</summary>
    private Figures Events(IndicatorFormula formula, DateOnly at, DateOnly from)
    {
        var wanted = formula.Models.Select(m => _models.GetValueOrDefault(m)).Where(id => id != 0).ToHashSet();
        var tally = new Tally();
        foreach (var e in _events.Where(e => e.On >= from && e.On <= at && (formula.Models.Count == 0 || (e.ModelId is { } model && wanted.Contains(model)))))
        {
            tally.Num++;
            foreach (var n in e.Neighbourhoods)
            {
                var (num, den, seen) = tally.ByNeighbourhood.GetValueOrDefault(n);
                tally.ByNeighbourhood[n] = (num + 1, den, seen);
            }
        }
        return tally.ToFigures(Neighbourhoods, missingWhenUnseen: false, 0);
    }

    private Figures Communications(IndicatorFormula formula, DateOnly at, DateOnly from)
    {
        var kinds = formula.CommunicationKinds.Select(k => (CommunicationKind)(int)k).ToHashSet();
        var tally = new Tally();
        foreach (var c in _communications.Where(c => c.On >= from && c.On <= at && (kinds.Count == 0 || kinds.Contains(c.Kind))))
        {
            tally.Num++;
            if (c.NeighbourhoodId is { } n)
            {
                var (num, den, seen) = tally.ByNeighbourhood.GetValueOrDefault(n);
                tally.ByNeighbourhood[n] = (num + 1, den, seen);
            }
        }
        return tally.ToFigures(Neighbourhoods, missingWhenUnseen: false, 0);
    }

    /// <summary>The latest value reported for a period that ends between <paramref name="from"/> and <paramref name="at"/>, per area.</summary>
    private Figures External(int indicatorId, DateOnly at, DateOnly from)
    {
        AreaFigure Latest(Guid? neighbourhood) =>
            _external.Where(v => v.IndicatorId == indicatorId && v.NeighbourhoodId == neighbourhood && v.PeriodEnd >= from && v.PeriodEnd <= at)
                .OrderByDescending(v => v.PeriodEnd).ThenByDescending(v => v.ReportedOn).ThenByDescending(v => v.RecordedAtUtc)
                .Select(v => new AreaFigure(v.Value, 100, false)).FirstOrDefault() ?? AreaFigure.None;
        // A supplied share is stored as its percent over a base of 100, so Value() reads it back unchanged.
        return new Figures(Latest(null), Neighbourhoods.ToDictionary(n => n.Id, n => Latest(n.Id)), 0);
    }
}
