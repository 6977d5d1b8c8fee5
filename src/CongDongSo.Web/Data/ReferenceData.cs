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

    private const string YesNo = "no:Chưa có|yes:Đã có";

    /// <summary>What the plans track per resident and per business (Hòa Xuân, Bình Long, Phù Đổng plans).</summary>
    public static readonly (string Code, string Name, ReadinessSubject Subject, string Choices, string Achieved)[] ReadinessItems =
    [
        ("smartphone", "Điện thoại thông minh", ReadinessSubject.Resident, YesNo, "yes"),
        ("sim4g", "SIM 4G (thay SIM 2G)", ReadinessSubject.Resident, "no:Chưa có (còn 2G)|yes:Đã dùng 4G", "yes"),
        ("vneid", "Tài khoản định danh điện tử VNeID", ReadinessSubject.Resident, "none:Chưa có|level1:Mức 1|level2:Mức 2", "level2"),
        ("dvc", "Tài khoản dịch vụ công trực tuyến", ReadinessSubject.Resident, YesNo, "yes"),
        ("signature", "Chữ ký số / chữ ký điện tử cá nhân", ReadinessSubject.Resident, YesNo, "yes"),
        ("payment", "Tài khoản ngân hàng / ví điện tử", ReadinessSubject.Resident, YesNo, "yes"),
        ("ehealth", "Sổ sức khỏe điện tử", ReadinessSubject.Resident, YesNo, "yes"),
        ("skills", "Kỹ năng số cơ bản", ReadinessSubject.Resident, YesNo, "yes"),
        ("bdhvs", "Học tập trên Bình dân học vụ số", ReadinessSubject.Resident, "no:Chưa học|learning:Đang học|done:Đã hoàn thành", "done"),
        ("app_province", "Ứng dụng công dân số của tỉnh, thành phố", ReadinessSubject.Resident, YesNo, "yes"),
        ("etax", "Ứng dụng eTax Mobile", ReadinessSubject.Resident, YesNo, "yes"),
        ("vssid", "Ứng dụng VssID", ReadinessSubject.Resident, YesNo, "yes"),
        ("qr_payment", "Thanh toán không dùng tiền mặt (mã QR)", ReadinessSubject.Business, YesNo, "yes"),
        ("ecommerce", "Có mặt trên sàn thương mại điện tử", ReadinessSubject.Business, YesNo, "yes"),
    ];

    /// <summary>What a session can do, and the status it records when it does.</summary>
    public static readonly (string Code, string Name, string? Item, string? Value)[] SupportActivities =
    [
        ("install_vneid", "Cài đặt, kích hoạt VNeID", "vneid", "level1"),
        ("vneid_level2", "Hỗ trợ định danh điện tử mức 2", "vneid", "level2"),
        ("dvc_account", "Tạo tài khoản dịch vụ công", "dvc", "yes"),
        ("submit_dossier", "Hỗ trợ nộp hồ sơ dịch vụ công trực tuyến", null, null),
        ("install_signature", "Cài đặt chữ ký số", "signature", "yes"),
        ("open_payment", "Mở tài khoản ngân hàng / ví điện tử", "payment", "yes"),
        ("install_ehealth", "Kích hoạt sổ sức khỏe điện tử", "ehealth", "yes"),
        ("install_province_app", "Cài ứng dụng công dân số của tỉnh, thành phố", "app_province", "yes"),
        ("install_etax", "Cài eTax Mobile", "etax", "yes"),
        ("install_vssid", "Cài VssID", "vssid", "yes"),
        ("switch_4g", "Hỗ trợ chuyển SIM 2G sang 4G", "sim4g", "yes"),
        ("teach_skills", "Hướng dẫn kỹ năng số cơ bản", "skills", "yes"),
        ("bdhvs_enrol", "Hướng dẫn học Bình dân học vụ số", "bdhvs", "learning"),
        ("fraud_warning", "Cảnh báo lừa đảo trực tuyến", null, null),
        ("teach_qr", "Hướng dẫn thanh toán bằng mã QR", "qr_payment", "yes"),
        ("ecommerce_listing", "Đưa sản phẩm lên sàn thương mại điện tử", "ecommerce", "yes"),
    ];

    public static async Task SeedAsync(AppDbContext db)
    {
        await SeedReadinessAsync(db);
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

    private static async Task SeedReadinessAsync(AppDbContext db)
    {
        var items = await db.ReadinessItems.IgnoreQueryFilters().Where(i => i.CommuneId == null).ToDictionaryAsync(i => i.Code);
        var order = 0;
        foreach (var (code, name, subject, choices, achieved) in ReadinessItems)
        {
            order += 10;
            if (!items.ContainsKey(code))
            {
                items[code] = db.ReadinessItems.Add(new ReadinessItem { Code = code, Name = name, Subject = subject, Choices = choices, AchievedValues = achieved, SortOrder = order }).Entity;
            }
        }
        await db.SaveChangesAsync();
        var activities = await db.SupportActivities.IgnoreQueryFilters().Where(a => a.CommuneId == null).Select(a => a.Code).ToListAsync();
        order = 0;
        foreach (var (code, name, item, value) in SupportActivities)
        {
            order += 10;
            if (!activities.Contains(code))
            {
                db.SupportActivities.Add(new SupportActivity { Code = code, Name = name, ReadinessItemId = item is null ? null : items[item].Id, ResultValue = value, SortOrder = order });
            }
        }
        await db.SaveChangesAsync();
    }
}
