using CongDongSo.Web.Data;

namespace CongDongSo.Web.Infrastructure.Localization;

/// <summary>Vietnamese names of the population enums (resource keys for English).</summary>
public static class PopulationText
{
    public static string Of(PovertyStatus poverty) => poverty switch
    {
        PovertyStatus.Poor => "Hộ nghèo",
        PovertyStatus.NearPoor => "Hộ cận nghèo",
        _ => "Không thuộc hộ nghèo, cận nghèo",
    };

    public static string Of(RelationToHead relation) => relation switch
    {
        RelationToHead.Head => "Chủ hộ",
        RelationToHead.Spouse => "Vợ/chồng",
        RelationToHead.Child => "Con",
        RelationToHead.Parent => "Cha/mẹ",
        RelationToHead.Grandchild => "Cháu",
        RelationToHead.Sibling => "Anh/chị/em",
        _ => "Quan hệ khác",
    };

    public static string Of(BusinessKind kind) => kind switch
    {
        BusinessKind.Cooperative => "Hợp tác xã",
        BusinessKind.Enterprise => "Doanh nghiệp",
        _ => "Hộ kinh doanh",
    };

    public static string Of(Verification verification) => verification switch
    {
        Verification.SeenOnDevice => "Đã xem trên điện thoại",
        Verification.OfficialList => "Theo danh sách chính thức",
        _ => "Tự khai",
    };

    public static readonly PovertyStatus[] PovertyStatuses = [PovertyStatus.None, PovertyStatus.NearPoor, PovertyStatus.Poor];
    public static readonly RelationToHead[] Relations =
        [RelationToHead.Head, RelationToHead.Spouse, RelationToHead.Child, RelationToHead.Parent, RelationToHead.Grandchild, RelationToHead.Sibling, RelationToHead.Other];
    public static readonly BusinessKind[] BusinessKinds = [BusinessKind.HouseholdBusiness, BusinessKind.Cooperative, BusinessKind.Enterprise];
    public static readonly Verification[] Verifications = [Verification.SelfReported, Verification.SeenOnDevice, Verification.OfficialList];
}
