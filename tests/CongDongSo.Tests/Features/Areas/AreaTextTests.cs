using System.Globalization;
using System.Resources;
using System.Text.RegularExpressions;
using CongDongSo.Web.Infrastructure.Text;
using CongDongSo.Web.Infrastructure.Localization;

namespace CongDongSo.Tests.Features.Areas;

public sealed partial class AreaTextTests
{
    [Fact]
    public void Every_vietnamese_text_of_the_area_pages_has_an_english_translation()
    {
        var root = new DirectoryInfo(AppContext.BaseDirectory);
        while (root is not null && !File.Exists(Path.Combine(root.FullName, "CongDongSo.slnx")))
        {
            root = root.Parent;
        }
        Assert.NotNull(root);
        var folder = Path.Combine(root.FullName, "src", "CongDongSo.Web", "Features", "Areas");
        var english = new ResourceManager("CongDongSo.Web.Resources.Infrastructure.Localization.SharedResource", typeof(SharedResource).Assembly);
        var culture = CultureInfo.GetCultureInfo("en-US");
        var missing = Directory.EnumerateFiles(folder, "*.cs*", SearchOption.AllDirectories)
            .SelectMany(file => TextKey().Matches(File.ReadAllText(file)).Select(m => Regex.Unescape(m.Groups["key"].Value)))
            .Where(key => key != "Input.Pattern" && English(english, key, culture) is null)
            .Distinct()
            .ToList();
        Assert.Empty(missing);
    }

    private static string? English(ResourceManager resources, string key, CultureInfo culture)
    {
        try
        {
            return resources.GetString(key, culture);
        }
        catch (MissingManifestResourceException)
        {
            return null; // not in English, and the app has no neutral resources to fall back to
        }
    }

    [Theory]
    [InlineData("CNSCĐ-{neighbourhood}-{commune}", "CNSCĐ-Tổ dân phố số 1-Phường Hòa Xuân")]
    [InlineData("{TEAM} ({Commune})", "Tổ CNSCĐ Tổ dân phố số 1 (Phường Hòa Xuân)")]
    [InlineData("Nhóm cố định", "Nhóm cố định")]
    public void The_zalo_pattern_fills_its_placeholders(string pattern, string expected) =>
        Assert.Equal(expected, ZaloGroupName.Name(pattern, "Tổ dân phố số 1", "Phường Hòa Xuân", "Tổ CNSCĐ Tổ dân phố số 1"));

    [Theory]
    [InlineData("CNSCĐ-{neighbourhood}-{commune}", new string[0], true)]
    [InlineData("{to}-{commune}-{x y}", new[] { "{to}", "{x y}" }, true)]
    [InlineData("CNSCĐ-{commune", new string[0], false)]
    [InlineData("CNSCĐ}-{commune}", new string[0], false)]
    public void The_zalo_pattern_check_names_unknown_placeholders_and_unpaired_braces(string pattern, string[] unknown, bool paired)
    {
        var check = ZaloGroupName.Check(pattern);
        Assert.Equal(unknown, check.Unknown);
        Assert.Equal(paired, check.BracesPaired);
    }

    [Fact]
    public void Neighbourhoods_sort_by_their_numbers_not_their_digits()
    {
        string[] names = ["Tổ dân phố số 10", "Thôn An", "Tổ dân phố số 2"];
        Assert.Equal(["Thôn An", "Tổ dân phố số 2", "Tổ dân phố số 10"], names.Order(CongDongSo.Web.Infrastructure.Text.NaturalOrder.Comparer));
    }

    [GeneratedRegex(""""(?:\b[lL]\[|new ImportError\([^"]*?|(?:ErrorMessage|Name) = )"(?<key>(?:[^"\\]|\\.)*)"""")]
    private static partial Regex TextKey();
}
