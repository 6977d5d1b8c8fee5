using CongDongSo.Web.Infrastructure.Imports;
using CongDongSo.Web.Infrastructure.Text;

namespace CongDongSo.Web.Features.Imports;

/// <summary>The lists a ward brings in from its existing sheets.</summary>
public enum ImportKind
{
    Households = 1,
    Residents = 2,
    Members = 3,
    Businesses = 4,
}

public enum ImportMode
{
    /// <summary>Reads and checks everything, writes nothing.</summary>
    DryRun = 0,
    /// <summary>One error anywhere and nothing is written.</summary>
    AllOrNothing = 1,
    /// <summary>Rows with errors are skipped, the others written.</summary>
    ValidRowsOnly = 2,
}

/// <summary>One thing a sheet can say, with the column headers wards use for it (compared folded).</summary>
public sealed record ImportField(string Name, string Label, bool Required, string[] Headers);

/// <summary>What each kind of sheet holds and how its columns are recognised.</summary>
public static class ImportFields
{
    private static readonly string[] s_householdCode = ["Mã hộ", "Mã HGĐ", "Mã hộ gia đình", "Mã số hộ"];
    private static readonly string[] s_neighbourhood =
        ["Tổ dân phố", "Thôn", "Khu phố", "Tổ", "TDP", "Thôn/Tổ dân phố", "Tổ dân phố/Thôn", "Thôn/Khu phố", "Thôn, tổ dân phố", "Ấp", "Bản"];
    private static readonly string[] s_address = ["Địa chỉ", "Địa chỉ thường trú", "Số nhà", "Địa chỉ nhà", "Nơi ở", "Nơi thường trú"];
    private static readonly string[] s_stt = ["STT", "TT", "Số TT", "Số thứ tự"];
    private static readonly string[] s_fullName = ["Họ và tên", "Họ tên", "Họ và tên người dân", "Tên người"];
    private static readonly string[] s_gender = ["Giới tính", "Giới", "Nam/Nữ", "Nam nữ"];
    private static readonly string[] s_phone = ["Số điện thoại", "SĐT", "Điện thoại", "ĐT", "Di động", "Số di động", "SĐT liên hệ", "Điện thoại liên hệ"];

    public static IReadOnlyList<ImportField> For(ImportKind kind) => kind switch
    {
        ImportKind.Households =>
        [
            new("Code", "Mã hộ", true, s_householdCode),
            new("Address", "Địa chỉ", true, s_address),
            new("Neighbourhood", "Tổ dân phố", true, s_neighbourhood),
            new("Poverty", "Hộ nghèo/cận nghèo", false, ["Hộ nghèo/cận nghèo", "Hộ nghèo, cận nghèo", "Hộ nghèo", "Nghèo/cận nghèo", "Diện hộ", "Phân loại hộ"]),
            new("HasBusiness", "Hộ kinh doanh", false, ["Hộ kinh doanh", "Kinh doanh", "HKD", "Có kinh doanh"]),
        ],
        ImportKind.Residents =>
        [
            new("Stt", "STT", false, s_stt),
            new("HouseholdCode", "Mã hộ", true, s_householdCode),
            new("Neighbourhood", "Tổ dân phố", false, s_neighbourhood),
            new("Address", "Địa chỉ", false, s_address),
            new("FullName", "Họ và tên", true, s_fullName),
            new("Birth", "Ngày sinh hoặc năm sinh", false,
                ["Ngày sinh", "Năm sinh", "Ngày tháng năm sinh", "Ngày/tháng/năm sinh", "Ngày, tháng, năm sinh", "Ngày sinh/Năm sinh", "NS"]),
            new("Gender", "Giới tính", false, s_gender),
            new("CitizenId", "Số định danh", false,
                ["Số định danh", "Số CCCD", "CCCD", "Số định danh cá nhân", "Mã định danh", "CCCD/CMND", "CMND/CCCD", "Căn cước", "Số căn cước", "Số căn cước công dân", "Số CMND/CCCD"]),
            new("Phone", "Số điện thoại", false, s_phone),
            new("Relation", "Quan hệ với chủ hộ", false, ["Quan hệ với chủ hộ", "Quan hệ", "QH với chủ hộ", "Quan hệ chủ hộ", "Quan hệ với CH"]),
            new("Disability", "Khuyết tật", false, ["Khuyết tật", "Người khuyết tật", "NKT"]),
        ],
        ImportKind.Members =>
        [
            new("Team", "Tổ dân phố hoặc tổ CNSCĐ", true, [.. s_neighbourhood, "Tổ CNSCĐ", "Tên tổ", "Tổ công nghệ số", "Tổ công nghệ số cộng đồng"]),
            new("FullName", "Họ và tên", true, s_fullName),
            new("Position", "Chức vụ", false, ["Chức vụ", "Chức vụ trong tổ", "Vai trò", "Chức danh"]),
            new("Affiliation", "Thành phần", true, ["Thành phần", "Đơn vị", "Tổ chức", "Đoàn thể", "Đơn vị, đoàn thể"]),
            new("BirthYear", "Năm sinh", false, ["Năm sinh", "Ngày sinh", "Ngày tháng năm sinh"]),
            new("Gender", "Giới tính", false, s_gender),
            new("Phone", "Số điện thoại", false, s_phone),
            new("JoinedOn", "Ngày tham gia", true, ["Ngày tham gia", "Ngày vào tổ", "Tham gia từ", "Ngày tham gia tổ"]),
        ],
        _ =>
        [
            new("Name", "Tên cơ sở", true, ["Tên cơ sở", "Tên", "Tên hộ kinh doanh", "Tên cơ sở kinh doanh", "Tên doanh nghiệp", "Tên HTX", "Tên hợp tác xã"]),
            new("Kind", "Loại hình", false, ["Loại hình", "Loại", "Loại hình kinh doanh"]),
            new("OwnerHouseholdCode", "Mã hộ chủ", false, ["Mã hộ chủ", "Mã hộ", "Mã hộ gia đình", "Mã HGĐ"]),
            new("Neighbourhood", "Tổ dân phố", false, s_neighbourhood),
            new("Address", "Địa chỉ", false, ["Địa chỉ", "Địa chỉ kinh doanh", "Địa điểm"]),
            new("Sector", "Ngành nghề", false, ["Ngành nghề", "Ngành nghề kinh doanh", "Lĩnh vực", "Ngành"]),
            new("Products", "Sản phẩm", false, ["Sản phẩm", "Sản phẩm chính", "Mặt hàng"]),
            new("Ocop", "OCOP", false, ["OCOP", "Sản phẩm OCOP", "Chứng nhận OCOP"]),
        ],
    };

    /// <summary>The kind's value in <see cref="Data.ImportMapping.Kind"/>.</summary>
    public static string Code(ImportKind kind) => kind.ToString().ToLowerInvariant();

    /// <summary>The entity type named in the audit line.</summary>
    public static string EntityType(ImportKind kind) => kind.ToString();

    /// <summary>The kind's Vietnamese name (a resource key).</summary>
    public static string Title(ImportKind kind) => kind switch
    {
        ImportKind.Households => "Hộ gia đình",
        ImportKind.Residents => "Nhân khẩu",
        ImportKind.Members => "Thành viên các tổ CNSCĐ",
        _ => "Hộ kinh doanh, hợp tác xã",
    };

    /// <summary>
    /// The header row: official forms often carry a title and a date above it, so the first of the
    /// first 20 rows that names at least two known columns; otherwise the first row.
    /// </summary>
    public static SheetRow? FindHeader(SheetReader reader, ImportKind kind)
    {
        var known = For(kind).SelectMany(f => f.Headers).Select(SheetReader.HeaderKey).ToHashSet(StringComparer.Ordinal);
        SheetRow? first = null;
        for (var i = 0; i < 20 && reader.Next() is { } row; i++)
        {
            first ??= row;
            if (row.Cells.Count(c => known.Contains(SheetReader.HeaderKey(c))) >= 2)
            {
                return row;
            }
        }
        return first;
    }

    /// <summary>
    /// The proposed column of each field: the header saved for it last time when the sheet still has
    /// it, else the first header that is one of the field's usual names. A column goes to one field only.
    /// </summary>
    public static Dictionary<string, int> Propose(ImportKind kind, IReadOnlyList<string> headers, IReadOnlyDictionary<string, string>? saved)
    {
        var keys = headers.Select(SheetReader.HeaderKey).ToArray();
        var taken = new HashSet<int>();
        var proposal = new Dictionary<string, int>(StringComparer.Ordinal);
        var fields = For(kind);
        if (saved is not null)
        {
            foreach (var field in fields)
            {
                if (saved.TryGetValue(field.Name, out var header) && Array.IndexOf(keys, SheetReader.HeaderKey(header)) is var index and >= 0 && taken.Add(index))
                {
                    proposal[field.Name] = index;
                }
            }
        }
        foreach (var field in fields.Where(f => !proposal.ContainsKey(f.Name)))
        {
            foreach (var name in field.Headers.Select(SheetReader.HeaderKey))
            {
                var index = Enumerable.Range(0, keys.Length).FirstOrDefault(i => keys[i] == name && !taken.Contains(i), -1);
                if (index >= 0)
                {
                    proposal[field.Name] = index;
                    taken.Add(index);
                    break;
                }
            }
        }
        return proposal;
    }
}

/// <summary>What a row below the header is: data, the column numbers forms print under their header, or the block below the list.</summary>
public enum SheetRowRole
{
    Data,
    Numbering,
    Footer,
}

/// <summary>Recognises the rows of a ward's sheet that are not list rows, so they are neither imported nor counted as errors.</summary>
public static class SheetRows
{
    // Folded starts of the lines below an official list: totals, place and date, titles of signers, signing notes.
    private static readonly string[] s_footerStarts =
    [
        "tong cong", "tong so", "cong:", "nguoi lap", "lap bieu", "nguoi tong hop", "xac nhan", "tm.", "tm ", "t/m", "kt.", "kt ",
        "chu tich", "pho chu tich", "to truong", "truong thon", "truong khu", "truong ban", "bi thu", "can bo", "thu truong",
        "(ky", "ky ten", "ky, ghi ro", "ky va ghi ro", "ghi ro ho ten", "noi nhan", "ghi chu:",
    ];

    /// <summary>
    /// A footer row lacks a required field and holds a line such as "Người lập biểu", "TM. UBND",
    /// "(Ký, ghi rõ họ tên)" or "Hòa Xuân, ngày 10 tháng 11 năm 2026"; once the footer has begun, every
    /// row lacking a required field belongs to it. A numbering row is "1 2 3 …" or "(1) (2) (3) …"
    /// across the columns, as printed forms put under their header.
    /// </summary>
    public static SheetRowRole Classify(SheetRow row, ColumnMap map, IReadOnlyList<ImportField> fields, bool inFooter)
    {
        if (IsNumbering(row))
        {
            return SheetRowRole.Numbering;
        }
        // A row with every required field is data, whatever it says; one that lacks some would be an error row.
        var required = fields.Where(f => f.Required && map.Has(f.Name)).ToList();
        if (required.Count == 0 || required.All(f => !string.IsNullOrWhiteSpace(row.Cell(map[f.Name]))))
        {
            return SheetRowRole.Data;
        }
        if (inFooter)
        {
            return SheetRowRole.Footer;
        }
        foreach (var cell in row.Cells.Where(c => !string.IsNullOrWhiteSpace(c)))
        {
            var folded = VietnameseText.Fold(cell).Trim();
            if (s_footerStarts.Any(f => folded.StartsWith(f, StringComparison.Ordinal)) || IsPlaceAndDate(folded))
            {
                return SheetRowRole.Footer;
            }
        }
        return SheetRowRole.Data;
    }

    /// <summary>"…, ngày 10 tháng 11 năm 2026" (or with dots for the numbers still to write).</summary>
    private static bool IsPlaceAndDate(string folded)
    {
        var day = folded.IndexOf("ngay", StringComparison.Ordinal);
        var month = folded.IndexOf("thang", StringComparison.Ordinal);
        var year = folded.IndexOf("nam", StringComparison.Ordinal);
        return day >= 0 && month > day && year > month && folded.Length < 120;
    }

    private static bool IsNumbering(SheetRow row)
    {
        var filled = row.Cells.Where(c => !string.IsNullOrWhiteSpace(c)).Select(c => c.Trim().Trim('(', ')')).ToList();
        if (filled.Count < 3)
        {
            return false;
        }
        for (var i = 0; i < filled.Count; i++)
        {
            if (!int.TryParse(filled[i], System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var n) || n != i + 1)
            {
                return false;
            }
        }
        return true;
    }
}

/// <summary>Which sheet column holds each field, and the header text that names it in row errors.</summary>
public sealed class ColumnMap(IReadOnlyList<string> headers, IReadOnlyDictionary<string, int> columns)
{
    public IReadOnlyList<string> Headers { get; } = headers;

    public bool Has(string field) => columns.TryGetValue(field, out var index) && index >= 0 && index < Headers.Count;

    public int this[string field] => Has(field) ? columns[field] : -1;

    /// <summary>The sheet's own header text for the field (what the person sees in their file).</summary>
    public string Header(string field) => Has(field) ? Headers[columns[field]] : field;

    /// <summary>Field name → header text, as saved in <see cref="Data.ImportMapping"/>.</summary>
    public Dictionary<string, string> ToSaved() =>
        columns.Where(c => Has(c.Key)).ToDictionary(c => c.Key, c => Headers[c.Value], StringComparer.Ordinal);
}
