using CongDongSo.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace CongDongSo.Web.Features.Plans;

public static class IndicatorQueries
{
    /// <summary>The active indicators a commune's targets can use: the national catalogue, then the ward's own.</summary>
    public static async Task<List<Indicator>> ChoicesAsync(AppDbContext db, int communeId) =>
        [.. (await db.Indicators.AsNoTracking().Where(i => i.IsActive && (i.CommuneId == null || i.CommuneId == communeId)).ToListAsync())
            .OrderBy(i => i.CommuneId is not null).ThenBy(i => i.SortOrder).ThenBy(i => i.Name, StringComparer.Create(System.Globalization.CultureInfo.GetCultureInfo("vi-VN"), false))];
}
