using CongDongSo.Tests.Infrastructure;
using CongDongSo.Web.Data;
using CongDongSo.Web.Infrastructure.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;

namespace CongDongSo.BrowserTests;

/// <summary>The field app on a member's phone: the households she is given, signing in, reading the phone's storage.</summary>
public static class FieldPhone
{
    public const string Database = "congdongso-field";
    public const string MemberName = "Lê Thị Thu Hà";
    public const string InstallVneid = "Cài đặt, kích hoạt VNeID";

    public const string CountPackage = """
        () => new Promise((resolve) => {
            indexedDB.open("congdongso-field").onsuccess = (e) => {
                e.target.result.transaction("package").objectStore("package").count().onsuccess = (r) => resolve(r.target.result);
            };
        })
        """;

    public const string CountOutbox = """
        () => new Promise((resolve) => {
            indexedDB.open("congdongso-field").onsuccess = (e) => {
                e.target.result.transaction("outbox").objectStore("outbox").count().onsuccess = (r) => resolve(r.target.result);
            };
        })
        """;

    public static async Task<string[]> DatabasesAsync(IPage page) =>
        await page.EvaluateAsync<string[]>("async () => (await indexedDB.databases()).map(d => d.name)");

    public static async Task<string[]> FieldCachesAsync(IPage page) =>
        await page.EvaluateAsync<string[]>("async () => (await caches.keys()).filter(n => n.startsWith('cds-field-'))");

    /// <summary>The phone's clock agrees with the server's test clock (a session cannot happen in the server's future).</summary>
    public static DateTime PhoneTime(BrowserFactory app) => app.Clock.GetUtcNow().UtcDateTime.AddMinutes(-1);

    /// <summary>A phone of its own (storage, service worker, cookies): 360 × 740, touch, Vietnamese, Vietnam's time.</summary>
    public static async Task<IPage> NewAsync(BrowserFactory app)
    {
        var context = await app.Browser.NewContextAsync(new BrowserNewContextOptions
        {
            ViewportSize = new ViewportSize { Width = 360, Height = 740 },
            HasTouch = true,
            IsMobile = true,
            Locale = "vi-VN",
            TimezoneId = "Asia/Ho_Chi_Minh",
            BaseURL = app.BaseUrl,
            ServiceWorkers = ServiceWorkerPolicy.Allow,
        });
        var page = await context.NewPageAsync();
        await page.Clock.SetFixedTimeAsync(PhoneTime(app));
        return page;
    }

    public static async Task SignInAsync(BrowserFactory app, IPage page, string userName, string returnUrl)
    {
        await page.GotoAsync("/account/sign-in?ReturnUrl=" + Uri.EscapeDataString(returnUrl));
        await page.GetByLabel("Tên đăng nhập hoặc số điện thoại").FillAsync(userName);
        await page.GetByLabel("Mật khẩu").FillAsync(World.Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Đăng nhập" }).ClickAsync();
        if (app.World.AuthenticatorKeys.ContainsKey(userName))
        {
            await page.WaitForURLAsync("**/account/two-factor**");
            await page.GetByLabel("Mã 6 số").FillAsync(app.NextTotpCode(userName));
            await page.GetByRole(AriaRole.Button, new() { Name = "Xác nhận" }).ClickAsync();
        }
        await page.WaitForURLAsync(app.BaseUrl + returnUrl);
    }

    /// <summary>field.js has opened its database, loaded or fetched the package and tried a first sync.</summary>
    public static Task WaitReadyAsync(IPage page) =>
        Assertions.Expect(page.Locator("#field-app")).ToHaveAttributeAsync("data-ready", "true", new() { Timeout = 15_000 });

    /// <summary>The service worker holds the app shell and controls the page: only then can the page reload offline.</summary>
    public static async Task WaitOfflineCapableAsync(IPage page)
    {
        await page.EvaluateAsync("() => navigator.serviceWorker.ready");
        await page.WaitForFunctionAsync("() => navigator.serviceWorker.controller !== null", null, new() { Timeout = 15_000 });
    }

    public static async Task RecordAsync(IPage page, string householdCode, string? resident = null)
    {
        await page.GetByTestId("households").Locator("button.household", new() { HasText = householdCode }).ClickAsync();
        if (resident is not null)
        {
            await page.GetByRole(AriaRole.Checkbox, new() { Name = resident }).CheckAsync();
        }
        await page.GetByRole(AriaRole.Checkbox, new() { Name = InstallVneid }).CheckAsync();
        await page.GetByTestId("save-session").ClickAsync();
    }

    public static async Task AssertFitsPhoneAsync(IPage page)
    {
        var width = await page.EvaluateAsync<int>("document.documentElement.scrollWidth");
        var widest = width <= 360 ? "" : await page.EvaluateAsync<string>(
            "() => [...document.querySelectorAll('main *')].filter(e => e.getBoundingClientRect().right > 360).slice(-3).map(e => e.tagName + '.' + e.className + ' ' + Math.round(e.getBoundingClientRect().right)).join('; ')");
        Assert.True(width <= 360, $"{page.Url} is {width}px wide on a 360px phone: {widest}");
    }

    public sealed record Person(Guid Id, string Name);

    public sealed record Home(Guid Id, string Code, string Address, Person[] Residents);

    public sealed record Households(Guid MemberId, Guid UserId, Home Lonely, Home Family);

    /// <summary>
    /// Two households of Hòa Xuân's Tổ dân phố số 1 assigned to Lê Thị Thu Hà (team 1's deputy),
    /// whose member row is linked to her account 0905000002. Made once per database.
    /// </summary>
    public static Task<Households> ArrangeAsync(BrowserFactory app) => app.WithDbAsync(async db =>
    {
        var w = app.World;
        var member = await db.Members.SingleAsync(m => m.TeamId == w.HxTeam1.Id && m.FullName == MemberName);
        var userId = await db.Users.Where(u => u.UserName == World.Users.MemberHx1).Select(u => u.Id).SingleAsync();
        var now = app.Clock.GetUtcNow().UtcDateTime;
        var existing = await db.Households.Include(h => h.Residents).Where(h => h.Code.StartsWith("HX1-")).OrderBy(h => h.Code).ToListAsync();
        if (existing.Count == 2)
        {
            return new Households(member.Id, userId, Load(existing[0]), Load(existing[1]));
        }

        member.UserId ??= userId;
        var lonely = NewHousehold("HX1-001", "12 Trần Quang Diệu, Hòa Xuân");
        var family = NewHousehold("HX1-002", "45 Nguyễn Phước Lan, Hòa Xuân");
        lonely.Residents.Add(NewResident(lonely, "Nguyễn Thị Lành", 1956, RelationToHead.Head, now));
        family.Residents.Add(NewResident(family, "Phạm Văn Tư", 1950, RelationToHead.Head, now));
        family.Residents.Add(NewResident(family, "Phạm Thị Hồng", 1985, RelationToHead.Child, now.AddSeconds(1)));
        db.Households.AddRange(lonely, family);
        foreach (var h in new[] { lonely, family })
        {
            db.HouseholdAssignments.Add(new HouseholdAssignment
            {
                CommuneId = w.HoaXuan.Id, TeamId = w.HxTeam1.Id, HouseholdId = h.Id, MemberId = member.Id, AssignedAtUtc = now.AddDays(-3),
            });
        }
        await db.SaveChangesAsync();
        return new Households(member.Id, userId, Load(lonely), Load(family));

        Household NewHousehold(string code, string address) => new()
        {
            CommuneId = w.HoaXuan.Id, NeighbourhoodId = w.HxTdp1.Id, Code = code, Address = address,
            SearchText = VietnameseText.Fold(code + " " + address), CreatedAtUtc = now, UpdatedAtUtc = now,
        };
    });

    private static Home Load(Household h) => new(h.Id, h.Code, h.Address,
        [.. h.Residents.OrderBy(r => r.CreatedAtUtc).ThenBy(r => r.FullName, StringComparer.Ordinal).Select(r => new Person(r.Id, r.FullName))]);

    private static Resident NewResident(Household h, string name, int birthYear, RelationToHead relation, DateTime at) => new()
    {
        CommuneId = h.CommuneId, HouseholdId = h.Id, NeighbourhoodId = h.NeighbourhoodId, FullName = name,
        SearchName = VietnameseText.Fold(name), BirthYear = birthYear, Relation = relation, CreatedAtUtc = at, UpdatedAtUtc = at,
    };
}
