using CongDongSo.Web.Data;

namespace CongDongSo.Web.Infrastructure.Auth;

/// <summary>
/// The area the current actor may read and write. Filled once per request from the signed-in
/// user (see <see cref="AreaScopeMiddleware"/>) and read by <see cref="AppDbContext"/>, whose query
/// filters and save guard are the one place where the scope is enforced.
/// </summary>
/// <remarks>Starts empty: an anonymous request or a forgotten setup sees nothing, never everything.</remarks>
public sealed class AreaScope
{
    public bool Unrestricted { get; private set; }
    public int[] ProvinceIds { get; private set; } = [];
    public int[] CommuneIds { get; private set; } = [];
    public Guid? TeamId { get; private set; }
    public Guid? NeighbourhoodId { get; private set; }

    public Guid? UserId { get; private set; }
    public string? UserName { get; private set; }
    public Role? Role { get; private set; }
    public string? Ip { get; set; }

    public bool IsSignedIn => UserId is not null;

    /// <summary>Not held to one team. A plain property, so the query filters read it without evaluating an expression.</summary>
    public bool AllTeams => TeamId is null;

    /// <summary>Not held to one neighbourhood.</summary>
    public bool AllNeighbourhoods => NeighbourhoodId is null;

    /// <summary>The single commune of a ward- or team-scoped user; null for wider scopes.</summary>
    public int? HomeCommuneId => CommuneIds.Length == 1 && ProvinceIds.Length <= 1 && !Unrestricted ? CommuneIds[0] : null;

    /// <summary>For start-up work, imports run by the system and tests' arrange steps.</summary>
    public AreaScope GrantAll(string actor)
    {
        Unrestricted = true;
        UserName = actor;
        return this;
    }

    public void SetUser(AppUser user, int[] provinceIds, int[] communeIds, Guid? neighbourhoodId)
    {
        UserId = user.Id;
        UserName = user.UserName;
        Role = user.Role;
        Unrestricted = user.Role == Data.Role.SystemAdmin;
        ProvinceIds = provinceIds;
        CommuneIds = communeIds;
        TeamId = user.Role is Data.Role.TeamLeader or Data.Role.TeamMember ? user.ScopeTeamId : null;
        NeighbourhoodId = neighbourhoodId;
    }

    public bool AllowsCommune(int communeId) => Unrestricted || CommuneIds.Contains(communeId);

    public bool Allows(ICommuneOwned row) =>
        Unrestricted
        || (CommuneIds.Contains(row.CommuneId)
            && (TeamId is null || row switch
            {
                ITeamOwned owned => owned.TeamId == TeamId,
                IOptionalTeamOwned maybe => maybe.TeamId == TeamId,
                _ => true,
            })
            && (NeighbourhoodId is null || row switch
            {
                Neighbourhood n => n.Id == NeighbourhoodId,
                INeighbourhoodOwned inNeighbourhood => inNeighbourhood.NeighbourhoodId == NeighbourhoodId,
                _ => true,
            }));
}

/// <summary>Thrown when code tries to write outside the actor's area: a bug, since pages answer 404 first.</summary>
public sealed class ScopeViolationException(string message) : InvalidOperationException(message);
