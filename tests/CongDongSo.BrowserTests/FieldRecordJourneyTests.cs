using System.Diagnostics;
using CongDongSo.Tests.Infrastructure;
using CongDongSo.Web.Data;
using CongDongSo.Web.Infrastructure.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using Xunit.Abstractions;

namespace CongDongSo.BrowserTests;

/// <summary>The bar: recording a typical session on a phone takes a few taps and under 30 seconds.</summary>
public sealed class FieldRecordJourneyTests(BrowserFactory app, ITestOutputHelper output) : IClassFixture<BrowserFactory>
{
    [BrowserFact]
    public async Task A_member_records_a_session_for_an_assigned_household_in_five_taps()
    {
        var household = await app.WithDbAsync(async db =>
        {
            var now = app.Clock.GetUtcNow().UtcDateTime;
            var deputy = await db.Members.SingleAsync(m => m.Phone == World.Users.MemberHx1);
            deputy.UserId = await db.Users.Where(u => u.UserName == World.Users.MemberHx1).Select(u => u.Id).SingleAsync();
            var h = new Household
            {
                CommuneId = app.World.HoaXuan.Id, NeighbourhoodId = app.World.HxTdp1.Id, Code = "HX-TDP01-001", Address = "12 Nguyễn Phước Lan",
                CreatedAtUtc = now, UpdatedAtUtc = now,
            };
            foreach (var (name, year, relation) in new[] { ("Trần Văn Bảy", 1952, RelationToHead.Head), ("Nguyễn Thị Tám", 1956, RelationToHead.Spouse) })
            {
                h.Residents.Add(new Resident
                {
                    CommuneId = h.CommuneId, NeighbourhoodId = h.NeighbourhoodId, FullName = name, SearchName = VietnameseText.Fold(name),
                    BirthYear = year, Relation = relation, CreatedAtUtc = now, UpdatedAtUtc = now,
                });
            }
            h.HeadResidentId = h.Residents[0].Id;
            h.SearchText = VietnameseText.Fold($"{h.Code} {h.Address} Trần Văn Bảy");
            db.Households.Add(h);
            db.HouseholdAssignments.Add(new HouseholdAssignment
            {
                CommuneId = h.CommuneId, TeamId = app.World.HxTeam1.Id, HouseholdId = h.Id, MemberId = deputy.Id, AssignedAtUtc = now,
            });
            await db.SaveChangesAsync();
            return h;
        });
        var page = await app.NewPhonePageAsync();
        await page.GotoAsync("/account/sign-in");
        await page.GetByLabel("Tên đăng nhập hoặc số điện thoại").FillAsync(World.Users.MemberHx1);
        await page.GetByLabel("Mật khẩu").FillAsync(World.Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Đăng nhập" }).ClickAsync();
        await page.WaitForURLAsync(app.BaseUrl + "/");

        var watch = Stopwatch.StartNew();
        await page.GetByRole(AriaRole.Link, new() { Name = "Ghi lượt hỗ trợ", Exact = true }).ClickAsync();
        await page.GetByTestId("assigned").GetByRole(AriaRole.Link, new() { Name = household.Code }).ClickAsync();
        await page.GetByLabel("Trần Văn Bảy").CheckAsync();
        await page.GetByLabel("Cài đặt, kích hoạt VNeID").CheckAsync();
        await AssertFitsPhoneAsync(page);
        await page.GetByRole(AriaRole.Button, new() { Name = "Lưu lượt hỗ trợ" }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("saved")).ToContainTextAsync("Đã ghi lượt hỗ trợ");
        watch.Stop();
        output.WriteLine($"Recording a session on the phone page took {watch.Elapsed.TotalSeconds:0.0} s (5 taps).");
        await AssertFitsPhoneAsync(page);

        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(30), $"recording took {watch.Elapsed}");
        var events = await app.WithDbAsync(db => db.ReadinessEvents.Where(e => e.ResidentId == household.Residents[0].Id).Select(e => e.Value).ToListAsync());
        Assert.Equal(["level1"], events);
        await page.GetByTestId("again").ClickAsync();
        Assert.Contains("12 Nguyễn Phước Lan", await page.InnerTextAsync("main"), StringComparison.Ordinal);
    }

    private static async Task AssertFitsPhoneAsync(IPage page)
    {
        var width = await page.EvaluateAsync<int>("document.documentElement.scrollWidth");
        Assert.True(width <= 360, $"{page.Url} is {width}px wide on a 360px phone");
    }
}
