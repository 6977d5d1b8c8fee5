using System.Buffers.Binary;
using System.Security.Cryptography;
using CongDongSo.Web.Data;
using Microsoft.AspNetCore.Identity;

namespace CongDongSo.Web.Infrastructure.Auth;

/// <summary>
/// RFC 6238 authenticator codes that are accepted once only and within ±1 time step (Identity's
/// own provider accepts ±2 steps and the same code again).
/// </summary>
public sealed class SingleUseTotpProvider(TimeProvider clock) : IUserTwoFactorTokenProvider<AppUser>
{
    public const string Name = "SingleUseTotp";
    private const int StepSeconds = 30;

    public Task<string> GenerateAsync(string purpose, UserManager<AppUser> manager, AppUser user) => Task.FromResult("");

    public async Task<bool> CanGenerateTwoFactorTokenAsync(UserManager<AppUser> manager, AppUser user) =>
        !string.IsNullOrEmpty(await manager.GetAuthenticatorKeyAsync(user));

    public async Task<bool> ValidateAsync(string purpose, string token, UserManager<AppUser> manager, AppUser user)
    {
        var key = await manager.GetAuthenticatorKeyAsync(user);
        var code = token.Replace(" ", "", StringComparison.Ordinal).Replace("-", "", StringComparison.Ordinal);
        if (string.IsNullOrEmpty(key) || code.Length != 6 || !int.TryParse(code, out var expected))
        {
            return false;
        }
        var secret = Base32.Decode(key);
        var now = clock.GetUtcNow().ToUnixTimeSeconds() / StepSeconds;
        for (var step = now - 1; step <= now + 1; step++)
        {
            if (Compute(secret, step) != expected)
            {
                continue;
            }
            if (user.LastTotpTimeStep is { } last && step <= last)
            {
                return false; // replay of a code (or an older one) already used
            }
            user.LastTotpTimeStep = step;
            var result = await manager.UpdateAsync(user);
            return result.Succeeded;
        }
        return false;
    }

    /// <summary>The 6-digit code of a time step (RFC 4226 dynamic truncation).</summary>
    public static int Compute(byte[] secret, long step)
    {
        Span<byte> counter = stackalloc byte[8];
        BinaryPrimitives.WriteInt64BigEndian(counter, step);
        Span<byte> hash = stackalloc byte[20];
#pragma warning disable CA5350 // RFC 6238 authenticator apps compute HMAC-SHA1; HOTP's truncation keeps it sound.
        HMACSHA1.HashData(secret, counter, hash);
#pragma warning restore CA5350
        var offset = hash[^1] & 0x0F;
        var binary = (BinaryPrimitives.ReadInt32BigEndian(hash[offset..]) & 0x7FFFFFFF);
        return binary % 1_000_000;
    }

    public static string CodeAt(string base32Key, DateTimeOffset at) =>
        Compute(Base32.Decode(base32Key), at.ToUnixTimeSeconds() / StepSeconds).ToString("D6", System.Globalization.CultureInfo.InvariantCulture);
}

/// <summary>RFC 4648 base32, the encoding of authenticator keys.</summary>
public static class Base32
{
    private const string Alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";

    public static byte[] Decode(string text)
    {
        var clean = text.Trim().TrimEnd('=').Replace(" ", "", StringComparison.Ordinal).ToUpperInvariant();
        var output = new byte[clean.Length * 5 / 8];
        int buffer = 0, bits = 0, index = 0;
        foreach (var c in clean)
        {
            var value = Alphabet.IndexOf(c, StringComparison.Ordinal);
            if (value < 0)
            {
                throw new FormatException("Invalid base32 character.");
            }
            buffer = (buffer << 5) | value;
            bits += 5;
            if (bits >= 8)
            {
                output[index++] = (byte)(buffer >> (bits - 8));
                bits -= 8;
            }
        }
        return output;
    }
}
