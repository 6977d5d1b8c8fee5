using System.Security.Claims;
using CongDongSo.Web.Data;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace CongDongSo.Web.Infrastructure.Auth;

/// <summary>
/// Turns the signed-in user into the request's <see cref="AreaScope"/>. The user row is read on
/// every request, so a disabled account is signed out on its very next request, and an officer
/// without two-factor authentication is held at the enrolment page.
/// </summary>
public sealed class AreaScopeMiddleware(RequestDelegate next, IConfiguration configuration)
{
    public const string TwoFactorSetupPath = "/account/two-factor-setup";

    private readonly bool _requireOfficerTwoFactor = configuration.GetValue("Security:RequireOfficerTwoFactor", true);

    public async Task InvokeAsync(HttpContext http, AreaScope scope, AppDbContext db)
    {
        scope.Ip = http.Connection.RemoteIpAddress?.ToString();
        if (http.User.Identity?.IsAuthenticated == true
            && Guid.TryParse(http.User.FindFirstValue(ClaimTypes.NameIdentifier), out var userId))
        {
            // The user with where their scope hangs (the commune's province, the team's neighbourhood): one read.
            var row = await db.Users.IgnoreQueryFilters().AsNoTracking().Where(u => u.Id == userId)
                .Select(u => new
                {
                    User = u,
                    Province = db.Communes.Where(c => c.Id == u.ScopeCommuneId).Select(c => (int?)c.ProvinceId).FirstOrDefault(),
                    Neighbourhood = db.Teams.Where(t => t.Id == u.ScopeTeamId && t.CommuneId == u.ScopeCommuneId).Select(t => (Guid?)t.NeighbourhoodId).FirstOrDefault(),
                })
                .FirstOrDefaultAsync(http.RequestAborted);
            var user = row?.User;
            if (user is null || user.IsDisabled)
            {
                await db.EndAllAsync(userId);
                await http.SignOutAsync(IdentityConstants.ApplicationScheme);
                http.User = new ClaimsPrincipal(new ClaimsIdentity());
            }
            else
            {
                await ApplyAsync(scope, db, user, row!.Province, row.Neighbourhood, http.RequestAborted);
                if (_requireOfficerTwoFactor && user.Role.IsOfficer() && !user.TwoFactorEnabled && !MayPassWithoutTwoFactor(http.Request.Path))
                {
                    await HoldForTwoFactorAsync(http);
                    return;
                }
            }
        }
        await next(http);
    }

    /// <summary>Signing in and out, enrolling, error pages, health probes and static files.</summary>
    private static bool MayPassWithoutTwoFactor(PathString path) =>
        path.StartsWithSegments("/account") || path.StartsWithSegments("/error") || path.StartsWithSegments("/health")
        || path.StartsWithSegments("/css") || path.StartsWithSegments("/js") || path.StartsWithSegments("/lib");

    private static Task HoldForTwoFactorAsync(HttpContext http)
    {
        if (http.Request.Path.StartsWithSegments("/api"))
        {
            return Results.Problem(
                statusCode: StatusCodes.Status403Forbidden,
                title: "Two-factor authentication required",
                detail: "Officer accounts must enable two-factor authentication at " + TwoFactorSetupPath + " first.").ExecuteAsync(http);
        }
        http.Response.Redirect(TwoFactorSetupPath);
        return Task.CompletedTask;
    }

    public static Task ApplyAsync(AreaScope scope, AppDbContext db, AppUser user, CancellationToken cancellationToken) =>
        ApplyAsync(scope, db, user, null, null, cancellationToken);

    /// <summary>Sets the scope of <paramref name="user"/>; the province of their commune and the neighbourhood of their team are read unless given.</summary>
    private static async Task ApplyAsync(AreaScope scope, AppDbContext db, AppUser user, int? knownProvince, Guid? knownNeighbourhood, CancellationToken cancellationToken)
    {
        int[] provinces = [];
        int[] communes = [];
        Guid? neighbourhood = null;
        switch (user.Role)
        {
            case Role.ProvinceOfficer when user.ScopeProvinceId is { } provinceId:
                provinces = [provinceId];
                communes = await db.Communes.IgnoreQueryFilters().Where(c => c.ProvinceId == provinceId)
                    .Select(c => c.Id).ToArrayAsync(cancellationToken);
                break;
            case Role.WardOfficer or Role.WardLeader or Role.TeamLeader or Role.TeamMember when user.ScopeCommuneId is { } communeId:
                communes = [communeId];
                provinces = knownProvince is { } province ? [province] : await db.Communes.IgnoreQueryFilters().Where(c => c.Id == communeId)
                    .Select(c => c.ProvinceId).ToArrayAsync(cancellationToken);
                if (user.Role is Role.TeamLeader or Role.TeamMember)
                {
                    // A team-scoped account without a team sees nothing of the commune's teams.
                    var teamId = user.ScopeTeamId ?? Guid.Empty;
                    neighbourhood = knownNeighbourhood ?? await db.Teams.IgnoreQueryFilters()
                        .Where(t => t.CommuneId == communeId && t.Id == teamId)
                        .Select(t => (Guid?)t.NeighbourhoodId).FirstOrDefaultAsync(cancellationToken) ?? Guid.Empty;
                    if (user.ScopeTeamId is null)
                    {
                        user.ScopeTeamId = Guid.Empty;
                    }
                }
                break;
        }
        scope.SetUser(user, provinces, communes, neighbourhood);
    }
}
