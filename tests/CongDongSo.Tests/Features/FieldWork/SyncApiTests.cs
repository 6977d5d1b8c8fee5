using System.Net;
using System.Net.Http.Json;
using CongDongSo.Tests.Infrastructure;
using CongDongSo.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace CongDongSo.Tests.Features.FieldWork;

/// <summary>SECURITY.md, Reliability: offline sync is idempotent, answers each item on its own and checks each against the area.</summary>
public sealed class SyncApiTests(AppFactory app) : IClassFixture<AppFactory>, IAsyncLifetime
{
    private static readonly string[] s_vneid = ["install_vneid"];
    private static readonly string[] s_stored = ["created", "duplicate"];
    private static readonly string[] s_shopActivities = ["teach_qr", "fraud_warning"];
    private Member _deputy = null!;

    public async Task InitializeAsync()
    {
        _deputy = await FieldKit.DeputyHx1Async(app);
        await FieldKit.LinkAsync(app, World.Users.MemberHx1, _deputy.Id);
        await FieldKit.LinkAsync(app, World.Users.TeamLeadHx1, app.World.HxTeam1Leader.Id);
    }

    public Task DisposeAsync() => Task.CompletedTask;

    private Task<int> SessionsAsync(params Guid[] ids) => app.WithDbAsync(db => db.SupportSessions.CountAsync(s => ids.Contains(s.Id)));

    private Task<int> EventsAsync(params Guid[] sessionIds) =>
        app.WithDbAsync(db => db.ReadinessEvents.CountAsync(e => e.SessionId != null && sessionIds.Contains(e.SessionId.Value)));

    [DbFact]
    public async Task The_same_batch_sent_three_times_is_stored_once_and_answered_the_same()
    {
        var household = await FieldKit.HouseholdAsync(app, app.World.HxTdp1, "12 Nguyễn Phước Lan", ("Trần Văn Bảy", 1952), ("Nguyễn Thị Tám", 1956));
        var residents = household.Residents.Select(r => r.Id).ToArray();
        var (first, second) = (Guid.CreateVersion7(), Guid.CreateVersion7());
        object[] sessions =
        [
            FieldKit.Session(first, "2026-11-19T09:30:00+07:00", household.Id, residents, ["install_vneid", "open_payment"]),
            FieldKit.Session(second, "2026-11-19T15:00:00+07:00", household.Id, [residents[0]], ["teach_skills"], [_deputy.Id, app.World.HxTeam1Leader.Id]),
        ];
        var client = await app.SignInAsync(World.Users.MemberHx1);

        var responses = new List<HttpResponseMessage>();
        for (var i = 0; i < 3; i++)
        {
            responses.Add(await FieldKit.SyncAsync(client, "batch-three-times", sessions));
        }

        Assert.All(responses, r => Assert.Equal(HttpStatusCode.OK, r.StatusCode));
        var bodies = await Task.WhenAll(responses.Select(r => r.Content.ReadAsStringAsync()));
        Assert.Equal(bodies[0], bodies[1]);
        Assert.Equal(bodies[0], bodies[2]);
        Assert.False(responses[0].Headers.Contains("Idempotent-Replay"));
        Assert.Equal(["true"], responses[1].Headers.GetValues("Idempotent-Replay"));
        Assert.Equal(["true"], responses[2].Headers.GetValues("Idempotent-Replay"));
        var json = await FieldKit.JsonAsync(responses[0]);
        Assert.Equal("batch-three-times", json.GetProperty("idempotencyKey").GetString());
        var results = json.GetProperty("results").EnumerateArray().ToList();
        Assert.Equal([first.ToString(), second.ToString()], results.Select(r => r.GetProperty("id").GetString()));
        Assert.All(results, r => Assert.Equal("created", r.GetProperty("status").GetString()));

        Assert.Equal(2, await SessionsAsync(first, second));
        // Two residents × (VNeID, payment) and one resident × skills.
        Assert.Equal(5, await EventsAsync(first, second));
        Assert.Equal(1, await app.WithDbAsync(db => db.SyncBatches.CountAsync(b => b.IdempotencyKey == "batch-three-times")));
        var members = await app.WithDbAsync(db => db.SupportSessionMembers.Where(m => m.SessionId == second).Select(m => m.MemberId).ToListAsync());
        Assert.Equal(new[] { _deputy.Id, app.World.HxTeam1Leader.Id }.Order(), members.Order());
        var helpedBy = await app.WithDbAsync(db => db.ReadinessEvents.Where(e => e.SessionId == first).Select(e => e.HelpedByMemberId).Distinct().ToListAsync());
        Assert.Equal([_deputy.Id], helpedBy);
    }

    [DbTheory]
    [InlineData("0001-01-01")]
    [InlineData("0001-01-01T00:00:00")]
    [InlineData("0001-01-01T00:00:00+14:00")]
    [InlineData("9999-12-31T23:59:59")]
    [InlineData("9999-12-31T23:59:59-12:00")]
    [InlineData("1999-12-31T10:00:00+07:00")]
    public async Task A_date_out_of_range_rejects_its_own_item_and_the_batch_is_answered(string occurredAt)
    {
        var household = await FieldKit.HouseholdAsync(app, app.World.HxTdp1, "7 Lê Văn Hiến", ("Võ Văn Sáu", 1960));
        var (bad, good) = (Guid.CreateVersion7(), Guid.CreateVersion7());
        var client = await app.SignInAsync(World.Users.MemberHx1);
        var key = "far-date-" + occurredAt;

        var response = await FieldKit.SyncAsync(client, key,
            FieldKit.Session(bad, occurredAt, household.Id, [household.Residents[0].Id], s_vneid),
            FieldKit.Session(good, "2026-11-19T10:00:00+07:00", household.Id, [household.Residents[0].Id], s_vneid));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var results = (await FieldKit.JsonAsync(response)).GetProperty("results").EnumerateArray().ToList();
        Assert.Equal("rejected", results[0].GetProperty("status").GetString());
        Assert.True(results[0].GetProperty("errors").TryGetProperty("occurredAt", out _), results[0].ToString());
        Assert.Equal("created", results[1].GetProperty("status").GetString());
        Assert.Equal(1, await SessionsAsync(bad, good));
        // The answer was stored: sending the batch again replays it instead of failing forever.
        var again = await FieldKit.SyncAsync(client, key,
            FieldKit.Session(bad, occurredAt, household.Id, [household.Residents[0].Id], s_vneid),
            FieldKit.Session(good, "2026-11-19T10:00:00+07:00", household.Id, [household.Residents[0].Id], s_vneid));
        Assert.Equal(["true"], again.Headers.GetValues("Idempotent-Replay"));
    }

    [DbFact]
    public async Task Reusing_an_idempotency_key_for_another_batch_is_refused_with_422()
    {
        var household = await FieldKit.HouseholdAsync(app, app.World.HxTdp1, "9 Lê Văn Hiến", ("Hồ Thị Chín", 1970));
        var resident = household.Residents[0].Id;
        var (first, other) = (Guid.CreateVersion7(), Guid.CreateVersion7());
        var client = await app.SignInAsync(World.Users.MemberHx1);
        Assert.Equal(HttpStatusCode.OK, (await FieldKit.SyncAsync(client, "reused-key", FieldKit.Session(first, "2026-11-19T08:00:00+07:00", household.Id, [resident], s_vneid))).StatusCode);

        var reused = await FieldKit.SyncAsync(client, "reused-key", FieldKit.Session(other, "2026-11-19T09:00:00+07:00", household.Id, [resident], s_vneid));
        var same = await FieldKit.SyncAsync(client, "reused-key", FieldKit.Session(first, "2026-11-19T08:00:00+07:00", household.Id, [resident], s_vneid));

        Assert.Equal(HttpStatusCode.UnprocessableEntity, reused.StatusCode);
        Assert.Equal("application/problem+json", reused.Content.Headers.ContentType?.MediaType);
        Assert.Equal(0, await SessionsAsync(other));
        Assert.Equal(HttpStatusCode.OK, same.StatusCode);
        Assert.Equal(["true"], same.Headers.GetValues("Idempotent-Replay"));
    }

    [DbFact]
    public async Task An_item_outside_the_area_is_refused_and_the_others_are_stored()
    {
        var mine = await FieldKit.HouseholdAsync(app, app.World.HxTdp1, "1 Trần Nam Trung", ("Lê Thị Hoa", 1978));
        var siblingTeams = await FieldKit.HouseholdAsync(app, app.World.HxTdp2, "2 Trần Nam Trung", ("Đinh Văn Hai", 1971));
        var otherCommune = await FieldKit.HouseholdAsync(app, app.World.ClTdp1, "3 Cách Mạng Tháng Tám", ("Phan Thị Ba", 1969));
        var ids = new[] { Guid.CreateVersion7(), Guid.CreateVersion7(), Guid.CreateVersion7(), Guid.CreateVersion7(), Guid.CreateVersion7() };
        var client = await app.SignInAsync(World.Users.MemberHx1);

        var response = await FieldKit.SyncAsync(client, "batch-outside",
            FieldKit.Session(ids[0], "2026-11-19T08:00:00+07:00", mine.Id, [mine.Residents[0].Id], ["install_vneid"]),
            FieldKit.Session(ids[1], "2026-11-19T08:10:00+07:00", siblingTeams.Id, [siblingTeams.Residents[0].Id], ["install_vneid"]),
            FieldKit.Session(ids[2], "2026-11-19T08:20:00+07:00", otherCommune.Id, [otherCommune.Residents[0].Id], ["install_vneid"]),
            // Residents smuggled into an own household's session.
            FieldKit.Session(ids[3], "2026-11-19T08:30:00+07:00", mine.Id, [otherCommune.Residents[0].Id], ["install_vneid"]),
            FieldKit.Session(ids[4], "2026-11-19T08:40:00+07:00", mine.Id, [mine.Residents[0].Id], ["open_payment"]));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var results = (await FieldKit.JsonAsync(response)).GetProperty("results").EnumerateArray().ToList();
        Assert.Equal(["created", "rejected", "rejected", "rejected", "created"], results.Select(r => r.GetProperty("status").GetString()));
        Assert.Equal("Không tìm thấy trong địa bàn của bạn.", results[1].GetProperty("errors").GetProperty("householdId")[0].GetString());
        Assert.Equal("Không tìm thấy trong địa bàn của bạn.", results[2].GetProperty("errors").GetProperty("householdId")[0].GetString());
        Assert.Equal("Không tìm thấy trong địa bàn của bạn.", results[3].GetProperty("errors").GetProperty("residentIds")[0].GetString());
        Assert.Equal(System.Text.Json.JsonValueKind.Null, results[0].GetProperty("errors").ValueKind);
        Assert.Equal(2, await SessionsAsync(ids));
        Assert.Equal(0, await SessionsAsync(ids[1], ids[2], ids[3]));
        Assert.False(await app.WithDbAsync(db => db.ReadinessEvents.AnyAsync(e => e.ResidentId == siblingTeams.Residents[0].Id || e.ResidentId == otherCommune.Residents[0].Id)));
    }

    [DbFact]
    public async Task A_session_already_stored_is_a_duplicate_in_a_new_batch()
    {
        var household = await FieldKit.HouseholdAsync(app, app.World.HxTdp1, "8 Hồ Sĩ Dương", ("Lý Thị Mai", 1985));
        var id = Guid.CreateVersion7();
        var fresh = Guid.CreateVersion7();
        var client = await app.SignInAsync(World.Users.MemberHx1);
        var session = FieldKit.Session(id, "2026-11-18T10:00:00+07:00", household.Id, [household.Residents[0].Id], ["install_etax"]);
        await FieldKit.SyncAsync(client, "first-batch", session);

        var response = await FieldKit.SyncAsync(client, "second-batch", session,
            FieldKit.Session(fresh, "2026-11-18T11:00:00+07:00", household.Id, [household.Residents[0].Id], ["install_vssid"]));

        Assert.False(response.Headers.Contains("Idempotent-Replay"));
        var results = (await FieldKit.JsonAsync(response)).GetProperty("results").EnumerateArray().ToList();
        Assert.Equal(["duplicate", "created"], results.Select(r => r.GetProperty("status").GetString()));
        Assert.Equal(1, await SessionsAsync(id));
        Assert.Equal(1, await EventsAsync(id));
    }

    [DbFact]
    public async Task Two_members_changing_the_same_resident_are_both_kept_and_the_later_occurrence_wins()
    {
        var household = await FieldKit.HouseholdAsync(app, app.World.HxTdp1, "30 Nguyễn Phước Lan", ("Hồ Thị Lan", 1962));
        var resident = household.Residents[0].Id;
        await FieldKit.AssignAsync(app, app.World.HxTeam1, household.Id, _deputy.Id);
        var leader = await app.SignInAsync(World.Users.TeamLeadHx1);
        var member = await app.SignInAsync(World.Users.MemberHx1);

        // The leader helped with level 2 at 10:00 and syncs first; the member's 08:00 visit arrives later.
        var later = FieldKit.Session(Guid.CreateVersion7(), "2026-11-19T10:00:00+07:00", household.Id, [resident], ["vneid_level2"]);
        var earlier = FieldKit.Session(Guid.CreateVersion7(), "2026-11-19T08:00:00+07:00", household.Id, [resident], ["install_vneid"]);
        Assert.Equal(HttpStatusCode.OK, (await FieldKit.SyncAsync(leader, "leader-batch", later)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await FieldKit.SyncAsync(member, "member-batch", earlier)).StatusCode);

        var events = await app.WithDbAsync(db => db.ReadinessEvents.Where(e => e.ResidentId == resident)
            .OrderBy(e => e.OccurredAtUtc).Select(e => new { e.Value, e.HelpedByMemberId, e.RecordedAtUtc }).ToListAsync());
        Assert.Equal(["level1", "level2"], events.Select(e => e.Value));
        Assert.Equal([_deputy.Id, app.World.HxTeam1Leader.Id], events.Select(e => e.HelpedByMemberId!.Value));
        // The package the member carries agrees: VNeID is no longer missing.
        var package = await FieldKit.JsonAsync(await member.GetAsync("/api/v1/field/package"));
        var carried = package.GetProperty("households").EnumerateArray().Single(h => h.GetProperty("id").GetGuid() == household.Id);
        var missing = carried.GetProperty("residents")[0].GetProperty("missing").EnumerateArray().Select(m => m.GetString()).ToList();
        Assert.DoesNotContain("vneid", missing);
        Assert.Contains("payment", missing);
    }

    [DbFact]
    public async Task Malformed_items_are_answered_on_their_own()
    {
        var household = await FieldKit.HouseholdAsync(app, app.World.HxTdp1, "4 Hồ Sĩ Dương", ("Lý Văn Tư", 1975));
        var good = Guid.CreateVersion7();
        var client = await app.SignInAsync(World.Users.MemberHx1);

        var response = await client.PostAsJsonAsync("/api/v1/sync/sessions", new
        {
            idempotencyKey = "malformed",
            sessions = new object?[]
            {
                new { id = "not-a-uuid", occurredAt = "yesterday", place = "Moon", activityCodes = s_vneid },
                FieldKit.Session(Guid.CreateVersion7(), "2026-11-21T09:00:00+07:00", household.Id, [household.Residents[0].Id], ["no_such_activity"]),
                FieldKit.Session(good, "2026-11-20T08:55:00", household.Id, [household.Residents[0].Id], ["install_ehealth"]),
            },
        });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var results = (await FieldKit.JsonAsync(response)).GetProperty("results").EnumerateArray().ToList();
        Assert.Equal(["rejected", "rejected", "created"], results.Select(r => r.GetProperty("status").GetString()));
        Assert.Equal("not-a-uuid", results[0].GetProperty("id").GetString());
        var errors = results[0].GetProperty("errors");
        Assert.True(errors.TryGetProperty("id", out _) && errors.TryGetProperty("occurredAt", out _) && errors.TryGetProperty("place", out _));
        Assert.Equal("Thời gian hỗ trợ không được sau thời điểm hiện tại.", results[1].GetProperty("errors").GetProperty("occurredAt")[0].GetString());
        Assert.Equal("Việc đã làm không có trong danh mục: no_such_activity.", results[1].GetProperty("errors").GetProperty("activityCodes")[0].GetString());
        // No offset: Vietnam time, as the phone showed it. No members: the user's own member row.
        var stored = await app.WithDbAsync(db => db.SupportSessions.Include(s => s.Members).AsNoTracking().SingleAsync(s => s.Id == good));
        Assert.Equal(new DateTime(2026, 11, 20, 1, 55, 0), DateTime.SpecifyKind(stored.OccurredAtUtc, DateTimeKind.Unspecified));
        Assert.Equal([_deputy.Id], stored.Members.Select(m => m.MemberId));
    }

    [DbFact]
    public async Task A_batch_without_a_key_or_with_too_many_sessions_is_a_validation_problem()
    {
        var client = await app.SignInAsync(World.Users.MemberHx1);
        var household = await FieldKit.HouseholdAsync(app, app.World.HxTdp1, "6 Hồ Sĩ Dương", ("Lý Văn Sáu", 1975));
        var tooMany = Enumerable.Range(0, 201)
            .Select(_ => FieldKit.Session(Guid.CreateVersion7(), "2026-11-19T08:00:00+07:00", household.Id, [], ["fraud_warning"]))
            .ToArray();

        var many = await FieldKit.SyncAsync(client, "too-many", tooMany);
        var empty = await client.PostAsJsonAsync("/api/v1/sync/sessions", new { });

        Assert.Equal(HttpStatusCode.BadRequest, many.StatusCode);
        Assert.Equal("application/problem+json", many.Content.Headers.ContentType?.MediaType);
        Assert.True((await FieldKit.JsonAsync(many)).GetProperty("errors").TryGetProperty("sessions", out _));
        var emptyErrors = (await FieldKit.JsonAsync(empty)).GetProperty("errors");
        Assert.True(emptyErrors.TryGetProperty("idempotencyKey", out _) && emptyErrors.TryGetProperty("sessions", out _));
        Assert.False(await app.WithDbAsync(db => db.SupportSessions.AnyAsync(s => s.HouseholdId == household.Id)));
    }

    [DbFact]
    public async Task The_same_batch_sent_twice_at_once_is_stored_once()
    {
        var household = await FieldKit.HouseholdAsync(app, app.World.HxTdp1, "9 Hồ Sĩ Dương", ("Lý Thị Chín", 1979));
        var id = Guid.CreateVersion7();
        var session = FieldKit.Session(id, "2026-11-19T08:00:00+07:00", household.Id, [household.Residents[0].Id], ["install_vneid"]);
        var client = await app.SignInAsync(World.Users.MemberHx1);

        var responses = await Task.WhenAll(FieldKit.SyncAsync(client, "twice-at-once", session), FieldKit.SyncAsync(client, "twice-at-once", session));

        Assert.All(responses, r => Assert.Equal(HttpStatusCode.OK, r.StatusCode));
        foreach (var response in responses)
        {
            var status = (await FieldKit.JsonAsync(response)).GetProperty("results")[0].GetProperty("status").GetString();
            Assert.Contains(status, s_stored);
        }
        Assert.Equal(1, await SessionsAsync(id));
        Assert.Equal(1, await EventsAsync(id));
        Assert.Equal(1, await app.WithDbAsync(db => db.SyncBatches.CountAsync(b => b.IdempotencyKey == "twice-at-once")));
    }

    [DbFact]
    public async Task A_business_and_residents_met_at_an_event_get_their_own_events()
    {
        var business = await app.WithDbAsync(async db =>
        {
            var b = new Business
            {
                CommuneId = app.World.HoaXuan.Id, NeighbourhoodId = app.World.HxTdp1.Id, Name = "Tạp hóa Cô Ba", SearchName = "tap hoa co ba",
                CreatedAtUtc = app.Clock.GetUtcNow().UtcDateTime, UpdatedAtUtc = app.Clock.GetUtcNow().UtcDateTime,
            };
            db.Businesses.Add(b);
            await db.SaveChangesAsync();
            return b;
        });
        var first = await FieldKit.HouseholdAsync(app, app.World.HxTdp1, "10 Hồ Sĩ Dương", ("Lý Văn Mười", 1970));
        var second = await FieldKit.HouseholdAsync(app, app.World.HxTdp1, "11 Hồ Sĩ Dương", ("Lý Thị Mười Một", 1971));
        var (atShop, atEvent, doorWithout) = (Guid.CreateVersion7(), Guid.CreateVersion7(), Guid.CreateVersion7());
        var client = await app.SignInAsync(World.Users.MemberHx1);

        var response = await client.PostAsJsonAsync("/api/v1/sync/sessions", new
        {
            idempotencyKey = "business-and-event",
            sessions = new object[]
            {
                new { id = atShop, occurredAt = "2026-11-19T10:00:00+07:00", place = "DoorToDoor", businessId = business.Id, activityCodes = s_shopActivities },
                FieldKit.Session(atEvent, "2026-11-19T14:00:00+07:00", null, [first.Residents[0].Id, second.Residents[0].Id], ["install_vssid"], place: "Event"),
                FieldKit.Session(doorWithout, "2026-11-19T15:00:00+07:00", null, [first.Residents[0].Id], ["install_vssid"]),
            },
        });

        var results = (await FieldKit.JsonAsync(response)).GetProperty("results").EnumerateArray().ToList();
        Assert.Equal(["created", "created", "rejected"], results.Select(r => r.GetProperty("status").GetString()));
        Assert.Equal("Hỗ trợ tại nhà cần chọn hộ gia đình.", results[2].GetProperty("errors").GetProperty("householdId")[0].GetString());
        var shopEvent = await app.WithDbAsync(db => db.ReadinessEvents.AsNoTracking().SingleAsync(e => e.SessionId == atShop));
        Assert.Equal((business.Id, (Guid?)null, "yes"), (shopEvent.BusinessId!.Value, shopEvent.ResidentId, shopEvent.Value));
        var eventResidents = await app.WithDbAsync(db => db.ReadinessEvents.Where(e => e.SessionId == atEvent).Select(e => e.ResidentId!.Value).ToListAsync());
        Assert.Equal(new[] { first.Residents[0].Id, second.Residents[0].Id }.Order(), eventResidents.Order());
        var eventSession = await app.WithDbAsync(db => db.SupportSessions.AsNoTracking().SingleAsync(s => s.Id == atEvent));
        Assert.Equal((SupportPlace.Event, (Guid?)null, app.World.HxTeam1.Id), (eventSession.Place, eventSession.HouseholdId, eventSession.TeamId));
    }

    [DbFact]
    public async Task Anonymous_callers_get_401_and_a_ward_leader_403()
    {
        var anonymous = app.NewClient();
        Assert.Equal(HttpStatusCode.Unauthorized, (await FieldKit.SyncAsync(anonymous, "anon")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync("/api/v1/field/package")).StatusCode);

        var wardLeader = await app.SignInAsync(World.Users.LeaderHoaXuan);
        Assert.Equal(HttpStatusCode.Forbidden, (await FieldKit.SyncAsync(wardLeader, "leader")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await wardLeader.GetAsync("/api/v1/field/package")).StatusCode);
    }
}
