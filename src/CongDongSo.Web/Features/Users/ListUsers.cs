using CongDongSo.Web.Data;
using CongDongSo.Web.Infrastructure.Auth;
using CongDongSo.Web.Infrastructure.Text;
using Microsoft.EntityFrameworkCore;

namespace CongDongSo.Web.Features.Users;

/// <summary>One account in a list: who, which role and area, and whether it can sign in.</summary>
public sealed record UserRow(
    Guid Id, string FullName, string UserName, Role Role, string? Area, bool IsDisabled, bool IsLockedOut,
    bool TwoFactorEnabled, DateTime? LastSignInUtc);

public sealed record UserPage(IReadOnlyList<UserRow> Rows, int Page, bool HasNext);

/// <summary>The accounts of the officer's area, searched and paged; used by the list page and the API.</summary>
public static class ListUsers
{
    public const int PageSize = 50;

    public static async Task<UserPage> RunAsync(AppDbContext db, TimeProvider clock, string? search, Role? role, int page, CancellationToken cancellationToken)
    {
        page = Math.Max(page, 1);
        var query = db.UsersInScope();
        if (role is { } r)
        {
            query = query.Where(u => u.Role == r);
        }
        var folded = VietnameseText.Fold(search);
        List<Guid> ids;
        if (folded.Length > 0)
        {
            // Identity's user table has no folded-name column, so diacritics are ignored here, over
            // the officer's own accounts only (a ward's few dozen, a province's few thousand).
            var candidates = await query.Select(u => new { u.Id, u.FullName, u.UserName })
                .ToListAsync(cancellationToken);
            ids = candidates
                .Where(u => VietnameseText.Fold(u.FullName).Contains(folded, StringComparison.Ordinal)
                    || VietnameseText.Fold(u.UserName).Contains(folded, StringComparison.Ordinal))
                .OrderBy(u => u.FullName, StringComparer.Create(new System.Globalization.CultureInfo("vi-VN"), false))
                .ThenBy(u => u.Id)
                .Skip((page - 1) * PageSize).Take(PageSize + 1).Select(u => u.Id).ToList();
        }
        else
        {
            ids = await query.OrderBy(u => u.FullName).ThenBy(u => u.Id)
                .Skip((page - 1) * PageSize).Take(PageSize + 1).Select(u => u.Id).ToListAsync(cancellationToken);
        }
        var hasNext = ids.Count > PageSize;
        ids = ids.Take(PageSize).ToList();
        var users = await db.UsersInScope().Where(u => ids.Contains(u.Id)).ToListAsync(cancellationToken);
        var areas = await AreaNamesAsync(db, users, cancellationToken);
        var lastSignIns = await LastSignInsAsync(db, ids, cancellationToken);
        var now = clock.GetUtcNow();
        var byId = users.ToDictionary(u => u.Id);
        var rows = ids.Where(byId.ContainsKey).Select(id => byId[id]).Select(u => new UserRow(
            u.Id, u.FullName, u.UserName ?? "", u.Role, areas.GetValueOrDefault(u.Id), u.IsDisabled,
            u.LockoutEnd is { } end && end > now, u.TwoFactorEnabled, lastSignIns.GetValueOrDefault(u.Id.ToString()))).ToList();
        return new UserPage(rows, page, hasNext);
    }

    /// <summary>"Tổ CNSCĐ … · Phường …", "Phường …" or the province, read through the area-filtered sets.</summary>
    public static async Task<Dictionary<Guid, string>> AreaNamesAsync(AppDbContext db, IReadOnlyCollection<AppUser> users, CancellationToken cancellationToken)
    {
        var provinceIds = users.Where(u => u.ScopeProvinceId is not null).Select(u => u.ScopeProvinceId!.Value).Distinct().ToList();
        var communeIds = users.Where(u => u.ScopeCommuneId is not null).Select(u => u.ScopeCommuneId!.Value).Distinct().ToList();
        var teamIds = users.Where(u => u.ScopeTeamId is not null).Select(u => u.ScopeTeamId!.Value).Distinct().ToList();
        var provinces = await db.Provinces.Where(p => provinceIds.Contains(p.Id)).ToDictionaryAsync(p => p.Id, p => p.Name, cancellationToken);
        var communes = await db.Communes.Where(c => communeIds.Contains(c.Id)).ToDictionaryAsync(c => c.Id, c => c.Name, cancellationToken);
        var teams = await db.Teams.Where(t => teamIds.Contains(t.Id)).ToDictionaryAsync(t => t.Id, t => t.Name, cancellationToken);
        var names = new Dictionary<Guid, string>();
        foreach (var u in users)
        {
            var parts = new List<string>();
            if (u.ScopeTeamId is { } team && teams.TryGetValue(team, out var teamName))
            {
                parts.Add(teamName);
            }
            if (u.ScopeCommuneId is { } commune && communes.TryGetValue(commune, out var communeName))
            {
                parts.Add(communeName);
            }
            if (u.ScopeProvinceId is { } province && provinces.TryGetValue(province, out var provinceName))
            {
                parts.Add(provinceName);
            }
            if (parts.Count > 0)
            {
                names[u.Id] = string.Join(" · ", parts);
            }
        }
        return names;
    }

    /// <summary>The latest successful sign-in of each account, from the audit log the officer may read.</summary>
    public static async Task<Dictionary<string, DateTime?>> LastSignInsAsync(AppDbContext db, IEnumerable<Guid> userIds, CancellationToken cancellationToken)
    {
        var keys = userIds.Select(id => id.ToString()).ToList();
        var rows = await db.AuditEntries
            .Where(a => a.EntityType == nameof(AppUser) && a.Action == AuditAction.SignIn && keys.Contains(a.EntityId!))
            .GroupBy(a => a.EntityId!)
            .Select(g => new { g.Key, At = g.Max(a => a.AtUtc) })
            .ToListAsync(cancellationToken);
        return rows.ToDictionary(r => r.Key, r => (DateTime?)r.At);
    }
}
