using CongDongSo.Web.Data;
using CongDongSo.Web.Infrastructure.Imports;

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
}
