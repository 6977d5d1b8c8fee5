using System.Text.Json.Serialization;
using CongDongSo.Web.Data;
using CongDongSo.Web.Infrastructure.Auth;
using CongDongSo.Web.Infrastructure.Localization;
using CongDongSo.Web.Infrastructure.Rules;
using CongDongSo.Web.Infrastructure.Web;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace CongDongSo.Web.Features.Training;

/// <summary>Courses, their sittings and attendance as JSON. Outside the caller's area a course does not exist (404).</summary>
public static class TrainingApi
{
    public static RouteGroupBuilder MapTrainingApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/training").WithTags("Training").RequireAuthorization(Policies.ViewTraining);
        group.MapGet("/courses", ListAsync);
        group.MapGet("/courses/{id:guid}", GetAsync);
        // The shared CourseRules validate (with the pages' Vietnamese messages), not the generic filter.
        group.MapPost("/courses", CreateAsync).RequireAuthorization(Policies.ManageTraining).DisableValidation();
        group.MapGet("/sessions/{id:guid}/attendance", AttendanceAsync).RequireAuthorization(Policies.RecordAttendance);
        app.MapPost("/api/v1/training/check-in", CheckInAsync).WithTags("Training").RequireAuthorization(Policies.SignedIn).DisableValidation();
        return group;
    }

    /// <summary>Courses with a sitting in the period (Vietnam days), or created in it when they have none.</summary>
    private static async Task<Ok<List<CourseItem>>> ListAsync(AppDbContext db, DateOnly? from, DateOnly? to)
    {
        (from, to) = (InputRules.ClampDay(from), InputRules.ClampDay(to));
        var courses = db.Courses.AsQueryable();
        if (from is { } first)
        {
            var since = VietnamTime.StartOfDayUtc(first);
            courses = courses.Where(c => c.Sessions.Any(s => s.StartsAtUtc >= since) || (!c.Sessions.Any() && (c.CreatedAtUtc >= since || c.CompleteBy >= first)));
        }
        if (to is { } last)
        {
            var before = VietnamTime.StartOfDayUtc(last.AddDays(1));
            courses = courses.Where(c => c.Sessions.Any(s => s.StartsAtUtc < before) || (!c.Sessions.Any() && c.CreatedAtUtc < before));
        }
        return TypedResults.Ok(await Items(db, courses.OrderByDescending(c => c.CreatedAtUtc).Take(500)));
    }

    private static async Task<Results<Ok<CourseItem>, NotFound>> GetAsync(Guid id, AppDbContext db)
    {
        var item = (await Items(db, db.Courses.Where(c => c.Id == id))).FirstOrDefault();
        return item is null ? TypedResults.NotFound() : TypedResults.Ok(item);
    }

    private static async Task<Results<Created<CourseItem>, ValidationProblem>> CreateAsync(CourseInput input, int? communeId, AppDbContext db, TimeProvider clock,
        IStringLocalizer<SharedResource> l)
    {
        var commune = await PopulationQueries.CommuneAsync(db, communeId);
        if (commune is null)
        {
            return new[] { new FieldError("communeId", l["Vui lòng chọn phường/xã."]) }.ToProblem();
        }
        var errors = await CourseRules.CheckAsync(db, l, commune.Id, input);
        if (errors.Count > 0)
        {
            return errors.ToProblem();
        }
        var course = CourseRules.NewCourse(commune.Id, input, clock.GetUtcNow().UtcDateTime);
        db.Courses.Add(course);
        await db.SaveChangesAsync();
        var item = (await Items(db, db.Courses.Where(c => c.Id == course.Id))).First();
        return TypedResults.Created($"/api/v1/training/courses/{course.Id}", item);
    }

    private static async Task<Results<Ok<List<AttendanceItem>>, NotFound>> AttendanceAsync(Guid id, AppDbContext db)
    {
        var session = await db.TrainingSessions.AsNoTracking().Include(s => s.Course).FirstOrDefaultAsync(s => s.Id == id);
        if (session is null)
        {
            return TypedResults.NotFound();
        }
        // Team-scoped callers see their own team's members only (the scoped sets).
        var expected = TrainingQueries.Expected(db, session.Course!).Select(m => m.Id);
        var items = await db.Members
            .Where(m => expected.Contains(m.Id) || db.Attendances.Any(a => a.SessionId == id && a.MemberId == m.Id))
            .Select(m => new
            {
                m.Id, m.FullName, m.TeamId,
                Mark = db.Attendances.Where(a => a.SessionId == id && a.MemberId == m.Id).Select(a => new { a.Present, a.AbsenceReason, a.SelfCheckIn }).FirstOrDefault(),
            })
            .ToListAsync();
        return TypedResults.Ok(items.Select(x => new AttendanceItem(x.Id, x.FullName, x.TeamId,
            x.Mark is null ? "unrecorded" : x.Mark.Present ? "present" : "absent", x.Mark?.AbsenceReason, x.Mark?.SelfCheckIn == true)).ToList());
    }

    private static async Task<Results<Ok<CheckInAnswer>, NotFound<CheckInAnswer>, Conflict<CheckInAnswer>, ValidationProblem>> CheckInAsync(CheckInRequest request,
        AppDbContext db, TimeProvider clock, IStringLocalizer<SharedResource> l)
    {
        if (string.IsNullOrWhiteSpace(request.Token))
        {
            return new[] { new FieldError(nameof(CheckInRequest.Token), l["Thiếu mã điểm danh (token) trong mã QR."]) }.ToProblem();
        }
        var (result, session) = await TrainingQueries.CheckInAsync(db, request.Token ?? "", db.Scope.UserId!.Value, clock.GetUtcNow().UtcDateTime);
        var answer = new CheckInAnswer(result, session?.Id, l[TrainingText.Of(result)]);
        return result switch
        {
            CheckInResult.CheckedIn or CheckInResult.AlreadyCheckedIn => TypedResults.Ok(answer),
            CheckInResult.UnknownCode => TypedResults.NotFound(answer),
            _ => TypedResults.Conflict(answer),
        };
    }

    private static async Task<List<CourseItem>> Items(AppDbContext db, IQueryable<Course> courses)
    {
        var rows = await courses.AsNoTracking()
            .Select(c => new
            {
                Course = c,
                Sessions = c.Sessions.OrderBy(s => s.StartsAtUtc)
                    .Select(s => new SessionItem(s.Id, s.StartsAtUtc, s.EndsAtUtc, s.Place, db.Attendances.Count(a => a.SessionId == s.Id && a.Present)))
                    .ToList(),
            })
            .ToListAsync();
        var topics = await TrainingQueries.TopicsOfAsync(db, [.. rows.Select(r => r.Course.Id)]);
        return [.. rows.Select(r => new CourseItem(r.Course.Id, r.Course.CommuneId, r.Course.Title, r.Course.Organiser, r.Course.OrganiserName, r.Course.Form,
            [.. topics[r.Course.Id].Select(t => t.Code)], r.Course.Trainers, r.Course.Place, r.Course.Audience, r.Course.AudienceTeamId, r.Course.OnlineUrl, r.Course.CompleteBy, r.Sessions))];
    }
}

public sealed record SessionItem(Guid Id, DateTime StartsAtUtc, DateTime EndsAtUtc, string? Place, int Present);

/// <summary>A course as JSON; enums by name.</summary>
public sealed record CourseItem(Guid Id, int CommuneId, string Title,
    [property: JsonConverter(typeof(JsonStringEnumConverter))] CourseOrganiser Organiser, string? OrganiserName,
    [property: JsonConverter(typeof(JsonStringEnumConverter))] CourseForm Form,
    List<string> Topics, string? Trainers, string? Place,
    [property: JsonConverter(typeof(JsonStringEnumConverter))] CourseAudience Audience, Guid? AudienceTeamId,
    string? OnlineUrl, DateOnly? CompleteBy, List<SessionItem> Sessions);

/// <summary>"present", "absent" or "unrecorded".</summary>
public sealed record AttendanceItem(Guid MemberId, string FullName, Guid TeamId, string Status, string? AbsenceReason, bool SelfCheckIn);

public sealed record CheckInRequest(string? Token);

public sealed record CheckInAnswer([property: JsonConverter(typeof(JsonStringEnumConverter))] CheckInResult Result, Guid? SessionId, string Message);
