using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text.Json;
using CongDongSo.Web.Data;
using Microsoft.AspNetCore.DataProtection;

namespace CongDongSo.Web.Infrastructure.Privacy;

/// <summary>A data key: 32 random bytes for AES-256-GCM, named by a random 32-bit id written into every cipher.</summary>
public sealed record PersonalDataKey(uint Id, DateTimeOffset CreatedUtc, byte[] Key);

/// <summary>
/// The data keys that encrypt personal fields (envelope encryption): random AES-256 keys, each stored
/// wrapped by Data Protection, hence by the key-ring certificate, in data/secrets. The newest key
/// encrypts; every key ever made still decrypts. A new key is made when the newest is older than
/// Security:PersonalDataKeyLifetime (90 days by default, as Data Protection's own keys).
/// </summary>
/// <remarks>
/// Why not Data Protection for every field: it derives a fresh subkey (KDF + CBC + HMAC) on every
/// call, 30–40 µs a field, which made encryption the main cost of importing a ward's residents.
/// With a data key a field costs one AES-GCM call (about a microsecond), and the key itself is
/// still protected and rotated by the key ring. Random 96-bit nonces stay far below the 2^32
/// encryptions per key that GCM allows: a key lives 90 days and a province has about ten million
/// residents.
/// </remarks>
public sealed class PersonalDataKeyRing
{
    private const string FileName = "personal-data-keys.json";
    private static readonly JsonSerializerOptions Json = new() { WriteIndented = true };

    private readonly IDataProtector _wrapper;
    private readonly TimeProvider _clock;
    private readonly TimeSpan _lifetime;
    private readonly string _path;
    private readonly Lock _gate = new();
    private volatile Snapshot _snapshot;

    public PersonalDataKeyRing(IDataProtectionProvider provider, IConfiguration configuration, TimeProvider clock)
    {
        _wrapper = provider.CreateProtector("CongDongSo.PersonalData.DataKey.v1");
        _clock = clock;
        _lifetime = configuration.GetValue("Security:PersonalDataKeyLifetime", TimeSpan.FromDays(90));
        if (_lifetime <= TimeSpan.Zero)
        {
            throw new InvalidOperationException("Security:PersonalDataKeyLifetime must be positive.");
        }
        _path = Path.Combine(PrivateFiles.Folder(Path.Combine(configuration.DataDirectory(), "secrets")), FileName);
        _snapshot = Load();
    }

    /// <summary>The key that encrypts now; makes a new one first when the newest has expired.</summary>
    public PersonalDataKey Current
    {
        get
        {
            var snapshot = _snapshot;
            return snapshot.Newest is { } newest && _clock.GetUtcNow() < newest.CreatedUtc + _lifetime ? newest : Rotate();
        }
    }

    /// <summary>The key with this id, or null; reads the file again once, for a key another instance just made.</summary>
    public PersonalDataKey? Find(uint id)
    {
        if (_snapshot.ById.TryGetValue(id, out var key))
        {
            return key;
        }
        lock (_gate)
        {
            _snapshot = Load();
            return _snapshot.ById.GetValueOrDefault(id);
        }
    }

    /// <summary>Makes a new data key, unless another thread or instance has just made one.</summary>
    private PersonalDataKey Rotate()
    {
        lock (_gate)
        {
            using var fileLock = LockFile();
            // Another instance may have made a key since this one last looked.
            _snapshot = Load();
            if (_snapshot.Newest is { } newest && _clock.GetUtcNow() < newest.CreatedUtc + _lifetime)
            {
                return newest;
            }
            var stored = ReadStored();
            uint id;
            do
            {
                id = BinaryPrimitives.ReadUInt32BigEndian(RandomNumberGenerator.GetBytes(4));
            }
            while (id == 0 || stored.Any(k => k.Id == id));
            var key = RandomNumberGenerator.GetBytes(32);
            stored.Add(new StoredKey(id, _clock.GetUtcNow(), Convert.ToBase64String(_wrapper.Protect(key))));
            Write(stored);
            _snapshot = Load();
            return _snapshot.ById[id];
        }
    }

    private Snapshot Load()
    {
        var keys = ReadStored().Select(k => new PersonalDataKey(k.Id, k.CreatedUtc, _wrapper.Unprotect(Convert.FromBase64String(k.Wrapped)))).ToList();
        return new Snapshot(keys.MaxBy(k => k.CreatedUtc), keys.ToDictionary(k => k.Id));
    }

    private List<StoredKey> ReadStored() =>
        File.Exists(_path) ? JsonSerializer.Deserialize<List<StoredKey>>(File.ReadAllBytes(_path), Json) ?? [] : [];

    private void Write(List<StoredKey> stored)
    {
        // Written beside and moved over: a crash leaves the old file or the new one, never half of one.
        var temporary = _path + ".tmp";
        File.WriteAllBytes(temporary, JsonSerializer.SerializeToUtf8Bytes(stored, Json));
        OwnerOnly(temporary);
        File.Move(temporary, _path, overwrite: true);
    }

    /// <summary>Serialises key creation between processes sharing the data directory.</summary>
    private FileStream LockFile()
    {
        var path = _path + ".lock";
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                var stream = new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
                OwnerOnly(path);
                return stream;
            }
            catch (IOException) when (attempt < 100)
            {
                Thread.Sleep(50);
            }
        }
    }

    private static void OwnerOnly(string path)
    {
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }
    }

    private sealed record StoredKey(uint Id, DateTimeOffset CreatedUtc, string Wrapped);

    private sealed record Snapshot(PersonalDataKey? Newest, Dictionary<uint, PersonalDataKey> ById);
}
