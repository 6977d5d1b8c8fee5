using System.Net;
using CongDongSo.Tests.Infrastructure;
using CongDongSo.Web.Data;
using CongDongSo.Web.Infrastructure.Privacy;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CongDongSo.Tests.Features.FieldWork;

/// <summary>SECURITY.md, Personal data: offline copies on phones hold only the member's assigned area.</summary>
public sealed class FieldPackageTests(AppFactory app) : IClassFixture<AppFactory>, IAsyncLifetime
{
    private Member _deputy = null!;

    public async Task InitializeAsync()
    {
        _deputy = await FieldKit.DeputyHx1Async(app);
        await FieldKit.LinkAsync(app, World.Users.MemberHx1, _deputy.Id);
    }

    public Task DisposeAsync() => Task.CompletedTask;

    [DbFact]
    public async Task The_package_holds_only_the_members_assigned_households_and_no_id_number_or_phone()
    {
        var assigned = await FieldKit.HouseholdAsync(app, app.World.HxTdp1, "12 Nguyễn Phước Lan", ("Trần Văn Bảy", 1952), ("Phạm Minh Khôi", 2004));
        var colleagues = await FieldKit.HouseholdAsync(app, app.World.HxTdp1, "14 Nguyễn Phước Lan", ("Lê Văn Sáu", 1966));
        var unassigned = await FieldKit.HouseholdAsync(app, app.World.HxTdp1, "16 Nguyễn Phước Lan", ("Lê Văn Bảy", 1967));
        var ended = await FieldKit.HouseholdAsync(app, app.World.HxTdp1, "18 Nguyễn Phước Lan", ("Lê Văn Tám", 1968));
        await FieldKit.AssignAsync(app, app.World.HxTeam1, assigned.Id, _deputy.Id);
        await FieldKit.AssignAsync(app, app.World.HxTeam1, colleagues.Id, app.World.HxTeam1Leader.Id);
        await FieldKit.AssignAsync(app, app.World.HxTeam1, ended.Id, _deputy.Id);
        await app.WithDbAsync(async db =>
        {
            var old = await db.HouseholdAssignments.SingleAsync(a => a.HouseholdId == ended.Id);
            old.EndedAtUtc = app.Clock.GetUtcNow().UtcDateTime;
            await db.SaveChangesAsync();
        });
        var client = await app.SignInAsync(World.Users.MemberHx1);
        var visit = FieldKit.Session(Guid.CreateVersion7(), "2026-11-18T09:30:00+07:00", assigned.Id, [assigned.Residents[0].Id], ["install_vneid", "vneid_level2"]);
        await FieldKit.SyncAsync(client, "before-package", visit);

        var response = await client.GetAsync("/api/v1/field/package");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("no-store", response.Headers.CacheControl?.ToString());
        var text = await response.Content.ReadAsStringAsync();
        var package = await FieldKit.JsonAsync(response);
        Assert.Equal(7, package.GetProperty("maxOfflineDays").GetInt32());
        Assert.Equal(_deputy.Id, package.GetProperty("memberId").GetGuid());
        Assert.Equal(app.World.HxTeam1.Id, package.GetProperty("team").GetProperty("id").GetGuid());
        Assert.Contains(package.GetProperty("members").EnumerateArray(), m => m.GetProperty("id").GetGuid() == app.World.HxTeam1Leader.Id);
        Assert.Contains(package.GetProperty("activities").EnumerateArray(), a => a.GetProperty("code").GetString() == "install_vneid");
        var household = Assert.Single(package.GetProperty("households").EnumerateArray());
        Assert.Equal(assigned.Id, household.GetProperty("id").GetGuid());
        Assert.Equal(assigned.Code, household.GetProperty("code").GetString());
        Assert.Equal("Tổ dân phố số 1", household.GetProperty("neighbourhood").GetString());
        Assert.Equal(new DateTimeOffset(2026, 11, 18, 9, 30, 0, TimeSpan.FromHours(7)), household.GetProperty("lastVisitAt").GetDateTimeOffset());
        var residents = household.GetProperty("residents").EnumerateArray().ToList();
        Assert.Equal(["Trần Văn Bảy", "Phạm Minh Khôi"], residents.Select(r => r.GetProperty("fullName").GetString()));
        Assert.Equal(1952, residents[0].GetProperty("birthYear").GetInt32());
        // Level 2 reached by the visit: VNeID is missing for the son only.
        Assert.DoesNotContain("vneid", residents[0].GetProperty("missing").EnumerateArray().Select(m => m.GetString()));
        Assert.Contains("vneid", residents[1].GetProperty("missing").EnumerateArray().Select(m => m.GetString()));
        Assert.Contains("vneid", household.GetProperty("missing").EnumerateArray().Select(m => m.GetString()));

        // Never an ID number or a phone, in full or as a field.
        var protector = app.Services.GetRequiredService<PersonalDataProtector>();
        var secrets = await app.WithDbAsync(db => db.Residents.Where(r => r.HouseholdId == assigned.Id)
            .Select(r => new { r.CitizenIdCipher, r.PhoneCipher }).ToListAsync());
        foreach (var secret in secrets)
        {
            Assert.DoesNotContain(protector.Decrypt(secret.CitizenIdCipher)!, text, StringComparison.Ordinal);
            Assert.DoesNotContain(protector.Decrypt(secret.PhoneCipher)!, text, StringComparison.Ordinal);
        }
        Assert.DoesNotContain(FieldKit.ResidentPhone, text, StringComparison.Ordinal);
        Assert.DoesNotContain("citizen", text, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain(colleagues.Code, text, StringComparison.Ordinal);
        Assert.DoesNotContain(unassigned.Code, text, StringComparison.Ordinal);
        Assert.DoesNotContain(ended.Code, text, StringComparison.Ordinal);

        // Handing the data to a phone is an export: audited.
        Assert.True(await app.WithDbAsync(db => db.AuditEntries.AnyAsync(a => a.Action == AuditAction.Export && a.EntityType == "FieldPackage"
            && a.EntityId == _deputy.Id.ToString())));
    }

    [DbFact]
    public async Task A_ward_officer_gets_the_catalogue_but_no_households()
    {
        var household = await FieldKit.HouseholdAsync(app, app.World.HxTdp1, "20 Nguyễn Phước Lan", ("Mai Văn Chín", 1959));
        await FieldKit.AssignAsync(app, app.World.HxTeam1, household.Id, _deputy.Id);
        var client = await app.SignInAsync(World.Users.WardHoaXuan);

        var package = await FieldKit.JsonAsync(await client.GetAsync("/api/v1/field/package"));

        Assert.Empty(package.GetProperty("households").EnumerateArray());
        Assert.Equal(System.Text.Json.JsonValueKind.Null, package.GetProperty("memberId").ValueKind);
        Assert.Equal(System.Text.Json.JsonValueKind.Null, package.GetProperty("team").ValueKind);
        Assert.NotEmpty(package.GetProperty("activities").EnumerateArray());
        Assert.Equal("Người dùng " + World.Users.WardHoaXuan, package.GetProperty("user").GetProperty("fullName").GetString());
    }

    [DbFact]
    public async Task The_package_travels_compressed_when_the_phone_accepts_it_and_other_answers_do_not()
    {
        for (var i = 0; i < 30; i++)
        {
            var household = await FieldKit.HouseholdAsync(app, app.World.HxTdp1, $"{i + 1} Lê Văn Hiến", ($"Nguyễn Văn Bảy {i}", 1950 + i), ($"Trần Thị Tám {i}", 1960 + i));
            await FieldKit.AssignAsync(app, app.World.HxTeam1, household.Id, _deputy.Id);
        }
        var client = await app.SignInAsync(World.Users.MemberHx1);
        var plain = await client.GetByteArrayAsync("/api/v1/field/package");

        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/v1/field/package");
        request.Headers.AcceptEncoding.ParseAdd("gzip");
        var response = await client.SendAsync(request);

        Assert.Equal("gzip", Assert.Single(response.Content.Headers.ContentEncoding));
        var compressed = await response.Content.ReadAsByteArrayAsync();
        using var unzipped = new MemoryStream();
        await using (var gzip = new System.IO.Compression.GZipStream(new MemoryStream(compressed), System.IO.Compression.CompressionMode.Decompress))
        {
            await gzip.CopyToAsync(unzipped);
        }
        var package = System.Text.Json.JsonDocument.Parse(unzipped.ToArray()).RootElement;
        var households = System.Text.Json.JsonDocument.Parse(plain).RootElement.GetProperty("households").GetArrayLength();
        Assert.True(households >= 30);
        Assert.Equal(households, package.GetProperty("households").GetArrayLength());
        Assert.True(compressed.Length * 4 < plain.Length, $"{compressed.Length} bytes compressed of {plain.Length}");
        Assert.Equal("no-store", response.Headers.CacheControl?.ToString());

        // Nothing else is compressed (pages carry tokens next to what the user typed: BREACH).
        using var page = new HttpRequestMessage(HttpMethod.Get, "/field");
        page.Headers.AcceptEncoding.ParseAdd("gzip");
        Assert.Empty((await client.SendAsync(page)).Content.Headers.ContentEncoding);
    }
}
