using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Microsoft.EntityFrameworkCore;

namespace CongDongSo.Web.Data;

public enum SupportPlace
{
    /// <summary>Tại nhà (đi từng ngõ, gõ từng nhà).</summary>
    DoorToDoor = 1,
    /// <summary>Nhà văn hóa tổ dân phố / thôn.</summary>
    CommunityHouse = 2,
    /// <summary>Trung tâm phục vụ hành chính công (một cửa).</summary>
    OneStopShop = 3,
    /// <summary>Sự kiện, ngày hội.</summary>
    Event = 4,
    Other = 9,
}

/// <summary>
/// What a team can do in a session (install VNeID, help with level 2, open a bank account…): a
/// catalogue the ward can extend. When <see cref="ReadinessItemId"/> is set, doing it records that
/// item's <see cref="ResultValue"/> for each resident (or the business) helped.
/// </summary>
public sealed class SupportActivity
{
    public int Id { get; set; }
    public int? CommuneId { get; set; }
    public required string Code { get; set; }
    public required string Name { get; set; }
    public int? ReadinessItemId { get; set; }
    public string? ResultValue { get; set; }
    public int SortOrder { get; set; }
    public bool IsActive { get; set; } = true;

    internal static void Configure(EntityTypeBuilder<SupportActivity> e)
    {
        e.Property(a => a.Code).HasMaxLength(40);
        e.Property(a => a.Name).HasMaxLength(150);
        e.Property(a => a.ResultValue).HasMaxLength(30);
        e.HasIndex(a => new { a.CommuneId, a.Code }).IsUnique();
        e.HasOne<Commune>().WithMany().HasForeignKey(a => a.CommuneId).OnDelete(DeleteBehavior.Restrict);
        e.HasOne<ReadinessItem>().WithMany().HasForeignKey(a => a.ReadinessItemId).OnDelete(DeleteBehavior.Restrict);
    }
}

/// <summary>A named round of visits with its dates (e.g. "Ra quân tháng 3"), for "not visited in the campaign".</summary>
public sealed class Campaign : ICommuneOwned
{
    public int CommuneId { get; set; }
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public required string Name { get; set; }
    public DateOnly StartsOn { get; set; }
    public DateOnly EndsOn { get; set; }

    internal static void Configure(EntityTypeBuilder<Campaign> e)
    {
        e.HasKey(c => new { c.CommuneId, c.Id });
        e.Property(c => c.Name).HasMaxLength(200);
    }
}

/// <summary>
/// A support session (lượt hỗ trợ): who helped whom, where, with what, and when. Its id is made
/// on the phone, so a session sent twice is the same session.
/// </summary>
public sealed class SupportSession : ITeamOwned
{
    public int CommuneId { get; set; }
    public Guid Id { get; set; }
    public Guid TeamId { get; set; }
    /// <summary>The household's (or business's) neighbourhood, for the area scope.</summary>
    public Guid? NeighbourhoodId { get; set; }
    public DateTime OccurredAtUtc { get; set; }
    public SupportPlace Place { get; set; } = SupportPlace.DoorToDoor;
    public Guid? HouseholdId { get; set; }
    public Guid? BusinessId { get; set; }
    public Guid? CampaignId { get; set; }
    /// <summary>The community event the session was recorded at (place <see cref="SupportPlace.Event"/>).</summary>
    public Guid? CommunityEventId { get; set; }
    public string? Note { get; set; }
    public Guid RecordedByUserId { get; set; }
    public DateTime RecordedAtUtc { get; set; }
    public List<SupportSessionMember> Members { get; set; } = [];
    public List<SupportSessionResident> Residents { get; set; } = [];
    public List<SupportSessionActivity> Activities { get; set; } = [];

    internal static void Configure(EntityTypeBuilder<SupportSession> e)
    {
        e.HasKey(s => new { s.CommuneId, s.Id });
        e.HasAlternateKey(s => s.Id);
        e.Property(s => s.Note).HasMaxLength(1000);
        e.HasIndex(s => new { s.CommuneId, s.TeamId, s.OccurredAtUtc });
        e.HasIndex(s => new { s.CommuneId, s.HouseholdId, s.OccurredAtUtc });
        // No foreign key to the event: SQLite can add one only by rebuilding this, the largest table,
        // whose drop would cascade to its children. RecordSession checks the event is in the scope.
        e.HasIndex(s => new { s.CommuneId, s.CommunityEventId });
        e.HasOne<Team>().WithMany()
            .HasForeignKey(s => new { s.CommuneId, s.TeamId })
            .HasPrincipalKey(t => new { t.CommuneId, t.Id })
            .OnDelete(DeleteBehavior.Restrict);
    }
}

public sealed class SupportSessionMember : ICommuneOwned
{
    public int CommuneId { get; set; }
    public Guid SessionId { get; set; }
    public Guid MemberId { get; set; }

    internal static void Configure(EntityTypeBuilder<SupportSessionMember> e)
    {
        e.HasKey(x => new { x.CommuneId, x.SessionId, x.MemberId });
        e.HasIndex(x => new { x.CommuneId, x.MemberId });
        e.HasOne<SupportSession>().WithMany(s => s.Members)
            .HasForeignKey(x => new { x.CommuneId, x.SessionId })
            .HasPrincipalKey(s => new { s.CommuneId, s.Id })
            .OnDelete(DeleteBehavior.Cascade);
    }
}

public sealed class SupportSessionResident : ICommuneOwned
{
    public int CommuneId { get; set; }
    public Guid SessionId { get; set; }
    public Guid ResidentId { get; set; }

    internal static void Configure(EntityTypeBuilder<SupportSessionResident> e)
    {
        e.HasKey(x => new { x.CommuneId, x.SessionId, x.ResidentId });
        e.HasIndex(x => new { x.CommuneId, x.ResidentId });
        e.HasOne<SupportSession>().WithMany(s => s.Residents)
            .HasForeignKey(x => new { x.CommuneId, x.SessionId })
            .HasPrincipalKey(s => new { s.CommuneId, s.Id })
            .OnDelete(DeleteBehavior.Cascade);
    }
}

public sealed class SupportSessionActivity : ICommuneOwned
{
    public int CommuneId { get; set; }
    public Guid SessionId { get; set; }
    public int ActivityId { get; set; }

    internal static void Configure(EntityTypeBuilder<SupportSessionActivity> e)
    {
        e.HasKey(x => new { x.CommuneId, x.SessionId, x.ActivityId });
        e.HasOne<SupportSession>().WithMany(s => s.Activities)
            .HasForeignKey(x => new { x.CommuneId, x.SessionId })
            .HasPrincipalKey(s => new { s.CommuneId, s.Id })
            .OnDelete(DeleteBehavior.Cascade);
        e.HasOne<SupportActivity>().WithMany().HasForeignKey(x => x.ActivityId).OnDelete(DeleteBehavior.Restrict);
    }
}

/// <summary>A household given to a member by the team leader; ending it keeps the history.</summary>
public sealed class HouseholdAssignment : ITeamOwned
{
    public int CommuneId { get; set; }
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid TeamId { get; set; }
    public Guid HouseholdId { get; set; }
    public Guid MemberId { get; set; }
    public DateTime AssignedAtUtc { get; set; }
    public DateTime? EndedAtUtc { get; set; }

    internal static void Configure(EntityTypeBuilder<HouseholdAssignment> e)
    {
        e.HasKey(a => new { a.CommuneId, a.Id });
        e.HasIndex(a => new { a.CommuneId, a.MemberId });
        e.HasIndex(a => new { a.CommuneId, a.HouseholdId });
    }
}

/// <summary>
/// One offline batch as received: the same idempotency key from the same user gets the stored
/// answer again instead of a second write.
/// </summary>
public sealed class SyncBatch
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid UserId { get; set; }
    public required string IdempotencyKey { get; set; }
    public DateTime ReceivedAtUtc { get; set; }
    /// <summary>The per-item answer sent back, as JSON.</summary>
    public required string Response { get; set; }
    /// <summary>SHA-256 of the batch as received (hex): the same key with another body is refused, not answered from here.</summary>
    public string? RequestHash { get; set; }

    internal static void Configure(EntityTypeBuilder<SyncBatch> e)
    {
        e.Property(b => b.IdempotencyKey).HasMaxLength(100);
        e.Property(b => b.RequestHash).HasMaxLength(64);
        e.HasIndex(b => new { b.UserId, b.IdempotencyKey }).IsUnique();
    }
}

/// <summary>A ward's saved column mapping for one kind of import sheet, reused next time.</summary>
public sealed class ImportMapping : ICommuneOwned
{
    public int CommuneId { get; set; }
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public required string Kind { get; set; }
    /// <summary>JSON object: field name → sheet header.</summary>
    public required string Mapping { get; set; }
    public DateTime UpdatedAtUtc { get; set; }

    internal static void Configure(EntityTypeBuilder<ImportMapping> e)
    {
        e.HasKey(m => new { m.CommuneId, m.Id });
        e.Property(m => m.Kind).HasMaxLength(30);
        e.HasIndex(m => new { m.CommuneId, m.Kind }).IsUnique();
    }
}
