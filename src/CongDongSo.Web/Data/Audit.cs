using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CongDongSo.Web.Data;

public enum AuditAction
{
    Create = 1,
    Update = 2,
    Delete = 3,
    Read = 4,
    Export = 5,
    Import = 6,
    SignIn = 7,
    SignInFailed = 8,
    SignOut = 9,
    Security = 10,
}

/// <summary>One line of the audit log: who did what to which record, before and after, when, from where.</summary>
/// <remarks>Append-only: the app never updates or deletes a row (the guard in AppDbContext refuses it).</remarks>
public sealed class AuditEntry
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    /// <summary>The commune the record belongs to; null for national or account-level events.</summary>
    public int? CommuneId { get; set; }
    public DateTime AtUtc { get; set; }
    public Guid? UserId { get; set; }
    public string? UserName { get; set; }
    public string? Ip { get; set; }
    public AuditAction Action { get; set; }
    public required string EntityType { get; set; }
    public string? EntityId { get; set; }
    public string? Summary { get; set; }
    /// <summary>JSON of the changed properties before the change (personal fields masked).</summary>
    public string? Before { get; set; }
    public string? After { get; set; }

    internal static void Configure(EntityTypeBuilder<AuditEntry> e)
    {
        e.Property(a => a.UserName).HasMaxLength(256);
        e.Property(a => a.Ip).HasMaxLength(45);
        e.Property(a => a.EntityType).HasMaxLength(60);
        e.Property(a => a.EntityId).HasMaxLength(80);
        e.Property(a => a.Summary).HasMaxLength(500);
        e.HasIndex(a => new { a.CommuneId, a.AtUtc });
        e.HasIndex(a => new { a.EntityType, a.EntityId });
    }
}
