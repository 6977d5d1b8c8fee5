using System.Globalization;
using CongDongSo.Web.Data;
using CongDongSo.Web.Infrastructure.Auth;
using CongDongSo.Web.Infrastructure.Exports;
using CongDongSo.Web.Infrastructure.Localization;
using CongDongSo.Web.Infrastructure.Text;
using Microsoft.EntityFrameworkCore;

namespace CongDongSo.Web.Features.Members;

/// <summary>The member list the Department asks for, as an .xlsx sheet.</summary>
public static class MemberExport
{
    /// <summary>The Department's columns; its template is Vietnamese whatever language the user reads.</summary>
    public static readonly string[] Header =
    [
        "STT", "Họ và tên", "Năm sinh", "Giới tính", "Chức vụ trong tổ", "Thành phần", "Số điện thoại",
        "Tổ dân phố", "Tổ CNSCĐ", "Ngày tham gia", "Ngày rời tổ", "Đồng ý công khai liên hệ",
    ];

    public static async Task<List<ExportRow>> LoadAsync(AppDbContext db, IQueryable<Member> members)
    {
        var rows = await members
            .Select(m => new ExportRow(m.CommuneId, m.TeamId, m.FullName, m.BirthYear, m.Gender, m.Position, m.Affiliation!.Name, m.Phone,
                m.Team!.Neighbourhood!.Name, m.Team.Name, m.JoinedOn, m.LeftOn, m.PublishContactConsent))
            .ToListAsync();
        // Phones as this user may see them: masked unless they manage the member's roster.
        return [.. rows
            .Select(r => r with { Phone = db.Scope.PhoneFor(r.TeamId, r.Phone) })
            .OrderBy(r => r.Neighbourhood, NaturalOrder.Comparer).ThenBy(r => r.Team, NaturalOrder.Comparer)
            .ThenBy(r => r.LeftOn is not null).ThenBy(r => r.Position).ThenBy(r => r.FullName, NaturalOrder.Comparer)];
    }

    public static byte[] Write(List<ExportRow> rows)
    {
        var cells = rows.Select((r, i) => (IReadOnlyList<object?>)
        [
            i + 1, r.FullName, r.BirthYear, RoleText.Of(r.Gender), RoleText.Of(r.Position), r.Affiliation, r.Phone,
            r.Neighbourhood, r.Team, Date(r.JoinedOn), r.LeftOn is { } left ? Date(left) : null, r.PublishContactConsent ? "Có" : "Không",
        ]).ToList();
        return XlsxWriter.Write("Thành viên", Header, cells);
    }

    private static string Date(DateOnly date) => date.ToString("dd/MM/yyyy", CultureInfo.InvariantCulture);

    /// <summary>danh-sach-thanh-vien-&lt;commune code&gt;-&lt;yyyyMMdd&gt;.xlsx; a wider export names its province or "tat-ca".</summary>
    public static string FileName(string area, DateOnly today) =>
        $"danh-sach-thanh-vien-{area}-{today.ToString("yyyyMMdd", CultureInfo.InvariantCulture)}.xlsx";

    public static async Task<(string Code, int? CommuneId)> AreaAsync(AppDbContext db, AreaScope scope, MemberFilter filter, List<ExportRow> rows)
    {
        var communeId = scope.HomeCommuneId ?? filter.Commune ?? (rows.Select(r => r.CommuneId).Distinct().Count() == 1 ? rows[0].CommuneId : null);
        if (communeId is not null)
        {
            var code = await db.Communes.Where(c => c.Id == communeId).Select(c => c.Code).FirstOrDefaultAsync();
            return (code ?? "tat-ca", communeId);
        }
        if (scope.ProvinceIds.Length == 1 && !scope.Unrestricted)
        {
            var province = scope.ProvinceIds[0];
            return (await db.Provinces.Where(p => p.Id == province).Select(p => p.Code).FirstOrDefaultAsync() ?? "tat-ca", null);
        }
        return ("tat-ca", null);
    }
}

public sealed record ExportRow(int CommuneId, Guid TeamId, string FullName, int? BirthYear, Gender? Gender, MemberPosition Position, string Affiliation,
    string? Phone, string Neighbourhood, string Team, DateOnly JoinedOn, DateOnly? LeftOn, bool PublishContactConsent);
