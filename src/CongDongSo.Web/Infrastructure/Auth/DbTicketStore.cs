using System.Security.Cryptography;
using CongDongSo.Web.Data;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;

namespace CongDongSo.Web.Infrastructure.Auth;

/// <summary>
/// Server-side sessions: the cookie carries only a random session id, the ticket lives in the
/// database. Deleting the row (sign-out, disable, password change) ends the session at once.
/// </summary>
public sealed class DbTicketStore(IServiceScopeFactory scopes, IDataProtectionProvider protection, TimeProvider clock, IConfiguration configuration) : ITicketStore
{
    /// <summary>The request item holding the current session's key (see <see cref="Sessions.EndOthersAsync"/>).</summary>
    public const string CurrentKeyItem = "CongDongSo.SessionKey";

    private readonly IDataProtector _protector = protection.CreateProtector("CongDongSo.Sessions.v1");
    private readonly TimeSpan _absoluteLifetime = configuration.GetValue("Security:SessionAbsoluteLifetime", TimeSpan.FromHours(12));

    public async Task<string> StoreAsync(AuthenticationTicket ticket)
    {
        var id = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).Replace('+', '-').Replace('/', '_').TrimEnd('=');
        var now = clock.GetUtcNow().UtcDateTime;
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        db.UserSessions.Add(new UserSession
        {
            Id = id,
            UserId = Guid.Parse(ticket.Principal.FindFirst(System.Security.Claims.ClaimTypes.NameIdentifier)!.Value),
            Ticket = Protect(ticket),
            CreatedAtUtc = now,
            LastSeenAtUtc = now,
            ExpiresAtUtc = ticket.Properties.ExpiresUtc?.UtcDateTime ?? now.AddMinutes(30),
            Ip = scope.ServiceProvider.GetService<IHttpContextAccessor>()?.HttpContext?.Connection.RemoteIpAddress?.ToString(),
        });
        await db.SaveChangesAsync();
        return id;
    }

    public async Task RenewAsync(string key, AuthenticationTicket ticket)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var now = clock.GetUtcNow().UtcDateTime;
        // The cookie handler renews the request's session when someone signs in over it; another
        // account's session is never inherited: it ends, and the next sign-in gets a fresh key.
        var userId = Guid.Parse(ticket.Principal.FindFirst(System.Security.Claims.ClaimTypes.NameIdentifier)!.Value);
        await db.UserSessions.Where(s => s.Id == key && s.UserId != userId).ExecuteDeleteAsync();
        await db.UserSessions.Where(s => s.Id == key).ExecuteUpdateAsync(u => u
            .SetProperty(s => s.Ticket, Protect(ticket))
            .SetProperty(s => s.LastSeenAtUtc, now)
            .SetProperty(s => s.ExpiresAtUtc, ticket.Properties.ExpiresUtc.HasValue ? ticket.Properties.ExpiresUtc.Value.UtcDateTime : now.AddMinutes(30)));
    }

    public async Task<AuthenticationTicket?> RetrieveAsync(string key)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var session = await db.UserSessions.AsNoTracking().FirstOrDefaultAsync(s => s.Id == key);
        var now = clock.GetUtcNow().UtcDateTime;
        if (session is null || session.ExpiresAtUtc <= now || session.CreatedAtUtc + _absoluteLifetime <= now)
        {
            return null;
        }
        return TicketSerializer.Default.Deserialize(_protector.Unprotect(session.Ticket));
    }

    /// <summary>The handler's per-request lookup: also remembers which session the request belongs to.</summary>
    public async Task<AuthenticationTicket?> RetrieveAsync(string key, HttpContext httpContext, CancellationToken cancellationToken)
    {
        var ticket = await RetrieveAsync(key);
        if (ticket is not null)
        {
            httpContext.Items[CurrentKeyItem] = key;
        }
        return ticket;
    }

    public async Task RemoveAsync(string key)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        await db.UserSessions.Where(s => s.Id == key).ExecuteDeleteAsync();
    }

    private byte[] Protect(AuthenticationTicket ticket) => _protector.Protect(TicketSerializer.Default.Serialize(ticket));
}

/// <summary>Ends every session of a user: on disable, password change or reset.</summary>
public static class Sessions
{
    public static Task<int> EndAllAsync(this AppDbContext db, Guid userId) =>
        db.UserSessions.Where(s => s.UserId == userId).ExecuteDeleteAsync();

    /// <summary>
    /// Ends every session of a user except the request's own (ASVS: other sessions end when an
    /// authentication factor changes). Re-signing in within the same request cannot rotate the key:
    /// the cookie handler renews the session it read, so the current one is kept and refreshed.
    /// </summary>
    public static Task<int> EndOthersAsync(this AppDbContext db, Guid userId, HttpContext http)
    {
        var current = http.Items[DbTicketStore.CurrentKeyItem] as string ?? "";
        return db.UserSessions.Where(s => s.UserId == userId && s.Id != current).ExecuteDeleteAsync();
    }
}

/// <summary>Hooks the store into the cookie handler once both are built.</summary>
internal sealed class UseDbTicketStore(DbTicketStore store) : Microsoft.Extensions.Options.IPostConfigureOptions<CookieAuthenticationOptions>
{
    public void PostConfigure(string? name, CookieAuthenticationOptions options)
    {
        // Only the sign-in session; the short-lived two-factor step cookie stays self-contained.
        if (name == Microsoft.AspNetCore.Identity.IdentityConstants.ApplicationScheme)
        {
            options.SessionStore = store;
        }
    }
}
