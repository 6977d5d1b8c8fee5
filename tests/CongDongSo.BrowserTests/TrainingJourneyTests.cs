using CongDongSo.Tests.Infrastructure;
using CongDongSo.Web.Data;
using CongDongSo.Web.Features.Training;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;

namespace CongDongSo.BrowserTests;

/// <summary>Issue 8's journeys on a 360 px phone: a team leader records an activity with two photos; a member checks in with the QR link.</summary>
public sealed class TrainingJourneyTests(BrowserFactory app) : IClassFixture<BrowserFactory>
{
    private Task LinkAsync(string userName, Func<Member, bool> which) => app.WithDbAsync(async db =>
    {
        var userId = await db.Users.Where(u => u.UserName == userName).Select(u => u.Id).SingleAsync();
        var member = (await db.Members.Where(m => m.TeamId == app.World.HxTeam1.Id).ToListAsync()).Single(which);
        member.UserId = userId;
        await db.SaveChangesAsync();
    });

    [BrowserFact]
    public async Task A_team_leader_records_a_weekend_activity_with_two_photos_on_a_phone()
    {
        await LinkAsync(World.Users.TeamLeadHx1, m => m.Position == MemberPosition.Leader);
        var page = await app.NewPhonePageAsync();
        await FieldPhone.SignInAsync(app, page, World.Users.TeamLeadHx1, "/");

        await page.GetByRole(AriaRole.Link, new() { Name = "Ghi hoạt động cộng đồng" }).ClickAsync();
        await page.WaitForURLAsync("**/activities/new");
        await page.GetByLabel("Mô hình").SelectOptionAsync(new SelectOptionValue { Label = "Ngày cuối tuần chuyển đổi số" });
        await page.GetByLabel("Tên hoạt động").FillAsync("Ngày cuối tuần chuyển đổi số Tổ dân phố số 1");
        await page.GetByRole(AriaRole.Checkbox, new() { Name = "Tổ dân phố số 1", Exact = true }).CheckAsync();
        await page.GetByLabel("Địa điểm").FillAsync("Nhà văn hóa Tổ dân phố số 1");
        await page.GetByLabel("Số người tham dự (đếm, không cần ghi tên)").FillAsync("38");
        await page.Locator("#Photos").SetInputFilesAsync(new[]
        {
            new FilePayload { Name = "IMG_0001.JPG", MimeType = "image/jpeg", Buffer = TestImages.Jpeg(withGps: true) },
            new FilePayload { Name = "IMG_0002.PNG", MimeType = "image/png", Buffer = TestImages.Png() },
        });
        await FieldPhone.AssertFitsPhoneAsync(page);
        await Accessibility.AssertAccessibleAsync(page);
        await page.GetByRole(AriaRole.Button, new() { Name = "Lưu hoạt động" }).ClickAsync();

        await page.WaitForURLAsync("**/activities/*-*");
        await Assertions.Expect(page.GetByTestId("photos").Locator("img")).ToHaveCountAsync(2);
        await Assertions.Expect(page.GetByTestId("participants")).ToHaveTextAsync("38");
        await FieldPhone.AssertFitsPhoneAsync(page);
        await Accessibility.AssertAccessibleAsync(page);
        // Both photos show (served from outside wwwroot, within the area).
        foreach (var src in await page.GetByTestId("photos").Locator("img").EvaluateAllAsync<string[]>("images => images.map(i => i.getAttribute('src'))"))
        {
            var photo = await page.APIRequest.GetAsync(src);
            Assert.Equal(200, photo.Status);
            Assert.StartsWith("image/", photo.Headers["content-type"], StringComparison.Ordinal);
            Assert.Equal(-1, (await photo.BodyAsync()).AsSpan().IndexOf("GPSLAT"u8));
        }
        var stored = await app.WithDbAsync(db => db.CommunityEvents.Include(e => e.Photos).SingleAsync(e => e.Title == "Ngày cuối tuần chuyển đổi số Tổ dân phố số 1"));
        Assert.Equal(app.World.HxTeam1.Id, stored.TeamId);
        Assert.Equal(2, stored.Photos.Count);

        await page.GotoAsync("/activities?view=calendar");
        await Assertions.Expect(page.GetByTestId("calendar").GetByRole(AriaRole.Link, new() { Name = stored.Title })).ToBeVisibleAsync();
        await Accessibility.AssertAccessibleAsync(page);
    }

    [BrowserFact]
    public async Task A_member_checks_in_to_a_sitting_with_the_qr_link()
    {
        await LinkAsync(World.Users.MemberHx1, m => m.Position == MemberPosition.Deputy);
        var now = app.Clock.GetUtcNow().UtcDateTime;
        var session = await app.WithDbAsync(async db =>
        {
            var course = new Course { CommuneId = app.World.HoaXuan.Id, Title = "Tập huấn VNeID mức 2", Place = "Hội trường UBND phường", CreatedAtUtc = now };
            var sitting = new TrainingSession
            {
                CommuneId = course.CommuneId, CourseId = course.Id, StartsAtUtc = now.AddMinutes(-10), EndsAtUtc = now.AddHours(2),
                CheckInToken = TrainingQueries.NewCheckInToken(),
            };
            course.Sessions.Add(sitting);
            db.Courses.Add(course);
            await db.SaveChangesAsync();
            return sitting;
        });
        var page = await app.NewPhonePageAsync();
        // Scanning the code with a phone that is not signed in: sign in first, then back at the sitting.
        var link = $"/training/check-in/{session.CheckInToken}";
        await page.GotoAsync(link);
        await page.WaitForURLAsync("**/account/sign-in**");
        await page.GetByLabel("Tên đăng nhập hoặc số điện thoại").FillAsync(World.Users.MemberHx1);
        await page.GetByLabel("Mật khẩu").FillAsync(World.Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Đăng nhập" }).ClickAsync();
        await page.WaitForURLAsync(app.BaseUrl + link);
        await Assertions.Expect(page.Locator("main")).ToContainTextAsync("Tập huấn VNeID mức 2");
        await Accessibility.AssertAccessibleAsync(page);

        await page.GetByTestId("check-in").ClickAsync();
        await Assertions.Expect(page.GetByTestId("check-in-result")).ToHaveAttributeAsync("data-result", "CheckedIn");
        await FieldPhone.AssertFitsPhoneAsync(page);
        await Accessibility.AssertAccessibleAsync(page);
        // Scanning again: told so, counted once.
        await page.GotoAsync(link);
        await Assertions.Expect(page.GetByTestId("check-in-result")).ToHaveAttributeAsync("data-result", "AlreadyCheckedIn");
        var rows = await app.WithDbAsync(db => db.Attendances.Where(a => a.SessionId == session.Id).ToListAsync());
        Assert.True(Assert.Single(rows) is { Present: true, SelfCheckIn: true });
    }

    [BrowserFact]
    public async Task A_member_records_a_session_at_a_weekend_event_from_the_offline_app()
    {
        var world = await FieldPhone.ArrangeAsync(app);
        var now = app.Clock.GetUtcNow().UtcDateTime;
        var held = await app.WithDbAsync(async db =>
        {
            var model = await db.CommunityModels.Where(m => m.Code == "weekend_dx").Select(m => m.Id).SingleAsync();
            var e = new CommunityEvent
            {
                CommuneId = app.World.HoaXuan.Id, TeamId = app.World.HxTeam1.Id, ModelId = model, Title = "Ngày cuối tuần chuyển đổi số tháng 11",
                StartsAtUtc = now.AddHours(-1), EndsAtUtc = now.AddHours(2), CreatedAtUtc = now, UpdatedAtUtc = now,
            };
            db.CommunityEvents.Add(e);
            await db.SaveChangesAsync();
            return e;
        });
        var page = await FieldPhone.NewAsync(app);
        await FieldPhone.SignInAsync(app, page, World.Users.MemberHx1, "/field");
        await FieldPhone.WaitReadyAsync(page);

        await page.GetByTestId("households").Locator("button.household", new() { HasText = world.Lonely.Code }).ClickAsync();
        await page.GetByRole(AriaRole.Checkbox, new() { Name = FieldPhone.InstallVneid }).CheckAsync();
        var eventChoice = page.GetByLabel("Tại hoạt động cộng đồng (khi nơi hỗ trợ là sự kiện)");
        await page.GetByRole(AriaRole.Radio, new() { Name = "Tại nhà dân" }).CheckAsync();
        await Assertions.Expect(eventChoice).ToBeHiddenAsync(); // only for a session at an event
        await page.GetByRole(AriaRole.Radio, new() { Name = "Sự kiện, ngày hội" }).CheckAsync();
        await eventChoice.SelectOptionAsync(held.Id.ToString());
        await FieldPhone.AssertFitsPhoneAsync(page);
        await Accessibility.AssertAccessibleAsync(page);
        await page.GetByTestId("save-session").ClickAsync();
        // "All sent" may show before the new item is queued: wait for the server to hold the session.
        SupportSession? session = null;
        for (var tries = 0; tries < 60 && session is null; tries++)
        {
            session = await app.WithDbAsync(db => db.SupportSessions.SingleOrDefaultAsync(s => s.HouseholdId == world.Lonely.Id && s.CommunityEventId == held.Id));
            if (session is null)
            {
                await Task.Delay(250);
            }
        }
        Assert.NotNull(session);
        Assert.Equal(SupportPlace.Event, session.Place);
        var officer = await app.NewPhonePageAsync();
        await FieldPhone.SignInAsync(app, officer, World.Users.WardHoaXuan, $"/activities/{held.Id}");
        await Assertions.Expect(officer.GetByTestId("people-helped")).ToContainTextAsync("1 người, qua 1 lượt hỗ trợ");
        await Accessibility.AssertAccessibleAsync(officer);
    }
}
