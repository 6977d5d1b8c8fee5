using System.Net;
using CongDongSo.Tests.Infrastructure;
using CongDongSo.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace CongDongSo.Tests.Features.FieldWork;

public sealed class RecordSessionPageTests(AppFactory app) : IClassFixture<AppFactory>, IAsyncLifetime
{
    private Member _deputy = null!;

    public async Task InitializeAsync()
    {
        _deputy = await FieldKit.DeputyHx1Async(app);
        await FieldKit.LinkAsync(app, World.Users.MemberHx1, _deputy.Id);
    }

    public Task DisposeAsync() => Task.CompletedTask;

    [DbFact]
    public async Task The_form_puts_first_the_activities_the_household_still_needs_and_folds_the_rest()
    {
        var household = await FieldKit.HouseholdAsync(app, app.World.HxTdp1, "3 Trần Nam Trung", ("Phan Văn Mười", 1980));
        await app.WithDbAsync(async db =>
        {
            var vneid = await db.ReadinessItems.Where(i => i.CommuneId == null && i.Code == "vneid").Select(i => i.Id).SingleAsync();
            db.ReadinessEvents.Add(new ReadinessEvent
            {
                CommuneId = app.World.HoaXuan.Id, NeighbourhoodId = app.World.HxTdp1.Id, ResidentId = household.Residents[0].Id, ItemId = vneid,
                Value = "level2", OccurredAtUtc = app.Clock.GetUtcNow().UtcDateTime.AddDays(-1), RecordedAtUtc = app.Clock.GetUtcNow().UtcDateTime,
                Verification = Verification.SeenOnDevice,
            });
            await db.SaveChangesAsync();
        });
        var client = await app.SignInAsync(World.Users.MemberHx1);

        var form = await client.GetDocumentAsync($"/field/record?householdId={household.Id}");

        var first = form.QuerySelectorAll("#Input_ActivityCodes > label input").Select(i => i.GetAttribute("value")).ToList();
        var folded = form.QuerySelectorAll("#Input_ActivityCodes details.more-activities input").Select(i => i.GetAttribute("value")).ToList();
        Assert.Contains("open_payment", first);
        Assert.DoesNotContain("install_vneid", first); // VNeID level 2 already
        Assert.Contains("install_vneid", folded);
        Assert.Contains("fraud_warning", folded); // records no status
        Assert.Null(form.QuerySelector("details.more-activities")!.GetAttribute("open"));
    }

    [DbFact]
    public async Task Recording_through_the_page_writes_the_session_its_rows_and_the_readiness_events()
    {
        var household = await FieldKit.HouseholdAsync(app, app.World.HxTdp1, "12 Nguyễn Phước Lan", ("Trần Văn Bảy", 1952), ("Nguyễn Thị Tám", 1956));
        var (bay, tam) = (household.Residents[0].Id, household.Residents[1].Id);
        var client = await app.SignInAsync(World.Users.MemberHx1);
        var url = $"/field/record?householdId={household.Id}";
        var form = await client.GetDocumentAsync(url);
        // The member is present by default, the place starts at door to door, the time is now in Vietnam.
        Assert.NotNull(form.QuerySelector($"input[name='Input.MemberIds'][value='{_deputy.Id}'][checked]"));
        Assert.NotNull(form.QuerySelector("input[name='Input.Place'][value='DoorToDoor'][checked]"));
        Assert.Equal(app.Clock.GetUtcNow().ToOffset(TimeSpan.FromHours(7)).ToString("yyyy-MM-ddTHH:mm", System.Globalization.CultureInfo.InvariantCulture),
            form.FieldValue("Input.OccurredAt"));

        var response = await FieldKit.SubmitAsync(client, url,
            ("Input.ResidentIds", bay.ToString()), ("Input.ResidentIds", tam.ToString()),
            ("Input.ActivityCodes", "install_vneid"), ("Input.ActivityCodes", "open_payment"), ("Input.ActivityCodes", "fraud_warning"),
            ("Input.OccurredAt", "2026-11-20T08:30"), ("Input.Note", "Hai bác  đã cài VNeID"));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var location = response.Headers.Location!.PathAndQuery();
        Assert.StartsWith("/field/record?saved=", location, StringComparison.Ordinal);
        var done = await client.GetDocumentAsync(location);
        Assert.Contains("Đã ghi lượt hỗ trợ", done.Text(), StringComparison.Ordinal);
        Assert.Equal(url, done.QuerySelector("[data-testid=again]")!.GetAttribute("href"));
        // What changed, person by person.
        var changes = done.QuerySelectorAll("[data-testid=changes] li").Select(li => li.TextContent.Trim()).Order(StringComparer.Ordinal).ToList();
        Assert.Contains("Tài khoản định danh điện tử VNeID – Mức 1: Trần Văn Bảy", changes);
        Assert.Contains("Tài khoản định danh điện tử VNeID – Mức 1: Nguyễn Thị Tám", changes);
        Assert.Equal(4, changes.Count);

        var sessionId = Guid.Parse(location["/field/record?saved=".Length..]);
        var stored = await app.WithDbAsync(async db => new
        {
            Session = await db.SupportSessions.AsNoTracking().SingleAsync(s => s.Id == sessionId),
            Members = await db.SupportSessionMembers.Where(x => x.SessionId == sessionId).Select(x => x.MemberId).ToListAsync(),
            Residents = await db.SupportSessionResidents.Where(x => x.SessionId == sessionId).Select(x => x.ResidentId).ToListAsync(),
            Activities = await db.SupportSessionActivities.Where(x => x.SessionId == sessionId)
                .Join(db.SupportActivities, x => x.ActivityId, a => a.Id, (x, a) => a.Code).ToListAsync(),
            Events = await db.ReadinessEvents.AsNoTracking().Where(e => e.SessionId == sessionId)
                .Join(db.ReadinessItems, e => e.ItemId, i => i.Id, (e, i) => new { Event = e, Item = i.Code }).ToListAsync(),
        });
        var session = stored.Session;
        Assert.Equal(app.World.HxTeam1.Id, session.TeamId);
        Assert.Equal(household.Id, session.HouseholdId);
        Assert.Equal(app.World.HxTdp1.Id, session.NeighbourhoodId);
        Assert.Equal(SupportPlace.DoorToDoor, session.Place);
        Assert.Equal(new DateTime(2026, 11, 20, 1, 30, 0), DateTime.SpecifyKind(session.OccurredAtUtc, DateTimeKind.Unspecified));
        Assert.Equal("Hai bác đã cài VNeID", session.Note);
        Assert.Equal([_deputy.Id], stored.Members);
        Assert.Equal(new[] { bay, tam }.Order(), stored.Residents.Order());
        Assert.Equal(["fraud_warning", "install_vneid", "open_payment"], stored.Activities.Order(StringComparer.Ordinal));
        // Two items changed for two residents; the fraud warning changes no status.
        Assert.Equal(4, stored.Events.Count);
        Assert.Equal([("payment", "yes"), ("payment", "yes"), ("vneid", "level1"), ("vneid", "level1")],
            stored.Events.Select(e => (e.Item, e.Event.Value)).Order());
        Assert.All(stored.Events, e =>
        {
            Assert.Equal(session.OccurredAtUtc, e.Event.OccurredAtUtc);
            Assert.Equal(_deputy.Id, e.Event.HelpedByMemberId);
            Assert.Equal(Verification.SeenOnDevice, e.Event.Verification);
            Assert.Equal(app.World.HxTdp1.Id, e.Event.NeighbourhoodId);
            Assert.Equal(session.RecordedByUserId, e.Event.RecordedByUserId);
        });
        Assert.Equal(new[] { bay, bay, tam, tam }.Order(), stored.Events.Select(e => e.Event.ResidentId!.Value).Order());

        // The resident's and the household's pages list the session and what it changed for them.
        var officer = await app.SignInAsync(World.Users.WardHoaXuan);
        var residentPage = await officer.GetDocumentAsync($"/residents/{bay}");
        var line = residentPage.QuerySelector($"[data-testid=session-history] [data-session='{sessionId}']")!;
        Assert.Contains("20/11/2026 08:30", line.TextContent, StringComparison.Ordinal);
        Assert.Contains(_deputy.FullName, line.TextContent, StringComparison.Ordinal);
        Assert.Contains("Tài khoản định danh điện tử VNeID – Mức 1", line.QuerySelector("[data-testid=changes]")!.TextContent, StringComparison.Ordinal);
        Assert.DoesNotContain("Nguyễn Thị Tám", line.TextContent, StringComparison.Ordinal);
        var householdPage = await officer.GetDocumentAsync($"/households/{household.Id}");
        Assert.Contains("Nguyễn Thị Tám: ", householdPage.QuerySelector($"[data-testid=session-history] [data-session='{sessionId}'] [data-testid=changes]")!.TextContent,
            StringComparison.Ordinal);
    }

    [DbFact]
    public async Task Sending_the_same_form_twice_stores_one_session()
    {
        var household = await FieldKit.HouseholdAsync(app, app.World.HxTdp1, "3 Kiệt 5 Trần Nam Trung", ("Võ Văn Năm", 1948));
        var client = await app.SignInAsync(World.Users.MemberHx1);
        var url = $"/field/record?householdId={household.Id}";
        var document = await client.GetDocumentAsync(url);
        var fields = new Dictionary<string, string?> { ["Input.ActivityCodes"] = "teach_skills" };

        var first = await client.SubmitFormAsync(document, url, fields);
        var second = await client.SubmitFormAsync(document, url, fields);

        Assert.Equal(HttpStatusCode.Redirect, first.StatusCode);
        Assert.Equal(first.Headers.Location, second.Headers.Location);
        Assert.Equal(1, await app.WithDbAsync(db => db.SupportSessions.CountAsync(s => s.HouseholdId == household.Id)));
        // A household with one resident has them ticked: one event for them, not two.
        Assert.Equal(1, await app.WithDbAsync(db => db.ReadinessEvents.CountAsync(e => e.ResidentId == household.Residents[0].Id)));
    }

    [DbFact]
    public async Task The_picker_shows_assigned_households_first_and_finds_others_without_diacritics()
    {
        var mine = await FieldKit.HouseholdAsync(app, app.World.HxTdp1, "45 Trần Nam Trung", ("Lê Thị Hoa", 1978));
        var other = await FieldKit.HouseholdAsync(app, app.World.HxTdp1, "88 Nguyễn Phước Lan", ("Đặng Thị Lụa", 1965), ("Phạm Minh Khôi", 2004));
        var sibling = await FieldKit.HouseholdAsync(app, app.World.HxTdp2, "9 Lê Văn Linh", ("Đặng Văn Lực", 1970));
        await FieldKit.AssignAsync(app, app.World.HxTeam1, mine.Id, _deputy.Id);
        var client = await app.SignInAsync(World.Users.MemberHx1);

        var picker = await client.GetDocumentAsync("/field/record");
        var assigned = picker.QuerySelectorAll("[data-testid=assigned] a").Select(a => a.GetAttribute("href")).ToList();
        Assert.Contains($"/field/record?householdId={mine.Id}", assigned);
        Assert.DoesNotContain($"/field/record?householdId={other.Id}", assigned);

        // A resident's name, typed without marks, finds the household; another team's household is not there.
        var byResident = await client.GetDocumentAsync("/field/record?q=pham%20minh%20khoi");
        Assert.Equal([$"/field/record?householdId={other.Id}"], byResident.QuerySelectorAll("[data-testid=found] a").Select(a => a.GetAttribute("href")));
        var byAddress = await client.GetDocumentAsync("/field/record?q=88%20NGUYEN%20PHUOC");
        Assert.Contains($"/field/record?householdId={other.Id}", byAddress.QuerySelectorAll("[data-testid=found] a").Select(a => a.GetAttribute("href")));
        var byHead = await client.GetDocumentAsync("/field/record?q=dang");
        var found = byHead.QuerySelectorAll("[data-testid=found] a").Select(a => a.GetAttribute("href")).ToList();
        Assert.Contains($"/field/record?householdId={other.Id}", found);
        Assert.DoesNotContain($"/field/record?householdId={sibling.Id}", found);
    }

    [DbFact]
    public async Task Another_teams_household_does_not_exist_and_a_forged_one_is_refused_with_nothing_written()
    {
        var mine = await FieldKit.HouseholdAsync(app, app.World.HxTdp1, "1 Hồ Sĩ Dương", ("Ngô Thị Mơ", 1960));
        var sibling = await FieldKit.HouseholdAsync(app, app.World.HxTdp2, "2 Hồ Sĩ Dương", ("Ngô Văn Ba", 1961));
        var client = await app.SignInAsync(World.Users.MemberHx1);
        await client.GetDocumentAsync($"/field/record?householdId={sibling.Id}", HttpStatusCode.NotFound);

        var url = $"/field/record?householdId={mine.Id}";
        var response = await client.SubmitFormAsync(url, new Dictionary<string, string?>
        {
            ["Input.HouseholdId"] = sibling.Id.ToString(),
            ["Input.ResidentIds"] = sibling.Residents[0].Id.ToString(),
            ["Input.ActivityCodes"] = "install_vneid",
        });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var errors = (await Browser.ParseAsync(response)).Errors();
        Assert.Contains("Không tìm thấy trong địa bàn của bạn.", errors);
        Assert.False(await app.WithDbAsync(db => db.SupportSessions.AnyAsync(s => s.HouseholdId == sibling.Id)));
        Assert.False(await app.WithDbAsync(db => db.ReadinessEvents.AnyAsync(e => e.ResidentId == sibling.Residents[0].Id)));
    }

    [DbFact]
    public async Task Missing_choices_and_a_future_time_are_field_errors()
    {
        var household = await FieldKit.HouseholdAsync(app, app.World.HxTdp1, "5 Hồ Sĩ Dương", ("Ngô Thị Bé", 1990));
        var client = await app.SignInAsync(World.Users.MemberHx1);
        var url = $"/field/record?householdId={household.Id}";

        var response = await FieldKit.SubmitAsync(client, url, ("Input.OccurredAt", "2026-11-20T10:00"));

        var errors = (await Browser.ParseAsync(response)).Errors();
        Assert.Contains("Vui lòng chọn ít nhất một việc đã làm.", errors);
        Assert.Contains("Thời gian hỗ trợ không được sau thời điểm hiện tại.", errors);
        Assert.False(await app.WithDbAsync(db => db.SupportSessions.AnyAsync(s => s.HouseholdId == household.Id)));
    }

    [DbFact]
    public async Task The_ward_officer_records_for_the_neighbourhoods_team_and_the_place_is_remembered()
    {
        var household = await FieldKit.HouseholdAsync(app, app.World.HxTdp2, "20 Lê Văn Linh", ("Trương Thị Nga", 1980));
        var client = await app.SignInAsync(World.Users.WardHoaXuan);
        var url = $"/field/record?householdId={household.Id}";

        var response = await FieldKit.SubmitAsync(client, url,
            ("Input.ActivityCodes", "dvc_account"), ("Input.MemberIds", app.World.HxTeam2Leader.Id.ToString()), ("Input.Place", "CommunityHouse"));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var session = await app.WithDbAsync(db => db.SupportSessions.AsNoTracking().SingleAsync(s => s.HouseholdId == household.Id));
        Assert.Equal(app.World.HxTeam2.Id, session.TeamId);
        Assert.Equal(SupportPlace.CommunityHouse, session.Place);
        var again = await client.GetDocumentAsync(url);
        Assert.NotNull(again.QuerySelector("input[name='Input.Place'][value='CommunityHouse'][checked]"));
    }

    [DbFact]
    public async Task A_ward_leader_may_not_record()
    {
        var client = await app.SignInAsync(World.Users.LeaderHoaXuan);
        (await client.GetAsync("/field/record")).AssertForbidden();
    }
}
