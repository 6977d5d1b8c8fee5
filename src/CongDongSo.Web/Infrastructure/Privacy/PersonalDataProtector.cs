using System.Security.Cryptography;
using System.Text;
using CongDongSo.Web.Data;
using Microsoft.AspNetCore.DataProtection;

namespace CongDongSo.Web.Infrastructure.Privacy;

/// <summary>
/// Encryption at rest of citizen ID numbers and residents' phones (SECURITY.md, Decree 356/2025),
/// plus a keyed hash for exact lookup and duplicate detection without decrypting.
/// </summary>
/// <remarks>
/// Encryption uses Data Protection (AES-256-CBC + HMAC, keys rotated, key ring encrypted by the
/// key-ring certificate). The lookup hash is HMAC-SHA256 under a separate secret that never
/// rotates by itself (a change means re-hashing): Security:LookupHashKey (base64, 32 bytes), or
/// a key made on first start under data/secrets, readable by the app's user only.
/// </remarks>
public sealed class PersonalDataProtector
{
    private readonly IDataProtector _protector;
    private readonly byte[] _lookupKey;

    public PersonalDataProtector(IDataProtectionProvider provider, IConfiguration configuration)
    {
        _protector = provider.CreateProtector("CongDongSo.PersonalData.v1");
        _lookupKey = LoadLookupKey(configuration);
    }

    public byte[]? Encrypt(string? value) => value is null ? null : _protector.Protect(Encoding.UTF8.GetBytes(value));

    public string? Decrypt(byte[]? cipher) => cipher is null ? null : Encoding.UTF8.GetString(_protector.Unprotect(cipher));

    /// <summary>The keyed hash of a normalised value (digits only for IDs and phones).</summary>
    public byte[]? LookupHash(string? normalised) =>
        normalised is null ? null : HMACSHA256.HashData(_lookupKey, Encoding.UTF8.GetBytes(normalised));

    /// <summary>Stores a citizen ID (already validated and normalised) on a resident.</summary>
    public void SetCitizenId(Resident resident, string? citizenId)
    {
        resident.CitizenIdCipher = Encrypt(citizenId);
        resident.CitizenIdHash = LookupHash(citizenId);
        resident.CitizenIdTail = citizenId?[^3..];
    }

    /// <summary>Stores a phone (already normalised to 0xxxxxxxxx) on a resident.</summary>
    public void SetPhone(Resident resident, string? phone)
    {
        resident.PhoneCipher = Encrypt(phone);
        resident.PhoneHash = LookupHash(phone);
        resident.PhoneTail = phone?[^3..];
    }

    /// <summary>"*********123": what lists and exports show.</summary>
    public static string MaskedCitizenId(string? tail) => tail is null ? "" : new string('*', 9) + tail;

    public static string MaskedPhone(string? tail) => tail is null ? "" : "0*******" + tail[^2..].PadLeft(2, '*');

    private static byte[] LoadLookupKey(IConfiguration configuration)
    {
        if (configuration["Security:LookupHashKey"] is { Length: > 0 } configured)
        {
            var key = Convert.FromBase64String(configured);
            return key.Length >= 32 ? key : throw new InvalidOperationException("Security:LookupHashKey must be at least 32 bytes (base64).");
        }
        var folder = Directory.CreateDirectory(Path.Combine(configuration.DataDirectory(), "secrets"));
        var path = Path.Combine(folder.FullName, "lookup-hash.key");
        if (!File.Exists(path))
        {
            File.WriteAllBytes(path, RandomNumberGenerator.GetBytes(32));
            if (!OperatingSystem.IsWindows())
            {
                File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
            }
        }
        return File.ReadAllBytes(path);
    }
}
