using CongDongSo.Web.Data;
using CongDongSo.Web.Infrastructure.Text;

namespace CongDongSo.Web.Infrastructure.Auth;

/// <summary>
/// What the signed-in role may do, asked of the request's <see cref="AreaScope"/> by pages and use
/// cases (the same rules as <see cref="Policies"/>). Where (which area) is the scope's own job:
/// these rules only ever see rows it let through.
/// </summary>
public static class ScopeRights
{
    public static bool ManagesPopulation(this AreaScope scope) =>
        scope.Unrestricted || (scope.Role is { } role && Policies.Allows(Policies.ManagePopulation, role));

    /// <summary>The full citizen ID, the data-subject export and the erasure: who checks identity papers.</summary>
    public static bool SeesCitizenIds(this AreaScope scope) =>
        scope.Unrestricted || (scope.Role is { } role && Policies.Allows(Policies.ViewCitizenId, role));

    public static bool ManagesCatalogues(this AreaScope scope) =>
        scope.Unrestricted || (scope.Role is { } role && Policies.Allows(Policies.ManageCatalogues, role));

    /// <summary>
    /// Who manages a team's roster, and so sees its members' full phone numbers: the system admin, the
    /// ward officer and the team's own leader. Everyone else sees them masked.
    /// </summary>
    public static bool ManagesRoster(this AreaScope scope, Guid teamId) =>
        scope.Unrestricted
        || scope.Role is Role.SystemAdmin or Role.WardOfficer
        || (scope.Role == Role.TeamLeader && scope.TeamId == teamId);

    /// <summary>Moving a member between teams of the ward is the ward officer's call, not a team leader's.</summary>
    public static bool MovesMembers(this AreaScope scope) =>
        scope.Unrestricted || scope.Role is Role.SystemAdmin or Role.WardOfficer;

    public static bool ManagesTeams(this AreaScope scope) =>
        scope.Unrestricted || (scope.Role is { } role && Policies.Allows(Policies.ManageTeams, role));

    public static bool ExportsRoster(this AreaScope scope) =>
        scope.Unrestricted || (scope.Role is { } role && Policies.Allows(Policies.ExportRoster, role));

    /// <summary>Looking a number up is for those who see numbers in full anyway.</summary>
    public static bool SearchesPhones(this AreaScope scope) =>
        scope.Unrestricted || scope.Role is Role.SystemAdmin or Role.WardOfficer or Role.TeamLeader;

    /// <summary>The phone as this viewer may see it.</summary>
    public static string? PhoneFor(this AreaScope scope, Guid teamId, string? phone) =>
        phone is null ? null : scope.ManagesRoster(teamId) ? phone : PersonalData.Mask(phone);
}
