using Deque.AxeCore.Playwright;
using Microsoft.Playwright;

namespace CongDongSo.BrowserTests;

/// <summary>axe-core in the page as the journeys pass through it: no serious or critical violation, and a title of its own.</summary>
public static class Accessibility
{
    public static async Task AssertAccessibleAsync(IPage page)
    {
        var result = await page.RunAxe();
        var bad = result.Violations.Where(v => v.Impact is "serious" or "critical")
            .Select(v => $"{v.Id} ({v.Impact}): {v.Help} — {string.Join(", ", v.Nodes.Select(n => n.Target?.ToString()))}")
            .ToList();
        Assert.True(bad.Count == 0, $"{page.Url}:\n" + string.Join("\n", bad));
        var title = await page.TitleAsync();
        Assert.False(string.IsNullOrWhiteSpace(title) || title.Trim() == "CongDongSo", $"{page.Url} has no title of its own: '{title}'");
    }
}
