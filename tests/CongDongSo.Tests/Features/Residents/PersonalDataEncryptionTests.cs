using System.Security.Cryptography;
using System.Text;
using CongDongSo.Tests.Infrastructure;
using CongDongSo.Web.Infrastructure.Privacy;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.Configuration;

namespace CongDongSo.Tests.Features.Residents;

/// <summary>Citizen IDs and phones at rest: AES-256-GCM under rotated data keys wrapped by the Data Protection key ring.</summary>
public sealed class PersonalDataEncryptionTests : IDisposable
{
    private readonly DirectoryInfo _folder = Directory.CreateTempSubdirectory("cds-personal-data-");
    private readonly TestClock _clock = new(new DateTimeOffset(2026, 11, 20, 2, 0, 0, TimeSpan.Zero));
    private readonly IDataProtectionProvider _keyRing;
    private readonly IConfiguration _configuration;

    public PersonalDataEncryptionTests()
    {
        _keyRing = DataProtectionProvider.Create(_folder.CreateSubdirectory("keys"));
        _configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Storage:DataDirectory"] = _folder.FullName,
            ["Security:PersonalDataKeyLifetime"] = "90.00:00:00",
        }).Build();
    }

    public void Dispose() => _folder.Delete(recursive: true);

    private (PersonalDataKeyRing Keys, PersonalDataProtector Protector) Start()
    {
        var keys = new PersonalDataKeyRing(_keyRing, _configuration, _clock);
        return (keys, new PersonalDataProtector(keys, _keyRing, _configuration));
    }

    private string KeyFile => Path.Combine(_folder.FullName, "secrets", "personal-data-keys.json");

    [Fact]
    public void A_value_comes_back_and_never_encrypts_the_same_way_twice()
    {
        var (_, protector) = Start();

        var first = protector.Encrypt("048301246802")!;
        var second = protector.Encrypt("048301246802")!;

        Assert.Equal("048301246802", protector.Decrypt(first));
        Assert.Equal("048301246802", protector.Decrypt(second));
        Assert.NotEqual(first, second);
        Assert.Equal(0x02, first[0]);
        Assert.Equal(5 + 12 + 16 + 12, first.Length);
        Assert.DoesNotContain("048301246802", Encoding.Latin1.GetString(first), StringComparison.Ordinal);
        Assert.Equal("Nguyễn Thị Hồng", protector.Decrypt(protector.Encrypt("Nguyễn Thị Hồng")));
        Assert.Null(protector.Encrypt(null));
        Assert.Null(protector.Decrypt(null));
    }

    [Theory]
    [InlineData(0)] // format
    [InlineData(2)] // key id
    [InlineData(7)] // nonce
    [InlineData(20)] // tag
    [InlineData(40)] // the encrypted value
    public void An_altered_byte_anywhere_is_refused(int index)
    {
        var (_, protector) = Start();
        var cipher = protector.Encrypt("0935246802")!;

        cipher[index] ^= 0x01;

        Assert.ThrowsAny<CryptographicException>(() => protector.Decrypt(cipher));
    }

    [Fact]
    public void Ciphers_written_by_data_protection_before_still_decrypt()
    {
        var (_, protector) = Start();
        var legacy = _keyRing.CreateProtector("CongDongSo.PersonalData.v1").Protect(Encoding.UTF8.GetBytes("079203001234"));

        Assert.Equal("079203001234", protector.Decrypt(legacy));
    }

    [Fact]
    public void An_expired_key_is_replaced_and_still_decrypts_after_a_restart()
    {
        var (keys, protector) = Start();
        var old = protector.Encrypt("048301246802")!;
        var oldKey = keys.Current;

        _clock.Advance(TimeSpan.FromDays(91));
        var fresh = protector.Encrypt("0935246802")!;

        Assert.NotEqual(oldKey.Id, keys.Current.Id);
        Assert.NotEqual(old.AsSpan(1, 4).ToArray(), fresh.AsSpan(1, 4).ToArray());
        var (_, restarted) = Start();
        Assert.Equal("048301246802", restarted.Decrypt(old));
        Assert.Equal("0935246802", restarted.Decrypt(fresh));
        // The file holds the keys only wrapped by the key ring.
        var file = File.ReadAllText(KeyFile);
        foreach (var key in new[] { oldKey, keys.Current })
        {
            Assert.DoesNotContain(Convert.ToBase64String(key.Key), file, StringComparison.Ordinal);
            Assert.DoesNotContain(Convert.ToHexString(key.Key), file, StringComparison.OrdinalIgnoreCase);
        }
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(KeyFile));
        }
    }

    [Fact]
    public void A_key_made_by_another_server_sharing_the_data_directory_is_found()
    {
        var (_, here) = Start();
        var (_, there) = Start();

        var written = there.Encrypt("0905111002")!;

        Assert.Equal("0905111002", here.Decrypt(written));
        // And the first server encrypts with the same key instead of making one of its own.
        Assert.Equal(written.AsSpan(1, 4).ToArray(), here.Encrypt("0905111003")!.AsSpan(1, 4).ToArray());
    }

    [Fact]
    public void A_cipher_whose_key_is_gone_gives_a_clear_error()
    {
        var (_, protector) = Start();
        var cipher = protector.Encrypt("0905111002")!;
        File.Delete(KeyFile);
        var (_, elsewhere) = Start();

        var error = Assert.ThrowsAny<CryptographicException>(() => elsewhere.Decrypt(cipher));
        Assert.Contains("key", error.Message, StringComparison.OrdinalIgnoreCase);
    }
}
