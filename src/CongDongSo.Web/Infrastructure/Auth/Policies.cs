using CongDongSo.Web.Data;
using Microsoft.AspNetCore.Authorization;

namespace CongDongSo.Web.Infrastructure.Auth;

/// <summary>What each role may do. Where it may do it is the <see cref="AreaScope"/>'s job.</summary>
public static class Policies
{
    public const string SignedIn = nameof(SignedIn);
    public const string ManageAdminUnits = nameof(ManageAdminUnits);
    public const string ManageArea = nameof(ManageArea);
    public const string ManageTeams = nameof(ManageTeams);
    public const string ManageRoster = nameof(ManageRoster);
    public const string ExportRoster = nameof(ExportRoster);
    public const string ManageUsers = nameof(ManageUsers);
    public const string ViewAudit = nameof(ViewAudit);
    public const string ViewAreas = nameof(ViewAreas);
    public const string ViewPopulation = nameof(ViewPopulation);
    public const string ViewCoverage = nameof(ViewCoverage);
    public const string ManagePopulation = nameof(ManagePopulation);
    public const string ViewCitizenId = nameof(ViewCitizenId);
    public const string ManageCatalogues = nameof(ManageCatalogues);
    public const string ImportPopulation = nameof(ImportPopulation);
    public const string RecordFieldWork = nameof(RecordFieldWork);
    public const string AssignHouseholds = nameof(AssignHouseholds);
    public const string ManageTraining = nameof(ManageTraining);
    public const string ViewTraining = nameof(ViewTraining);
    public const string RecordAttendance = nameof(RecordAttendance);
    public const string RecordCommunity = nameof(RecordCommunity);
    public const string ViewCommunity = nameof(ViewCommunity);
    public const string ManagePlans = nameof(ManagePlans);
    public const string ViewPlans = nameof(ViewPlans);
    public const string ManageProvincePlans = nameof(ManageProvincePlans);

    public static readonly IReadOnlyDictionary<string, Role[]> Roles = new Dictionary<string, Role[]>
    {
        [SignedIn] = Enum.GetValues<Role>(),
        [ManageAdminUnits] = [Role.SystemAdmin],
        [ManageArea] = [Role.SystemAdmin, Role.WardOfficer],
        [ManageTeams] = [Role.SystemAdmin, Role.WardOfficer],
        [ManageRoster] = [Role.SystemAdmin, Role.WardOfficer, Role.TeamLeader],
        // The member list for the Department: those who manage a roster and those who read them.
        [ExportRoster] = [Role.SystemAdmin, Role.ProvinceOfficer, Role.WardOfficer, Role.WardLeader, Role.TeamLeader],
        [ManageUsers] = [Role.SystemAdmin, Role.ProvinceOfficer, Role.WardOfficer],
        [ViewAudit] = [Role.SystemAdmin, Role.ProvinceOfficer, Role.WardOfficer, Role.WardLeader],
        [ViewAreas] = [Role.SystemAdmin, Role.ProvinceOfficer, Role.WardOfficer, Role.WardLeader],
        // Households and residents: read by everyone in the area (a province officer sees figures,
        // not people: aggregates come with the indicators); kept up to date by the ward and its teams.
        [ViewPopulation] = [Role.SystemAdmin, Role.WardOfficer, Role.WardLeader, Role.TeamLeader, Role.TeamMember],
        // Coverage figures (households, visits, people helped: counts, never names): the province officer
        // sees them per commune of the province.
        [ViewCoverage] = [Role.SystemAdmin, Role.ProvinceOfficer, Role.WardOfficer, Role.WardLeader, Role.TeamLeader, Role.TeamMember],
        [ManagePopulation] = [Role.SystemAdmin, Role.WardOfficer, Role.TeamLeader, Role.TeamMember],
        // The full citizen ID number: only who must check it against papers (SECURITY.md, masked elsewhere).
        [ViewCitizenId] = [Role.SystemAdmin, Role.WardOfficer],
        [ManageCatalogues] = [Role.SystemAdmin, Role.WardOfficer],
        [ImportPopulation] = [Role.SystemAdmin, Role.WardOfficer],
        [RecordFieldWork] = [Role.SystemAdmin, Role.WardOfficer, Role.TeamLeader, Role.TeamMember],
        [AssignHouseholds] = [Role.SystemAdmin, Role.WardOfficer, Role.TeamLeader],
        // Courses and sessions are set up by the ward; every member of the ward reads them (their own
        // attendance and certificates); the team leader ticks their own team's attendance.
        [ManageTraining] = [Role.SystemAdmin, Role.WardOfficer],
        [ViewTraining] = [Role.SystemAdmin, Role.WardOfficer, Role.WardLeader, Role.TeamLeader, Role.TeamMember],
        [RecordAttendance] = [Role.SystemAdmin, Role.WardOfficer, Role.TeamLeader],
        // Community events and communication items: the ward's and each team's own.
        [RecordCommunity] = [Role.SystemAdmin, Role.WardOfficer, Role.TeamLeader],
        [ViewCommunity] = [Role.SystemAdmin, Role.WardOfficer, Role.WardLeader, Role.TeamLeader, Role.TeamMember],
        // The ward's plan, its targets and indicators: set up by the officer; read (as figures) by the
        // ward's leaders and teams, a team seeing its own neighbourhood's.
        [ManagePlans] = [Role.SystemAdmin, Role.WardOfficer],
        [ViewPlans] = [Role.SystemAdmin, Role.WardOfficer, Role.WardLeader, Role.TeamLeader, Role.TeamMember],
        // A province's plan, its targets handed down to the communes and the communes compared on them
        // (figures, never people).
        [ManageProvincePlans] = [Role.SystemAdmin, Role.ProvinceOfficer],
    };

    public static bool Allows(string policy, Role role) => Roles[policy].Contains(role);

    public static AuthorizationBuilder AddAppPolicies(this AuthorizationBuilder builder)
    {
        foreach (var (name, roles) in Roles)
        {
            builder.AddPolicy(name, p => p.RequireAuthenticatedUser().RequireRole(roles.Select(r => r.ToString())));
        }
        // Every endpoint must say who may use it; one that forgets is closed, not open.
        builder.SetFallbackPolicy(new AuthorizationPolicyBuilder().RequireAuthenticatedUser().Build());
        return builder;
    }
}

public static class RoleNames
{
    public static bool IsOfficer(this Role role) => role is Role.SystemAdmin or Role.ProvinceOfficer or Role.WardOfficer or Role.WardLeader;

    /// <summary>The roles an account manager of <paramref name="manager"/>'s role may hand out.</summary>
    public static Role[] Grantable(this Role manager) => manager switch
    {
        Role.SystemAdmin => Enum.GetValues<Role>(),
        Role.ProvinceOfficer => [Role.ProvinceOfficer, Role.WardOfficer, Role.WardLeader, Role.TeamLeader, Role.TeamMember],
        Role.WardOfficer => [Role.WardOfficer, Role.WardLeader, Role.TeamLeader, Role.TeamMember],
        _ => [],
    };
}
