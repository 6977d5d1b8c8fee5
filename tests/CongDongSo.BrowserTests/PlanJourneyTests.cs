using CongDongSo.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;

namespace CongDongSo.BrowserTests;

/// <summary>
/// Issue 9's "done": a ward officer, as a new user would, creates the year's plan from the Hòa Xuân
/// template, adds a target of their own (at least 35,4 % of adults with a digital signature by 31/12),
/// a member records a session on a phone, and the dashboard moves on the next page load.
/// </summary>
public sealed class PlanJourneyTests(BrowserFactory app) : IClassFixture<BrowserFactory>
{
    [BrowserFact]
    public async Task The_officer_makes_the_plan_from_a_template_adds_a_target_and_a_session_on_a_phone_moves_the_figure()
    {
        var homes = await FieldPhone.ArrangeAsync(app);
        var signature = await app.WithDbAsync(db => db.Indicators.Where(i => i.CommuneId == null && i.Code == "adults18_signature").Select(i => i.Id).SingleAsync());

        var officer = await app.NewPhonePageAsync();
        await FieldPhone.SignInAsync(app, officer, World.Users.WardHoaXuan, "/plans");
        await Accessibility.AssertAccessibleAsync(officer);
        await officer.GetByRole(AriaRole.Radio, new() { Name = "Mẫu: Triển khai hoạt động của Tổ Công nghệ số cộng đồng trên địa bàn phường Hòa Xuân năm 2026" }).CheckAsync();
        await officer.GetByLabel("Năm kế hoạch").FillAsync("2026");
        await officer.GetByRole(AriaRole.Button, new() { Name = "Tạo kế hoạch" }).ClickAsync();
        await officer.WaitForURLAsync("**/plans/*-*");
        var planUrl = new Uri(officer.Url).AbsolutePath;
        var templateTargets = CongDongSo.Web.Features.Plans.PlanImport.Templates.Single(t => t.Code == "hoa-xuan-2026").File.Targets!.Count;
        var handedDown = await app.WithDbAsync(db => db.ProvinceTargets.IgnoreQueryFilters()
            .CountAsync(t => db.ProvincePlans.IgnoreQueryFilters().Any(p => p.Id == t.PlanId && p.ProvinceId == app.World.DaNang.Id && p.Year == 2026 && p.Status == CongDongSo.Web.Data.PlanStatus.InForce)));
        // Every target the template states, and any the city has handed down for the year.
        await Assertions.Expect(officer.Locator("[data-target]")).ToHaveCountAsync(templateTargets + handedDown);
        await FieldPhone.AssertFitsPhoneAsync(officer);
        await Accessibility.AssertAccessibleAsync(officer);

        // The reporting calendar the template brings: the team's quarterly report before the 20th is due on the 19th; 19/9 is a Saturday.
        await officer.GetByTestId("reporting-calendar").ClickAsync();
        await officer.WaitForURLAsync("**/reporting");
        await Assertions.Expect(officer.Locator("tr[data-period='2026-07-01'][data-due='2026-09-19']").First).ToContainTextAsync("Thứ Bảy");
        await FieldPhone.AssertFitsPhoneAsync(officer);
        await Accessibility.AssertAccessibleAsync(officer);
        await officer.GotoAsync(planUrl);

        await officer.GetByRole(AriaRole.Link, new() { Name = "Thêm chỉ tiêu" }).ClickAsync();
        await officer.WaitForURLAsync("**/targets/new");
        await officer.GetByLabel("Chỉ số").SelectOptionAsync(signature.ToString(System.Globalization.CultureInfo.InvariantCulture));
        await officer.GetByLabel("Giá trị (tỷ lệ % hoặc số lượng, ví dụ 35,4)").FillAsync("35,4");
        await officer.GetByLabel("Hạn").FillAsync("2026-12-31");
        await officer.GetByLabel("Nội dung chỉ tiêu (như trong kế hoạch)").FillAsync("Ít nhất 35,4 % người trưởng thành có chữ ký số");
        await FieldPhone.AssertFitsPhoneAsync(officer);
        await Accessibility.AssertAccessibleAsync(officer);
        await officer.GetByRole(AriaRole.Button, new() { Name = "Thêm chỉ tiêu" }).ClickAsync();
        await officer.WaitForURLAsync(app.BaseUrl + planUrl);
        var own = await app.WithDbAsync(db => db.PlanTargets.SingleAsync(t => t.Text == "Ít nhất 35,4 % người trưởng thành có chữ ký số"));
        Assert.Equal(35.4m, own.Value);
        var row = officer.Locator($"[data-target='{own.Id}']");
        await Assertions.Expect(row).ToHaveAttributeAsync("data-status", "NoData"); // nobody counted yet: missing, not 0

        // A member records, on a phone, the digital signature installed for one of three adults.
        var member = await app.NewPhonePageAsync();
        await FieldPhone.SignInAsync(app, member, World.Users.MemberHx1, "/");
        await member.GetByRole(AriaRole.Link, new() { Name = "Ghi lượt hỗ trợ", Exact = true }).ClickAsync();
        await member.GetByTestId("assigned").GetByRole(AriaRole.Link, new() { Name = homes.Family.Code }).ClickAsync();
        await member.GetByLabel(homes.Family.Residents[1].Name).CheckAsync();
        await member.GetByLabel("Cài đặt chữ ký số").CheckAsync();
        await member.GetByRole(AriaRole.Button, new() { Name = "Lưu lượt hỗ trợ" }).ClickAsync();
        await Assertions.Expect(member.GetByTestId("saved")).ToContainTextAsync("Đã ghi lượt hỗ trợ");

        // The next load of the dashboard shows it: 1 of the 3 adults, 33,33 % ≥ 35,4 % not yet.
        await officer.ReloadAsync();
        row = officer.Locator($"[data-target='{own.Id}']");
        await Assertions.Expect(row).ToHaveAttributeAsync("data-actual", "33.33");
        Assert.NotEqual("Achieved", await row.GetAttributeAsync("data-status"));
        await Accessibility.AssertAccessibleAsync(officer);

        // The target's page: the chart with its table, the neighbourhoods, readable on the phone.
        await officer.GotoAsync($"{planUrl}/targets/{own.Id}");
        await Assertions.Expect(officer.GetByTestId("actual")).ToContainTextAsync("33,33");
        await Assertions.Expect(officer.Locator("svg.trend")).ToBeVisibleAsync();
        await FieldPhone.AssertFitsPhoneAsync(officer);
        await Accessibility.AssertAccessibleAsync(officer);
    }

    [BrowserFact]
    public async Task The_province_officer_compares_the_communes_on_a_handed_down_target_on_a_phone()
    {
        var w = app.World;
        var planId = await app.WithDbAsync(async db =>
        {
            var now = app.Clock.GetUtcNow().UtcDateTime;
            var plan = new CongDongSo.Web.Data.ProvincePlan { ProvinceId = w.DaNang.Id, Year = 2026, Title = "Kế hoạch chuyển đổi số cộng đồng thành phố năm 2026", Status = CongDongSo.Web.Data.PlanStatus.InForce, CreatedAtUtc = now, UpdatedAtUtc = now };
            var target = new CongDongSo.Web.Data.ProvinceTarget
            {
                PlanId = plan.Id, ProvinceId = w.DaNang.Id, Code = "1", Text = "Ít nhất 50 % người trưởng thành có chữ ký số", Value = 50m, Deadline = new DateOnly(2026, 12, 31),
                IndicatorId = await db.Indicators.Where(i => i.CommuneId == null && i.Code == "adults18_signature").Select(i => i.Id).SingleAsync(),
            };
            target.Shares.Add(new CongDongSo.Web.Data.ProvinceTargetShare { TargetId = target.Id, CommuneId = w.HoaXuan.Id, Value = 40m });
            plan.Targets.Add(target);
            db.ProvincePlans.Add(plan);
            await db.SaveChangesAsync();
            return plan.Id;
        });
        var page = await app.NewPhonePageAsync();
        await FieldPhone.SignInAsync(app, page, World.Users.ProvinceDaNang, "/province/plans");
        await Accessibility.AssertAccessibleAsync(page);
        await page.GetByRole(AriaRole.Link, new() { Name = "2026 · Kế hoạch chuyển đổi số cộng đồng thành phố năm 2026" }).ClickAsync();
        await page.GetByTestId("hand-down").ClickAsync();
        await Assertions.Expect(page.GetByTestId("province-targets").GetByTestId("handed-down")).ToHaveTextAsync("2/2");
        await Assertions.Expect(page.GetByTestId("communes").Locator("tbody tr")).ToHaveCountAsync(2);
        await FieldPhone.AssertFitsPhoneAsync(page);
        await Accessibility.AssertAccessibleAsync(page);
        await page.GetByTestId("province-targets").GetByRole(AriaRole.Link, new() { Name = "1. Ít nhất 50 % người trưởng thành có chữ ký số" }).ClickAsync();
        await Assertions.Expect(page.Locator($"[data-testid=communes] tr[data-commune='{w.HoaXuan.Id}']")).ToContainTextAsync("40");
        await FieldPhone.AssertFitsPhoneAsync(page);
        await Accessibility.AssertAccessibleAsync(page);
        Assert.Equal(2, await app.WithDbAsync(db => db.PlanTargets.IgnoreQueryFilters().CountAsync(t => t.ParentTargetId != null && db.ProvinceTargets.IgnoreQueryFilters().Any(p => p.Id == t.ParentTargetId && p.PlanId == planId))));
    }
}
