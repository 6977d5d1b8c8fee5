using CongDongSo.Web.Data;
using CongDongSo.Web.Infrastructure.Auth;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace CongDongSo.Web.Features.Training;

/// <summary>The ward's courses, newest first, and for a member their own: what to check in to, what to complete.</summary>
[Authorize(Policy = Policies.ViewTraining)]
public sealed class IndexModel(AppDbContext db, TimeProvider clock) : PageModel
{
    public List<CourseRow> Courses { get; private set; } = [];
    public List<MyCourse> Mine { get; private set; } = [];
    public bool Manages => db.Scope.Role is { } role && Policies.Allows(Policies.ManageTraining, role);

    public async Task OnGetAsync()
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var courses = await db.Courses.AsNoTracking()
            .OrderByDescending(c => c.CreatedAtUtc)
            .Select(c => new
            {
                Course = c,
                Sessions = c.Sessions.Count,
                First = c.Sessions.Min(s => (DateTime?)s.StartsAtUtc),
                Next = c.Sessions.Where(s => s.EndsAtUtc >= now).Min(s => (DateTime?)s.StartsAtUtc),
            })
            .Take(300)
            .ToListAsync();
        var topics = await TrainingQueries.TopicsOfAsync(db, [.. courses.Select(c => c.Course.Id)]);
        Courses = [.. courses.Select(c => new CourseRow(c.Course, c.Sessions, c.First, c.Next, [.. topics[c.Course.Id].Select(t => t.Name)]))];

        var me = db.Scope.UserId is { } userId
            ? await db.Members.AsNoTracking().FirstOrDefaultAsync(m => m.UserId == userId && m.LeftOn == null)
            : null;
        if (me is null)
        {
            return;
        }
        foreach (var c in courses.Select(c => c.Course).Where(c => c.CommuneId == me.CommuneId))
        {
            if (!await TrainingQueries.Expected(db, c).AnyAsync(m => m.Id == me.Id))
            {
                continue;
            }
            var open = await db.TrainingSessions.AsNoTracking().Where(s => s.CourseId == c.Id && s.EndsAtUtc >= now)
                .OrderBy(s => s.StartsAtUtc).FirstOrDefaultAsync();
            var attended = await db.Attendances.CountAsync(a => a.MemberId == me.Id && a.Present && db.TrainingSessions.Any(s => s.Id == a.SessionId && s.CourseId == c.Id));
            var completion = c.TakesCompletions ? await db.CourseCompletions.AsNoTracking().FirstOrDefaultAsync(x => x.CourseId == c.Id && x.MemberId == me.Id) : null;
            Mine.Add(new MyCourse(c, open, open is not null && TrainingQueries.IsOpen(open, now), attended, completion));
        }
    }
}

public sealed record CourseRow(Course Course, int Sessions, DateTime? FirstSession, DateTime? NextSession, List<string> Topics);

public sealed record MyCourse(Course Course, TrainingSession? NextSession, bool CheckInOpen, int SessionsAttended, CourseCompletion? Completion);
