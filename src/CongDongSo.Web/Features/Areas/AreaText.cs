using System.Text;
using System.Text.RegularExpressions;
using CongDongSo.Web.Data;
using CongDongSo.Web.Infrastructure.Imports;
using CongDongSo.Web.Infrastructure.Text;

namespace CongDongSo.Web.Features.Areas;

/// <summary>Vietnamese names (resource keys) and parsing of the area feature's enums.</summary>
public static class AreaText
{
    public static readonly NeighbourhoodKind[] Kinds =
        [NeighbourhoodKind.ToDanPho, NeighbourhoodKind.KhuPho, NeighbourhoodKind.Thon, NeighbourhoodKind.Ban, NeighbourhoodKind.Khac];

    public static string Of(NeighbourhoodChangeKind kind) => kind switch
    {
        NeighbourhoodChangeKind.Created => "Thành lập",
        NeighbourhoodChangeKind.Renamed => "Đổi tên",
        NeighbourhoodChangeKind.MergedInto => "Nhập vào",
        NeighbourhoodChangeKind.MergedFrom => "Nhận sáp nhập từ",
        NeighbourhoodChangeKind.SplitInto => "Chia thành",
        NeighbourhoodChangeKind.SplitFrom => "Tách ra từ",
        _ => "Ngừng hoạt động",
    };

    /// <summary>A kind as people write it in a sheet ("Tổ dân phố", "to dan pho", "TDP"); null when unknown.</summary>
    public static NeighbourhoodKind? ParseKind(string? text) => SheetReader.HeaderKey(text) switch
    {
        "to dan pho" or "tdp" => NeighbourhoodKind.ToDanPho,
        "khu pho" or "kp" => NeighbourhoodKind.KhuPho,
        "thon" => NeighbourhoodKind.Thon,
        "ban" => NeighbourhoodKind.Ban,
        "khac" => NeighbourhoodKind.Khac,
        _ => null,
    };

    /// <summary>Sort key that puts "Tổ dân phố số 2" before "Tổ dân phố số 10".</summary>
    public static string NaturalKey(string name)
    {
        var folded = VietnameseText.Fold(name);
        var builder = new StringBuilder(folded.Length + 16);
        var i = 0;
        while (i < folded.Length)
        {
            if (char.IsAsciiDigit(folded[i]))
            {
                var start = i;
                while (i < folded.Length && char.IsAsciiDigit(folded[i]))
                {
                    i++;
                }
                builder.Append(folded.AsSpan(start, i - start).TrimStart('0').ToString().PadLeft(8, '0'));
                continue;
            }
            builder.Append(folded[i]);
            i++;
        }
        return builder.ToString();
    }
}

/// <summary>
/// The ward's naming rule for team Zalo groups, e.g. <c>CNSCĐ-{neighbourhood}-{commune}</c> gives
/// <c>CNSCĐ-Tổ dân phố số 1-Phường Hòa Xuân</c>.
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

    public static string Format(string pattern, string neighbourhood, string commune, string team) =>
        PlaceholderRegex().Replace(pattern, m => m.Value.ToLowerInvariant() switch
        {
            Neighbourhood => neighbourhood,
            Commune => commune,
            Team => team,
            _ => m.Value,
        });

    [GeneratedRegex(@"\{[^{}]*\}")]
    private static partial Regex PlaceholderRegex();
}
