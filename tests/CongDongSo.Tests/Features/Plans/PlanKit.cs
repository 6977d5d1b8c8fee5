using CongDongSo.Tests.Infrastructure;
using CongDongSo.Web.Data;
using CongDongSo.Web.Features.Plans;
using CongDongSo.Web.Infrastructure.Localization;
using Microsoft.EntityFrameworkCore;

namespace CongDongSo.Tests.Features.Plans;

/// <summary>
/// A small commune of its own for each test (so tests of a class never see each other's people),
/// with residents born on given days and statuses recorded on given days; and the evaluation of a
/// formula or a target at a date, as the dashboard does it.
/// </summary>
public sealed class Land
{
    private static int s_serial;
    private readonly AppFactory _app;

    public required Commune Commune { get; init; }
    public required Neighbourhood North { get; init; }
    public required Neighbourhood South { get; init; }

    private Land(AppFactory app) => _app = app;

    public static Task<Land> CreateAsync(AppFactory app) => app.WithDbAsync(async db =>
    {
        var serial = Interlocked.Increment(ref s_serial);
        var commune = new Commune
        {
            ProvinceId = app.World.DaNang.Id, Code = $"9{serial:0000}", Name = $"Phường Thử {serial}", Level = CommuneLevel.Phuong, EffectiveFrom = new DateOnly(2025, 7, 1),
        };
        db.Communes.Add(commune);
        await db.SaveChangesAsync();
        var north = new Neighbourhood { CommuneId = commune.Id, Name = "Thôn Bắc", EffectiveFrom = new DateOnly(2025, 7, 1) };
        var south = new Neighbourhood { CommuneId = commune.Id, Name = "Thôn Nam", EffectiveFrom = new DateOnly(2025, 7, 1) };
        db.Neighbourhoods.AddRange(north, south);
        await db.SaveChangesAsync();
        return new Land(app) { Commune = commune, North = north, South = south };
    });

    /// <summary>A household with people born on the given days (or years, when the date is Jan 1 and <c>yearOnly</c>).</summary>
    public Task<(Household Household, List<Resident> People)> HouseholdAsync(Neighbourhood where, params DateOnly[] births) => HouseholdAsync(where, false, births);

    public Task<(Household Household, List<Resident> People)> HouseholdAsync(Neighbourhood where, bool yearOnly, params DateOnly[] births) =>
        _app.WithDbAsync(async db =>
        {
            var now = _app.Clock.GetUtcNow().UtcDateTime;
            var household = new Household
            {
                CommuneId = Commune.Id, NeighbourhoodId = where.Id, Code = "H" + Guid.NewGuid().ToString("N")[..10], Address = "1 Đường Thử", CreatedAtUtc = now, UpdatedAtUtc = now,
            };
            foreach (var born in births)
            {
                household.Residents.Add(new Resident
                {
                    CommuneId = Commune.Id, NeighbourhoodId = where.Id, FullName = "Người Thử", BirthDate = yearOnly ? null : born, BirthYear = born.Year,
                    CreatedAtUtc = now, UpdatedAtUtc = now,
                });
            }
            db.Households.Add(household);
            await db.SaveChangesAsync();
            return (household, household.Residents.ToList());
        });

    /// <summary>Records <paramref name="value"/> on item <paramref name="itemCode"/> for a resident, as happened on <paramref name="on"/> (noon in Vietnam).</summary>
    public Task<ReadinessEvent> StatusAsync(Resident who, string itemCode, string value, DateOnly on, DateOnly? recordedOn = null, Guid? corrects = null) =>
        _app.WithDbAsync(async db =>
        {
            var item = await db.ReadinessItems.SingleAsync(i => i.CommuneId == null && i.Code == itemCode);
            var e = new ReadinessEvent
            {
                CommuneId = Commune.Id, NeighbourhoodId = who.NeighbourhoodId, ResidentId = who.Id, ItemId = item.Id, Value = value,
                OccurredAtUtc = VietnamTime.StartOfDayUtc(on).AddHours(12), RecordedAtUtc = VietnamTime.StartOfDayUtc(recordedOn ?? on).AddHours(13), CorrectsEventId = corrects,
            };
            db.ReadinessEvents.Add(e);
            await db.SaveChangesAsync();
            return e;
        });

    public Task ResidenceAsync(Resident who, ResidenceChange change, DateOnly on) => _app.WithDbAsync(async db =>
    {
        db.ResidenceFacts.Add(new ResidenceFact { CommuneId = Commune.Id, ResidentId = who.Id, NeighbourhoodId = who.NeighbourhoodId, Change = change, On = on, RecordedAtUtc = _app.Clock.GetUtcNow().UtcDateTime });
        await db.SaveChangesAsync();
    });

    /// <summary>A community event on <paramref name="on"/> (8:00 in Vietnam) of the catalogue model <paramref name="modelCode"/> (none when null), in the given neighbourhoods (ward-wide when none).</summary>
    public Task EventAsync(string? modelCode, DateOnly on, params Neighbourhood[] where) => _app.WithDbAsync(async db =>
    {
        var now = _app.Clock.GetUtcNow().UtcDateTime;
        var model = modelCode is null ? (int?)null : await db.CommunityModels.Where(m => m.CommuneId == null && m.Code == modelCode).Select(m => m.Id).SingleAsync();
        var e = new CommunityEvent { CommuneId = Commune.Id, ModelId = model, Title = "Hoạt động thử", StartsAtUtc = VietnamTime.StartOfDayUtc(on).AddHours(8), CreatedAtUtc = now, UpdatedAtUtc = now };
        foreach (var n in where)
        {
            e.Neighbourhoods.Add(new CommunityEventNeighbourhood { CommuneId = Commune.Id, EventId = e.Id, NeighbourhoodId = n.Id });
        }
        db.CommunityEvents.Add(e);
        await db.SaveChangesAsync();
    });

    /// <summary>A figure supplied from outside for the catalogue indicator <paramref name="indicatorCode"/>, for a neighbourhood or the ward (null).</summary>
    public Task SuppliedAsync(string indicatorCode, Neighbourhood? where, DateOnly from, DateOnly to, decimal value, DateOnly reportedOn) => _app.WithDbAsync(async db =>
    {
        db.ExternalValues.Add(new ExternalValue
        {
            CommuneId = Commune.Id, IndicatorId = await db.Indicators.Where(i => i.CommuneId == null && i.Code == indicatorCode).Select(i => i.Id).SingleAsync(),
            NeighbourhoodId = where?.Id, PeriodStart = from, PeriodEnd = to, Value = value, Source = "Phòng Văn hóa - Xã hội", ReportedOn = reportedOn,
            RecordedAtUtc = _app.Clock.GetUtcNow().UtcDateTime,
        });
        await db.SaveChangesAsync();
    });

    /// <summary>A business of a neighbourhood, with the business item <paramref name="itemCode"/> recorded "yes" on <paramref name="since"/> (nothing when null).</summary>
    public Task BusinessAsync(Neighbourhood where, string name, bool ocop, string itemCode, DateOnly? since) => _app.WithDbAsync(async db =>
    {
        var now = _app.Clock.GetUtcNow().UtcDateTime;
        var business = new Business { CommuneId = Commune.Id, NeighbourhoodId = where.Id, Name = name, IsOcop = ocop, CreatedAtUtc = now, UpdatedAtUtc = now };
        db.Businesses.Add(business);
        if (since is { } day)
        {
            db.ReadinessEvents.Add(new ReadinessEvent
            {
                CommuneId = Commune.Id, NeighbourhoodId = where.Id, BusinessId = business.Id, ItemId = await db.ReadinessItems.Where(i => i.CommuneId == null && i.Code == itemCode).Select(i => i.Id).SingleAsync(),
                Value = "yes", OccurredAtUtc = VietnamTime.StartOfDayUtc(day).AddHours(9), RecordedAtUtc = VietnamTime.StartOfDayUtc(day).AddHours(10),
            });
        }
        await db.SaveChangesAsync();
    });

    public Task<Team> TeamAsync(Neighbourhood where) => A.Team(where).SaveAsync(_app);

    /// <summary>A member of <paramref name="team"/> from <paramref name="joined"/>, until <paramref name="left"/>.</summary>
    public Task<Member> MemberAsync(Team team, DateOnly joined, DateOnly? left = null)
    {
        var member = A.Member("Thành Viên Thử").In(team).Joined(joined);
        return (left is { } day ? member.Left(day) : member).SaveAsync(_app);
    }

    /// <summary>An in-person course on the catalogue topics, one sitting on <paramref name="on"/>, with the members' attendance (present or absent).</summary>
    public Task SittingAsync(DateOnly on, string[] topics, params (Member Member, bool Present)[] attendance) => _app.WithDbAsync(async db =>
    {
        var course = await CourseAsync(db, topics, CourseForm.InPerson, null);
        var starts = VietnamTime.StartOfDayUtc(on).AddHours(8);
        var sitting = new TrainingSession
        {
            CommuneId = Commune.Id, CourseId = course.Id, StartsAtUtc = starts, EndsAtUtc = starts.AddMinutes(90), CheckInToken = Web.Features.Training.TrainingQueries.NewCheckInToken(),
        };
        course.Sessions.Add(sitting);
        foreach (var (member, present) in attendance)
        {
            db.Attendances.Add(new Attendance
            {
                CommuneId = Commune.Id, SessionId = sitting.Id, MemberId = member.Id, TeamId = member.TeamId, Present = present, AbsenceReason = present ? null : "Ốm",
                RecordedAtUtc = _app.Clock.GetUtcNow().UtcDateTime,
            });
        }
        await db.SaveChangesAsync();
    });

    /// <summary>An online course on the catalogue topics that <paramref name="member"/> completed on <paramref name="on"/>, the certificate verified or still waiting.</summary>
    public Task CompletedAsync(Member member, DateOnly on, bool verified, params string[] topics) => _app.WithDbAsync(async db =>
    {
        var course = await CourseAsync(db, topics, CourseForm.Online, new DateOnly(on.Year, 12, 31));
        db.CourseCompletions.Add(new CourseCompletion
        {
            CommuneId = Commune.Id, CourseId = course.Id, MemberId = member.Id, TeamId = member.TeamId, CompletedOn = on,
            Review = verified ? CompletionReview.Verified : CompletionReview.Pending, RecordedAtUtc = _app.Clock.GetUtcNow().UtcDateTime,
        });
        await db.SaveChangesAsync();
    });

    private async Task<Course> CourseAsync(AppDbContext db, string[] topics, CourseForm form, DateOnly? completeBy)
    {
        var course = new Course { CommuneId = Commune.Id, Title = "Khóa thử " + string.Join(", ", topics), Form = form, CompleteBy = completeBy, CreatedAtUtc = _app.Clock.GetUtcNow().UtcDateTime };
        foreach (var topic in await db.TrainingTopics.Where(t => t.CommuneId == null && topics.Contains(t.Code)).Select(t => t.Id).ToListAsync())
        {
            course.Topics.Add(new CourseTopic { CommuneId = Commune.Id, CourseId = course.Id, TopicId = topic });
        }
        db.Courses.Add(course);
        return course;
    }

    public Task<Figures> EvaluateAsync(IndicatorFormula formula, DateOnly at, DateOnly? from = null) => _app.WithDbAsync(async db =>
    {
        var facts = await CommuneFacts.LoadAsync(db, Commune.Id, [formula], at);
        return facts.Evaluate(formula, 0, at, from ?? new DateOnly(at.Year, 1, 1));
    });

    /// <summary>A target on a stored indicator of this formula, evaluated as the dashboard does at <paramref name="at"/>.</summary>
    public Task<TargetResult> TargetAsync(IndicatorFormula formula, Comparator comparator, decimal value, DateOnly at, TargetScope scope = TargetScope.Commune,
        Cadence? period = null, DateOnly? deadline = null) => _app.WithDbAsync(async db =>
    {
        var code = "t" + Guid.NewGuid().ToString("N")[..12];
        var indicator = new Indicator { CommuneId = Commune.Id, Code = code, Name = code, FormulaJson = formula.ToJson() };
        db.Indicators.Add(indicator);
        await db.SaveChangesAsync();
        var target = new PlanTarget
        {
            CommuneId = Commune.Id, IndicatorId = indicator.Id, Comparator = comparator, Value = value, Deadline = deadline ?? new DateOnly(at.Year, 12, 31),
            Scope = scope, Period = period, Indicator = indicator,
        };
        var facts = await CommuneFacts.LoadAsync(db, Commune.Id, [formula], at);
        return TargetEvaluator.Evaluate(facts, target, indicator, formula, at.Year, at);
    });
}
