using System.Collections.Concurrent;
using Microsoft.AspNetCore.DataProtection;

namespace CongDongSo.Web.Infrastructure.Auth;

/// <summary>
/// Slows password guessing without giving an attacker a way to lock a real officer out
/// (OWASP, "Slow brute force: device cookies"). Failures are counted per account and place:
/// <list type="bullet">
/// <item>a browser that has signed in to the account before carries a device cookie and has its own
/// count: 5 wrong passwords block that browser alone for 15 minutes;</item>
/// <item>any other browser is counted per account and IP address: 5 wrong passwords block that
/// address for that account;</item>
/// <item>all unknown browsers together: 20 wrong passwords in 15 minutes (many addresses guessing one
/// account) block unknown browsers for that account, while the officer's own browsers still sign in.</item>
/// </list>
/// A blocked attempt is refused before the password is checked, with the same message as a wrong
/// password, so nothing tells an anonymous visitor which accounts exist or are blocked.
/// Counts live in memory: a restart forgets them, which costs an attacker nothing they could choose.
/// </summary>
public sealed class SignInThrottle(TimeProvider clock, IDataProtectionProvider protection)
{
    public const int PlaceLimit = 5;
    public const int UnknownBrowsersLimit = 20;
    public static readonly TimeSpan Window = TimeSpan.FromMinutes(15);
    public static readonly TimeSpan DeviceCookieLifetime = TimeSpan.FromDays(365);
    private const int SweepAbove = 50_000;

    private readonly ConcurrentDictionary<string, Counter> _counters = new(StringComparer.Ordinal);
    private readonly IDataProtector _devices = protection.CreateProtector("CongDongSo.SignIn.Device.v1");

    private sealed class Counter
    {
        public int Failures;
        public DateTimeOffset FirstFailure;
        public DateTimeOffset BlockedUntil;
    }

    /// <summary>Where an attempt comes from, as the throttle counts it.</summary>
    public readonly record struct Place(string Account, string? Device, string Ip)
    {
        internal string Key => Device is null ? $"ip|{Account}|{Ip}" : $"device|{Account}|{Device}";

        internal string UnknownBrowsersKey => $"unknown|{Account}";
    }

    /// <summary>The place of an attempt on <paramref name="account"/> (a user id, or the typed name when no account has it).</summary>
    public Place PlaceOf(HttpContext http, string account)
    {
        var device = DevicesOf(http).FirstOrDefault(d => d.Account == account).Device;
        return new Place(account, device, http.Connection.RemoteIpAddress?.ToString() ?? "unknown");
    }

    public bool IsBlocked(Place place)
    {
        var now = clock.GetUtcNow();
        if (_counters.TryGetValue(place.Key, out var own) && Blocked(own, now))
        {
            return true;
        }
        return place.Device is null && _counters.TryGetValue(place.UnknownBrowsersKey, out var all) && Blocked(all, now);
    }

    /// <summary>The end of the latest block on the account from any place, for the officer's account page.</summary>
    public DateTimeOffset? BlockedUntil(string account)
    {
        var now = clock.GetUtcNow();
        var ends = _counters.Where(c => c.Key.Contains($"|{account}|", StringComparison.Ordinal) || c.Key.EndsWith($"|{account}", StringComparison.Ordinal))
            .Select(c => { lock (c.Value) { return c.Value.BlockedUntil; } })
            .Where(end => end > now).ToList();
        return ends.Count == 0 ? null : ends.Max();
    }

    /// <summary>An officer's "unlock": every count and block on the account, from every place, ends now.</summary>
    public void Forget(string account)
    {
        foreach (var key in _counters.Keys.Where(k => k.Contains($"|{account}|", StringComparison.Ordinal) || k.EndsWith($"|{account}", StringComparison.Ordinal)))
        {
            _counters.TryRemove(key, out _);
        }
    }

    /// <summary>Counts a wrong password; true when this failure started a block.</summary>
    public bool Fail(Place place)
    {
        Sweep();
        var blocked = Count(place.Key, PlaceLimit);
        if (place.Device is null)
        {
            blocked |= Count(place.UnknownBrowsersKey, UnknownBrowsersLimit);
        }
        return blocked;
    }

    /// <summary>A successful sign-in clears its own place's count and remembers the browser for the account.</summary>
    public void Succeed(HttpContext http, Place place)
    {
        _counters.TryRemove(place.Key, out _);
        var device = place.Device ?? Guid.NewGuid().ToString("N");
        var kept = DevicesOf(http).Where(d => d.Account != place.Account).Take(4).Prepend((Account: place.Account, Device: device));
        var secure = http.Request.IsHttps;
        http.Response.Cookies.Append(secure ? "__Host-cds-device" : "cds-device",
            _devices.Protect(string.Join(';', kept.Select(d => d.Account + "|" + d.Device))),
            new CookieOptions
            {
                HttpOnly = true,
                Secure = secure,
                SameSite = SameSiteMode.Strict,
                Path = "/",
                MaxAge = DeviceCookieLifetime,
                IsEssential = true,
            });
    }

    /// <summary>The (account, device) pairs of the browser's device cookie; none when it is missing or forged.</summary>
    private List<(string Account, string Device)> DevicesOf(HttpContext http)
    {
        var cookie = http.Request.Cookies["__Host-cds-device"] ?? http.Request.Cookies["cds-device"];
        if (string.IsNullOrEmpty(cookie))
        {
            return [];
        }
        try
        {
            return [.. _devices.Unprotect(cookie).Split(';', StringSplitOptions.RemoveEmptyEntries)
                .Select(p => p.Split('|'))
                .Where(p => p.Length == 2)
                .Select(p => (Account: p[0], Device: p[1]))];
        }
        catch (System.Security.Cryptography.CryptographicException)
        {
            return [];
        }
    }

    private bool Count(string key, int limit)
    {
        var now = clock.GetUtcNow();
        var counter = _counters.GetOrAdd(key, _ => new Counter());
        lock (counter)
        {
            if (Blocked(counter, now))
            {
                return false;
            }
            if (counter.Failures == 0 || now - counter.FirstFailure > Window)
            {
                counter.Failures = 0;
                counter.FirstFailure = now;
            }
            if (++counter.Failures < limit)
            {
                return false;
            }
            counter.Failures = 0;
            counter.BlockedUntil = now + Window;
            return true;
        }
    }

    private static bool Blocked(Counter counter, DateTimeOffset now)
    {
        lock (counter)
        {
            return counter.BlockedUntil > now;
        }
    }

    /// <summary>Drops counters whose window and block are over, so a spray of names cannot fill the memory.</summary>
    private void Sweep()
    {
        if (_counters.Count < SweepAbove)
        {
            return;
        }
        var now = clock.GetUtcNow();
        foreach (var (key, counter) in _counters)
        {
            lock (counter)
            {
                if (counter.BlockedUntil <= now && now - counter.FirstFailure > Window)
                {
                    _counters.TryRemove(key, out _);
                }
            }
        }
    }
}
