using CongDongSo.Web.Data;
using CongDongSo.Web.Infrastructure.Text;

namespace CongDongSo.Web.Features.Teams;

/// <summary>The name of a team's Zalo group, from the naming rule the ward sets.</summary>
public static class ZaloGroupName
{
    public const int MaxLength = 200;

    /// <summary>
    /// Fills the placeholders {neighbourhood}, {commune} and {team} of <paramref name="pattern"/>
    /// (the default rule when blank): <c>CNSCĐ-{neighbourhood}-{commune}</c> gives
    /// <c>CNSCĐ-Tổ dân phố số 1-Phường Hòa Xuân</c>.
    /// </summary>
    public static string Suggest(string? pattern, string? neighbourhood, string? commune, string? team)
    {
        var text = string.IsNullOrWhiteSpace(pattern) ? Commune.DefaultZaloPattern : pattern;
        text = text.Replace("{neighbourhood}", neighbourhood?.Trim() ?? "", StringComparison.OrdinalIgnoreCase)
            .Replace("{commune}", commune?.Trim() ?? "", StringComparison.OrdinalIgnoreCase)
            .Replace("{team}", team?.Trim() ?? "", StringComparison.OrdinalIgnoreCase);
        var cleaned = VietnameseText.Clean(text) ?? "";
        return cleaned.Length <= MaxLength ? cleaned : cleaned[..MaxLength].TrimEnd();
    }
}
