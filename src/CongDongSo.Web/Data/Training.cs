using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Microsoft.EntityFrameworkCore;

namespace CongDongSo.Web.Data;

/// <summary>
/// What a course teaches (VNeID, digital signature, AI…): a catalogue the ward can extend, so that
/// "members trained on AI" can be counted by topic.
/// </summary>
public sealed class TrainingTopic : ICatalogueEntry
{
    public int Id { get; set; }
    public int? CommuneId { get; set; }
    public required string Code { get; set; }
    public required string Name { get; set; }
    public string? Description { get; set; }
    public int SortOrder { get; set; }
    public bool IsActive { get; set; } = true;

    internal static void Configure(EntityTypeBuilder<TrainingTopic> e)
    {
        e.Property(t => t.Code).HasMaxLength(40);
        e.Property(t => t.Name).HasMaxLength(150);
        e.Property(t => t.Description).HasMaxLength(1000);
        e.HasIndex(t => new { t.CommuneId, t.Code }).IsUnique();
        e.HasOne<Commune>().WithMany().HasForeignKey(t => t.CommuneId).OnDelete(DeleteBehavior.Restrict);
    }
}

/// <summary>A national row (no commune) or a ward's own, with a code unique in its list.</summary>
public interface ICatalogueEntry
{
    int Id { get; }
    int? CommuneId { get; }
    string Code { get; }
    string Name { get; }
    string? Description { get; }
    int SortOrder { get; }
    bool IsActive { get; set; }
}

public enum CourseOrganiser
{
    /// <summary>UBND phường/xã.</summary>
    Ward = 1,
    /// <summary>Tỉnh/thành phố, Sở.</summary>
    Province = 2,
    /// <summary>VNPT, Viettel, a bank…</summary>
    Partner = 3,
}

public enum CourseForm
{
    InPerson = 1,
    Online = 2,
    Mixed = 3,
}

/// <summary>Who is expected to take a course: the denominator of "who is still missing".</summary>
public enum CourseAudience
{
    AllMembers = 1,
    /// <summary>The members of <see cref="Course.AudienceTeamId"/>.</summary>
    Team = 2,
    /// <summary>Team leaders and deputies.</summary>
    Leaders = 3,
    /// <summary>The members listed in <see cref="CourseInvitee"/>.</summary>
    Named = 4,
}

/// <summary>A training course for the ward's team members, in person (with sessions) or online (with a deadline).</summary>
public sealed class Course : ICommuneOwned
{
    public int CommuneId { get; set; }
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public required string Title { get; set; }
    public CourseOrganiser Organiser { get; set; } = CourseOrganiser.Ward;
    /// <summary>"UBND phường Hòa Xuân", "VNPT Đà Nẵng".</summary>
    public string? OrganiserName { get; set; }
    public CourseForm Form { get; set; } = CourseForm.InPerson;
    public string? Trainers { get; set; }
    public string? Place { get; set; }
    public CourseAudience Audience { get; set; } = CourseAudience.AllMembers;
    public Guid? AudienceTeamId { get; set; }
    /// <summary>Where an online course is taken (binhdanhocvuso.gov.vn…).</summary>
    public string? OnlineUrl { get; set; }
    /// <summary>Online courses: every expected member completes by this day.</summary>
    public DateOnly? CompleteBy { get; set; }
    public string? Description { get; set; }
    public DateTime CreatedAtUtc { get; set; }
    public List<CourseTopic> Topics { get; set; } = [];
    public List<CourseInvitee> Invitees { get; set; } = [];
    public List<TrainingSession> Sessions { get; set; } = [];

    /// <summary>Members record their own completion (with a certificate) for online and mixed courses.</summary>
    public bool TakesCompletions => Form != CourseForm.InPerson || CompleteBy is not null;

    internal static void Configure(EntityTypeBuilder<Course> e)
    {
        e.HasKey(c => new { c.CommuneId, c.Id });
        e.HasAlternateKey(c => c.Id);
        e.Property(c => c.Title).HasMaxLength(200);
        e.Property(c => c.OrganiserName).HasMaxLength(200);
        e.Property(c => c.Trainers).HasMaxLength(300);
        e.Property(c => c.Place).HasMaxLength(300);
        e.Property(c => c.OnlineUrl).HasMaxLength(500);
        e.Property(c => c.Description).HasMaxLength(2000);
        e.HasIndex(c => new { c.CommuneId, c.CreatedAtUtc });
        e.HasOne<Commune>().WithMany().HasForeignKey(c => c.CommuneId).OnDelete(DeleteBehavior.Restrict);
        e.HasOne<Team>().WithMany()
            .HasForeignKey(c => new { c.CommuneId, c.AudienceTeamId })
            .HasPrincipalKey(t => new { t.CommuneId, t.Id })
            .OnDelete(DeleteBehavior.Restrict);
    }
}

public sealed class CourseTopic : ICommuneOwned
{
    public int CommuneId { get; set; }
    public Guid CourseId { get; set; }
    public int TopicId { get; set; }

    internal static void Configure(EntityTypeBuilder<CourseTopic> e)
    {
        e.HasKey(x => new { x.CommuneId, x.CourseId, x.TopicId });
        e.HasIndex(x => new { x.CommuneId, x.TopicId });
        e.HasOne<Course>().WithMany(c => c.Topics)
            .HasForeignKey(x => new { x.CommuneId, x.CourseId })
            .HasPrincipalKey(c => new { c.CommuneId, c.Id })
            .OnDelete(DeleteBehavior.Cascade);
        e.HasOne<TrainingTopic>().WithMany().HasForeignKey(x => x.TopicId).OnDelete(DeleteBehavior.Restrict);
    }
}

/// <summary>A member named in a course's audience (<see cref="CourseAudience.Named"/>).</summary>
public sealed class CourseInvitee : ICommuneOwned
{
    public int CommuneId { get; set; }
    public Guid CourseId { get; set; }
    public Guid MemberId { get; set; }

    internal static void Configure(EntityTypeBuilder<CourseInvitee> e)
    {
        e.HasKey(x => new { x.CommuneId, x.CourseId, x.MemberId });
        e.HasOne<Course>().WithMany(c => c.Invitees)
            .HasForeignKey(x => new { x.CommuneId, x.CourseId })
            .HasPrincipalKey(c => new { c.CommuneId, c.Id })
            .OnDelete(DeleteBehavior.Cascade);
        e.HasOne<Member>().WithMany()
            .HasForeignKey(x => new { x.CommuneId, x.MemberId })
            .HasPrincipalKey(m => new { m.CommuneId, m.Id })
            .OnDelete(DeleteBehavior.Restrict);
    }
}

/// <summary>
/// One sitting of a course, with its time window. The check-in token is what the venue's QR code
/// carries; members check in with it only inside the window.
/// </summary>
public sealed class TrainingSession : ICommuneOwned
{
    public int CommuneId { get; set; }
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid CourseId { get; set; }
    public DateTime StartsAtUtc { get; set; }
    public DateTime EndsAtUtc { get; set; }
    public string? Place { get; set; }
    /// <summary>Random, URL-safe, unguessable; shown only to who manages the course.</summary>
    public required string CheckInToken { get; set; }
    public Course? Course { get; set; }

    internal static void Configure(EntityTypeBuilder<TrainingSession> e)
    {
        e.HasKey(s => new { s.CommuneId, s.Id });
        e.HasAlternateKey(s => s.Id);
        e.Property(s => s.Place).HasMaxLength(300);
        e.Property(s => s.CheckInToken).HasMaxLength(40);
        e.HasIndex(s => s.CheckInToken).IsUnique();
        e.HasIndex(s => new { s.CommuneId, s.CourseId, s.StartsAtUtc });
        e.HasOne(s => s.Course).WithMany(c => c.Sessions)
            .HasForeignKey(s => new { s.CommuneId, s.CourseId })
            .HasPrincipalKey(c => new { c.CommuneId, c.Id })
            .OnDelete(DeleteBehavior.Cascade);
    }
}

/// <summary>
/// A member's presence at (or absence from) a session: one row per member and session, so a second
/// check-in changes nothing. The member's team is kept for the team scope.
/// </summary>
public sealed class Attendance : ITeamOwned
{
    public int CommuneId { get; set; }
    public Guid SessionId { get; set; }
    public Guid MemberId { get; set; }
    public Guid TeamId { get; set; }
    public bool Present { get; set; }
    public string? AbsenceReason { get; set; }
    /// <summary>The member checked in with the session's QR code (otherwise ticked on the list).</summary>
    public bool SelfCheckIn { get; set; }
    public DateTime RecordedAtUtc { get; set; }
    public Guid? RecordedByUserId { get; set; }

    internal static void Configure(EntityTypeBuilder<Attendance> e)
    {
        e.HasKey(a => new { a.CommuneId, a.SessionId, a.MemberId });
        e.HasIndex(a => new { a.CommuneId, a.MemberId });
        e.Property(a => a.AbsenceReason).HasMaxLength(300);
        e.HasOne<TrainingSession>().WithMany()
            .HasForeignKey(a => new { a.CommuneId, a.SessionId })
            .HasPrincipalKey(s => new { s.CommuneId, s.Id })
            .OnDelete(DeleteBehavior.Cascade);
        e.HasOne<Member>().WithMany()
            .HasForeignKey(a => new { a.CommuneId, a.MemberId })
            .HasPrincipalKey(m => new { m.CommuneId, m.Id })
            .OnDelete(DeleteBehavior.Restrict);
    }
}

public enum CompletionReview
{
    Pending = 1,
    Verified = 2,
    /// <summary>The officer found the certificate wrong; the member uploads another.</summary>
    Rejected = 3,
}

/// <summary>A member's completion of an online course, with the certificate they uploaded and the officer's check.</summary>
public sealed class CourseCompletion : ITeamOwned
{
    public int CommuneId { get; set; }
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid CourseId { get; set; }
    public Guid MemberId { get; set; }
    public Guid TeamId { get; set; }
    public DateOnly CompletedOn { get; set; }
    /// <summary>The <see cref="Infrastructure.Files.PrivateFileStore"/> key; never a path the user gave.</summary>
    public string? CertificateKey { get; set; }
    public string? CertificateType { get; set; }
    public CompletionReview Review { get; set; } = CompletionReview.Pending;
    public string? ReviewNote { get; set; }
    public Guid? ReviewedByUserId { get; set; }
    public DateTime? ReviewedAtUtc { get; set; }
    public DateTime RecordedAtUtc { get; set; }

    internal static void Configure(EntityTypeBuilder<CourseCompletion> e)
    {
        e.HasKey(c => new { c.CommuneId, c.Id });
        e.HasIndex(c => new { c.CommuneId, c.CourseId, c.MemberId }).IsUnique();
        e.HasIndex(c => new { c.CommuneId, c.MemberId });
        e.Property(c => c.CertificateKey).HasMaxLength(60);
        e.Property(c => c.CertificateType).HasMaxLength(40);
        e.Property(c => c.ReviewNote).HasMaxLength(300);
        e.HasOne<Course>().WithMany()
            .HasForeignKey(c => new { c.CommuneId, c.CourseId })
            .HasPrincipalKey(c => new { c.CommuneId, c.Id })
            .OnDelete(DeleteBehavior.Cascade);
        e.HasOne<Member>().WithMany()
            .HasForeignKey(c => new { c.CommuneId, c.MemberId })
            .HasPrincipalKey(m => new { m.CommuneId, m.Id })
            .OnDelete(DeleteBehavior.Restrict);
    }
}
