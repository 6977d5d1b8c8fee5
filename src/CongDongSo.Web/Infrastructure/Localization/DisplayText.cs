using CongDongSo.Web.Data;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Localization;

namespace CongDongSo.Web.Infrastructure.Localization;

/// <summary>Vietnamese names of the enums shown to people (resource keys for English).</summary>
public static class RoleText
{
    public static string Of(Role role) => role switch
    {
        Role.SystemAdmin => "Quản trị hệ thống",
        Role.ProvinceOfficer => "Cán bộ Sở KH&CN",
        Role.WardOfficer => "Cán bộ phường/xã",
        Role.WardLeader => "Lãnh đạo UBND phường/xã",
        Role.TeamLeader => "Tổ trưởng Tổ CNSCĐ",
        _ => "Thành viên Tổ CNSCĐ",
    };

    public static string Of(MemberPosition position) => position switch
    {
        MemberPosition.Leader => "Tổ trưởng",
        MemberPosition.Deputy => "Tổ phó",
        _ => "Thành viên",
    };

    public static string Of(Gender? gender) => gender switch
    {
        Gender.Male => "Nam",
        Gender.Female => "Nữ",
        Gender.Other => "Khác",
        _ => "",
    };

    public static string Of(NeighbourhoodKind kind) => kind switch
    {
        NeighbourhoodKind.ToDanPho => "Tổ dân phố",
        NeighbourhoodKind.KhuPho => "Khu phố",
        NeighbourhoodKind.Thon => "Thôn",
        NeighbourhoodKind.Ban => "Bản",
        _ => "Khác",
    };

    public static string Of(CommuneLevel level) => level switch
    {
        CommuneLevel.Xa => "Xã",
        CommuneLevel.Phuong => "Phường",
        _ => "Đặc khu",
    };
}

/// <summary>Identity's errors in Vietnamese (and English through the resource).</summary>
public static class IdentityErrorText
{
    public static string Vietnamese(IdentityError error, IStringLocalizer<SharedResource> l) => error.Code switch
    {
        "PasswordTooShort" => l["Mật khẩu phải có ít nhất 8 ký tự."],
        "DuplicateUserName" => l["Tên đăng nhập này đã có người dùng."],
        "InvalidUserName" => l["Tên đăng nhập chỉ gồm chữ không dấu, số và . - _ @ +"],
        "PasswordMismatch" => l["Mật khẩu hiện tại không đúng."],
        "PasswordTooCommon" => l["Mật khẩu quá phổ biến hoặc chứa tên, số điện thoại của bạn; hãy chọn cụm từ khác."],
        "PasswordTooLong" => l["Mật khẩu dài tối đa 128 ký tự."],
        _ => error.Description,
    };
}
