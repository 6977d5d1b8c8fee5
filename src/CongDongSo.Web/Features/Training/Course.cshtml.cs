using CongDongSo.Web.Data;
using CongDongSo.Web.Infrastructure.Auth;
using CongDongSo.Web.Infrastructure.Localization;
using CongDongSo.Web.Infrastructure.Text;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace CongDongSo.Web.Features.Training;

/// <summary>
/// A course: its sittings with attendance, and for an online course who completed it by the
/// deadline, team by team, with the certificates to verify. A team leader sees their team's members only.
/// </summary>
[Authorize(Policy = Policies.ViewTraining)]
public sealed class CourseModel(AppDbContext db, TimeProvider clock, IStringLocalizer<SharedResource> l) : PageModel
{
    public Course Course { get; private set; } = null!;
    public List<string> Topics { get; private set; } = [];
    public string? AudienceTeam { get; private set; }
    public List<SessionRow> Sessions { get; private set; } = [];
    public int Expected { get; private set; }
    public List<CompletionTeam> Completions { get; private set; } = [];
    public bool IsExpectedMember { get; private set; }
    public bool Manages => db.Scope.Role is { } role && Policies.Allows(Policies.ManageTraining, role);
    public bool TicksAttendance => db.Scope.Role is { } role && Policies.Allows(Policies.RecordAttendance, role);

    [BindProperty]
    public TrainingSessionInput NewSession { get; set; } = new();

    /// <summary>Only the members still missing.</summary>
    [BindProperty(SupportsGet = true)]
    public bool Missing { get; set; }

    public async Task<IActionResult> OnGetAsync(Guid id) => await LoadAsync(id) ? Page() : NotFound();

    public async Task<IActionResult> OnPostSessionAsync(Guid id)
    {
        if (!Manages || !await LoadAsync(id))
        {
            return NotFound();
        }
        foreach (var error in CourseRules.CheckSession(l, NewSession, nameof(NewSession) + ".", Sessions.Count + 1))
        {
            ModelState.AddModelError(error.Field, error.Message);
        }
        if (!ModelState.IsValid)
        {
            return Page();
        }
        db.TrainingSessions.Add(CourseRules.NewSession(Course, NewSession, Course.Place));
        await db.SaveChangesAsync();
        TempData["Flash"] = l["Đã thêm buổi học."].Value;
        return Redirect($"/training/{id}");
    }

    /// <summary>The officer verifies a certificate, or returns it with a reason (the member uploads another).</summary>
    public async Task<IActionResult> OnPostReviewAsync(Guid id, Guid completionId, bool verified, string? note)
    {
        if (!Manages || !await LoadAsync(id))
        {
            return NotFound();
        }
        var completion = await db.CourseCompletions.FirstOrDefaultAsync(c => c.Id == completionId && c.CourseId == id);
        if (completion is null)
        {
            return NotFound();
        }
        note = VietnameseText.Clean(note);
        if (!verified && string.IsNullOrEmpty(note))
        {
            ModelState.AddModelError("note", l["Vui lòng ghi lý do trả lại chứng nhận."]);
            return Page();
        }
        if (note?.Length > 300)
        {
            ModelState.AddModelError("note", l["Lý do dài tối đa 300 ký tự."]);
            return Page();
        }
        completion.Review = verified ? CompletionReview.Verified : CompletionReview.Rejected;
        completion.ReviewNote = verified ? null : note;
        completion.ReviewedByUserId = db.Scope.UserId;
        completion.ReviewedAtUtc = clock.GetUtcNow().UtcDateTime;
        await db.SaveChangesAsync();
        TempData["Flash"] = (verified ? l["Đã xác nhận chứng nhận."] : l["Đã trả lại chứng nhận."]).Value;
        return Redirect($"/training/{id}");
    }

    private async Task<bool> LoadAsync(Guid id)
    {
        var course = await db.Courses.AsNoTracking().FirstOrDefaultAsync(c => c.Id == id);
        if (course is null)
        {
            return false;
        }
        Course = course;
        Topics = [.. (await TrainingQueries.TopicsOfAsync(db, [id]))[id].Select(t => t.Name)];
        AudienceTeam = course.AudienceTeamId is { } team ? await db.Teams.Where(t => t.Id == team).Select(t => t.Name).FirstOrDefaultAsync() : null;
        var expected = TrainingQueries.Expected(db, course);
        Expected = await expected.CountAsync();
        Sessions = await db.TrainingSessions.AsNoTracking().Where(s => s.CourseId == id).OrderBy(s => s.StartsAtUtc)
            .Select(s => new SessionRow(s.Id, s.StartsAtUtc, s.EndsAtUtc, s.Place,
                db.Attendances.Count(a => a.SessionId == s.Id && a.Present),
                db.Attendances.Count(a => a.SessionId == s.Id && !a.Present)))
            .ToListAsync();
        IsExpectedMember = db.Scope.UserId is { } userId && await expected.AnyAsync(m => m.UserId == userId);
        if (course.TakesCompletions)
        {
            var rows = await expected
                .Select(m => new
                {
                    m.Id, m.FullName, m.TeamId, Team = m.Team!.Name,
                    Completion = db.CourseCompletions.FirstOrDefault(c => c.CourseId == id && c.MemberId == m.Id),
                })
                .ToListAsync();
            var lines = rows.Select(r => (r.TeamId, r.Team, Line: new CompletionLine(r.Id, r.FullName, r.Completion, TrainingQueries.StateOf(r.Completion, course.CompleteBy)))).ToList();
            Completions = [.. lines.GroupBy(r => (r.TeamId, r.Team))
                .OrderBy(g => g.Key.Team, NaturalOrder.Comparer)
                .Select(g => new CompletionTeam(g.Key.TeamId, g.Key.Team,
                    [.. g.Select(r => r.Line)
                        .Where(r => !Missing || r.State is CompletionState.Missing or CompletionState.Rejected)
                        .OrderBy(r => r.State != CompletionState.Missing).ThenBy(r => r.FullName, NaturalOrder.Comparer)],
                    g.Count(),
                    g.Count(r => r.Line.State is CompletionState.OnTime or CompletionState.Late),
                    g.Count(r => r.Line.State is CompletionState.Missing or CompletionState.Rejected)))];
        }
        return true;
    }
}

public sealed record SessionRow(Guid Id, DateTime StartsAtUtc, DateTime EndsAtUtc, string? Place, int Present, int Absent);

public sealed record CompletionLine(Guid MemberId, string FullName, CourseCompletion? Completion, CompletionState State);

public sealed record CompletionTeam(Guid TeamId, string Team, List<CompletionLine> Lines, int Expected, int Completed, int Missing);
