using System.Globalization;
using System.Resources;
using System.Text.RegularExpressions;
using CongDongSo.Tests.Infrastructure;
using CongDongSo.Web.Features.Imports;
using CongDongSo.Web.Infrastructure.Localization;

namespace CongDongSo.Tests.Features.Imports;

public sealed partial class ImportTextTests
{
    /// <summary>Row errors, field names and choices are resource keys too: the English page shows them in English.</summary>
    [Fact]
    public void Every_text_of_the_imports_has_an_English_translation()
    {
        var web = Path.Combine(RepoPaths.Root, "src", "CongDongSo.Web");
        var files = new[] { Path.Combine(web, "Features", "Imports"), Path.Combine(web, "Infrastructure", "Imports") }
            .SelectMany(folder => Directory.EnumerateFiles(folder, "*.cs*"));
        var keys = files.SelectMany(file => TextKey().Matches(File.ReadAllText(file)).Select(m => Regex.Unescape(m.Groups["key"].Value)))
            .Concat(Enum.GetValues<ImportKind>().SelectMany(kind => ImportFields.For(kind).Select(f => f.Label).Append(ImportFields.Title(kind))))
            .Where(key => key != "{0}")
            .ToHashSet();
        var english = new ResourceManager("CongDongSo.Web.Resources.Infrastructure.Localization.SharedResource", typeof(SharedResource).Assembly);

        Assert.True(keys.Count > 60, $"only {keys.Count} texts found: the patterns no longer match the code");
        Assert.Equal([], keys.Where(key => English(english, key) is null).Order(StringComparer.Ordinal));
    }

    private static string? English(ResourceManager resources, string key)
    {
        try
        {
            return resources.GetString(key, CultureInfo.GetCultureInfo("en-US"));
        }
        catch (MissingManifestResourceException)
        {
            return null;
        }
    }

    // l["…"] / L["…"], the key of Fail(row, field, "…"), new ImportError(…, "…"), attribute texts, and the modes of the map page.
    [GeneratedRegex(""""(?:\b[lL]\[|\bFail\(\w+, (?:"[^"]*"|[^,"]+), |new ImportError\([^"]*?|\b(?:ErrorMessage|Name) = |\(ImportMode\.\w+, )"(?<key>(?:[^"\\]|\\.)*)"""")]
    private static partial Regex TextKey();
}
