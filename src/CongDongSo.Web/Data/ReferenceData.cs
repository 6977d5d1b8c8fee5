using Microsoft.EntityFrameworkCore;

namespace CongDongSo.Web.Data;

/// <summary>Lists every installation starts with; a ward extends them through the product.</summary>
public static class ReferenceData
{
    /// <summary>The affiliations the plans name (Đà Nẵng, Bình Long, Phù Đổng… all list these).</summary>
    public static readonly string[] Affiliations =
    [
        "Đoàn Thanh niên", "Hội Liên hiệp Phụ nữ", "Công an khu vực", "Giáo viên", "Doanh nghiệp viễn thông",
        "Hội Nông dân", "Mặt trận Tổ quốc", "Đảng viên", "Cán bộ phường/xã", "Hội Cựu chiến binh", "Khác",
    ];

    public static async Task SeedAsync(AppDbContext db)
    {
        var existing = await db.Affiliations.IgnoreQueryFilters().Where(a => a.CommuneId == null).Select(a => a.Name).ToListAsync();
        var order = 0;
        foreach (var name in Affiliations)
        {
            order += 10;
            if (!existing.Contains(name))
            {
                db.Affiliations.Add(new Affiliation { Name = name, SortOrder = order });
            }
        }
        await db.SaveChangesAsync();
    }
}
