using System.Text.RegularExpressions;
using System.Xml.Linq;
using CongDongSo.Tests.Infrastructure;

namespace CongDongSo.Tests.Features.Localization;

/// <summary>Vietnamese is the key; every key the UI uses must have its English, or the switch shows Vietnamese.</summary>
public sealed partial class EnglishResourceTests
{
    [Fact]
    public void Every_text_the_pages_localise_has_an_English_translation()
    {
        var web = Path.Combine(RepoPaths.Root, "src", "CongDongSo.Web");
        var resx = XDocument.Load(Path.Combine(web, "Resources", "Infrastructure.Localization.SharedResource.en.resx"));
        var entries = resx.Root!.Elements("data").Select(d => (Key: (string)d.Attribute("name")!, Value: (string?)d.Element("value") ?? "")).ToList();
        // The resource compiler keeps one of two keys that differ only in case (MSB3568) and drops the
        // other's English: keys are compared as it compares them.
        Assert.Equal([], entries.GroupBy(e => e.Key, StringComparer.OrdinalIgnoreCase).Where(g => g.Count() > 1).Select(g => g.Key));
        var english = entries.ToDictionary(e => e.Key, e => e.Value, StringComparer.OrdinalIgnoreCase);

        var used = Directory.EnumerateFiles(web, "*.*", SearchOption.AllDirectories)
            .Where(f => (f.EndsWith(".cs", StringComparison.Ordinal) || f.EndsWith(".cshtml", StringComparison.Ordinal))
                && !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                && !f.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .SelectMany(f => LocalisedKey().Matches(File.ReadAllText(f)).Select(m => m.Groups[1].Value))
            .ToHashSet();

        Assert.NotEmpty(used);
        Assert.Equal([], used.Where(k => !english.ContainsKey(k)).Order(StringComparer.Ordinal));
        Assert.Equal([], english.Where(e => string.IsNullOrWhiteSpace(e.Value)).Select(e => e.Key));
    }

    [GeneratedRegex("""\b[Ll]\["((?:[^"\\]|\\.)+)"\]""")]
    private static partial Regex LocalisedKey();
}
