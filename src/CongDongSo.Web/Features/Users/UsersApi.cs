using CongDongSo.Web.Data;
using CongDongSo.Web.Infrastructure.Auth;
using CongDongSo.Web.Infrastructure.Text;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace CongDongSo.Web.Features.Users;

/// <summary>Read-only JSON of the accounts in the officer's area; changes go through the pages.</summary>
public static class UsersApi
{
    public sealed record UserJson(
        Guid Id, string FullName, string UserName, string Role, string? Area, bool IsDisabled, bool IsLockedOut,
        bool TwoFactorEnabled, DateTime? LastSignInUtc);

    public sealed record UserListJson(IReadOnlyList<UserJson> Items, int Page, bool HasNext);

    public static void MapUsersApi(this WebApplication app)
    {
        var group = app.MapGroup("/api/v1/users").RequireAuthorization(Policies.ManageUsers).WithTags("Users");
        group.MapGet("/", ListAsync);
        group.MapGet("/{id:guid}", GetAsync);
    }

    private static async Task<Ok<UserListJson>> ListAsync(AppDbContext db, TimeProvider clock, string? q, Role? role, int? page, CancellationToken cancellationToken)
    {
        var result = await ListUsers.RunAsync(db, clock, q, role, page ?? 1, cancellationToken);
        return TypedResults.Ok(new UserListJson(result.Rows.Select(r => ToJson(r, ShowPhones(db))).ToList(), result.Page, result.HasNext));
    }

    private static async Task<Results<Ok<UserJson>, NotFound>> GetAsync(Guid id, AppDbContext db, TimeProvider clock, CancellationToken cancellationToken)
    {
        var user = await db.UsersInScope().AsNoTracking().FirstOrDefaultAsync(u => u.Id == id, cancellationToken);
        if (user is null)
        {
            return TypedResults.NotFound();
        }
        var area = (await ListUsers.AreaNamesAsync(db, [user], cancellationToken)).GetValueOrDefault(user.Id);
        var lastSignIn = (await ListUsers.LastSignInsAsync(db, [user.Id], cancellationToken)).GetValueOrDefault(user.Id.ToString());
        return TypedResults.Ok(ToJson(new UserRow(user.Id, user.FullName, user.UserName ?? "", user.Role, area, user.IsDisabled,
            user.LockoutEnd is { } end && end > clock.GetUtcNow(), user.TwoFactorEnabled, lastSignIn), ShowPhones(db)));
    }

    /// <summary>Phone logins are personal data: masked for officers who do not manage the roster.</summary>
    private static bool ShowPhones(AppDbContext db) => Policies.Allows(Policies.ManageRoster, db.Scope.Role ?? Role.TeamMember);

    private static UserJson ToJson(UserRow row, bool showPhones) => new(
        row.Id, row.FullName,
        !showPhones && VietnamesePhone.NormaliseMobile(row.UserName) is not null ? PersonalData.Mask(row.UserName) : row.UserName,
        row.Role.ToString(), row.Area, row.IsDisabled, row.IsLockedOut, row.TwoFactorEnabled,
        row.LastSignInUtc is { } at ? DateTime.SpecifyKind(at, DateTimeKind.Utc) : null);
}
