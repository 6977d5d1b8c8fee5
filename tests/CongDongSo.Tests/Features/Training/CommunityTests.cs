using System.Net;
using System.Net.Http.Json;
using CongDongSo.Tests.Features.FieldWork;
using CongDongSo.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace CongDongSo.Tests.Features.Training;

/// <summary>Community events (with photos and the sessions recorded at them) and communication items, inside the team scope.</summary>
public sealed class CommunityTests(AppFactory app) : IClassFixture<AppFactory>, IAsyncLifetime
{
    public Task InitializeAsync() => TrainingKit.LinkAccountsAsync(app);

    public Task DisposeAsync() => Task.CompletedTask;

    private static readonly string[] s_vneid = ["install_vneid"];

    private static string Day(DateTimeOffset moment) => moment.ToOffset(TimeSpan.FromHours(7)).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

    private async Task<Guid> RecordEventAsync(HttpClient client, string title, params (string Name, string FileName, byte[] Content)[] photos)
    {
        var model = await app.WithDbAsync(db => db.CommunityModels.Where(m => m.Code == "weekend_dx").Select(m => m.Id).SingleAsync());
        var response = await TrainingKit.PostMultipartAsync(client, "/activities/new",
        [
            ("Input.ModelId", model.ToString(System.Globalization.CultureInfo.InvariantCulture)), ("Input.Title", title),
            ("Input.Date", Day(app.Clock.GetUtcNow())), ("Input.Starts", "07:30"), ("Input.Ends", "11:00"),
            ("Input.NeighbourhoodIds", app.World.HxTdp1.Id.ToString()), ("Input.Place", "Nhà văn hóa Tổ dân phố số 1"),
            ("Input.ParticipantCount", "45"), ("Input.Partners", "VNPT"),
        ], photos);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        return Guid.Parse(response.Headers.Location!.PathAndQuery()["/activities/".Length..]);
    }

    [DbFact]
    public async Task A_team_leader_records_an_event_with_two_photos_stripped_of_their_location_and_another_team_cannot_see_it()
    {
        var lead1 = await app.SignInAsync(World.Users.TeamLeadHx1);
        var id = await RecordEventAsync(lead1, "Ngày cuối tuần chuyển đổi số tháng 11",
            ("Photos", "IMG_0001.JPG", TestImages.Jpeg(withGps: true)), ("Photos", "IMG_0002.PNG", TestImages.Png()));

        var stored = await app.WithDbAsync(db => db.CommunityEvents.Include(e => e.Photos).Include(e => e.Neighbourhoods).SingleAsync(e => e.Id == id));
        Assert.Equal(app.World.HxTeam1.Id, stored.TeamId); // a team leader's event is their team's
        Assert.Equal(45, stored.ParticipantCount);
        Assert.Equal(app.World.HxTdp1.Id, Assert.Single(stored.Neighbourhoods).NeighbourhoodId);
        Assert.Equal(2, stored.Photos.Count);
        var detail = await lead1.GetDocumentAsync($"/activities/{id}");
        var images = detail.QuerySelectorAll("[data-testid=photos] img").Select(i => i.GetAttribute("src")!).ToList();
        Assert.Equal(2, images.Count);
        var jpeg = await lead1.GetByteArrayAsync(images[0]);
        Assert.Equal(0xFF, jpeg[0]);
        Assert.Equal(-1, jpeg.AsSpan().IndexOf("GPSLAT"u8)); // EXIF location removed before it was stored

        // Team 2's leader: the event, its edit page, its photos and its API answer do not exist.
        var lead2 = await app.SignInAsync(World.Users.TeamLeadHx2);
        Assert.Equal(HttpStatusCode.NotFound, (await lead2.GetAsync($"/activities/{id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await lead2.GetAsync($"/activities/{id}/edit")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await lead2.GetAsync(images[0])).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await lead2.GetAsync($"/api/v1/activities/{id}")).StatusCode);
        // Years no one means answer, never a 500.
        Assert.Equal(HttpStatusCode.OK, (await lead2.GetAsync("/api/v1/activities?from=0001-01-01&to=9999-12-31")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await lead2.GetAsync("/api/v1/training/courses?from=0001-01-01&to=9999-12-31")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await lead2.GetAsync("/activities?month=0001-01&view=calendar")).StatusCode);
        var list = await FieldKit.JsonAsync(await lead2.GetAsync("/api/v1/activities"));
        Assert.DoesNotContain(list.EnumerateArray(), e => e.GetProperty("id").GetGuid() == id);
        Assert.Null((await lead2.GetDocumentAsync("/activities")).QuerySelector($"[data-event='{id}']"));
        // A crafted edit post changes nothing.
        var edit = await lead2.PostAsync($"/activities/{id}/edit", new FormUrlEncodedContent(new Dictionary<string, string> { ["Input.Title"] = "x" }));
        Assert.True(edit.StatusCode is HttpStatusCode.NotFound or HttpStatusCode.BadRequest, edit.StatusCode.ToString());
        Assert.Equal("Ngày cuối tuần chuyển đổi số tháng 11", await app.WithDbAsync(db => db.CommunityEvents.Where(e => e.Id == id).Select(e => e.Title).SingleAsync()));

        // The officer sees it in the list, in the month's calendar, and filtered by its model.
        var officer = await app.SignInAsync(World.Users.WardHoaXuan);
        var month = Day(app.Clock.GetUtcNow())[..7];
        var calendar = await officer.GetDocumentAsync($"/activities?view=calendar&month={month}");
        Assert.NotNull(calendar.QuerySelector($"td[data-day='{Day(app.Clock.GetUtcNow())}'] a[href='/activities/{id}']"));
        var fair = await app.WithDbAsync(db => db.CommunityModels.Where(m => m.Code == "tech_fair").Select(m => m.Id).SingleAsync());
        Assert.Null((await officer.GetDocumentAsync($"/activities?model={fair}")).QuerySelector($"[data-event='{id}']"));
        Assert.NotNull((await officer.GetDocumentAsync($"/activities?month={month}")).QuerySelector($"[data-event='{id}']"));
    }

    [DbFact]
    public async Task People_helped_at_an_event_come_from_the_sessions_recorded_at_it()
    {
        var lead1 = await app.SignInAsync(World.Users.TeamLeadHx1);
        var id = await RecordEventAsync(lead1, "Ngày hội chuyển đổi số Tổ dân phố số 1");
        var household = await FieldKit.HouseholdAsync(app, app.World.HxTdp1, "5 Nguyễn Phước Lan", ("Lê Văn Năm", 1960), ("Trần Thị Sáu", 1962));
        var occurred = app.Clock.GetUtcNow().ToOffset(TimeSpan.FromHours(7)).ToString("yyyy-MM-ddTHH:mm:sszzz", System.Globalization.CultureInfo.InvariantCulture);
        object AtEvent(Guid session, Guid resident, string place = "Event") => new
        {
            id = session, occurredAt = occurred, place, householdId = household.Id, residentIds = new[] { resident }, memberIds = Array.Empty<Guid>(),
            activityCodes = s_vneid, communityEventId = id,
        };
        var response = await FieldKit.SyncAsync(lead1, "event-1",
            AtEvent(Guid.CreateVersion7(), household.Residents[0].Id), AtEvent(Guid.CreateVersion7(), household.Residents[1].Id),
            AtEvent(Guid.CreateVersion7(), household.Residents[0].Id), AtEvent(Guid.CreateVersion7(), household.Residents[1].Id, "DoorToDoor"));
        var results = (await FieldKit.JsonAsync(response)).GetProperty("results").EnumerateArray().ToList();
        Assert.Equal(["created", "created", "created", "rejected"], results.Select(r => r.GetProperty("status").GetString()).ToList());
        Assert.True(results[3].GetProperty("errors").TryGetProperty("communityEventId", out _));

        // The offline package carries the event for the phone's "at a community activity" choice; another team's phone does not.
        var package = await FieldKit.JsonAsync(await lead1.GetAsync("/api/v1/field/package"));
        Assert.Contains(package.GetProperty("events").EnumerateArray(), e => e.GetProperty("id").GetGuid() == id);
        var otherPackage = await FieldKit.JsonAsync(await (await app.SignInAsync(World.Users.TeamLeadHx2)).GetAsync("/api/v1/field/package"));
        Assert.DoesNotContain(otherPackage.GetProperty("events").EnumerateArray(), e => e.GetProperty("id").GetGuid() == id);

        var detail = await lead1.GetDocumentAsync($"/activities/{id}");
        Assert.Equal("2 người, qua 3 lượt hỗ trợ", detail.QuerySelector("[data-testid=people-helped]")!.TextContent.Trim());
        Assert.Equal(3, detail.QuerySelectorAll("[data-testid=event-sessions] li").Length);

        // Another team cannot record at it: the event is not in its area.
        var lead2 = await app.SignInAsync(World.Users.TeamLeadHx2);
        var other = await FieldKit.HouseholdAsync(app, app.World.HxTdp2, "9 Trần Nam Trung", ("Phan Thị Bảy", 1970));
        var refused = await FieldKit.SyncAsync(lead2, "event-2", new
        {
            id = Guid.CreateVersion7(), occurredAt = occurred, place = "Event", householdId = other.Id, residentIds = new[] { other.Residents[0].Id },
            memberIds = Array.Empty<Guid>(), activityCodes = s_vneid, communityEventId = id,
        });
        var answer = (await FieldKit.JsonAsync(refused)).GetProperty("results")[0];
        Assert.Equal("rejected", answer.GetProperty("status").GetString());
        Assert.True(answer.GetProperty("errors").TryGetProperty("communityEventId", out _));
    }

    [DbFact]
    public async Task A_ward_event_is_visible_to_the_teams_but_only_the_ward_changes_it()
    {
        var officer = await app.SignInAsync(World.Users.WardHoaXuan);
        var id = await RecordEventAsync(officer, "Ngày Chuyển đổi số quốc gia 10/10");
        Assert.Null(await app.WithDbAsync(db => db.CommunityEvents.Where(e => e.Id == id).Select(e => e.TeamId).SingleAsync()));
        var lead2 = await app.SignInAsync(World.Users.TeamLeadHx2);
        Assert.Equal(HttpStatusCode.OK, (await lead2.GetAsync($"/activities/{id}")).StatusCode);
        Assert.Null((await lead2.GetDocumentAsync($"/activities/{id}")).QuerySelector($"a[href='/activities/{id}/edit']"));
        Assert.Equal(HttpStatusCode.NotFound, (await lead2.GetAsync($"/activities/{id}/edit")).StatusCode);
    }

    [DbFact]
    public async Task Communication_items_are_recorded_counted_by_kind_and_month_and_checked_field_by_field()
    {
        var officer = await app.SignInAsync(World.Users.WardHoaXuan);
        var today = Day(app.Clock.GetUtcNow());
        var saved = await FieldKit.SubmitAsync(officer, "/communications",
            ("Input.Kind", "PortalNews"), ("Input.PublishedOn", today), ("Input.Title", "Phường Hòa Xuân ra quân chuyển đổi số"),
            ("Input.Url", "https://hoaxuan.danang.gov.vn/chuyen-doi-so/ra-quan"), ("Input.Reach", "1200"));
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        var bad = await Browser.ParseAsync(await FieldKit.SubmitAsync(officer, "/communications",
            ("Input.Kind", "ZaloPost"), ("Input.PublishedOn", today), ("Input.Title", "Bài Zalo"), ("Input.Url", "javascript:alert(1)")));
        Assert.Contains("Liên kết phải bắt đầu bằng https:// hoặc http://.", bad.Errors());

        var page = await officer.GetDocumentAsync($"/communications?kind=PortalNews&month={today[..7]}");
        Assert.Equal(1, page.QuerySelectorAll("[data-testid=communications] li").Length);
        Assert.Empty((await officer.GetDocumentAsync("/communications?kind=Broadcast")).QuerySelectorAll("[data-testid=communications] li"));

        var lead1 = await app.SignInAsync(World.Users.TeamLeadHx1);
        var created = await lead1.PostAsJsonAsync("/api/v1/communications", new { kind = "ZaloPost", publishedOn = today, title = "Hướng dẫn cài VNeID", channel = "Nhóm Zalo TDP 1" });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var item = await FieldKit.JsonAsync(created);
        Assert.Equal(app.World.HxTeam1.Id, item.GetProperty("teamId").GetGuid());
        var invalid = await lead1.PostAsJsonAsync("/api/v1/communications", new { kind = "ZaloPost", title = "Không ngày" });
        Assert.Equal(HttpStatusCode.BadRequest, invalid.StatusCode);
        Assert.True((await FieldKit.JsonAsync(invalid)).GetProperty("errors").TryGetProperty("publishedOn", out _));
        // Team 2 sees the ward's item, not team 1's.
        var lead2 = await app.SignInAsync(World.Users.TeamLeadHx2);
        var seen = (await FieldKit.JsonAsync(await lead2.GetAsync($"/api/v1/communications?from={today}&to={today}"))).EnumerateArray().Select(x => x.GetProperty("title").GetString()).ToList();
        Assert.Equal(["Phường Hòa Xuân ra quân chuyển đổi số"], seen);
    }
}
