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

    /// <summary>What the plans train members on (Bình Long, Phù Đổng, Hòa Xuân plans; the Ministry's online courses).</summary>
    public static readonly (string Code, string Name, string Description)[] TrainingTopics =
    [
        ("policy", "Chủ trương, chính sách, pháp luật về chuyển đổi số", "Nghị quyết 57-NQ/TW, Đề án 06, các kế hoạch chuyển đổi số của tỉnh, thành phố và phường, xã."),
        ("vneid", "VNeID và ứng dụng công dân số của tỉnh, thành phố", "Cài đặt, kích hoạt tài khoản định danh điện tử mức 1, mức 2; các tiện ích trên VNeID và ứng dụng của tỉnh."),
        ("dvc", "Dịch vụ công trực tuyến", "Tạo tài khoản, nộp hồ sơ và thanh toán trên Cổng dịch vụ công quốc gia và của tỉnh."),
        ("signature", "Chữ ký số, chữ ký điện tử", "Đăng ký, cài đặt và sử dụng chữ ký số cá nhân."),
        ("payment", "Thanh toán không dùng tiền mặt", "Mở tài khoản, ví điện tử, thanh toán bằng mã QR."),
        ("ecommerce", "Thương mại điện tử", "Đưa sản phẩm, hộ kinh doanh lên sàn thương mại điện tử."),
        ("ehealth", "Y tế số, sổ sức khỏe điện tử", "Kích hoạt và sử dụng sổ sức khỏe điện tử, đặt lịch khám trực tuyến."),
        ("education", "Ứng dụng giáo dục", "Các ứng dụng học tập, liên lạc với nhà trường."),
        ("security", "An toàn thông tin, bảo vệ dữ liệu cá nhân", "Bảo vệ tài khoản, dữ liệu cá nhân theo Luật Bảo vệ dữ liệu cá nhân."),
        ("fraud", "Phòng chống lừa đảo trực tuyến", "Nhận biết và phòng tránh các hình thức lừa đảo trên mạng."),
        ("bdhvs", "Bình dân học vụ số", "Phong trào Bình dân học vụ số; các khóa học trên binhdanhocvuso.gov.vn."),
        ("ai", "Trí tuệ nhân tạo (AI)", "Sử dụng trí tuệ nhân tạo an toàn, hiệu quả trong công việc và đời sống."),
    ];

    /// <summary>The community models the plans name, each with what it is.</summary>
    public static readonly (string Code, string Name, string Description)[] CommunityModels =
    [
        ("weekend_dx", "Ngày cuối tuần chuyển đổi số", "Tổ công nghệ số cộng đồng hỗ trợ người dân tại nhà văn hóa hoặc tại nhà vào một ngày cuối tuần mỗi tháng."),
        ("digital_market", "Chợ 4.0 / Chợ số", "Tiểu thương chợ thanh toán không dùng tiền mặt, có mã QR, bán hàng trực tuyến."),
        ("digital_family", "Gia đình số", "Hộ gia đình có thành viên dùng thành thạo các dịch vụ số thiết yếu."),
        ("digital_ambassador", "Đại sứ số", "Thành viên, đoàn viên làm đại sứ hướng dẫn kỹ năng số cho người dân."),
        ("one_citizen_one_id", "Mỗi công dân – Một danh tính số", "Mỗi người dân có tài khoản định danh điện tử VNeID mức 2."),
        ("tech_fair", "Ngày hội trải nghiệm công nghệ", "Ngày hội giới thiệu, trải nghiệm dịch vụ số với doanh nghiệp viễn thông, ngân hàng."),
        ("paperless_meeting", "Họp tổ dân phố không giấy", "Tài liệu họp gửi qua nhóm Zalo, ứng dụng; không in giấy."),
        ("online_meeting", "Họp tổ dân phố trực tuyến", "Họp tổ dân phố, thôn qua nền tảng trực tuyến."),
        ("sunday_bdhvs", "Bình dân học vụ số sáng Chủ nhật", "Lớp Bình dân học vụ số cho người dân vào sáng Chủ nhật."),
        ("mobile_services", "TTHC lưu động tại nhà văn hóa", "Hỗ trợ thủ tục hành chính, dịch vụ công trực tuyến lưu động tại nhà văn hóa tổ dân phố, thôn."),
        ("youth_skills", "Thanh niên chung tay phổ cập kỹ năng số", "Đoàn viên thanh niên hướng dẫn kỹ năng số cho người dân, nhất là người cao tuổi."),
        ("national_dx_day", "Ngày Chuyển đổi số quốc gia 10/10", "Các hoạt động hưởng ứng Ngày Chuyển đổi số quốc gia 10 tháng 10."),
        ("campaign", "Ra quân chuyển đổi số", "Đợt ra quân cao điểm của các tổ công nghệ số cộng đồng."),
    ];

    public static async Task SeedAsync(AppDbContext db)
    {
        await SeedReadinessAsync(db);
        await SeedCatalogueAsync(db.TrainingTopics, TrainingTopics, (code, name, description, order) => new TrainingTopic { Code = code, Name = name, Description = description, SortOrder = order });
        await SeedCatalogueAsync(db.CommunityModels, CommunityModels, (code, name, description, order) => new CommunityModel { Code = code, Name = name, Description = description, SortOrder = order });
        await SeedIndicatorsAsync(db);
        await SeedHolidaysAsync(db);
        await db.SaveChangesAsync();
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

    /// <summary>
    /// The national indicator catalogue shipped with the product (the indicators the template plans
    /// use, Features/Plans/Templates/indicators.json); a ward's own and changed rows stay.
    /// </summary>
    private static async Task SeedIndicatorsAsync(AppDbContext db)
    {
        using var stream = typeof(ReferenceData).Assembly.GetManifestResourceStream("plans/templates/indicators.json");
        if (stream is null)
        {
            return;
        }
        using var document = await System.Text.Json.JsonDocument.ParseAsync(stream);
        var existing = await db.Indicators.IgnoreQueryFilters().Where(i => i.CommuneId == null).Select(i => i.Code).ToListAsync();
        var order = 0;
        foreach (var row in document.RootElement.EnumerateArray())
        {
            order += 10;
            var code = row.GetProperty("code").GetString()!;
            if (existing.Contains(code))
            {
                continue;
            }
            db.Indicators.Add(new Indicator
            {
                Code = code,
                Name = row.GetProperty("nameVi").GetString()!,
                NameEn = row.TryGetProperty("nameEn", out var en) ? en.GetString() : null,
                Description = row.TryGetProperty("definition", out var definition) ? definition.GetString() : null,
                FormulaJson = row.GetProperty("formula").GetRawText(),
                SortOrder = order,
            });
            existing.Add(code);
        }
    }

    /// <summary>
    /// The national public holidays shipped with the product (Data/Reference/ngay-nghi-le.csv), a year
    /// at a time: a year that has any national day already stays as it is kept.
    /// </summary>
    private static async Task SeedHolidaysAsync(AppDbContext db)
    {
        using var stream = typeof(ReferenceData).Assembly.GetManifestResourceStream("reference/ngay-nghi-le.csv");
        if (stream is null)
        {
            return;
        }
        using var reader = new StreamReader(stream);
        var rows = new List<Holiday>();
        await reader.ReadLineAsync(); // header
        while (await reader.ReadLineAsync() is { } line)
        {
            var comma = line.IndexOf(',', StringComparison.Ordinal);
            if (comma > 0)
            {
                rows.Add(new Holiday { Date = DateOnly.ParseExact(line[..comma], "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture), Name = line[(comma + 1)..].Trim() });
            }
        }
        var kept = await db.Holidays.IgnoreQueryFilters().Where(h => h.CommuneId == null).Select(h => h.Date).ToListAsync();
        var keptYears = kept.Select(d => d.Year).ToHashSet();
        db.Holidays.AddRange(rows.Where(r => !keptYears.Contains(r.Date.Year)));
    }

    /// <summary>Adds the national rows a list lacks; a ward's own rows and renamed ones stay.</summary>
    private static async Task SeedCatalogueAsync<T>(DbSet<T> set, (string Code, string Name, string Description)[] rows, Func<string, string, string, int, T> make)
        where T : class, ICatalogueEntry
    {
        var existing = await set.IgnoreQueryFilters().Where(x => x.CommuneId == null).Select(x => x.Code).ToListAsync();
        var order = 0;
        foreach (var (code, name, description) in rows)
        {
            order += 10;
            if (!existing.Contains(code))
            {
                set.Add(make(code, name, description, order));
            }
        }
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
