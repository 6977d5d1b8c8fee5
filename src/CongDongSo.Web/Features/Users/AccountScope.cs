using CongDongSo.Web.Data;
using CongDongSo.Web.Infrastructure.Auth;
using CongDongSo.Web.Infrastructure.Localization;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace CongDongSo.Web.Features.Users;

/// <summary>The role and area fields of the create and change forms (rendered by _AccountScopeFields).</summary>
public interface IAccountScopeInput
{
    Role? Role { get; set; }
    int? ProvinceId { get; set; }
    int? CommuneId { get; set; }
    Guid? TeamId { get; set; }
}

/// <summary>A role with the one area it is bound to, checked against the granting officer's own area.</summary>
public sealed record GrantedScope(Role Role, int? ProvinceId, int? CommuneId, Guid? TeamId);

/// <summary>What the scope fields offer: the roles the officer may grant and the areas they can see.</summary>
public sealed class AccountScopeChoices
{
    public const string ViewDataKey = "AccountScopeChoices";

    public required Role[] Roles { get; init; }
    public required List<SelectListItem> Provinces { get; init; }
    public required List<SelectListItem> Communes { get; init; }
    public required List<SelectListItem> Teams { get; init; }
    /// <summary>True when the officer sees more than one commune and picks one before its teams show.</summary>
    public bool PickCommune { get; init; }
    /// <summary>True for the system administrator, who picks a province before its communes show.</summary>
    public bool PickProvince { get; init; }
    public int? ProvinceId { get; init; }
    public int? CommuneId { get; init; }
}

/// <summary>
/// Checks a requested role and area against the officer's own. Ids come from the form, so each is
/// looked up through the area-filtered sets: one outside the officer's area does not exist.
/// </summary>
public static class AccountScope
{
    public static bool IsTeamRole(Role role) => role is Role.TeamLeader or Role.TeamMember;

    public static bool IsCommuneRole(Role role) => role is Role.WardOfficer or Role.WardLeader;

    public static async Task<GrantedScope?> ValidateAsync(AppDbContext db, IAccountScopeInput input, string prefix,
        ModelStateDictionary modelState, IStringLocalizer<SharedResource> l, CancellationToken cancellationToken)
    {
        if (input.Role is not { } role)
        {
            // The Required attribute has already said so.
            return null;
        }
        var grantable = db.Scope.Role?.Grantable() ?? [];
        if (!Enum.IsDefined(role) || !grantable.Contains(role))
        {
            modelState.AddModelError(prefix + ".Role", l["Bạn không được cấp vai trò này."]);
            return null;
        }
        switch (role)
        {
            case Role.SystemAdmin:
                return new GrantedScope(role, null, null, null);
            case Role.ProvinceOfficer:
                var provinceId = input.ProvinceId ?? 0;
                if (!await db.Provinces.AnyAsync(p => p.Id == provinceId && p.EffectiveTo == null, cancellationToken))
                {
                    modelState.AddModelError(prefix + ".ProvinceId", input.ProvinceId is null
                        ? l["Vui lòng chọn tỉnh/thành phố."]
                        : l["Tỉnh/thành phố không hợp lệ hoặc ngoài địa bàn của bạn."]);
                    return null;
                }
                return new GrantedScope(role, provinceId, null, null);
        }
        var communeId = input.CommuneId ?? 0;
        if (!await db.Communes.AnyAsync(c => c.Id == communeId && c.EffectiveTo == null, cancellationToken))
        {
            modelState.AddModelError(prefix + ".CommuneId", input.CommuneId is null
                ? l["Vui lòng chọn phường/xã."]
                : l["Phường/xã không hợp lệ hoặc ngoài địa bàn của bạn."]);
            return null;
        }
        if (IsCommuneRole(role))
        {
            return new GrantedScope(role, null, communeId, null);
        }
        var teamId = input.TeamId ?? Guid.Empty;
        if (!await db.Teams.AnyAsync(t => t.Id == teamId && t.CommuneId == communeId && t.DissolvedOn == null, cancellationToken))
        {
            modelState.AddModelError(prefix + ".TeamId", input.TeamId is null
                ? l["Vui lòng chọn tổ CNSCĐ."]
                : l["Tổ CNSCĐ không thuộc phường/xã đã chọn hoặc ngoài địa bàn của bạn."]);
            return null;
        }
        return new GrantedScope(role, null, communeId, teamId);
    }

    /// <summary>
    /// The lists for the form. <paramref name="communeId"/> and <paramref name="provinceId"/> are the
    /// officer's current pick (query string or posted form); unknown ids simply show nothing.
    /// </summary>
    public static async Task<AccountScopeChoices> LoadChoicesAsync(AppDbContext db, int? provinceId, int? communeId, CancellationToken cancellationToken)
    {
        var actor = db.Scope.Role ?? Role.TeamMember;
        var roles = actor.Grantable();
        var unrestricted = db.Scope.Unrestricted;
        if (communeId is { } picked && provinceId is null)
        {
            provinceId = await db.Communes.Where(c => c.Id == picked).Select(c => (int?)c.ProvinceId).FirstOrDefaultAsync(cancellationToken);
        }
        communeId ??= db.Scope.HomeCommuneId;

        var provinces = await db.Provinces.Where(p => p.EffectiveTo == null).OrderBy(p => p.Name)
            .Select(p => new SelectListItem(p.Name, p.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)))
            .ToListAsync(cancellationToken);
        // The whole country has thousands of communes: the administrator narrows by province first.
        var communeQuery = db.Communes.Where(c => c.EffectiveTo == null);
        if (unrestricted)
        {
            var province = provinceId ?? -1;
            communeQuery = communeQuery.Where(c => c.ProvinceId == province);
        }
        var communes = await communeQuery.OrderBy(c => c.Name)
            .Select(c => new SelectListItem(c.Name, c.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)))
            .ToListAsync(cancellationToken);
        var chosen = communeId ?? -1;
        var teams = (await db.Teams.Where(t => t.CommuneId == chosen && t.DissolvedOn == null).OrderBy(t => t.Name)
            .Select(t => new { t.Name, t.Id })
            .ToListAsync(cancellationToken))
            .Select(t => new SelectListItem(t.Name, t.Id.ToString()))
            .ToList();
        return new AccountScopeChoices
        {
            Roles = roles,
            Provinces = provinces,
            Communes = communes,
            Teams = teams,
            PickProvince = unrestricted,
            PickCommune = unrestricted || db.Scope.HomeCommuneId is null,
            ProvinceId = provinceId,
            CommuneId = communeId,
        };
    }
}
