using CongDongSo.Web.Data;

namespace CongDongSo.Web.Features.Audit;

/// <summary>Vietnamese names of audit actions, record types and common fields (resource keys for English).</summary>
public static class AuditText
{
    public static string Of(AuditAction action) => action switch
    {
        AuditAction.Create => "Tạo mới",
        AuditAction.Update => "Sửa",
        AuditAction.Delete => "Xóa",
        AuditAction.Read => "Xem",
        AuditAction.Export => "Xuất dữ liệu",
        AuditAction.Import => "Nhập dữ liệu",
        AuditAction.SignIn => "Đăng nhập",
        AuditAction.SignInFailed => "Đăng nhập thất bại",
        AuditAction.SignOut => "Đăng xuất",
        _ => "Bảo mật",
    };

    /// <summary>The record types of the model, by their stored name.</summary>
    public static readonly IReadOnlyDictionary<string, string> EntityNames = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        [nameof(AppUser)] = "Tài khoản",
        [nameof(Province)] = "Tỉnh/thành phố",
        [nameof(Commune)] = "Phường/xã",
        [nameof(AdminUnitChange)] = "Thay đổi đơn vị hành chính",
        [nameof(Neighbourhood)] = "Thôn/tổ dân phố",
        [nameof(NeighbourhoodChange)] = "Lịch sử thôn/tổ dân phố",
        [nameof(Team)] = "Tổ CNSCĐ",
        [nameof(TeamDecision)] = "Quyết định thành lập/kiện toàn",
        [nameof(Affiliation)] = "Đơn vị, đoàn thể",
        [nameof(Member)] = "Thành viên",
        ["IdentityUserToken`1"] = "Khóa xác thực",
    };

    public static string Entity(string type) => EntityNames.GetValueOrDefault(type, type);
}
