using System.Net;
using CongDongSo.Tests.Features.Training;
using CongDongSo.Tests.Infrastructure;
using CongDongSo.Web.Data;
using CongDongSo.Web.Infrastructure.Files;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CongDongSo.Tests.Features.Plans;

/// <summary>A plan task's evidence: the ward's own activity, communication item, a link or a file; another ward's records cannot be named.</summary>
public sealed class TaskEvidenceTests(AppFactory app) : IClassFixture<AppFactory>
{
    [DbFact]
    public async Task The_officer_links_an_activity_a_news_item_and_a_document_to_a_task_and_the_plan_shows_them()
    {
        var w = app.World;
        var (planId, taskId, eventId, itemId, otherEventId) = await app.WithDbAsync(async db =>
        {
            var now = app.Clock.GetUtcNow().UtcDateTime;
            var user = await db.Users.Where(u => u.UserName == World.Users.WardHoaXuan).Select(u => u.Id).SingleAsync();
            var plan = new Plan { CommuneId = w.HoaXuan.Id, Year = 2026, Title = "Kế hoạch", CreatedAtUtc = now, UpdatedAtUtc = now };
            var task = new PlanTask { CommuneId = w.HoaXuan.Id, PlanId = plan.Id, Content = "Tổ chức Ngày cuối tuần chuyển đổi số hằng tháng", Ongoing = true };
            plan.Tasks.Add(task);
            db.Plans.Add(plan);
            var held = new CommunityEvent { CommuneId = w.HoaXuan.Id, Title = "Ngày cuối tuần chuyển đổi số tháng 3", StartsAtUtc = new DateTime(2026, 3, 14, 1, 0, 0, DateTimeKind.Utc), RecordedByUserId = user, CreatedAtUtc = now, UpdatedAtUtc = now };
            var elsewhere = new CommunityEvent { CommuneId = w.CamLe.Id, Title = "Cẩm Lệ", StartsAtUtc = new DateTime(2026, 3, 14, 1, 0, 0, DateTimeKind.Utc), RecordedByUserId = user, CreatedAtUtc = now, UpdatedAtUtc = now };
            var news = new CommunicationItem { CommuneId = w.HoaXuan.Id, Kind = CommunicationKind.PortalNews, PublishedOn = new DateOnly(2026, 3, 15), Title = "Tin: phường ra quân tháng 3", RecordedByUserId = user, CreatedAtUtc = now };
            db.CommunityEvents.AddRange(held, elsewhere);
            db.CommunicationItems.Add(news);
            await db.SaveChangesAsync();
            return (plan.Id, task.Id, held.Id, news.Id, elsewhere.Id);
        });
        var officer = await app.SignInAsync(World.Users.WardHoaXuan);
        var url = $"/plans/{planId}/tasks/{taskId}";
        Assert.Equal(HttpStatusCode.Redirect, (await officer.SubmitFormAsync(url, new Dictionary<string, string?> { ["eventId"] = eventId.ToString() }, "form[action*='handler=AddActivity']")).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await officer.SubmitFormAsync(url, new Dictionary<string, string?> { ["itemId"] = itemId.ToString() }, "form[action*='handler=AddCommunication']")).StatusCode);
        // Another ward's event and a link that is not one are refused, and nothing is added.
        var page = await officer.GetDocumentAsync(url);
        var activityForm = (AngleSharp.Html.Dom.IHtmlFormElement)page.QuerySelector("form[action*='handler=AddActivity']")!;
        Assert.Equal(HttpStatusCode.OK, (await officer.SubmitFormAsync(activityForm, url, new Dictionary<string, string?> { ["eventId"] = otherEventId.ToString() })).StatusCode);
        var badLink = await officer.SubmitFormAsync(url, new Dictionary<string, string?> { ["url"] = "javascript:alert(1)", ["title"] = "x" }, "form[action*='handler=AddLink']");
        Assert.Contains("http:// hoặc https://", await badLink.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(2, await app.WithDbAsync(db => db.TaskEvidence.CountAsync(e => e.TaskId == taskId)));
        Assert.Equal(HttpStatusCode.Redirect, (await officer.SubmitFormAsync(url, new Dictionary<string, string?> { ["url"] = "https://hoaxuan.danang.gov.vn/bao-cao-thang-3.pdf", ["title"] = "Báo cáo tháng 3" }, "form[action*='handler=AddLink']")).StatusCode);

        page = await officer.GetDocumentAsync(url);
        Assert.Equal(["Activity", "Communication", "Link"], page.QuerySelectorAll("[data-testid=evidence] li").Select(li => li.GetAttribute("data-kind")!));
        Assert.Equal($"/activities/{eventId}", page.QuerySelector("[data-kind=Activity] a")!.GetAttribute("href"));
        var plan = await officer.GetDocumentAsync($"/plans/{planId}");
        Assert.Contains("3", plan.QuerySelector($"[data-task='{taskId}'] [data-testid=evidence-count]")!.TextContent, StringComparison.Ordinal);

        // A team leader reads the evidence but cannot change it; another ward does not find the task.
        var leader = await app.SignInAsync(World.Users.TeamLeadHx1);
        Assert.Equal(3, (await leader.GetDocumentAsync(url)).QuerySelectorAll("[data-testid=evidence] li").Length);
        await (await app.SignInAsync(World.Users.WardCamLe)).GetDocumentAsync(url, HttpStatusCode.NotFound);

        // Removing the activity takes its evidence with it.
        await app.WithDbAsync(async db =>
        {
            db.CommunityEvents.Remove(await db.CommunityEvents.SingleAsync(e => e.Id == eventId));
            await db.SaveChangesAsync();
        });
        Assert.Equal(2, await app.WithDbAsync(db => db.TaskEvidence.CountAsync(e => e.TaskId == taskId)));
    }

    [DbFact]
    public async Task A_scanned_report_is_kept_with_the_task_checked_by_its_content_read_within_the_area_and_removed_with_its_evidence()
    {
        var w = app.World;
        var (planId, taskId) = await app.WithDbAsync(async db =>
        {
            var now = app.Clock.GetUtcNow().UtcDateTime;
            var plan = new Plan { CommuneId = w.HoaXuan.Id, Year = 2026, Title = "Kế hoạch có tệp", CreatedAtUtc = now, UpdatedAtUtc = now };
            var task = new PlanTask { CommuneId = w.HoaXuan.Id, PlanId = plan.Id, Content = "Báo cáo kết quả quý I", Deadline = new DateOnly(2026, 3, 25) };
            plan.Tasks.Add(task);
            db.Plans.Add(plan);
            await db.SaveChangesAsync();
            return (plan.Id, task.Id);
        });
        var officer = await app.SignInAsync(World.Users.WardHoaXuan);
        var url = $"/plans/{planId}/tasks/{taskId}";
        var action = url + "?handler=AddFile";

        // A program renamed .pdf is refused by its content, the field named; nothing is stored.
        var renamed = await TrainingKit.PostMultipartAsync(officer, url, [("fileTitle", "Báo cáo")], [("file", "bao-cao.pdf", "MZ\x90\0\x03\0\0\0"u8.ToArray())], action);
        Assert.Equal(HttpStatusCode.OK, renamed.StatusCode);
        Assert.Contains("Tệp minh chứng: tệp “bao-cao.pdf” không phải", await renamed.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(0, await app.WithDbAsync(db => db.TaskEvidence.CountAsync(e => e.TaskId == taskId)));

        var saved = await TrainingKit.PostMultipartAsync(officer, url, [("fileTitle", "Báo cáo quý I đã ký")], [("file", "scan.pdf", TrainingKit.Pdf)], action);
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        var evidence = await app.WithDbAsync(db => db.TaskEvidence.AsNoTracking().SingleAsync(e => e.TaskId == taskId));
        Assert.Equal((EvidenceKind.File, "Báo cáo quý I đã ký", "application/pdf"), (evidence.Kind, evidence.Title, evidence.FileType));
        var page = await officer.GetDocumentAsync(url);
        var href = page.QuerySelector("[data-kind=File] a")!.GetAttribute("href")!;
        var file = await officer.GetAsync(href);
        Assert.Equal(HttpStatusCode.OK, file.StatusCode);
        Assert.Equal("application/pdf", file.Content.Headers.ContentType!.MediaType);
        Assert.Equal(TrainingKit.Pdf, await file.Content.ReadAsByteArrayAsync());

        // The ward's team leader reads it; another ward's officer does not find it.
        Assert.Equal(HttpStatusCode.OK, (await (await app.SignInAsync(World.Users.TeamLeadHx1)).GetAsync(href)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await (await app.SignInAsync(World.Users.WardCamLe)).GetAsync(href)).StatusCode);

        // Removing the evidence removes the stored file too.
        var removed = await officer.SubmitFormAsync(url, new Dictionary<string, string?> { ["evidenceId"] = evidence.Id.ToString() }, "form[action*='handler=Delete']");
        Assert.Equal(HttpStatusCode.Redirect, removed.StatusCode);
        Assert.Null(app.Services.GetRequiredService<PrivateFileStore>().OpenRead(evidence.FileKey!));
        Assert.Equal(HttpStatusCode.NotFound, (await officer.GetAsync(href)).StatusCode);
    }
}
