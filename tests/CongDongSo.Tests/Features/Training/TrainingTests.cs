using System.Net;
using System.Net.Http.Json;
using CongDongSo.Tests.Features.FieldWork;
using CongDongSo.Tests.Infrastructure;
using CongDongSo.Web.Data;
using CongDongSo.Web.Features.Training;
using DocumentFormat.OpenXml.Packaging;
using Microsoft.EntityFrameworkCore;

namespace CongDongSo.Tests.Features.Training;

public sealed class TrainingTests(AppFactory app) : IClassFixture<AppFactory>, IAsyncLifetime
{
    public Task InitializeAsync() => TrainingKit.LinkAccountsAsync(app);

    public Task DisposeAsync() => Task.CompletedTask;

    private DateTime Now => app.Clock.GetUtcNow().UtcDateTime;

    [DbFact]
    public async Task A_member_checks_in_with_the_qr_link_inside_the_window_once_and_not_outside_it()
    {
        // Three sittings: one now, one that ended this morning, one tomorrow.
        var course = await TrainingKit.CourseAsync(app, app.World.HoaXuan.Id, "Tập huấn VNeID cho Tổ CNSCĐ", sessionStartsUtc:
            [Now.AddMinutes(-20), Now.AddHours(-3), Now.AddDays(1)]);
        var (now, ended, tomorrow) = (course.Sessions[0], course.Sessions[1], course.Sessions[2]);
        var member = await app.SignInAsync(World.Users.MemberHx1);

        var page = await member.GetDocumentAsync($"/training/check-in/{now.CheckInToken}");
        Assert.NotNull(page.QuerySelector("[data-testid=check-in]"));
        var first = await member.SubmitFormAsync($"/training/check-in/{now.CheckInToken}", new Dictionary<string, string?>());
        var answer = await Browser.ParseAsync(first);
        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal("CheckedIn", answer.QuerySelector("[data-testid=check-in-result]")!.GetAttribute("data-result"));

        // Twice counts once: the API answers "already", and one row stays.
        var again = await member.PostAsJsonAsync("/api/v1/training/check-in", new { token = now.CheckInToken });
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.Equal("AlreadyCheckedIn", (await FieldKit.JsonAsync(again)).GetProperty("result").GetString());
        var rows = await app.WithDbAsync(db => db.Attendances.Where(a => a.SessionId == now.Id).ToListAsync());
        var row = Assert.Single(rows);
        Assert.True(row.Present && row.SelfCheckIn);
        Assert.Equal((await FieldKit.DeputyHx1Async(app)).Id, row.MemberId);
        Assert.Equal(app.World.HxTeam1.Id, row.TeamId);

        // Outside the window: refused, nothing written.
        var late = await member.PostAsJsonAsync("/api/v1/training/check-in", new { token = ended.CheckInToken });
        Assert.Equal(HttpStatusCode.Conflict, late.StatusCode);
        Assert.Equal("Closed", (await FieldKit.JsonAsync(late)).GetProperty("result").GetString());
        var early = await member.PostAsJsonAsync("/api/v1/training/check-in", new { token = tomorrow.CheckInToken });
        Assert.Equal("NotOpenYet", (await FieldKit.JsonAsync(early)).GetProperty("result").GetString());
        var closedPage = await member.GetDocumentAsync($"/training/check-in/{ended.CheckInToken}");
        Assert.Null(closedPage.QuerySelector("[data-testid=check-in]"));
        Assert.Contains("Buổi học đã kết thúc", closedPage.Text(), StringComparison.Ordinal);
        Assert.Equal(0, await app.WithDbAsync(db => db.Attendances.CountAsync(a => a.SessionId == ended.Id || a.SessionId == tomorrow.Id)));

        // A member of another ward scanning the code: the session is not in their area.
        var other = await app.SignInAsync(World.Users.TeamLeadCl1);
        var refused = await other.PostAsJsonAsync("/api/v1/training/check-in", new { token = now.CheckInToken });
        Assert.Equal(HttpStatusCode.NotFound, refused.StatusCode);
        Assert.Equal("UnknownCode", (await FieldKit.JsonAsync(refused)).GetProperty("result").GetString());
        Assert.Equal(1, await app.WithDbAsync(db => db.Attendances.CountAsync(a => a.SessionId == now.Id)));

        // The session page counts the member present, marked as a self check-in.
        var officer = await app.SignInAsync(World.Users.WardHoaXuan);
        var list = await officer.GetDocumentAsync($"/training/sessions/{now.Id}");
        Assert.Equal("present", list.QuerySelector($"[data-member='{row.MemberId}']")!.GetAttribute("data-status"));
        Assert.NotNull(list.QuerySelector("[data-testid=check-in-qr] svg"));
        Assert.EndsWith($"/training/check-in/{now.CheckInToken}", list.QuerySelector("[data-testid=check-in-link]")!.GetAttribute("href"), StringComparison.Ordinal);
    }

    [DbFact]
    public async Task The_officer_creates_a_course_with_two_sittings_and_bad_input_names_the_field()
    {
        var officer = await app.SignInAsync(World.Users.WardHoaXuan);
        var bad = await Browser.ParseAsync(await officer.SubmitFormAsync("/training/new", new Dictionary<string, string?>
        {
            ["Input.Title"] = "Tập huấn chữ ký số",
            ["Input.Sessions[0].Date"] = "2026-11-25", ["Input.Sessions[0].Starts"] = "14:00", ["Input.Sessions[0].Ends"] = "13:00",
        }));
        var errors = bad.Errors();
        Assert.Contains("Vui lòng chọn ít nhất một chủ đề.", errors);
        Assert.Contains("Buổi 1: giờ kết thúc phải sau giờ bắt đầu.", errors);
        var ancient = await Browser.ParseAsync(await officer.SubmitFormAsync("/training/new", new Dictionary<string, string?>
        {
            ["Input.Title"] = "Năm 0001", ["Input.Sessions[0].Date"] = "0001-01-01", ["Input.Sessions[0].Starts"] = "00:00", ["Input.Sessions[0].Ends"] = "01:00",
        }));
        Assert.Contains("Buổi 1: ngày học phải từ năm 2020 đến năm 2100.", ancient.Errors());
        Assert.Equal(0, await app.WithDbAsync(db => db.Courses.CountAsync(c => c.Title == "Tập huấn chữ ký số")));

        var topic = await app.WithDbAsync(db => db.TrainingTopics.Where(t => t.Code == "signature").Select(t => t.Id).SingleAsync());
        var response = await FieldKit.SubmitAsync(officer, "/training/new",
            ("Input.Title", "Tập huấn chữ ký số"), ("Input.TopicIds", topic.ToString(System.Globalization.CultureInfo.InvariantCulture)),
            ("Input.OrganiserName", "VNPT Đà Nẵng"), ("Input.Organiser", "Partner"),
            ("Input.Sessions[0].Date", "2026-11-25"), ("Input.Sessions[0].Starts", "14:00"), ("Input.Sessions[0].Ends", "16:30"),
            ("Input.Sessions[1].Date", "2026-11-26"), ("Input.Sessions[1].Starts", "08:00"), ("Input.Sessions[1].Ends", "10:00"),
            ("Input.Sessions[1].Place", "Nhà văn hóa Tổ dân phố số 1"));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var course = await app.WithDbAsync(db => db.Courses.Include(c => c.Sessions).Include(c => c.Topics).SingleAsync(c => c.Title == "Tập huấn chữ ký số"));
        Assert.Equal($"/training/{course.Id}", response.Headers.Location!.PathAndQuery());
        Assert.Equal(CourseOrganiser.Partner, course.Organiser);
        Assert.Equal(topic, Assert.Single(course.Topics).TopicId);
        var sittings = course.Sessions.OrderBy(s => s.StartsAtUtc).ToList();
        Assert.Equal(2, sittings.Count);
        Assert.Equal(new DateTime(2026, 11, 25, 7, 0, 0, DateTimeKind.Utc), sittings[0].StartsAtUtc); // 14:00 in Vietnam
        Assert.Equal("Hội trường UBND phường", sittings[0].Place ?? "Hội trường UBND phường");
        Assert.Equal("Nhà văn hóa Tổ dân phố số 1", sittings[1].Place);
        Assert.NotEqual(sittings[0].CheckInToken, sittings[1].CheckInToken);
        Assert.True(sittings.All(s => s.CheckInToken.Length >= 24));
        var detail = await officer.GetDocumentAsync($"/training/{course.Id}");
        Assert.Equal(2, detail.QuerySelectorAll("[data-testid=sessions] li").Length);
    }

    [DbFact]
    public async Task Online_course_completions_before_and_after_the_deadline_and_who_is_still_missing_by_team()
    {
        var deadline = DateOnly.FromDateTime(Now.AddHours(7)).AddDays(-1);
        var course = await TrainingKit.CourseAsync(app, app.World.HoaXuan.Id, "Bình dân học vụ số: kỹ năng số cơ bản", CourseForm.Online, deadline);
        var member = await app.SignInAsync(World.Users.MemberHx1);
        var lead2 = await app.SignInAsync(World.Users.TeamLeadHx2);
        var url = $"/training/{course.Id}/completion";

        var onTime = await TrainingKit.PostMultipartAsync(member, url, [("CompletedOn", deadline.AddDays(-3).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture))],
            [("Certificate", "chung-nhan.pdf", TrainingKit.Pdf)]);
        Assert.Equal(HttpStatusCode.Redirect, onTime.StatusCode);
        var late = await TrainingKit.PostMultipartAsync(lead2, url, [("CompletedOn", deadline.AddDays(1).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture))],
            [("Certificate", "anh-chung-nhan.jpg", TestImages.Jpeg(withGps: true))]);
        Assert.Equal(HttpStatusCode.Redirect, late.StatusCode);

        var completions = await app.WithDbAsync(db => db.CourseCompletions.Where(c => c.CourseId == course.Id).ToListAsync());
        Assert.Equal(2, completions.Count);
        Assert.All(completions, c => Assert.Equal(CompletionReview.Pending, c.Review));
        var deputy = await FieldKit.DeputyHx1Async(app);
        Assert.Equal(CompletionState.OnTime, TrainingQueries.StateOf(completions.Single(c => c.MemberId == deputy.Id), deadline));
        Assert.Equal(CompletionState.Late, TrainingQueries.StateOf(completions.Single(c => c.MemberId == app.World.HxTeam2Leader.Id), deadline));

        // The officer's view: per team, who completed and who is still missing.
        var officer = await app.SignInAsync(World.Users.WardHoaXuan);
        var page = await officer.GetDocumentAsync($"/training/{course.Id}?missing=true");
        var team1 = page.QuerySelector($"[data-testid=completions] tr[data-team='{app.World.HxTeam1.Id}']")!.QuerySelectorAll("td").Select(td => td.TextContent).ToList();
        Assert.Equal(["2", "1", "1"], team1); // leader and deputy; the deputy done, the leader missing
        var missing = page.QuerySelectorAll($"[data-team-lines='{app.World.HxTeam1.Id}'] li").Select(li => li.GetAttribute("data-member")).ToList();
        Assert.Equal([app.World.HxTeam1Leader.Id.ToString()], missing);
        Assert.Empty(page.QuerySelectorAll($"[data-team-lines='{app.World.HxTeam2.Id}'] li")); // done, late

        // The officer verifies the deputy's certificate: now trained on the course's topic.
        var deputyDone = completions.Single(c => c.MemberId == deputy.Id);
        var full = await officer.GetDocumentAsync($"/training/{course.Id}");
        var verify = full.QuerySelector($"li[data-member='{deputy.Id}'] form input[name=verified][value=true]")!.ParentElement as AngleSharp.Html.Dom.IHtmlFormElement;
        Assert.Equal(HttpStatusCode.Redirect, (await officer.SubmitFormAsync(verify!, $"/training/{course.Id}", new Dictionary<string, string?>())).StatusCode);
        Assert.Equal(CompletionReview.Verified, await app.WithDbAsync(db => db.CourseCompletions.Where(c => c.Id == deputyDone.Id).Select(c => c.Review).SingleAsync()));
        var trained = await app.WithDbAsync(db => TrainingQueries.TrainedMemberIds(db, app.World.HoaXuan.Id, []).ToListAsync());
        Assert.Contains(deputy.Id, trained);
        Assert.DoesNotContain(app.World.HxTeam2Leader.Id, trained); // not yet verified
    }

    [DbFact]
    public async Task A_certificate_is_checked_by_content_and_size_and_read_only_inside_the_area()
    {
        var course = await TrainingKit.CourseAsync(app, app.World.HoaXuan.Id, "An toàn thông tin", CourseForm.Online, new DateOnly(2026, 12, 31));
        var member = await app.SignInAsync(World.Users.MemberHx1);
        var url = $"/training/{course.Id}/completion";
        (string, string)[] day = [("CompletedOn", "2026-11-19")];

        var exe = await Browser.ParseAsync(await TrainingKit.PostMultipartAsync(member, url, day, [("Certificate", "chung-nhan.pdf", [0x4D, 0x5A, 0x90, 0x00, 0x03, 0x00, 0x00, 0x00])]));
        Assert.Contains("Chứng nhận: tệp “chung-nhan.pdf” không phải PDF, JPEG, PNG, WEBP (kiểm tra theo nội dung tệp, không theo tên).", exe.Errors());
        var big = new byte[(10 * 1024 * 1024) + 1];
        TrainingKit.Pdf.CopyTo(big, 0);
        var oversized = await Browser.ParseAsync(await TrainingKit.PostMultipartAsync(member, url, day, [("Certificate", "to.pdf", big)]));
        Assert.Contains("Chứng nhận: tệp “to.pdf” lớn hơn 10 MB cho phép.", oversized.Errors());
        Assert.Equal(0, await app.WithDbAsync(db => db.CourseCompletions.CountAsync(c => c.CourseId == course.Id)));

        Assert.Equal(HttpStatusCode.Redirect, (await TrainingKit.PostMultipartAsync(member, url, day, [("Certificate", "../../etc/passwd.pdf", TrainingKit.Pdf)])).StatusCode);
        var stored = await app.WithDbAsync(db => db.CourseCompletions.SingleAsync(c => c.CourseId == course.Id));
        Assert.Matches("^[0-9]+/[0-9a-f]{32}\\.pdf$", stored.CertificateKey!); // the name the user gave is never a path
        var officer = await app.SignInAsync(World.Users.WardHoaXuan);
        var file = await officer.GetAsync($"/training/certificates/{stored.Id}");
        Assert.Equal(HttpStatusCode.OK, file.StatusCode);
        Assert.Equal("application/pdf", file.Content.Headers.ContentType!.MediaType);
        Assert.Equal(TrainingKit.Pdf, await file.Content.ReadAsByteArrayAsync());
        Assert.True(await app.WithDbAsync(db => db.AuditEntries.AnyAsync(a => a.Action == AuditAction.Read && a.EntityType == "CourseCompletion" && a.EntityId == stored.Id.ToString())));
        // Another team's leader and another ward's officer: not found.
        Assert.Equal(HttpStatusCode.NotFound, (await (await app.SignInAsync(World.Users.TeamLeadHx2)).GetAsync($"/training/certificates/{stored.Id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await (await app.SignInAsync(World.Users.WardCamLe)).GetAsync($"/training/certificates/{stored.Id}")).StatusCode);
    }

    [DbFact]
    public async Task A_team_leader_ticks_and_sees_only_their_own_teams_attendance()
    {
        var course = await TrainingKit.CourseAsync(app, app.World.HoaXuan.Id, "Phòng chống lừa đảo trực tuyến", sessionStartsUtc: [Now.AddHours(-1)]);
        var session = course.Sessions[0];
        var lead2 = await app.SignInAsync(World.Users.TeamLeadHx2);
        var url = $"/training/sessions/{session.Id}";

        var page = await lead2.GetDocumentAsync(url);
        var listed = page.QuerySelectorAll("[data-testid=attendance] li").Select(li => li.GetAttribute("data-member")).ToList();
        Assert.Equal([app.World.HxTeam2Leader.Id.ToString()], listed);
        var api = await FieldKit.JsonAsync(await lead2.GetAsync($"/api/v1/training/sessions/{session.Id}/attendance"));
        Assert.Equal([app.World.HxTeam2Leader.Id.ToString()], api.EnumerateArray().Select(x => x.GetProperty("memberId").GetString()).ToList());

        // Ticking team 1's leader (another team) through a crafted form: not found, nothing written.
        var crafted = await lead2.SubmitFormAsync(url, new Dictionary<string, string?>
        {
            ["Marks[0].MemberId"] = app.World.HxTeam1Leader.Id.ToString(), ["Marks[0].Status"] = "present",
        });
        Assert.Equal(HttpStatusCode.NotFound, crafted.StatusCode);
        Assert.Equal(0, await app.WithDbAsync(db => db.Attendances.CountAsync(a => a.SessionId == session.Id)));

        // Their own: absent, with a reason.
        var own = await lead2.SubmitFormAsync(url, new Dictionary<string, string?> { ["Marks[0].Status"] = "absent", ["Marks[0].Reason"] = "Ốm" });
        Assert.Equal(HttpStatusCode.Redirect, own.StatusCode);
        var row = await app.WithDbAsync(db => db.Attendances.SingleAsync(a => a.SessionId == session.Id));
        Assert.False(row.Present);
        Assert.Equal("Ốm", row.AbsenceReason);
        Assert.Equal(app.World.HxTeam2.Id, row.TeamId);

        // The officer sees everyone, and the sign sheet lists them.
        var officer = await app.SignInAsync(World.Users.WardHoaXuan);
        var sheet = await officer.GetAsync($"{url}?handler=sheet");
        Assert.Equal(HttpStatusCode.OK, sheet.StatusCode);
        using var document = SpreadsheetDocument.Open(new MemoryStream(await sheet.Content.ReadAsByteArrayAsync()), false);
        var text = string.Join("|", document.WorkbookPart!.WorksheetParts.Single().Worksheet.Descendants<DocumentFormat.OpenXml.Spreadsheet.Text>().Select(t => t.Text));
        Assert.Contains("DANH SÁCH ĐIỂM DANH", text, StringComparison.Ordinal);
        Assert.Contains("Phòng chống lừa đảo trực tuyến", text, StringComparison.Ordinal);
        Assert.Contains("Nguyễn Văn Hùng", text, StringComparison.Ordinal);
        Assert.Contains("Trần Minh Quân", text, StringComparison.Ordinal);
        Assert.Contains("Ốm", text, StringComparison.Ordinal);
        Assert.Contains("Ký tên", text, StringComparison.Ordinal);
        Assert.NotNull(document.WorkbookPart.Workbook.DefinedNames); // the header row repeats on each printed page
    }

    [DbFact]
    public async Task Trained_and_untrained_members_per_team_and_the_members_record()
    {
        var course = await TrainingKit.CourseAsync(app, app.World.HoaXuan.Id, "Sổ sức khỏe điện tử", topicCode: "ehealth", sessionStartsUtc: [Now.AddDays(-2)]);
        await app.WithDbAsync(async db =>
        {
            db.Attendances.Add(new Attendance
            {
                CommuneId = app.World.HoaXuan.Id, SessionId = course.Sessions[0].Id, MemberId = app.World.HxTeam1Leader.Id, TeamId = app.World.HxTeam1.Id,
                Present = true, RecordedAtUtc = Now,
            });
            await db.SaveChangesAsync();
        });
        var officer = await app.SignInAsync(World.Users.WardHoaXuan);
        var topic = await app.WithDbAsync(db => db.TrainingTopics.Where(t => t.Code == "ehealth").Select(t => t.Id).SingleAsync());
        var page = await officer.GetDocumentAsync($"/training/coverage?topic={topic}");
        var team1 = page.QuerySelector($"tr[data-team='{app.World.HxTeam1.Id}']")!.QuerySelectorAll("td").Select(td => td.TextContent).ToList();
        Assert.Equal(["2", "1", "1", "2", "1"], team1); // both born 1990: under 40
        Assert.Contains("Lê Thị Thu Hà", page.QuerySelector($"[data-untrained='{app.World.HxTeam1.Id}']")!.TextContent, StringComparison.Ordinal);
        var ai = await app.WithDbAsync(db => db.TrainingTopics.Where(t => t.Code == "ai").Select(t => t.Id).SingleAsync());
        var onAi = await officer.GetDocumentAsync($"/training/coverage?topic={ai}");
        Assert.Equal("0", onAi.QuerySelector($"tr[data-team='{app.World.HxTeam1.Id}'] td:nth-of-type(2)")!.TextContent);

        var record = await officer.GetDocumentAsync($"/members/{app.World.HxTeam1Leader.Id}");
        var line = record.QuerySelector($"[data-testid=training-record] li[data-course='{course.Id}']")!;
        Assert.Contains("Y tế số, sổ sức khỏe điện tử", line.TextContent, StringComparison.Ordinal);
        Assert.Contains("Dự 1 buổi", line.TextContent, StringComparison.Ordinal);
    }
}
