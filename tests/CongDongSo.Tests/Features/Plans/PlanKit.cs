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
