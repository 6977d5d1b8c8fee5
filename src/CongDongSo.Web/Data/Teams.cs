using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Microsoft.EntityFrameworkCore;

namespace CongDongSo.Web.Data;

/// <summary>A community digital technology team (Tổ Công nghệ số cộng đồng) of one neighbourhood.</summary>
public sealed class Team : ITeamOwned
{
    public int CommuneId { get; set; }
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid NeighbourhoodId { get; set; }
    public required string Name { get; set; }
    public string? ZaloGroupName { get; set; }
    public string? ZaloGroupLink { get; set; }
    public DateOnly EstablishedOn { get; set; }
    /// <summary>Set when the team is dissolved; its members and history stay.</summary>
    public DateOnly? DissolvedOn { get; set; }
    public string SearchName { get; set; } = "";
    public Neighbourhood? Neighbourhood { get; set; }
    public List<TeamDecision> Decisions { get; set; } = [];
    public List<Member> Members { get; set; } = [];

    Guid ITeamOwned.TeamId => Id;

    internal static void Configure(EntityTypeBuilder<Team> e)
    {
        e.HasKey(t => new { t.CommuneId, t.Id });
        e.HasAlternateKey(t => t.Id);
        e.Property(t => t.Name).HasMaxLength(200);
        e.Property(t => t.SearchName).HasMaxLength(200);
        e.Property(t => t.ZaloGroupName).HasMaxLength(200);
        e.Property(t => t.ZaloGroupLink).HasMaxLength(300);
        e.HasIndex(t => new { t.CommuneId, t.NeighbourhoodId });
        e.HasOne(t => t.Neighbourhood).WithMany()
            .HasForeignKey(t => new { t.CommuneId, t.NeighbourhoodId })
            .HasPrincipalKey(n => new { n.CommuneId, n.Id })
            .OnDelete(DeleteBehavior.Restrict);
    }
}

public enum TeamDecisionKind
{
    /// <summary>Quyết định thành lập.</summary>
    Establishment = 1,
    /// <summary>Quyết định kiện toàn.</summary>
    Consolidation = 2,
}

/// <summary>An establishment or consolidation decision of a team (number, date, signer).</summary>
public sealed class TeamDecision : ITeamOwned
{
    public int CommuneId { get; set; }
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid TeamId { get; set; }
    public TeamDecisionKind Kind { get; set; }
    /// <summary>E.g. "125/QĐ-UBND".</summary>
    public required string Number { get; set; }
    public DateOnly SignedOn { get; set; }
    public required string Signer { get; set; }

    internal static void Configure(EntityTypeBuilder<TeamDecision> e)
    {
        e.HasKey(d => new { d.CommuneId, d.Id });
        e.Property(d => d.Number).HasMaxLength(60);
        e.Property(d => d.Signer).HasMaxLength(150);
        e.HasIndex(d => new { d.CommuneId, d.TeamId });
        e.HasOne<Team>().WithMany(t => t.Decisions)
            .HasForeignKey(d => new { d.CommuneId, d.TeamId })
            .HasPrincipalKey(t => new { t.CommuneId, t.Id })
            .OnDelete(DeleteBehavior.Restrict);
    }
}

/// <summary>The organisation a member comes from (Đoàn TN, Hội LHPN, Công an khu vực…).</summary>
/// <remarks>Rows with no commune are the national list; a ward adds its own.</remarks>
public sealed class Affiliation
{
    public int Id { get; set; }
    public int? CommuneId { get; set; }
    public required string Name { get; set; }
    public int SortOrder { get; set; }
    public bool IsActive { get; set; } = true;

    internal static void Configure(EntityTypeBuilder<Affiliation> e)
    {
        e.Property(a => a.Name).HasMaxLength(100);
        e.HasIndex(a => new { a.CommuneId, a.Name }).IsUnique();
        e.HasOne<Commune>().WithMany().HasForeignKey(a => a.CommuneId).OnDelete(DeleteBehavior.Restrict);
    }
}

public enum MemberPosition
{
    /// <summary>Tổ trưởng.</summary>
    Leader = 1,
    /// <summary>Tổ phó.</summary>
    Deputy = 2,
    /// <summary>Thành viên.</summary>
    Member = 3,
}

public enum Gender
{
    Male = 1,
    Female = 2,
    Other = 3,
}

/// <summary>A team member. Leaving sets <see cref="LeftOn"/>; the row and its history stay.</summary>
public sealed class Member : ITeamOwned
{
    public int CommuneId { get; set; }
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid TeamId { get; set; }
    public required string FullName { get; set; }
    public string SearchName { get; set; } = "";
    public MemberPosition Position { get; set; } = MemberPosition.Member;
    public int AffiliationId { get; set; }
    public Affiliation? Affiliation { get; set; }
    public int? BirthYear { get; set; }
    public Gender? Gender { get; set; }
    /// <summary>Normalised Vietnamese mobile number, 10 digits starting with 0.</summary>
    public string? Phone { get; set; }
    public string? Skills { get; set; }
    public string? AssignedTasks { get; set; }
    public string? AssignedArea { get; set; }
    public DateOnly JoinedOn { get; set; }
    public DateOnly? LeftOn { get; set; }
    public string? LeaveReason { get; set; }
    /// <summary>Explicit consent to show name and phone to citizens; never pre-ticked.</summary>
    public bool PublishContactConsent { get; set; }
    public DateTime? PublishContactConsentAtUtc { get; set; }
    /// <summary>The sign-in account of this member, when an officer made one.</summary>
    public Guid? UserId { get; set; }
    public Team? Team { get; set; }

    internal static void Configure(EntityTypeBuilder<Member> e)
    {
        e.HasKey(m => new { m.CommuneId, m.Id });
        e.HasAlternateKey(m => m.Id);
        e.Property(m => m.FullName).HasMaxLength(150);
        e.Property(m => m.SearchName).HasMaxLength(150);
        e.Property(m => m.Phone).HasMaxLength(10);
        e.Property(m => m.Skills).HasMaxLength(500);
        e.Property(m => m.AssignedTasks).HasMaxLength(500);
        e.Property(m => m.AssignedArea).HasMaxLength(300);
        e.Property(m => m.LeaveReason).HasMaxLength(300);
        e.HasIndex(m => new { m.CommuneId, m.TeamId });
        e.HasIndex(m => new { m.CommuneId, m.SearchName });
        e.HasIndex(m => m.UserId);
        e.HasOne(m => m.Team).WithMany(t => t.Members)
            .HasForeignKey(m => new { m.CommuneId, m.TeamId })
            .HasPrincipalKey(t => new { t.CommuneId, t.Id })
            .OnDelete(DeleteBehavior.Restrict);
        e.HasOne(m => m.Affiliation).WithMany().HasForeignKey(m => m.AffiliationId).OnDelete(DeleteBehavior.Restrict);
    }
}
