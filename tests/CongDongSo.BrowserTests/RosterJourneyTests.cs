using System.Text.RegularExpressions;
using CongDongSo.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;

namespace CongDongSo.BrowserTests;

public sealed partial class RosterJourneyTests(BrowserFactory app) : IClassFixture<BrowserFactory>
{
    [BrowserFact]
    public async Task A_ward_officer_creates_a_team_adds_a_member_and_finds_them_by_a_diacritic_free_search()
    {
        await A.NeighbourhoodAsync(app, app.World.HoaXuan, "Tổ dân phố số 3");
        var page = await app.NewPhonePageAsync();

        await page.GotoAsync("/account/sign-in");
        await page.GetByLabel("Tên đăng nhập hoặc số điện thoại").FillAsync(World.Users.WardHoaXuan);
        await page.GetByLabel("Mật khẩu").FillAsync(World.Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Đăng nhập" }).ClickAsync();
        await page.WaitForURLAsync("**/account/two-factor**");
        await page.GetByLabel("Mã 6 số").FillAsync(app.NextTotpCode(World.Users.WardHoaXuan));
        await page.GetByRole(AriaRole.Button, new() { Name = "Xác nhận" }).ClickAsync();
        await page.WaitForURLAsync(app.BaseUrl + "/");

        // Create the team: the free neighbourhood is preselected and both names are suggested;
        // htmx refreshes the suggestions when the neighbourhood changes.
        await page.GotoAsync("/teams");
        await page.GetByRole(AriaRole.Link, new() { Name = "Thành lập tổ mới" }).ClickAsync();
        var zaloName = page.GetByLabel("Tên nhóm Zalo", new() { Exact = true });
        Assert.Equal("CNSCĐ-Tổ dân phố số 3-Phường Hòa Xuân", await zaloName.InputValueAsync());
        await page.GetByLabel("Tổ dân phố", new() { Exact = true }).SelectOptionAsync(new SelectOptionValue { Label = "Tổ dân phố số 2 (đã có tổ)" });
        await Assertions.Expect(page.GetByLabel("Tên nhóm Zalo", new() { Exact = true })).ToHaveValueAsync("CNSCĐ-Tổ dân phố số 2-Phường Hòa Xuân");
        await page.GetByLabel("Tổ dân phố", new() { Exact = true }).SelectOptionAsync(new SelectOptionValue { Label = "Tổ dân phố số 3" });
        await Assertions.Expect(page.GetByLabel("Tên tổ", new() { Exact = true })).ToHaveValueAsync("Tổ CNSCĐ Tổ dân phố số 3");
        await page.GetByLabel("Số quyết định", new() { Exact = true }).FillAsync("125/QĐ-UBND");
        await page.GetByLabel("Ngày ký", new() { Exact = true }).FillAsync("2026-10-01");
        await page.GetByLabel("Người ký", new() { Exact = true }).FillAsync("Chủ tịch UBND phường Lê Văn Bình");
        await page.GetByRole(AriaRole.Button, new() { Name = "Thành lập tổ" }).ClickAsync();
        await page.WaitForURLAsync(TeamPage());
        Assert.Contains("Tổ CNSCĐ Tổ dân phố số 3", await page.InnerTextAsync("h1"), StringComparison.Ordinal);
        await AssertFitsPhoneAsync(page);

        await page.GetByRole(AriaRole.Link, new() { Name = "Thêm thành viên" }).ClickAsync();
        await page.GetByLabel("Họ và tên", new() { Exact = true }).FillAsync("Đặng Thị Ánh Tuyết");
        await page.GetByLabel("Chức vụ trong tổ", new() { Exact = true }).SelectOptionAsync(new SelectOptionValue { Label = "Tổ trưởng" });
        await page.GetByLabel("Thành phần", new() { Exact = true }).SelectOptionAsync(new SelectOptionValue { Label = "Hội Liên hiệp Phụ nữ" });
        await page.GetByLabel("Năm sinh", new() { Exact = true }).FillAsync("1996");
        await page.GetByLabel("Số điện thoại", new() { Exact = true }).FillAsync("+84 912 345 678");
        await page.GetByRole(AriaRole.Button, new() { Name = "Thêm thành viên" }).ClickAsync();
        await page.WaitForURLAsync(TeamPage());
        Assert.Contains("Đặng Thị Ánh Tuyết", await page.InnerTextAsync("[data-position=Leader]"), StringComparison.Ordinal);

        await page.GetByRole(AriaRole.Link, new() { Name = "Thành viên", Exact = true }).First.ClickAsync();
        await page.GetByLabel("Tìm theo họ tên").FillAsync("dang thi anh tuyet");
        await page.GetByRole(AriaRole.Button, new() { Name = "Tìm", Exact = true }).ClickAsync();
        await page.WaitForURLAsync("**/members?q=dang*");
        var results = page.GetByTestId("members");
        Assert.Contains("Đặng Thị Ánh Tuyết", await results.InnerTextAsync(), StringComparison.Ordinal);
        Assert.Contains("0912345678", await results.InnerTextAsync(), StringComparison.Ordinal);
        await AssertFitsPhoneAsync(page);

        await page.GetByTestId("sign-out").ClickAsync();
        await page.WaitForURLAsync("**/account/sign-in");
        Assert.Equal("0912345678", await app.WithDbAsync(db => db.Members.Where(m => m.FullName == "Đặng Thị Ánh Tuyết").Select(m => m.Phone).SingleAsync()));
    }

    private static async Task AssertFitsPhoneAsync(IPage page)
    {
        var width = await page.EvaluateAsync<int>("document.documentElement.scrollWidth");
        Assert.True(width <= 360, $"{page.Url} is {width}px wide on a 360px phone");
    }

    [GeneratedRegex("/teams/[0-9a-f-]{36}$")]
    private static partial Regex TeamPage();
}
