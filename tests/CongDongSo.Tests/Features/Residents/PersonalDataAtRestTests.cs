using System.Net;
using System.Text;
using CongDongSo.Tests.Infrastructure;
using CongDongSo.Web.Data;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using static CongDongSo.Tests.Features.Households.PopulationKit;

namespace CongDongSo.Tests.Features.Residents;

/// <summary>SECURITY.md, Personal data: no citizen ID and no resident's phone in clear anywhere in the database.</summary>
public sealed class PersonalDataAtRestTests(AppFactory app) : IClassFixture<AppFactory>
{
    private const string CitizenIdNumber = "048301246802";
    private const string Phone = "0935246802";
    private const string Name = "Phan Ngọc Anh";

    [DbFact]
    public async Task Neither_the_citizen_id_nor_the_phone_is_stored_in_clear()
    {
        await UseTheAppAsync();

        if (TestDatabase.Provider == DatabaseProvider.Sqlite)
        {
            var bytes = await ReadSqliteFilesAsync();
            // The scan works: the name is stored in clear and found.
            Assert.True(Contains(bytes, Encoding.UTF8.GetBytes(Name)), "the scan did not find the resident's name");
            foreach (var secret in Secrets())
            {
                Assert.False(Contains(bytes, Encoding.UTF8.GetBytes(secret)), $"found {secret} in clear (UTF-8) in the SQLite files");
                Assert.False(Contains(bytes, Encoding.Unicode.GetBytes(secret)), $"found {secret} in clear (UTF-16) in the SQLite files");
            }
        }
        else
        {
            var texts = await ReadPostgresColumnsAsync();
            Assert.Contains(texts, t => t.Contains(Name, StringComparison.Ordinal));
            foreach (var secret in Secrets())
            {
                var hex = Convert.ToHexStringLower(Encoding.UTF8.GetBytes(secret));
                Assert.DoesNotContain(texts, t => t.Contains(secret, StringComparison.Ordinal));
                Assert.DoesNotContain(texts, t => t.Contains(hex, StringComparison.OrdinalIgnoreCase));
            }
        }
    }

    /// <summary>The ID and phone as typed and as stored: digits, with +84, and their longest tail beyond the kept three.</summary>
    private static string[] Secrets() => [CitizenIdNumber, Phone, Phone[1..], CitizenIdNumber[..9], Phone[..7]];

    /// <summary>Everything that writes or reads a resident: add, correct, reveal the ID, export, record readiness.</summary>
    private async Task UseTheAppAsync()
    {
        var household = await HouseholdAsync(app, app.World.HxTdp1, "AT-001");
        var officer = await app.SignInAsync(World.Users.WardHoaXuan);
        var added = await officer.SubmitFormAsync($"/households/{household.Id}/residents/new", new Dictionary<string, string?>
        {
            ["Input.FullName"] = Name,
            ["Input.BirthDate"] = "08/08/2001",
            ["Input.Gender"] = "Female",
            ["Input.Relation"] = "Head",
            ["Input.CitizenId"] = CitizenIdNumber,
            ["Input.Phone"] = "+84 935 246 802",
            ["Input.Consent"] = "true",
            ["Input.ConsentNote"] = "Ký phiếu đồng ý",
        });
        Assert.Equal(HttpStatusCode.Redirect, added.StatusCode);
        var id = await app.WithDbAsync(db => db.Residents.Where(r => r.HouseholdId == household.Id).Select(r => r.Id).SingleAsync());
        var edited = await officer.SubmitFormAsync($"/residents/{id}/edit", new Dictionary<string, string?> { ["Input.HasDisability"] = "true" });
        Assert.Equal(HttpStatusCode.Redirect, edited.StatusCode);
        var shown = await officer.SubmitFormAsync($"/residents/{id}", new Dictionary<string, string?>());
        Assert.Contains(CitizenIdNumber, await shown.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, (await officer.GetAsync($"/residents/{id}/export")).StatusCode);
        var resident = await app.WithDbAsync(db => db.Residents.SingleAsync(r => r.Id == id));
        await EventAsync(app, resident, "vneid", "level2", Noon(2026, 11, 1));
        await officer.GetDocumentAsync($"/households/{household.Id}");
    }

    private async Task<byte[]> ReadSqliteFilesAsync()
    {
        var path = new SqliteConnectionStringBuilder(app.Database.ConnectionString).DataSource;
        await using (var connection = new SqliteConnection(app.Database.ConnectionString))
        {
            await connection.OpenAsync();
            await using var checkpoint = connection.CreateCommand();
            checkpoint.CommandText = "PRAGMA wal_checkpoint(TRUNCATE);";
            await checkpoint.ExecuteNonQueryAsync();
        }
        using var all = new MemoryStream();
        foreach (var file in new[] { path, path + "-wal" }.Where(File.Exists))
        {
            // Read while the app may still hold the file open.
            await using var stream = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
            await stream.CopyToAsync(all);
        }
        return all.ToArray();
    }

    /// <summary>Every text and bytea column of Residents (bytea as its '\x…' text) and the audit log's texts.</summary>
    private async Task<List<string>> ReadPostgresColumnsAsync()
    {
        await using var connection = new NpgsqlConnection(app.Database.ConnectionString);
        await connection.OpenAsync();
        var texts = new List<string>();
        foreach (var table in new[] { "Residents", "AuditEntries", "ReadinessEvents", "Households" })
        {
            var columns = new List<string>();
            await using (var list = new NpgsqlCommand(
                "SELECT column_name FROM information_schema.columns WHERE table_name = @t AND data_type IN ('text', 'character varying', 'bytea', 'jsonb', 'json')", connection))
            {
                list.Parameters.AddWithValue("t", table);
                await using var reader = await list.ExecuteReaderAsync();
                while (await reader.ReadAsync())
                {
                    columns.Add(reader.GetString(0));
                }
            }
            Assert.NotEmpty(columns);
            foreach (var column in columns)
            {
                await using var select = new NpgsqlCommand($"SELECT \"{column}\"::text FROM \"{table}\" WHERE \"{column}\" IS NOT NULL", connection);
                await using var reader = await select.ExecuteReaderAsync();
                while (await reader.ReadAsync())
                {
                    texts.Add(reader.GetString(0));
                }
            }
        }
        return texts;
    }

    private static bool Contains(byte[] haystack, byte[] needle) => haystack.AsSpan().IndexOf(needle) >= 0;
}
