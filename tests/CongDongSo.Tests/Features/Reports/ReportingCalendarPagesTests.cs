using System.Net;
using CongDongSo.Tests.Infrastructure;
using CongDongSo.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace CongDongSo.Tests.Features.Reports;

/// <summary>A ward officer reads the reporting calendar a template brings, adds a day off and a rule of their own, and moves due dates off days off.</summary>
public sealed class ReportingCalendarPagesTests(AppFactory app) : IClassFixture<AppFactory>
{
    [DbFact]
    public async Task The_officer_sets_up_the_calendar_as_data_and_the_due_dates_follow()
    {
        var officer = await app.SignInAsync(World.Users.WardHoaXuan);
        var created = await officer.SubmitFormAsync("/plans", new Dictionary<string, string?> { ["Source"] = "template:hoa-xuan-2026", ["Year"] = "2026" },
            "main form[action*='handler=Create']");
        Assert.Equal(HttpStatusCode.Redirect, created.StatusCode);
        var planId = Guid.Parse(created.Headers.Location!.PathAndQuery()["/plans/".Length..]);
        var teamRule = await app.WithDbAsync(db => db.PlanReportingRules.SingleAsync(r => r.PlanId == planId && r.Reporter == ReportingLevel.Team));
        Assert.Equal((3, 20, true), (teamRule.DueMonth!.Value, teamRule.DueDay!.Value, teamRule.DueBefore));

        // Today is 20/11/2026: the home page lists the due dates of the next weeks; a team sees its own reports only.
        var home = await officer.GetDocumentAsync("/");
        var soon = home.QuerySelectorAll("[data-testid=due-soon] li").Select(li => li.GetAttribute("data-due")).ToList();
        Assert.Equal("2026-11-29", soon[0]); // the annual report before 30/11, a Sunday
        Assert.Contains("2026-12-19", soon);
        Assert.Contains("2026-12-26", soon);
        var teamHome = await (await app.SignInAsync(World.Users.MemberHx1)).GetDocumentAsync("/");
        Assert.Equal(["2026-12-19"], teamHome.QuerySelectorAll("[data-testid=due-soon] li").Select(li => li.GetAttribute("data-due")));

        // The team's quarterly report: due on the 19th; September's and December's fall on Saturdays.
        var page = await officer.GetDocumentAsync($"/plans/{planId}/reporting");
        string[] Dues(AngleSharp.Html.Dom.IHtmlDocument d, Guid rule) =>
            [.. d.QuerySelectorAll($"[data-rule='{rule}'] [data-testid=periods] tbody tr").Select(r => r.GetAttribute("data-due")!)];
        Assert.Equal(["2026-03-19", "2026-06-19", "2026-09-19", "2026-12-19"], Dues(page, teamRule.Id));
        Assert.Equal(2, page.QuerySelectorAll($"[data-rule='{teamRule.Id}'] [data-testid=day-off]").Length);

        // The national holidays come with the product; the ward adds its own day off on 19/6.
        var holidays = await officer.GetDocumentAsync("/reporting/holidays?year=2026");
        Assert.NotNull(holidays.QuerySelector("[data-testid=holidays] tr[data-date='2026-09-02']"));
        var badDay = await officer.SubmitFormAsync("/reporting/holidays?year=2026", new Dictionary<string, string?> { ["NewDate"] = "2026-06-19", ["NewName"] = "" },
            "main form[action*='handler=Add']");
        Assert.Equal(HttpStatusCode.OK, badDay.StatusCode);
        Assert.Contains("Vui lòng nhập tên ngày nghỉ.", (await Browser.ParseAsync(badDay)).Errors());
        var added = await officer.SubmitFormAsync("/reporting/holidays?year=2026",
            new Dictionary<string, string?> { ["NewDate"] = "2026-06-19", ["NewName"] = "Nghỉ bù theo quyết định của UBND phường" }, "main form[action*='handler=Add']");
        Assert.Equal(HttpStatusCode.Redirect, added.StatusCode);

        // The officer chooses to move due dates off days off: 19/6 → 18/6, 19/9 → 18/9, 19/12 → 18/12.
        var edit = await officer.GetDocumentAsync($"/plans/{planId}/reporting?edit={teamRule.Id}");
        Assert.Equal("20", edit.QuerySelector("#Input_DueDay")!.GetAttribute("value"));
        var moved = await officer.SubmitFormAsync(edit, $"/plans/{planId}/reporting", new Dictionary<string, string?> { ["Input.MoveToWorkingDay"] = "true" },
            "main form[action*='handler=Save']");
        Assert.Equal(HttpStatusCode.Redirect, moved.StatusCode);
        page = await officer.GetDocumentAsync($"/plans/{planId}/reporting");
        Assert.Equal(["2026-03-19", "2026-06-18", "2026-09-18", "2026-12-18"], Dues(page, teamRule.Id));
        Assert.Contains("Nghỉ bù theo quyết định của UBND phường", page.QuerySelector($"[data-rule='{teamRule.Id}'] tr[data-period='2026-04-01']")!.TextContent, StringComparison.Ordinal);

        // A rule of the ward's own, from the form; bad input names its fields and adds nothing.
        var before = await app.WithDbAsync(db => db.PlanReportingRules.CountAsync(r => r.PlanId == planId));
        var bad = await officer.SubmitFormAsync($"/plans/{planId}/reporting", new Dictionary<string, string?>
        {
            ["Input.Name"] = "", ["Input.Period"] = "Month", ["Input.DueDay"] = "40", ["Input.CutoffDay"] = "30",
        }, "main form[action*='handler=Save']");
        Assert.Equal(HttpStatusCode.OK, bad.StatusCode);
        var errors = (await Browser.ParseAsync(bad)).Errors();
        Assert.Contains("Vui lòng nhập tên báo cáo.", errors);
        Assert.Contains("Ngày hạn phải từ 1 đến 31.", errors);
        Assert.Contains("Ngày chốt số liệu phải từ 1 đến 28.", errors);
        Assert.Equal(before, await app.WithDbAsync(db => db.PlanReportingRules.CountAsync(r => r.PlanId == planId)));
        var own = await officer.SubmitFormAsync($"/plans/{planId}/reporting", new Dictionary<string, string?>
        {
            ["Input.Name"] = "Báo cáo tháng của Tổ (số liệu từ ngày 15 đến ngày 14)", ["Input.Reporter"] = "Team", ["Input.Period"] = "Month",
            ["Input.DueMonth"] = "2", ["Input.DueDay"] = "14", ["Input.CutoffDay"] = "14",
        }, "main form[action*='handler=Save']");
        Assert.Equal(HttpStatusCode.Redirect, own.StatusCode);
        var monthly = await app.WithDbAsync(db => db.PlanReportingRules.SingleAsync(r => r.PlanId == planId && r.CutoffDay == 14));
        page = await officer.GetDocumentAsync($"/plans/{planId}/reporting");
        var december = page.QuerySelector($"[data-rule='{monthly.Id}'] tr[data-period='2026-12-01']")!;
        Assert.Equal("2027-01-13", december.GetAttribute("data-due"));
        Assert.Contains("15/11/2026 – 14/12/2026", december.TextContent, StringComparison.Ordinal);

        // The exported plan file carries the calendar's new fields.
        var file = await officer.GetStringAsync($"/plans/{planId}?handler=export");
        Assert.Contains("\"cutoffDay\": 14", file, StringComparison.Ordinal);
        Assert.Contains("\"moveToWorkingDay\": true", file, StringComparison.Ordinal);

        // A member reads the calendar but cannot change it; another ward does not see it at all.
        var member = await app.SignInAsync(World.Users.MemberHx1);
        Assert.Empty((await member.GetDocumentAsync($"/plans/{planId}/reporting")).QuerySelectorAll("form[action*='handler=Save']"));
        var other = await app.SignInAsync(World.Users.WardCamLe);
        await other.GetDocumentAsync($"/plans/{planId}/reporting", HttpStatusCode.NotFound);
        Assert.Null((await other.GetDocumentAsync("/reporting/holidays?year=2026")).QuerySelector("tr[data-date='2026-06-19']"));
    }
}
