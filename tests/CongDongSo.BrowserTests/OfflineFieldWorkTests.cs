using System.Diagnostics;
using System.Text.Json;
using CongDongSo.Tests.Infrastructure;
using CongDongSo.Web.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using Xunit.Abstractions;
using static CongDongSo.BrowserTests.FieldPhone;

namespace CongDongSo.BrowserTests;

/// <summary>
/// Issue 3, offline: a member records sessions with no signal on a phone (Playwright's offline
/// mode), they are sent when the signal returns, once, and the ward officer sees them. The
/// offline copy leaves the phone at sign-out and after too many days without a sync.
/// </summary>
public sealed class OfflineFieldWorkTests(BrowserFactory app, ITestOutputHelper output) : IClassFixture<BrowserFactory>
{
    [BrowserFact]
    public async Task A_member_records_two_sessions_offline_they_are_sent_once_online_and_the_ward_officer_sees_them()
    {
        var world = await ArrangeAsync(app);
        var page = await NewAsync(app);
        await SignInAsync(app, page, World.Users.MemberHx1, "/field");
        await WaitReadyAsync(page);
        var households = page.GetByTestId("households");
        await Assertions.Expect(households).ToContainTextAsync(world.Lonely.Code);
        await Assertions.Expect(households).ToContainTextAsync(world.Family.Code);
        await Assertions.Expect(page.GetByTestId("net-state")).ToHaveTextAsync("Trực tuyến");
        await Assertions.Expect(page.GetByTestId("sync-state")).ToHaveTextAsync("Đã gửi hết");
        await AssertFitsPhoneAsync(page);

        // The shell is cached for offline starts; the package (personal data) never is.
        await page.WaitForFunctionAsync("() => navigator.serviceWorker.controller !== null");
        Assert.True(await page.EvaluateAsync<bool>("async () => !!(await caches.match('/field'))"), "the app shell is not cached");
        Assert.False(await page.EvaluateAsync<bool>("async () => !!(await caches.match('/api/v1/field/package'))"), "the package is in a cache");
        var bytes = await page.EvaluateAsync<int>("async () => (await (await fetch('/api/v1/field/package')).arrayBuffer()).byteLength");
        output.WriteLine($"Offline package for this fixture (2 households, 3 residents): {bytes:N0} bytes of JSON");

        // Search ignores diacritics and case.
        await page.GetByLabel("Tìm hộ hoặc người dân").FillAsync("PHAM van tu");
        await Assertions.Expect(households.Locator("button.household")).ToHaveCountAsync(1);
        await Assertions.Expect(households).ToContainTextAsync(world.Family.Code);
        await page.GetByLabel("Tìm hộ hoặc người dân").FillAsync("");

        var context = page.Context;
        var keys = new List<string>();
        var answersLost = 0;
        // The server's first answer is lost on the way back: the phone must send the same batch
        // again with the same idempotency key, and the server must store it once.
        await context.RouteAsync("**/api/v1/sync/sessions", async route =>
        {
            using var body = JsonDocument.Parse(route.Request.PostData ?? "{}");
            keys.Add(body.RootElement.GetProperty("idempotencyKey").GetString()!);
            if (answersLost == 0)
            {
                answersLost++;
                await route.FetchAsync();
                await route.AbortAsync("connectionreset");
                return;
            }
            await route.ContinueAsync();
        });

        await context.SetOfflineAsync(true);
        await Assertions.Expect(page.GetByTestId("net-state")).ToHaveTextAsync("Đang ngoại tuyến");

        // One session, timed from the tap on the household to the queue counting it.
        var clock = Stopwatch.StartNew();
        await households.Locator("button.household", new() { HasText = world.Lonely.Code }).ClickAsync();
        Assert.True(await page.GetByRole(AriaRole.Checkbox, new() { Name = world.Lonely.Residents[0].Name }).IsCheckedAsync(),
            "a household's only resident is ticked already");
        // The person's missing items fold under a count, and open on a tap.
        var fold = page.Locator(".person-missing").First;
        await Assertions.Expect(fold.Locator("summary")).ToHaveTextAsync(new System.Text.RegularExpressions.Regex(@"^Còn thiếu \d+ mục$"));
        await Assertions.Expect(fold.Locator(".tag").First).ToBeHiddenAsync();
        await fold.Locator("summary").ClickAsync();
        await Assertions.Expect(fold.Locator(".tag").First).ToBeVisibleAsync();
        await page.GetByRole(AriaRole.Checkbox, new() { Name = InstallVneid }).CheckAsync();
        await page.GetByTestId("save-session").ClickAsync();
        await Assertions.Expect(page.GetByTestId("sync-state")).ToHaveTextAsync("1 chưa gửi");
        clock.Stop();
        output.WriteLine($"Time to record one session (tap household → queued): {clock.ElapsedMilliseconds} ms");
        // The phone says what the session changed, and the household moves to today's section, at the end.
        await Assertions.Expect(page.GetByTestId("field-message"))
            .ToContainTextAsync($"Tài khoản định danh điện tử VNeID – Mức 1: {world.Lonely.Residents[0].Name}");
        await Assertions.Expect(households.Locator("li").Last).ToContainTextAsync(world.Lonely.Code);
        await Assertions.Expect(page.GetByTestId("visited-today")).ToBeVisibleAsync();

        await RecordAsync(page, world.Family.Code, world.Family.Residents[0].Name);
        await Assertions.Expect(page.GetByTestId("sync-state")).ToHaveTextAsync("2 chưa gửi");
        await Assertions.Expect(page.GetByTestId("outbox")).ToContainTextAsync(world.Family.Code);
        await AssertFitsPhoneAsync(page);

        // The queue survives a restart of the app with no signal.
        await page.ReloadAsync();
        await WaitReadyAsync(page);
        await Assertions.Expect(page.GetByTestId("sync-state")).ToHaveTextAsync("2 chưa gửi");
        await Assertions.Expect(households).ToContainTextAsync(world.Lonely.Code);
        Assert.Equal(0, await app.WithDbAsync(db => db.SupportSessions.CountAsync()));

        await context.SetOfflineAsync(false);
        await Assertions.Expect(page.GetByTestId("sync-state")).ToHaveTextAsync("Đã gửi hết", new() { Timeout = 30_000 });
        await Assertions.Expect(page.GetByTestId("outbox")).ToBeHiddenAsync();
        output.WriteLine($"Sync requests: {keys.Count} (answers lost on purpose: {answersLost}), idempotency keys: {string.Join(", ", keys.Distinct())}");

        var stored = await app.WithDbAsync(async db => new
        {
            Sessions = await db.SupportSessions.Include(s => s.Residents).Include(s => s.Members).Include(s => s.Activities).AsSplitQuery().ToListAsync(),
            Events = await db.ReadinessEvents.Where(e => e.SessionId != null).ToListAsync(),
            Batches = await db.SyncBatches.CountAsync(b => b.UserId == world.UserId),
        });
        Assert.Equal(2, stored.Sessions.Count);
        Assert.Equal(new[] { world.Family.Id, world.Lonely.Id }.Order(), stored.Sessions.Select(s => s.HouseholdId!.Value).Order());
        Assert.Equal(new[] { world.Family.Residents[0].Id, world.Lonely.Residents[0].Id }.Order(),
            stored.Sessions.SelectMany(s => s.Residents).Select(r => r.ResidentId).Order());
        Assert.All(stored.Sessions, s =>
        {
            Assert.Equal(SupportPlace.DoorToDoor, s.Place);
            Assert.Equal([world.MemberId], s.Members.Select(m => m.MemberId));
            Assert.Single(s.Activities);
        });
        // One readiness event per resident helped, written by the sessions: sent twice, stored once.
        Assert.Equal(2, stored.Events.Count);
        Assert.All(stored.Events, e => Assert.Contains(stored.Sessions, s => s.Id == e.SessionId));
        Assert.Equal(2, keys.Count);
        Assert.Single(keys.Distinct());
        Assert.Equal(1, stored.Batches);
        await context.CloseAsync();

        // The ward officer sees both sessions, with the household and the member who helped.
        var officer = await NewAsync(app);
        await SignInAsync(app, officer, World.Users.WardHoaXuan, "/field/sessions");
        var list = await officer.InnerTextAsync("main");
        foreach (var household in new[] { world.Lonely, world.Family })
        {
            Assert.True(list.Contains(household.Code, StringComparison.Ordinal) || list.Contains(household.Address, StringComparison.Ordinal),
                $"/field/sessions does not show {household.Code}:\n{list}");
        }
        Assert.Contains(MemberName, list, StringComparison.Ordinal);
        await officer.Context.CloseAsync();
    }

    [BrowserFact]
    public async Task Signing_out_asks_before_deleting_unsent_work_then_deletes_the_offline_database_and_the_field_caches()
    {
        var world = await ArrangeAsync(app);
        var page = await NewAsync(app);
        await SignInAsync(app, page, World.Users.MemberHx1, "/field");
        await WaitReadyAsync(page);
        await Assertions.Expect(page.GetByTestId("households")).ToContainTextAsync(world.Lonely.Code);
        await page.WaitForFunctionAsync("() => navigator.serviceWorker.controller !== null");
        Assert.Contains(Database, await DatabasesAsync(page));
        Assert.Equal(1, await page.EvaluateAsync<int>(CountPackage));
        Assert.NotEmpty(await FieldCachesAsync(page));

        // A session that could not be sent yet: signing out asks first, since it deletes it.
        await page.Context.RouteAsync("**/api/v1/sync/sessions", route => route.AbortAsync());
        await page.Context.SetOfflineAsync(true);
        await RecordAsync(page, world.Family.Code, world.Family.Residents[1].Name);
        await page.Context.SetOfflineAsync(false);
        await Assertions.Expect(page.GetByTestId("sync-state")).ToHaveTextAsync("1 chưa gửi");
        var warnings = new List<string>();
        void Decline(object? sender, IDialog dialog)
        {
            warnings.Add(dialog.Message);
            _ = dialog.DismissAsync();
        }
        page.Dialog += Decline;
        await page.GetByTestId("sign-out").ClickAsync();
        await Assertions.Expect(page.GetByTestId("sync-state")).ToHaveTextAsync("1 chưa gửi");
        Assert.Contains("Còn 1 lượt hỗ trợ chưa gửi", Assert.Single(warnings), StringComparison.Ordinal);
        Assert.EndsWith("/field", page.Url, StringComparison.Ordinal);
        Assert.Equal(1, await page.EvaluateAsync<int>(CountOutbox));
        page.Dialog -= Decline;
        page.Dialog += (_, dialog) => dialog.AcceptAsync();

        await page.GetByTestId("sign-out").ClickAsync();
        await page.WaitForURLAsync("**/account/sign-in");

        Assert.DoesNotContain(Database, await DatabasesAsync(page));
        Assert.Empty(await FieldCachesAsync(page));
        // Back at /field with no session: sign-in, not a cached copy of the app.
        await page.GotoAsync("/field");
        Assert.Contains("/account/sign-in", page.Url, StringComparison.Ordinal);
        Assert.DoesNotContain(Database, await DatabasesAsync(page));
        await page.Context.CloseAsync();
    }

    [BrowserFact]
    public async Task A_session_the_server_rejects_stays_flagged_with_the_reason_and_is_not_resent_until_the_member_acts()
    {
        var world = await ArrangeAsync(app);
        var page = await NewAsync(app);
        await SignInAsync(app, page, World.Users.MemberHx1, "/field");
        await WaitReadyAsync(page);
        var sent = 0;
        // The server refuses the item (as it would a household outside the member's area).
        await page.Context.RouteAsync("**/api/v1/sync/sessions", async route =>
        {
            sent++;
            using var body = JsonDocument.Parse(route.Request.PostData!);
            var key = body.RootElement.GetProperty("idempotencyKey").GetString();
            var id = body.RootElement.GetProperty("sessions")[0].GetProperty("id").GetString();
            await route.FulfillAsync(new()
            {
                Status = 200,
                ContentType = "application/json",
                Body = JsonSerializer.Serialize(new
                {
                    idempotencyKey = key,
                    results = new[] { new { id, status = "rejected", errors = new Dictionary<string, string[]> { ["householdId"] = ["Hộ này không thuộc địa bàn của bạn."] } } },
                }),
            });
        });

        await RecordAsync(page, world.Lonely.Code);
        await Assertions.Expect(page.GetByTestId("sync-state")).ToHaveTextAsync("1 bị từ chối");
        var outbox = page.GetByTestId("outbox");
        await Assertions.Expect(outbox).ToContainTextAsync("Bị từ chối");
        await Assertions.Expect(outbox).ToContainTextAsync("Hộ này không thuộc địa bàn của bạn.");
        await page.WaitForTimeoutAsync(6_000); // longer than the first retry delay
        Assert.Equal(1, sent);

        page.Dialog += (_, dialog) => dialog.AcceptAsync();
        await outbox.GetByRole(AriaRole.Button, new() { Name = "Xóa" }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("sync-state")).ToHaveTextAsync("Đã gửi hết");
        await Assertions.Expect(outbox).ToBeHiddenAsync();
        Assert.Equal(0, await page.EvaluateAsync<int>(CountOutbox));
        Assert.Equal(1, sent);
        await page.Context.CloseAsync();
    }

    [BrowserFact]
    public async Task After_too_many_days_without_a_sync_the_households_leave_the_phone_but_unsent_sessions_stay()
    {
        var world = await ArrangeAsync(app);
        var page = await NewAsync(app);
        await SignInAsync(app, page, World.Users.MemberHx1, "/field");
        await WaitReadyAsync(page);
        var days = await page.EvaluateAsync<int>("""
            () => new Promise((resolve) => {
                indexedDB.open("congdongso-field").onsuccess = (e) => {
                    e.target.result.transaction("package").objectStore("package").get("current").onsuccess = (r) => resolve(r.target.result.data.maxOfflineDays);
                };
            })
            """);
        await WaitOfflineCapableAsync(page);
        await page.Context.SetOfflineAsync(true);
        await RecordAsync(page, world.Lonely.Code);
        await Assertions.Expect(page.GetByTestId("sync-state")).ToHaveTextAsync("1 chưa gửi");

        await page.Clock.SetFixedTimeAsync(PhoneTime(app).AddDays(days + 1));
        await page.ReloadAsync();
        await WaitReadyAsync(page);

        await Assertions.Expect(page.GetByTestId("field-message")).ToContainTextAsync($"quá {days} ngày");
        Assert.Equal(0, await page.EvaluateAsync<int>(CountPackage));
        await Assertions.Expect(page.GetByTestId("households").Locator("button.household")).ToHaveCountAsync(0);
        await Assertions.Expect(page.GetByTestId("sync-state")).ToHaveTextAsync("1 chưa gửi");
        await Assertions.Expect(page.GetByTestId("outbox")).ToContainTextAsync(world.Lonely.Code);
        await page.Context.CloseAsync();
    }
}
