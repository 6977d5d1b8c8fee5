using CongDongSo.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace CongDongSo.Tests.Infrastructure;

/// <summary>Households and statuses written straight to the database, for tests about what is counted from them.</summary>
public static class Facts
{
    /// <summary>A household in <paramref name="where"/> with one resident per birth year.</summary>
    public static Task<(List<Resident> People, Household Household)> HouseholdAsync(this AppFactory app, Neighbourhood where, params int[] years) => app.WithDbAsync(async db =>
    {
        var now = app.Clock.GetUtcNow().UtcDateTime;
        var household = new Household { CommuneId = where.CommuneId, NeighbourhoodId = where.Id, Code = "P" + Guid.NewGuid().ToString("N")[..10], Address = "Kiệt 1", CreatedAtUtc = now, UpdatedAtUtc = now };
        foreach (var year in years)
        {
            household.Residents.Add(new Resident { CommuneId = where.CommuneId, NeighbourhoodId = where.Id, FullName = "Người Thử", BirthYear = year, CreatedAtUtc = now, UpdatedAtUtc = now });
        }
        db.Households.Add(household);
        await db.SaveChangesAsync();
        return (household.Residents.ToList(), household);
    });

    /// <summary>A national readiness item's value for a resident, five minutes ago.</summary>
    public static Task StatusAsync(this AppFactory app, Resident who, string item, string value) => app.WithDbAsync(async db =>
    {
        var itemId = await db.ReadinessItems.Where(i => i.CommuneId == null && i.Code == item).Select(i => i.Id).SingleAsync();
        var now = app.Clock.GetUtcNow().UtcDateTime;
        db.ReadinessEvents.Add(new ReadinessEvent { CommuneId = who.CommuneId, NeighbourhoodId = who.NeighbourhoodId, ResidentId = who.Id, ItemId = itemId, Value = value, OccurredAtUtc = now.AddMinutes(-5), RecordedAtUtc = now });
        await db.SaveChangesAsync();
    });
}
