using CongDongSo.Web.Data;

namespace CongDongSo.Web.Infrastructure.Auth;

/// <summary>
/// The area scope of accounts. Users are not under the global query filters (sign-in must find
/// them), so every page and API that reads or changes accounts starts from this one query.
/// </summary>
public static class UserScope
{
    /// <summary>
    /// The accounts the current actor may see and manage: all for the system administrator; for a
    /// province officer the accounts of their province and of its communes; for a ward officer the
    /// accounts of their commune; nothing for anyone else. Only roles the actor may grant are in
    /// it, so a wrongly scoped administrator account can never be taken over from a ward.
    /// </summary>
    public static IQueryable<AppUser> UsersInScope(this AppDbContext db)
    {
        var scope = db.Scope;
        if (scope.Unrestricted)
        {
            return db.Users;
        }
        var roles = scope.Role?.Grantable() ?? [];
        switch (scope.Role)
        {
            case Role.ProvinceOfficer:
                var provinces = scope.ProvinceIds;
                var communes = scope.CommuneIds;
                return db.Users.Where(u => roles.Contains(u.Role)
                    && ((u.ScopeProvinceId != null && provinces.Contains(u.ScopeProvinceId.Value))
                        || (u.ScopeCommuneId != null && communes.Contains(u.ScopeCommuneId.Value))));
            case Role.WardOfficer when scope.HomeCommuneId is { } communeId:
                return db.Users.Where(u => roles.Contains(u.Role) && u.ScopeCommuneId == communeId);
            default:
                return db.Users.Where(u => false);
        }
    }
}
