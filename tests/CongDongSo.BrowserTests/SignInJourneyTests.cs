using CongDongSo.Tests.Infrastructure;
using Microsoft.Playwright;

namespace CongDongSo.BrowserTests;

public sealed class SignInJourneyTests(BrowserFactory app) : IClassFixture<BrowserFactory>
{
    [BrowserFact]
    public async Task A_team_leader_signs_in_on_a_phone_sees_the_home_page_and_signs_out()
    {
        var page = await app.NewPhonePageAsync();
        await page.GotoAsync("/");
        Assert.EndsWith("/account/sign-in?ReturnUrl=%2F", page.Url, StringComparison.OrdinalIgnoreCase);

        await page.GetByLabel("Tên đăng nhập hoặc số điện thoại").FillAsync("+84 905 000 001");
        await page.GetByLabel("Mật khẩu").FillAsync(World.Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Đăng nhập" }).ClickAsync();

        await page.WaitForURLAsync(app.BaseUrl + "/");
        Assert.Contains("Xin chào", await page.InnerTextAsync("h1"), StringComparison.Ordinal);
        // The page fits a 360 px phone: nothing wider than the screen.
        var scrollWidth = await page.EvaluateAsync<int>("document.documentElement.scrollWidth");
        Assert.True(scrollWidth <= 360, $"page is {scrollWidth}px wide on a 360px phone");

        await page.GetByTestId("sign-out").ClickAsync();
        await page.WaitForURLAsync("**/account/sign-in");
        await page.GotoAsync("/");
        Assert.Contains("/account/sign-in", page.Url, StringComparison.Ordinal);
    }
}
