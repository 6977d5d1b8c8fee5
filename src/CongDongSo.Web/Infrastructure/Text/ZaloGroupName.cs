using System.Text.RegularExpressions;

namespace CongDongSo.Web.Infrastructure.Text;

/// <summary>
/// The ward's naming rule for team Zalo groups, e.g. <c>CNSCĐ-{neighbourhood}-{commune}</c> gives
/// <c>CNSCĐ-Tổ dân phố số 1-Phường Hòa Xuân</c>. One rule for the pattern page's example and the
/// team pages' suggestion, so both give the same name.
/// </summary>
public static partial class ZaloGroupName
{
    public const string Neighbourhood = "{neighbourhood}";
    public const string Commune = "{commune}";
    public const string Team = "{team}";
    public const int MaxLength = 200;

    public static readonly string[] Placeholders = [Neighbourhood, Commune, Team];

    /// <summary>The placeholders of <paramref name="pattern"/> that are not known, and whether its braces pair up.</summary>
    public static (string[] Unknown, bool BracesPaired) Check(string pattern)
    {
        var unknown = PlaceholderRegex().Matches(pattern).Select(m => m.Value)
            .Where(p => !Placeholders.Contains(p, StringComparer.OrdinalIgnoreCase))
            .Distinct(StringComparer.Ordinal).ToArray();
        var rest = PlaceholderRegex().Replace(pattern, "");
        return (unknown, !rest.Contains('{', StringComparison.Ordinal) && !rest.Contains('}', StringComparison.Ordinal));
    }

    /// <summary>
    /// The group's name: the placeholders filled (in any case, {Commune} too), the default rule when
    /// the ward has none, the result cleaned (NFC, single spaces) and at most <see cref="MaxLength"/> characters.
    /// </summary>
    public static string Name(string? pattern, string? neighbourhood, string? commune, string? team)
    {
        var text = PlaceholderRegex().Replace(string.IsNullOrWhiteSpace(pattern) ? Data.Commune.DefaultZaloPattern : pattern, m => m.Value.ToLowerInvariant() switch
        {
            Neighbourhood => neighbourhood?.Trim() ?? "",
            Commune => commune?.Trim() ?? "",
            Team => team?.Trim() ?? "",
            _ => m.Value,
        });
        var cleaned = VietnameseText.Clean(text) ?? "";
        return cleaned.Length <= MaxLength ? cleaned : cleaned[..MaxLength].TrimEnd();
    }

    [GeneratedRegex(@"\{[^{}]*\}")]
    private static partial Regex PlaceholderRegex();
}
