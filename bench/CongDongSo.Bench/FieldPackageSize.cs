using System.Diagnostics;
using System.Globalization;
using System.IO.Compression;
using System.Text.Json;
using CongDongSo.Web.Data;
using CongDongSo.Web.Features.FieldWork;
using CongDongSo.Web.Infrastructure.Auth;
using CongDongSo.Web.Infrastructure.Text;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace CongDongSo.Bench;

/// <summary>
/// The size of the offline package (GET /api/v1/field/package) of a member with N assigned
/// households (default 1,000, about 3.4 residents each, some readiness already reached), built by
/// the app's own code over a fresh SQLite database.
/// </summary>
internal static class FieldPackageSize
{
    private static readonly string[] s_families = ["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Huỳnh", "Phan", "Vũ", "Võ", "Đặng", "Bùi", "Đỗ", "Hồ", "Ngô", "Dương", "Lý"];
    private static readonly string[] s_middles = ["Văn", "Thị", "Minh", "Ngọc", "Thanh", "Đức", "Thị Thu", "Quốc", "Hữu", "Thị Kim"];
    private static readonly string[] s_givens = ["An", "Bình", "Cường", "Dũng", "Hà", "Hải", "Hạnh", "Hoa", "Hùng", "Khánh", "Lan", "Linh", "Long", "Mai", "Nam", "Nga", "Phúc", "Quân", "Sơn", "Tâm", "Thảo", "Trang", "Tuấn", "Yến"];
    private static readonly string[] s_streets = ["Nguyễn Phước Lan", "Trần Nam Trung", "Lê Văn Linh", "Hồ Sĩ Dương", "Phạm Hùng", "Cách Mạng Tháng Tám"];
    private static readonly int[] s_sizes = [2, 3, 4, 5, 3, 4, 2, 6, 1, 4];
    /// <summary>What the API writes with: ASP.NET Core's JSON defaults (web naming, Vietnamese left as UTF-8).</summary>
    private static readonly JsonSerializerOptions s_served = new Microsoft.AspNetCore.Http.Json.JsonOptions().SerializerOptions;

    public static async Task<int> RunAsync(string[] args)
    {
        var count = int.TryParse(args.ElementAtOrDefault(1), CultureInfo.InvariantCulture, out var n) && n > 0 ? n : 1000;
        var folder = Directory.CreateTempSubdirectory("cds-bench-").FullName;
        var connection = $"Data Source={Path.Combine(folder, "bench.db")}";
        try
        {
            var (user, provinceId, communeId, neighbourhoodId) = await ArrangeAsync(connection, count);
            var options = new DbContextOptionsBuilder<AppDbContext>();
            DataSetup.Configure(options, DatabaseProvider.Sqlite, connection);
            var scope = new AreaScope();
            scope.SetUser(user, [provinceId], [communeId], neighbourhoodId);
            await using var db = new AppDbContext(options.Options, scope, TimeProvider.System);

            await FieldPackage.BuildAsync(db, TimeProvider.System, FieldPackage.DefaultMaxOfflineDays); // warm-up
            var watch = Stopwatch.StartNew();
            var package = await FieldPackage.BuildAsync(db, TimeProvider.System, FieldPackage.DefaultMaxOfflineDays);
            watch.Stop();

            var served = JsonSerializer.SerializeToUtf8Bytes(package, s_served);
            var residents = package.Households.Sum(h => h.Residents.Count);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"field package: {package.Households.Count} households, {residents} residents, {package.Activities.Count} activities, built in {watch.Elapsed.TotalMilliseconds:0} ms"));
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"  JSON: {Kb(served.Length)} raw; as the server sends it (level Optimal): {Compressed(served, brotli: true, CompressionLevel.Optimal)} Brotli, {Compressed(served, brotli: false, CompressionLevel.Optimal)} gzip; at level Fastest: {Compressed(served, brotli: true, CompressionLevel.Fastest)} Brotli, {Compressed(served, brotli: false, CompressionLevel.Fastest)} gzip; per household {served.Length / Math.Max(1, package.Households.Count):N0} bytes raw"));
            return 0;
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            Directory.Delete(folder, recursive: true);
        }
    }

    private static string Kb(long bytes) => string.Create(CultureInfo.InvariantCulture, $"{bytes / 1024.0:0.0} KB ({bytes:N0} bytes)");

    /// <summary>The compressed size and the time it took (best of 5, after a warm-up).</summary>
    private static string Compressed(byte[] data, bool brotli, CompressionLevel level)
    {
        var best = TimeSpan.MaxValue;
        long size = 0;
        for (var i = 0; i < 6; i++)
        {
            var started = Stopwatch.GetTimestamp();
            using var output = new MemoryStream();
            using (Stream compressor = brotli ? new BrotliStream(output, level, leaveOpen: true) : new GZipStream(output, level, leaveOpen: true))
            {
                compressor.Write(data);
            }
            size = output.Length;
            best = i == 0 ? best : TimeSpan.FromTicks(Math.Min(best.Ticks, Stopwatch.GetElapsedTime(started).Ticks));
        }
        return string.Create(CultureInfo.InvariantCulture, $"{Kb(size)} in {best.TotalMilliseconds:0.0} ms");
    }

    private static async Task<(AppUser User, int ProvinceId, int CommuneId, Guid NeighbourhoodId)> ArrangeAsync(string connection, int count)
    {
        await using var db = Commands.NewContext(DatabaseProvider.Sqlite, connection);
        await db.MigrateAsync();
        await ReferenceData.SeedAsync(db);
        // Made up data in bulk: one summary is enough, the row-by-row audit only slows the set-up.
        db.SkipRowAudit = true;
        var now = DateTime.UtcNow;
        var province = new Province { Code = "48", Name = "Thành phố Đà Nẵng", EffectiveFrom = new DateOnly(2025, 7, 1) };
        var commune = new Commune { Province = province, Code = "20314", Name = "Phường Hòa Xuân", Level = CommuneLevel.Phuong, EffectiveFrom = new DateOnly(2025, 7, 1) };
        db.AddRange(province, commune);
        await db.SaveChangesAsync();
        var neighbourhood = new Neighbourhood { CommuneId = commune.Id, Name = "Tổ dân phố số 1", EffectiveFrom = new DateOnly(2025, 7, 1) };
        var team = new Team { CommuneId = commune.Id, NeighbourhoodId = neighbourhood.Id, Name = "Tổ CNSCĐ Tổ dân phố số 1", EstablishedOn = new DateOnly(2025, 8, 15) };
        var affiliation = await db.Affiliations.Select(a => a.Id).FirstAsync();
        var user = new AppUser
        {
            UserName = "0905111002", FullName = "Trần Minh Quân", Role = Role.TeamMember, ScopeCommuneId = commune.Id, ScopeTeamId = team.Id, CreatedAtUtc = now,
        };
        var members = Enumerable.Range(0, 8).Select(i => new Member
        {
            CommuneId = commune.Id, TeamId = team.Id, FullName = Name(i * 7), AffiliationId = affiliation, JoinedOn = new DateOnly(2025, 8, 15),
            Position = i == 0 ? MemberPosition.Leader : MemberPosition.Member, UserId = i == 1 ? user.Id : null,
        }).ToList();
        db.AddRange(neighbourhood, team, user);
        db.AddRange(members);
        await db.SaveChangesAsync();

        var items = await db.ReadinessItems.ToDictionaryAsync(i => i.Code, i => i.Id);
        var resident = 0;
        for (var h = 0; h < count; h++)
        {
            var household = new Household
            {
                CommuneId = commune.Id, NeighbourhoodId = neighbourhood.Id, Code = $"HX-TDP01-{h + 1:0000}",
                Address = $"{h % 120 + 1} Kiệt {h % 37 + 1} {s_streets[h % s_streets.Length]}", CreatedAtUtc = now, UpdatedAtUtc = now,
            };
            for (var r = 0; r < s_sizes[h % s_sizes.Length]; r++, resident++)
            {
                var person = new Resident
                {
                    CommuneId = commune.Id, NeighbourhoodId = neighbourhood.Id, FullName = Name(resident), BirthYear = 1940 + resident * 7 % 80,
                    Relation = r == 0 ? RelationToHead.Head : RelationToHead.Child, CreatedAtUtc = now, UpdatedAtUtc = now,
                };
                person.SearchName = VietnameseText.Fold(person.FullName);
                household.Residents.Add(person);
                // Some of what the plans track is already reached, as in a ward a year into its plan.
                foreach (var (code, value, every) in new[] { ("smartphone", "yes", 1), ("sim4g", "yes", 2), ("vneid", "level2", 3), ("payment", "yes", 2), ("vneid", "level1", 5) })
                {
                    if (resident % every == 0)
                    {
                        db.ReadinessEvents.Add(new ReadinessEvent
                        {
                            CommuneId = commune.Id, NeighbourhoodId = neighbourhood.Id, ResidentId = person.Id, ItemId = items[code], Value = value,
                            OccurredAtUtc = now.AddDays(-resident % 300), RecordedAtUtc = now, Verification = Verification.SelfReported,
                        });
                    }
                }
            }
            household.HeadResidentId = household.Residents[0].Id;
            household.SearchText = VietnameseText.Fold($"{household.Code} {household.Address} {household.Residents[0].FullName}");
            db.Households.Add(household);
            db.HouseholdAssignments.Add(new HouseholdAssignment
            {
                CommuneId = commune.Id, TeamId = team.Id, HouseholdId = household.Id, MemberId = members[1].Id, AssignedAtUtc = now,
            });
            if (h % 3 == 0)
            {
                db.SupportSessions.Add(new SupportSession
                {
                    CommuneId = commune.Id, Id = Guid.CreateVersion7(), TeamId = team.Id, NeighbourhoodId = neighbourhood.Id, HouseholdId = household.Id,
                    OccurredAtUtc = now.AddDays(-h % 60), RecordedByUserId = user.Id, RecordedAtUtc = now,
                });
            }
            if (h % 200 == 199)
            {
                await db.SaveChangesAsync();
                db.ChangeTracker.Clear();
            }
        }
        await db.SaveChangesAsync();
        return (user, province.Id, commune.Id, neighbourhood.Id);
    }

    private static string Name(int i) =>
        $"{s_families[i % s_families.Length]} {s_middles[i / 3 % s_middles.Length]} {s_givens[i / 7 % s_givens.Length]}";
}
