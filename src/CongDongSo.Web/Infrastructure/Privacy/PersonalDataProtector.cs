using System.Buffers.Binary;
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
/// Encryption is AES-256-GCM under a data key of <see cref="PersonalDataKeyRing"/> (random keys,
/// rotated, stored wrapped by Data Protection, so by the key-ring certificate). A cipher is
/// [format 0x02][key id, 4 bytes][nonce, 12][tag, 16][encrypted UTF-8]; the first five bytes are
/// authenticated too. Ciphers written before by Data Protection itself (they start 0x09 F0 C9 F0)
/// still decrypt. The lookup hash is HMAC-SHA256 under a separate secret that never
/// rotates by itself (a change means re-hashing): Security:LookupHashKey (base64, 32 bytes), or
/// a key made on first start under data/secrets, readable by the app's user only.
/// </remarks>
public sealed class PersonalDataProtector
{
    private const byte GcmFormat = 0x02;
    private const byte DataProtectionFormat = 0x09;
    private const int HeaderSize = 5;
    private const int NonceSize = 12;
    private const int TagSize = 16;
    private const int Overhead = HeaderSize + NonceSize + TagSize;

    [ThreadStatic]
    private static (PersonalDataKey Key, AesGcm Aes)? t_cipher;

    private readonly PersonalDataKeyRing _keys;
    private readonly IDataProtector _legacy;
    private readonly byte[] _lookupKey;

    public PersonalDataProtector(PersonalDataKeyRing keys, IDataProtectionProvider provider, IConfiguration configuration)
    {
        _keys = keys;
        _legacy = provider.CreateProtector("CongDongSo.PersonalData.v1");
        _lookupKey = LoadLookupKey(configuration);
    }

    public byte[]? Encrypt(string? value)
    {
        if (value is null)
        {
            return null;
        }
        var key = _keys.Current;
        var length = Encoding.UTF8.GetByteCount(value);
        var cipher = new byte[Overhead + length];
        cipher[0] = GcmFormat;
        BinaryPrimitives.WriteUInt32BigEndian(cipher.AsSpan(1, 4), key.Id);
        var nonce = cipher.AsSpan(HeaderSize, NonceSize);
        RandomNumberGenerator.Fill(nonce);
        var encrypted = cipher.AsSpan(Overhead);
        Encoding.UTF8.GetBytes(value, encrypted);
        Cipher(key).Encrypt(nonce, encrypted, encrypted, cipher.AsSpan(HeaderSize + NonceSize, TagSize), cipher.AsSpan(0, HeaderSize));
        return cipher;
    }

    /// <summary>The value; throws <see cref="CryptographicException"/> when the cipher was altered or its key is gone.</summary>
    public string? Decrypt(byte[]? cipher)
    {
        if (cipher is null)
        {
            return null;
        }
        if (cipher.Length > 0 && cipher[0] == DataProtectionFormat)
        {
            return Encoding.UTF8.GetString(_legacy.Unprotect(cipher));
        }
        if (cipher.Length < Overhead || cipher[0] != GcmFormat)
        {
            throw new CryptographicException("Unknown personal-data cipher format.");
        }
        var key = _keys.Find(BinaryPrimitives.ReadUInt32BigEndian(cipher.AsSpan(1, 4)))
            ?? throw new CryptographicException("The data key of this cipher is not in the key ring.");
        var plain = new byte[cipher.Length - Overhead];
        Cipher(key).Decrypt(cipher.AsSpan(HeaderSize, NonceSize), cipher.AsSpan(Overhead), cipher.AsSpan(HeaderSize + NonceSize, TagSize), plain, cipher.AsSpan(0, HeaderSize));
        return Encoding.UTF8.GetString(plain);
    }

    /// <summary>
    /// The thread's AES-GCM instance for a key: an instance is not safe across threads, and making
    /// one per call costs as much as the encryption itself (imports encrypt on every core).
    /// </summary>
    private static AesGcm Cipher(PersonalDataKey key)
    {
        if (t_cipher is { } cached && ReferenceEquals(cached.Key, key))
        {
            return cached.Aes;
        }
        t_cipher?.Aes.Dispose();
        var aes = new AesGcm(key.Key, TagSize);
        t_cipher = (key, aes);
        return aes;
    }

    /// <summary>The keyed hash of a normalised value (digits only for IDs and phones).</summary>
    public byte[]? LookupHash(string? normalised) =>
        normalised is null ? null : HMACSHA256.HashData(_lookupKey, Encoding.UTF8.GetBytes(normalised));

    /// <summary>Stores a citizen ID (already validated and normalised) on a resident; <paramref name="hash"/> when already computed.</summary>
    public void SetCitizenId(Resident resident, string? citizenId, byte[]? hash = null)
    {
        resident.CitizenIdCipher = Encrypt(citizenId);
        resident.CitizenIdHash = hash ?? LookupHash(citizenId);
        resident.CitizenIdTail = citizenId?[^3..];
    }

    /// <summary>Stores a phone (already normalised to 0xxxxxxxxx) on a resident.</summary>
    public void SetPhone(Resident resident, string? phone, byte[]? hash = null)
    {
        resident.PhoneCipher = Encrypt(phone);
        resident.PhoneHash = hash ?? LookupHash(phone);
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
        var path = Path.Combine(PrivateFiles.Folder(Path.Combine(configuration.DataDirectory(), "secrets")), "lookup-hash.key");
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
