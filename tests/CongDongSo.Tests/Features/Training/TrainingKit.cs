using AngleSharp.Html.Dom;
using CongDongSo.Tests.Features.FieldWork;
using CongDongSo.Tests.Infrastructure;
using CongDongSo.Web.Data;
using CongDongSo.Web.Features.Training;
using Microsoft.EntityFrameworkCore;

namespace CongDongSo.Tests.Features.Training;

/// <summary>Arrange helpers for training and community: member accounts linked to their rows, courses, multipart posts.</summary>
public static class TrainingKit
{
    /// <summary>Links each team account of the world to its member row (the deputy of team 1 for the member account).</summary>
    public static async Task LinkAccountsAsync(AppFactory app)
    {
        var w = app.World;
        var deputy = await FieldKit.DeputyHx1Async(app);
        await FieldKit.LinkAsync(app, World.Users.MemberHx1, deputy.Id);
        await FieldKit.LinkAsync(app, World.Users.TeamLeadHx1, w.HxTeam1Leader.Id);
        await FieldKit.LinkAsync(app, World.Users.TeamLeadHx2, w.HxTeam2Leader.Id);
        await FieldKit.LinkAsync(app, World.Users.TeamLeadCl1, w.ClTeam1Leader.Id);
    }

    /// <summary>A course of <paramref name="communeId"/> on one topic, for all members, with sittings starting at the given moments (an hour and a half each).</summary>
    public static Task<Course> CourseAsync(AppFactory app, int communeId, string title, CourseForm form = CourseForm.InPerson, DateOnly? completeBy = null,
        string topicCode = "vneid", params DateTime[] sessionStartsUtc) =>
        app.WithDbAsync(async db =>
        {
            var topic = await db.TrainingTopics.Where(t => t.CommuneId == null && t.Code == topicCode).Select(t => t.Id).SingleAsync();
            var course = new Course
            {
                CommuneId = communeId, Title = title, Form = form, CompleteBy = completeBy, Place = "Hội trường UBND phường",
                CreatedAtUtc = app.Clock.GetUtcNow().UtcDateTime,
            };
            course.Topics.Add(new CourseTopic { CommuneId = communeId, CourseId = course.Id, TopicId = topic });
            foreach (var starts in sessionStartsUtc)
            {
                course.Sessions.Add(new TrainingSession
                {
                    CommuneId = communeId, CourseId = course.Id, StartsAtUtc = starts, EndsAtUtc = starts.AddMinutes(90),
                    CheckInToken = TrainingQueries.NewCheckInToken(),
                });
            }
            db.Courses.Add(course);
            await db.SaveChangesAsync();
            return course;
        });

    /// <summary>Posts the page's form as multipart (antiforgery token included), with files.</summary>
    public static async Task<HttpResponseMessage> PostMultipartAsync(HttpClient client, string url, IEnumerable<(string Name, string Value)> fields,
        IEnumerable<(string Name, string FileName, byte[] Content)> files, string? action = null)
    {
        var page = await client.GetDocumentAsync(url);
        var token = page.QuerySelectorAll("main form[method=post] input[name=__RequestVerificationToken]").OfType<IHtmlInputElement>().First().Value;
        using var content = new MultipartFormDataContent { { new StringContent(token), "__RequestVerificationToken" } };
        foreach (var (name, value) in fields)
        {
            content.Add(new StringContent(value), name);
        }
        foreach (var (name, fileName, bytes) in files)
        {
            var part = new ByteArrayContent(bytes);
            part.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/octet-stream");
            content.Add(part, name, fileName);
        }
        return await client.PostAsync(action ?? url, content);
    }

    /// <summary>The smallest real PDF a viewer opens.</summary>
    public static readonly byte[] Pdf = "%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj 2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"u8.ToArray();
}
