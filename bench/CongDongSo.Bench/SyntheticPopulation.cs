using System.Globalization;
using System.Text;
using CongDongSo.Web.Infrastructure.Text;

namespace CongDongSo.Bench;

/// <summary>One synthetic resident as a ward's sheet lists them (the text exactly as it goes into the file).</summary>
internal sealed record SyntheticResident(
    int Number, string HouseholdCode, string FullName, string Birth, int BirthYear, DateOnly? BirthDate, bool Male,
    string? CitizenId, string? Phone, string Relation, bool Disability, bool Bad);

/// <summary>A household with its neighbourhood and address.</summary>
internal sealed record SyntheticHousehold(string Code, string Address, string Neighbourhood, string Poverty, bool HasBusiness);

/// <summary>
/// A realistic ward, the same for the same seed: households of 1–6 people (head, spouse, children,
/// a parent, a grandchild), Vietnamese names, valid 12-digit ID numbers consistent with birth year and
/// sex, mobile numbers written the many ways people write them, some rows in NFD (typed on a Mac or
/// pasted from a PDF), and about one row in a thousand that is wrong (bad ID, bad phone, unknown household).
/// </summary>
internal sealed class SyntheticPopulation(int residents, int seed = 20261122)
{
    public const string HouseholdHeader = "Mã hộ,Địa chỉ,Tổ dân phố,Hộ nghèo/cận nghèo,Hộ kinh doanh";
    public const string ResidentHeader = "STT,Mã hộ,Họ và tên,Ngày sinh,Giới tính,Số định danh,Số điện thoại,Quan hệ với chủ hộ,Khuyết tật";

    private static readonly string[] s_families = ["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Huỳnh", "Phan", "Vũ", "Võ", "Đặng", "Bùi", "Đỗ", "Hồ", "Ngô", "Dương", "Lý", "Trương", "Đoàn"];
    private static readonly string[] s_maleMiddle = ["Văn", "Minh", "Đức", "Quốc", "Hữu", "Công", "Thành", "Xuân", "Anh", "Quang", "Tấn", "Ngọc"];
    private static readonly string[] s_femaleMiddle = ["Thị", "Ngọc", "Thu", "Thanh", "Minh", "Kim", "Hồng", "Mỹ", "Bảo", "Phương", "Thùy", "Diễm"];
    private static readonly string[] s_maleGiven = ["An", "Bình", "Cường", "Dũng", "Đạt", "Hải", "Hùng", "Huy", "Khoa", "Long", "Minh", "Nam", "Phúc", "Quân", "Sơn", "Tài", "Thắng", "Trung", "Tuấn", "Việt", "Lộc", "Hiếu", "Nhân", "Khánh"];
    private static readonly string[] s_femaleGiven = ["Anh", "Châu", "Diệp", "Giang", "Hà", "Hạnh", "Hoa", "Hương", "Lan", "Linh", "Mai", "Ngân", "Nhung", "Oanh", "Phượng", "Quỳnh", "Thảo", "Trang", "Uyên", "Yến", "Vy", "Trâm"];
    private static readonly string[] s_streets = ["Nguyễn Văn Linh", "Lê Văn Hiến", "Trần Đại Nghĩa", "Nguyễn Phước Lan", "Phạm Hùng", "Cách Mạng Tháng Tám", "Hoàng Văn Thái", "Trường Sơn", "Võ Chí Công", "Lê Trọng Tấn", "Phan Đăng Lưu", "Ông Ích Đường"];
    // Places of birth registration (the old 63-province codes): mostly Đà Nẵng, then its neighbours.
    private static readonly string[] s_places = ["048", "048", "048", "048", "049", "046", "051", "052", "038", "040", "001", "079"];
    private static readonly string[] s_phonePrefixes = ["090", "093", "089", "070", "079", "077", "076", "078", "091", "094", "088", "083", "084", "085", "081", "082", "096", "097", "098", "086", "032", "033", "034", "035", "036", "037", "038", "039", "056", "058", "059"];

    public static int Neighbourhoods => 24;

    public static string NeighbourhoodName(int i) => $"Tổ dân phố số {i + 1}";

    /// <summary>Households and their residents, generated lazily (the file writer never holds them all).</summary>
    public IEnumerable<(SyntheticHousehold Household, List<SyntheticResident> Residents)> Generate()
    {
        var random = new Random(seed);
        var ids = new HashSet<long>();
        var number = 0;
        for (var h = 1; number < residents; h++)
        {
            var neighbourhood = random.Next(Neighbourhoods);
            var code = $"HX{h:D6}";
            var household = new SyntheticHousehold(code, $"{random.Next(1, 400)} {s_streets[random.Next(s_streets.Length)]}",
                NeighbourhoodName(neighbourhood), random.Next(100) switch { < 3 => "Hộ nghèo", < 8 => "Hộ cận nghèo", _ => "" }, random.Next(100) < 12);
            var size = Math.Min(residents - number, random.Next(100) switch { < 12 => 1, < 30 => 2, < 55 => 3, < 80 => 4, < 93 => 5, _ => 6 });
            var family = s_families[random.Next(s_families.Length)];
            var people = new List<SyntheticResident>(size);
            var names = new HashSet<string>();
            var headYear = random.Next(1950, 1996);
            var headMale = random.Next(100) < 70;
            for (var i = 0; i < size; i++)
            {
                number++;
                var coin = random.Next(2) == 0;
                var (relation, year, male) = i switch
                {
                    0 => ("Chủ hộ", headYear, headMale),
                    1 => (headMale ? "Vợ" : "Chồng", headYear + random.Next(-4, 5), !headMale),
                    _ when i == size - 1 && size >= 5 && headYear < 1975 => ("Cháu", Math.Min(2024, headYear + 45 + random.Next(0, 10)), coin),
                    _ when i == 2 && size >= 5 && headYear > 1975 => (coin ? "Bố" : "Mẹ", headYear - random.Next(22, 35), coin),
                    _ => ("Con", Math.Min(2024, headYear + random.Next(20, 38)), coin),
                };
                var lastName = relation is "Con" or "Cháu" || i == 0 ? family : s_families[random.Next(s_families.Length)];
                string name;
                do
                {
                    name = male
                        ? $"{lastName} {s_maleMiddle[random.Next(s_maleMiddle.Length)]} {s_maleGiven[random.Next(s_maleGiven.Length)]}"
                        : $"{lastName} {s_femaleMiddle[random.Next(s_femaleMiddle.Length)]} {s_femaleGiven[random.Next(s_femaleGiven.Length)]}";
                }
                while (!names.Add(VietnameseText.Fold(name)));
                var date = new DateOnly(year, random.Next(1, 13), random.Next(1, 29));
                var format = random.Next(100);
                var birth = format switch
                {
                    < 70 => date.ToString("dd/MM/yyyy", CultureInfo.InvariantCulture),
                    < 85 => year.ToString(CultureInfo.InvariantCulture),
                    _ => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                };
                string? id = null;
                if (random.Next(100) < 92)
                {
                    // Century/sex digit: 0/1 for the 1900s (male/female), 2/3 for the 2000s.
                    var centuryDigit = (year >= 2000 ? 2 : 0) + (male ? 0 : 1);
                    long digits;
                    do
                    {
                        var text = $"{s_places[random.Next(s_places.Length)]}{centuryDigit}{year % 100:D2}{random.Next(1_000_000):D6}";
                        digits = long.Parse(text, CultureInfo.InvariantCulture);
                        id = text;
                    }
                    while (!ids.Add(digits));
                }
                string? phone = null;
                if (year <= 2010 && random.Next(100) < 85)
                {
                    var local = $"{s_phonePrefixes[random.Next(s_phonePrefixes.Length)]}{random.Next(10_000_000):D7}";
                    phone = random.Next(100) switch
                    {
                        < 55 => local,
                        < 75 => $"+84 {local[1..4]} {local[4..7]} {local[7..]}",
                        < 90 => $"{local[..4]} {local[4..7]} {local[7..]}",
                        _ => "84" + local[1..],
                    };
                }
                var bad = number % 1000 == 500;
                var householdCode = code;
                if (bad)
                {
                    switch (number / 1000 % 3)
                    {
                        case 0:
                            id = "1234";
                            break;
                        case 1:
                            phone = "0123 45";
                            break;
                        default:
                            householdCode = "KHONG-CO";
                            break;
                    }
                }
                var nfd = random.Next(100) < 10;
                people.Add(new SyntheticResident(number, householdCode, nfd ? name.Normalize(NormalizationForm.FormD) : name, birth, year,
                    format < 70 || format >= 85 ? date : null, male, id, phone, relation, random.Next(100) < 2, bad));
            }
            yield return (household, people);
        }
    }

    /// <summary>Writes the two sheets as a ward's Excel would save them (UTF-8 with BOM, CRLF).</summary>
    public (string Households, string Residents, int HouseholdCount) WriteFiles(string folder)
    {
        var householdsPath = Path.Combine(folder, "ho-gia-dinh.csv");
        var residentsPath = Path.Combine(folder, "nhan-khau.csv");
        var count = 0;
        using var households = new StreamWriter(householdsPath, false, new UTF8Encoding(true)) { NewLine = "\r\n" };
        using var people = new StreamWriter(residentsPath, false, new UTF8Encoding(true)) { NewLine = "\r\n" };
        households.WriteLine(HouseholdHeader);
        people.WriteLine(ResidentHeader);
        foreach (var (household, residents) in Generate())
        {
            count++;
            households.WriteLine($"{household.Code},{household.Address},{household.Neighbourhood},{household.Poverty},{(household.HasBusiness ? "x" : "")}");
            foreach (var r in residents)
            {
                people.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"{r.Number},{r.HouseholdCode},{r.FullName},{r.Birth},{(r.Male ? "Nam" : "Nữ")},{r.CitizenId},{r.Phone},{r.Relation},{(r.Disability ? "x" : "")}"));
                if (r.Number % 5000 == 0)
                {
                    // The blank rows sheets always have.
                    people.WriteLine(",,,,,,,,");
                }
            }
        }
        return (householdsPath, residentsPath, count);
    }
}
