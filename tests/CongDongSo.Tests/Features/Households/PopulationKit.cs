using CongDongSo.Tests.Infrastructure;
using CongDongSo.Web.Data;
using CongDongSo.Web.Infrastructure.Privacy;
using CongDongSo.Web.Infrastructure.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CongDongSo.Tests.Features.Households;

/// <summary>Arrange helpers for households, residents, businesses and readiness events.</summary>
public static class PopulationKit
{
    /// <summary>A 12-digit citizen ID valid for the year and sex: place 048, century-and-sex digit, year, serial.</summary>
    public static string ValidId(int birthYear, Gender gender, int serial) =>
        $"048{(birthYear >= 2000 ? 2 : 0) + (gender == Gender.Female ? 1 : 0)}{birthYear % 100:00}{serial:000000}";

    public static PersonalDataProtector Protector(AppFactory app) => app.Services.GetRequiredService<PersonalDataProtector>();

    public static Task<Household> HouseholdAsync(AppFactory app, Neighbourhood neighbourhood, string code, string address = "25 Nguyễn Phước Lan",
        PovertyStatus poverty = PovertyStatus.None, bool hasBusiness = false) => app.WithDbAsync(async db =>
    {
        var now = app.Clock.GetUtcNow().UtcDateTime;
        var household = new Household
        {
            CommuneId = neighbourhood.CommuneId, NeighbourhoodId = neighbourhood.Id, Code = code, Address = address, Poverty = poverty,
            HasBusiness = hasBusiness, SearchText = VietnameseText.Fold($"{code} {address}"), CreatedAtUtc = now, UpdatedAtUtc = now,
        };
        db.Households.Add(household);
        await db.SaveChangesAsync();
        return household;
    });

    public static Task<Resident> ResidentAsync(AppFactory app, Household household, string name, int? birthYear = 1990, Gender? gender = Gender.Male,
        string? citizenId = null, string? phone = null, RelationToHead relation = RelationToHead.Other, DateOnly? birthDate = null) => app.WithDbAsync(async db =>
    {
        var now = app.Clock.GetUtcNow().UtcDateTime;
        var resident = new Resident
        {
            CommuneId = household.CommuneId, HouseholdId = household.Id, NeighbourhoodId = household.NeighbourhoodId, FullName = name,
            SearchName = VietnameseText.Fold(name), BirthDate = birthDate, BirthYear = birthDate?.Year ?? birthYear, Gender = gender,
            Relation = relation, CreatedAtUtc = now, UpdatedAtUtc = now,
        };
        var protector = Protector(app);
        protector.SetCitizenId(resident, citizenId);
        protector.SetPhone(resident, phone);
        db.Residents.Add(resident);
        if (relation == RelationToHead.Head)
        {
            var tracked = await db.Households.FirstAsync(h => h.Id == household.Id);
            tracked.HeadResidentId = resident.Id;
            tracked.SearchText = VietnameseText.Fold($"{tracked.Code} {tracked.Address} {name}");
        }
        await db.SaveChangesAsync();
        return resident;
    });

    public static Task<ReadinessEvent> EventAsync(AppFactory app, Resident resident, string item, string value, DateTime occurredAtUtc,
        Guid? corrects = null, DateTime? recordedAtUtc = null, Guid? helpedBy = null) => app.WithDbAsync(async db =>
    {
        var e = new ReadinessEvent
        {
            CommuneId = resident.CommuneId, NeighbourhoodId = resident.NeighbourhoodId, ResidentId = resident.Id,
            ItemId = await ItemIdAsync(db, item), Value = value, OccurredAtUtc = occurredAtUtc, RecordedAtUtc = recordedAtUtc ?? occurredAtUtc,
            CorrectsEventId = corrects, HelpedByMemberId = helpedBy, Verification = Verification.SeenOnDevice,
        };
        db.ReadinessEvents.Add(e);
        await db.SaveChangesAsync();
        return e;
    });

    public static Task<Business> BusinessAsync(AppFactory app, Neighbourhood neighbourhood, string name, Guid? owner = null) => app.WithDbAsync(async db =>
    {
        var now = app.Clock.GetUtcNow().UtcDateTime;
        var business = new Business
        {
            CommuneId = neighbourhood.CommuneId, NeighbourhoodId = neighbourhood.Id, Name = name, SearchName = VietnameseText.Fold(name),
            OwnerHouseholdId = owner, CreatedAtUtc = now, UpdatedAtUtc = now,
        };
        db.Businesses.Add(business);
        await db.SaveChangesAsync();
        return business;
    });

    public static Task<int> ItemIdAsync(AppDbContext db, string code) =>
        db.ReadinessItems.Where(i => i.CommuneId == null && i.Code == code).Select(i => i.Id).SingleAsync();

    /// <summary>Vietnam noon of a day, in UTC: an unambiguous moment inside that day.</summary>
    public static DateTime Noon(int year, int month, int day) => new DateTime(year, month, day, 5, 0, 0, DateTimeKind.Utc);
}
