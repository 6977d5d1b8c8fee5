using CongDongSo.Web.Data;

namespace CongDongSo.Web.Features.FieldWork;

/// <summary>Vietnamese names of the field-work enums (resource keys for English).</summary>
public static class FieldText
{
    public static readonly SupportPlace[] Places =
        [SupportPlace.DoorToDoor, SupportPlace.CommunityHouse, SupportPlace.OneStopShop, SupportPlace.Event, SupportPlace.Other];

    public static string Of(SupportPlace place) => place switch
    {
        SupportPlace.DoorToDoor => "Tại nhà",
        SupportPlace.CommunityHouse => "Nhà văn hóa",
        SupportPlace.OneStopShop => "Bộ phận một cửa",
        SupportPlace.Event => "Sự kiện, ngày hội",
        _ => "Nơi khác",
    };

    /// <summary>The label of a readiness value from the item's "code:label|…" list.</summary>
    public static string ValueLabel(string choices, string value) =>
        choices.Split('|', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(c => c.Split(':', 2))
            .Where(c => c.Length == 2 && c[0] == value)
            .Select(c => c[1])
            .FirstOrDefault() ?? value;
}
