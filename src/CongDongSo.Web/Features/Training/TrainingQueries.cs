using System.Security.Cryptography;
using CongDongSo.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace CongDongSo.Web.Features.Training;

public enum CheckInResult
{
    CheckedIn,
    /// <summary>The member was counted already; nothing changed.</summary>
    AlreadyCheckedIn,
    NotOpenYet,
    Closed,
    /// <summary>No session with this code in the user's area (another ward's code, or a mistyped one).</summary>
    UnknownCode,
    /// <summary>The signed-in account is not an active team member of the session's ward.</summary>
    NotAMember,
}

/// <summary>Where a member stands with an online course's deadline.</summary>
public enum CompletionState
{
    Missing,
    OnTime,
    Late,
    Rejected,
}

/// <summary>The training rules with more than one caller: who a course is for, who is trained, self check-in.</summary>
public static class TrainingQueries
{
    /// <summary>Check-in opens this long before a session starts (people arrive early) and closes at its end.</summary>
    public static readonly TimeSpan CheckInOpensBefore = TimeSpan.FromMinutes(30);

    public static string NewCheckInToken() =>
        Convert.ToBase64String(RandomNumberGenerator.GetBytes(18)).Replace('+', '-').Replace('/', '_');

    public static bool IsOpen(TrainingSession session, DateTime nowUtc) =>
        nowUtc >= session.StartsAtUtc - CheckInOpensBefore && nowUtc <= session.EndsAtUtc;

    /// <summary>The active members a course is for, inside the caller's scope (a team leader: their team's).</summary>
    public static IQueryable<Member> Expected(AppDbContext db, Course course)
    {
        var members = db.Members.Where(m => m.CommuneId == course.CommuneId && m.LeftOn == null
            && db.Teams.Any(t => t.Id == m.TeamId && t.DissolvedOn == null));
        return course.Audience switch
        {
            CourseAudience.Team => members.Where(m => m.TeamId == course.AudienceTeamId),
            CourseAudience.Leaders => members.Where(m => m.Position == MemberPosition.Leader || m.Position == MemberPosition.Deputy),
            CourseAudience.Named => members.Where(m => db.CourseInvitees.Any(i => i.CourseId == course.Id && i.MemberId == m.Id)),
            _ => members,
        };
    }

    /// <summary>
    /// Members trained on any of <paramref name="topicIds"/> (every topic when empty): present at a
    /// session of a course on it, or with a verified completion of one.
    /// </summary>
    public static IQueryable<Guid> TrainedMemberIds(AppDbContext db, int communeId, IReadOnlyCollection<int> topicIds)
    {
        var courses = db.Courses.Where(c => c.CommuneId == communeId);
        if (topicIds.Count > 0)
        {
            courses = courses.Where(c => db.CourseTopics.Any(t => t.CourseId == c.Id && topicIds.Contains(t.TopicId)));
        }
        var attended = db.Attendances.Where(a => a.CommuneId == communeId && a.Present
                && db.TrainingSessions.Any(s => s.Id == a.SessionId && courses.Any(c => c.Id == s.CourseId)))
            .Select(a => a.MemberId);
        var completed = db.CourseCompletions.Where(x => x.CommuneId == communeId && x.Review == CompletionReview.Verified && courses.Any(c => c.Id == x.CourseId))
            .Select(x => x.MemberId);
        return attended.Union(completed);
    }

    public static CompletionState StateOf(CourseCompletion? completion, DateOnly? deadline) => completion switch
    {
        null => CompletionState.Missing,
        { Review: CompletionReview.Rejected } => CompletionState.Rejected,
        _ when deadline is { } by && completion.CompletedOn > by => CompletionState.Late,
        _ => CompletionState.OnTime,
    };

    /// <summary>
    /// Checks the signed-in member in to the session whose QR code carries <paramref name="token"/>.
    /// The session is looked up through the scoped set, so another ward's code is unknown here.
    /// </summary>
    public static async Task<(CheckInResult Result, TrainingSession? Session)> CheckInAsync(AppDbContext db, string token, Guid userId, DateTime nowUtc)
    {
        var (blocked, session, member) = await AssessAsync(db, token, userId, nowUtc);
        if (blocked is not null || session is null || member is null)
        {
            return (blocked ?? CheckInResult.UnknownCode, session);
        }
        var existing = await db.Attendances.FirstOrDefaultAsync(a => a.SessionId == session.Id && a.MemberId == member.Id);
        if (existing is null)
        {
            db.Attendances.Add(new Attendance
            {
                CommuneId = session.CommuneId, SessionId = session.Id, MemberId = member.Id, TeamId = member.TeamId,
                Present = true, SelfCheckIn = true, RecordedAtUtc = nowUtc, RecordedByUserId = userId,
            });
        }
        else
        {
            // Marked absent beforehand, then came: present wins, the reason goes.
            existing.Present = true;
            existing.AbsenceReason = null;
            existing.SelfCheckIn = true;
            existing.RecordedAtUtc = nowUtc;
            existing.RecordedByUserId = userId;
        }
        try
        {
            await db.SaveChangesAsync();
        }
        catch (DbUpdateException) when (existing is null)
        {
            // The same member checked in from a second tab at the same moment: counted once.
            db.ChangeTracker.Clear();
            return (CheckInResult.AlreadyCheckedIn, session);
        }
        return (CheckInResult.CheckedIn, session);
    }

    /// <summary>The topics of each course, in catalogue order (a course without any gets an empty list).</summary>
    public static async Task<ILookup<Guid, TrainingTopic>> TopicsOfAsync(AppDbContext db, IReadOnlyCollection<Guid> courseIds)
    {
        var rows = await db.CourseTopics.AsNoTracking().Where(x => courseIds.Contains(x.CourseId))
            .Join(db.TrainingTopics, x => x.TopicId, t => t.Id, (x, t) => new { x.CourseId, Topic = t })
            .ToListAsync();
        return rows.OrderBy(r => r.Topic.SortOrder).ToLookup(r => r.CourseId, r => r.Topic);
    }

    /// <summary>A member's training record: every course they attended or completed, with its topics.</summary>
    public static async Task<List<TrainingRecordLine>> RecordOfAsync(AppDbContext db, Guid memberId)
    {
        var attended = await db.Attendances.AsNoTracking().Where(a => a.MemberId == memberId && a.Present)
            .Join(db.TrainingSessions, a => a.SessionId, s => s.Id, (a, s) => new { s.CourseId, s.StartsAtUtc })
            .ToListAsync();
        var completions = await db.CourseCompletions.AsNoTracking().Where(c => c.MemberId == memberId).ToListAsync();
        var courseIds = attended.Select(a => a.CourseId).Concat(completions.Select(c => c.CourseId)).Distinct().ToList();
        var courses = await db.Courses.AsNoTracking().Where(c => courseIds.Contains(c.Id)).Select(c => new { c.Id, c.Title }).ToListAsync();
        var topics = await TopicsOfAsync(db, courseIds);
        return [.. courses.Select(c =>
            {
                var sessions = attended.Where(a => a.CourseId == c.Id).ToList();
                var done = completions.FirstOrDefault(x => x.CourseId == c.Id);
                return new TrainingRecordLine(c.Id, c.Title, [.. topics[c.Id].Select(t => t.Name)], sessions.Count, sessions.Count == 0 ? null : sessions.Max(a => a.StartsAtUtc),
                    done?.Id, done?.CompletedOn, done?.Review, done?.CertificateKey is not null);
            })
            .OrderByDescending(r => r.LastAttendedUtc ?? r.CompletedOn?.ToDateTime(TimeOnly.MinValue) ?? DateTime.MinValue)];
    }

    /// <summary>
    /// What a tap on "I am here" would answer now, without writing: null when the member may check in. The
    /// sitting is looked up through the scoped set, so another ward's code is unknown here.
    /// </summary>
    public static async Task<(CheckInResult? Blocked, TrainingSession? Session, Member? Member)> AssessAsync(AppDbContext db, string token, Guid userId,
        DateTime nowUtc)
    {
        var session = string.IsNullOrEmpty(token) || token.Length > 40
            ? null
            : await db.TrainingSessions.AsNoTracking().Include(s => s.Course).FirstOrDefaultAsync(s => s.CheckInToken == token);
        if (session is null)
        {
            return (CheckInResult.UnknownCode, null, null);
        }
        var member = await db.Members.AsNoTracking().FirstOrDefaultAsync(m => m.UserId == userId && m.CommuneId == session.CommuneId && m.LeftOn == null);
        CheckInResult? blocked = member switch
        {
            null => CheckInResult.NotAMember,
            _ when nowUtc < session.StartsAtUtc - CheckInOpensBefore => CheckInResult.NotOpenYet,
            _ when nowUtc > session.EndsAtUtc => CheckInResult.Closed,
            _ when await db.Attendances.AnyAsync(a => a.SessionId == session.Id && a.MemberId == member.Id && a.Present) => CheckInResult.AlreadyCheckedIn,
            _ => null,
        };
        return (blocked, session, member);
    }

    /// <summary>Members per team with how many are trained, all and under 40 (the plans' "youth" share).</summary>
    public static async Task<List<TrainedRow>> TrainedByTeamAsync(AppDbContext db, int communeId, IReadOnlyCollection<int> topicIds, DateOnly today)
    {
        var trained = TrainedMemberIds(db, communeId, topicIds);
        var under40From = Members.MemberFilter.Under40From(today.Year); // the members list's rule, by birth year
        var rows = await db.Members
            .Where(m => m.CommuneId == communeId && m.LeftOn == null && db.Teams.Any(t => t.Id == m.TeamId && t.DissolvedOn == null))
            .Select(m => new { m.TeamId, Team = m.Team!.Name, m.BirthYear, Trained = trained.Contains(m.Id) })
            .ToListAsync();
        return [.. rows.GroupBy(r => (r.TeamId, r.Team))
            .Select(g => new TrainedRow(g.Key.TeamId, g.Key.Team, g.Count(), g.Count(r => r.Trained),
                g.Count(r => r.BirthYear >= under40From), g.Count(r => r.Trained && r.BirthYear >= under40From)))
            .OrderBy(r => r.Team, Infrastructure.Text.NaturalOrder.Comparer)];
    }
}

public sealed record TrainingRecordLine(Guid CourseId, string Title, List<string> Topics, int SessionsAttended, DateTime? LastAttendedUtc,
    Guid? CompletionId, DateOnly? CompletedOn, CompletionReview? Review, bool HasCertificate);

public sealed record TrainedRow(Guid TeamId, string Team, int Members, int Trained, int Under40, int Under40Trained)
{
    public int Untrained => Members - Trained;
}
