using System.Globalization;
using System.Text.Json;
using CongDongSo.Web.Data;
using CongDongSo.Web.Infrastructure.Localization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace CongDongSo.Web.Features.Members;

public sealed record HistoryLine(DateTime AtUtc, string? Who, AuditAction Action, List<HistoryChange> Changes);

public sealed record HistoryChange(string Field, string? Before, string? After);

/// <summary>A member's changes, read back from the audit log (before → after of each field) for people.</summary>
public static class MemberHistory
{
    // The fields people recognise, in form order; keys, timestamps and search columns are left out.
    private static readonly (string Property, string Label)[] s_fields =
    [
        (nameof(Member.FullName), "Họ và tên"),
        (nameof(Member.TeamId), "Tổ CNSCĐ"),
        (nameof(Member.Position), "Chức vụ trong tổ"),
        (nameof(Member.AffiliationId), "Thành phần"),
        (nameof(Member.BirthYear), "Năm sinh"),
        (nameof(Member.Gender), "Giới tính"),
        (nameof(Member.Phone), "Số điện thoại"),
        (nameof(Member.Skills), "Kỹ năng"),
        (nameof(Member.AssignedTasks), "Nhiệm vụ được giao"),
        (nameof(Member.AssignedArea), "Địa bàn phụ trách"),
        (nameof(Member.JoinedOn), "Ngày tham gia"),
        (nameof(Member.LeftOn), "Ngày rời tổ"),
        (nameof(Member.LeaveReason), "Lý do rời tổ"),
        (nameof(Member.PublishContactConsent), "Đồng ý công khai liên hệ"),
        (nameof(Member.UserId), "Tài khoản đăng nhập"),
    ];

    /// <summary>Changes only: reads of the record are in the audit log, not in the member's story.</summary>
    public static async Task<List<HistoryLine>> LoadAsync(AppDbContext db, Member member, bool fullPhones, IStringLocalizer<SharedResource> l)
    {
        var key = member.Id.ToString();
        var entries = await db.AuditEntries.AsNoTracking()
            .Where(a => a.EntityType == nameof(Member) && a.EntityId == key
                && (a.Action == AuditAction.Create || a.Action == AuditAction.Update || a.Action == AuditAction.Delete))
            .OrderByDescending(a => a.AtUtc).ThenByDescending(a => a.Id)
            .Select(a => new { a.AtUtc, a.UserName, a.Action, a.Before, a.After })
            .ToListAsync();
        if (entries.Count == 0)
        {
            return [];
        }
        var teams = await db.Teams.Where(t => t.CommuneId == member.CommuneId).ToDictionaryAsync(t => t.Id.ToString(), t => t.Name, StringComparer.OrdinalIgnoreCase);
        // Inactive affiliations too: the history names what a member had then.
        var affiliations = await db.Affiliations.Where(a => a.CommuneId == null || a.CommuneId == member.CommuneId)
            .ToDictionaryAsync(a => a.Id.ToString(CultureInfo.InvariantCulture), a => a.Name);
        return [.. entries.Select(e =>
        {
            var before = Parse(e.Before);
            var after = Parse(e.After);
            var changes = s_fields
                .Where(f => before.ContainsKey(f.Property) || after.ContainsKey(f.Property))
                .Select(f => new HistoryChange(
                    l[f.Label],
                    Show(f.Property, before.GetValueOrDefault(f.Property)),
                    Show(f.Property, after.GetValueOrDefault(f.Property))))
                .Where(c => e.Action != AuditAction.Create || c.After is not null)
                .ToList();
            return new HistoryLine(e.AtUtc, e.UserName, e.Action, changes);
        })];

        string? Show(string property, JsonElement value)
        {
            if (value.ValueKind is JsonValueKind.Undefined or JsonValueKind.Null)
            {
                return null;
            }
            var raw = value.ValueKind == JsonValueKind.String ? value.GetString()! : value.GetRawText();
            return property switch
            {
                nameof(Member.Position) when Enum.TryParse<MemberPosition>(raw, out var p) => l[RoleText.Of(p)],
                nameof(Member.Gender) when Enum.TryParse<Gender>(raw, out var g) => l[RoleText.Of(g)],
                nameof(Member.AffiliationId) => affiliations.GetValueOrDefault(raw, raw),
                nameof(Member.TeamId) => teams.GetValueOrDefault(raw, "—"),
                nameof(Member.Phone) => fullPhones ? raw : Infrastructure.Text.PersonalData.Mask(raw),
                nameof(Member.JoinedOn) or nameof(Member.LeftOn) when DateOnly.TryParse(raw, CultureInfo.InvariantCulture, out var d)
                    => d.ToString("dd/MM/yyyy", CultureInfo.InvariantCulture),
                nameof(Member.PublishContactConsent) => value.ValueKind == JsonValueKind.True ? l["Có"] : l["Không"],
                // Which account is an internal key: people need to know that one is linked.
                nameof(Member.UserId) => l["Có"],
                _ => raw,
            };
        }
    }

    private static Dictionary<string, JsonElement> Parse(string? json)
    {
        if (string.IsNullOrEmpty(json))
        {
            return [];
        }
        using var document = JsonDocument.Parse(json);
        return document.RootElement.EnumerateObject().ToDictionary(p => p.Name, p => p.Value.Clone());
    }
}
