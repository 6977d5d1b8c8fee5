using System.Net;
using CongDongSo.Tests.Infrastructure;
using CongDongSo.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace CongDongSo.Tests.Features.Plans;

/// <summary>A figure supplied from outside is entered or pasted with its source and date, and the plan's target reads the latest one.</summary>
public sealed class ExternalValuesTests(AppFactory app) : IClassFixture<AppFactory>
{
    [DbFact]
    public async Task The_officer_enters_and_pastes_supplied_figures_and_the_target_reads_the_latest_of_the_period()
    {
        var w = app.World;
        var indicator = await app.WithDbAsync(db => db.Indicators.SingleAsync(i => i.CommuneId == null && i.Code == "dvc_online_use_share"));
        var officer = await app.SignInAsync(World.Users.WardHoaXuan);
        var one = new Dictionary<string, string?>
        {
            ["IndicatorId"] = indicator.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), ["PeriodStart"] = "2026-01-01", ["PeriodEnd"] = "2026-06-30",
            ["Value"] = "120", ["Source"] = "Bộ phận một cửa phường", ["ReportedOn"] = "2026-07-05",
        };
        var refused = await officer.SubmitFormAsync("/indicators/external", one, "main form[action*='handler=Add']");
        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        Assert.Contains("Tỷ lệ phải từ 0 đến 100 %.", await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(0, await app.WithDbAsync(db => db.ExternalValues.CountAsync()));
        one["Value"] = "99999999999999999999"; // a number, but more than the column keeps: a field error, not a 500
        Assert.Contains("Giá trị quá lớn", await (await officer.SubmitFormAsync("/indicators/external", one, "main form[action*='handler=Add']")).Content.ReadAsStringAsync(), StringComparison.Ordinal);
        one["Value"] = "62,5";
        Assert.Equal(HttpStatusCode.Redirect, (await officer.SubmitFormAsync("/indicators/external", one, "main form[action*='handler=Add']")).StatusCode);

        // A pasted block with one bad line stores nothing and names the line; fixed, it stores every line.
        var lines = $"dvc_online_use_share;01/07/2026;30/09/2026;71,2;Bộ phận một cửa phường;05/10/2026\nkhong_co;01/07/2026;30/09/2026;10;Công an;05/10/2026";
        var bad = await officer.SubmitFormAsync("/indicators/external", new Dictionary<string, string?> { ["Lines"] = lines }, "main form[action*='handler=Paste']");
        Assert.Equal(HttpStatusCode.OK, bad.StatusCode);
        Assert.Contains("Dòng 2:", await bad.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(1, await app.WithDbAsync(db => db.ExternalValues.CountAsync()));
        lines = $"dvc_online_use_share;01/07/2026;30/09/2026;71,2;Bộ phận một cửa phường;05/10/2026\ndvc_online_use_share\t2026-07-01\t2026-09-30\t80\tBộ phận một cửa phường\t2026-10-05\t{w.HxTdp1.Name}";
        Assert.Equal(HttpStatusCode.Redirect, (await officer.SubmitFormAsync("/indicators/external", new Dictionary<string, string?> { ["Lines"] = lines }, "main form[action*='handler=Paste']")).StatusCode);
        var stored = await app.WithDbAsync(db => db.ExternalValues.OrderBy(v => v.PeriodEnd).ThenBy(v => v.NeighbourhoodId).ToListAsync());
        Assert.Equal(3, stored.Count);
        Assert.Equal(w.HxTdp1.Id, stored.Single(v => v.Value == 80m).NeighbourhoodId);

        // A target on it: the ward's figure is the latest period's by the day looked at.
        var (planId, targetId) = await app.WithDbAsync(async db =>
        {
            var now = app.Clock.GetUtcNow().UtcDateTime;
            var plan = new Plan { CommuneId = w.HoaXuan.Id, Year = 2026, Title = "Kế hoạch", CreatedAtUtc = now, UpdatedAtUtc = now };
            var target = new PlanTarget { CommuneId = w.HoaXuan.Id, PlanId = plan.Id, IndicatorId = indicator.Id, Value = 70m, Deadline = new DateOnly(2026, 12, 31) };
            plan.Targets.Add(target);
            db.Plans.Add(plan);
            await db.SaveChangesAsync();
            return (plan.Id, target.Id);
        });
        Assert.Equal("62.5", (await officer.GetDocumentAsync($"/plans/{planId}?at=2026-08-15")).QuerySelector($"[data-target='{targetId}']")!.GetAttribute("data-actual"));
        Assert.Equal("71.2", (await officer.GetDocumentAsync($"/plans/{planId}?at=2026-10-10")).QuerySelector($"[data-target='{targetId}']")!.GetAttribute("data-actual"));

        // Deleting one takes it out of the figure; a team leader cannot reach the page.
        var page = await officer.GetDocumentAsync("/indicators/external");
        var deleteForm = (AngleSharp.Html.Dom.IHtmlFormElement)page.QuerySelector($"[data-value='{stored.Single(v => v.Value == 71.2m).Id}'] form")!;
        Assert.Equal(HttpStatusCode.Redirect, (await officer.SubmitFormAsync(deleteForm, "/indicators/external", new Dictionary<string, string?>())).StatusCode);
        Assert.Equal("62.5", (await officer.GetDocumentAsync($"/plans/{planId}?at=2026-10-10")).QuerySelector($"[data-target='{targetId}']")!.GetAttribute("data-actual"));
        await (await app.SignInAsync(World.Users.TeamLeadHx1)).GetDocumentAsync("/indicators/external", HttpStatusCode.Forbidden);
    }
}
