using CongDongSo.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using static CongDongSo.BrowserTests.FieldPhone;

namespace CongDongSo.BrowserTests;

/// <summary>
/// When the server stops accepting the phone's session (account disabled, session ended), the
/// households and residents leave the phone at once; the member's unsent sessions wait, and leave
/// only under the same account.
/// </summary>
public sealed class EndedSessionFieldWorkTests(BrowserFactory app) : IClassFixture<BrowserFactory>
{
    [BrowserFact]
    public async Task A_disabled_account_loses_the_offline_households_and_its_unsent_work_is_sent_after_it_is_enabled_again()
    {
        var world = await ArrangeAsync(app);
        var page = await NewAsync(app);
        await SignInAsync(app, page, World.Users.MemberHx1, "/field");
        await WaitReadyAsync(page);
        await page.Context.SetOfflineAsync(true);
        await RecordAsync(page, world.Lonely.Code);
        await Assertions.Expect(page.GetByTestId("sync-state")).ToHaveTextAsync("1 chưa gửi");

        await SetDisabledAsync(true);
        await page.Context.SetOfflineAsync(false);

        await page.WaitForURLAsync("**/account/sign-in**");
        Assert.Equal(0, await page.EvaluateAsync<int>(CountPackage));
        Assert.Equal(1, await page.EvaluateAsync<int>(CountOutbox));
        Assert.Empty(await FieldCachesAsync(page));
        Assert.Equal(0, await app.WithDbAsync(db => db.SupportSessions.CountAsync()));

        await SetDisabledAsync(false);
        await SignInAsync(app, page, World.Users.MemberHx1, "/field");
        await WaitReadyAsync(page);
        await Assertions.Expect(page.GetByTestId("sync-state")).ToHaveTextAsync("Đã gửi hết");
        Assert.Equal(world.Lonely.Id, await app.WithDbAsync(db => db.SupportSessions.Select(s => s.HouseholdId).SingleAsync()));
        await page.Context.CloseAsync();
    }

    private Task SetDisabledAsync(bool disabled) => app.WithDbAsync(async db =>
    {
        var user = await db.Users.SingleAsync(u => u.UserName == World.Users.MemberHx1);
        user.IsDisabled = disabled;
        await db.SaveChangesAsync();
    });
}
