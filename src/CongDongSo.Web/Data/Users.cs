using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Microsoft.EntityFrameworkCore;

namespace CongDongSo.Web.Data;

/// <summary>The roles of the product brief; each role implies the kind of area its scope names.</summary>
public enum Role
{
    SystemAdmin = 1,
    ProvinceOfficer = 2,
    WardOfficer = 3,
    WardLeader = 4,
    TeamLeader = 5,
    TeamMember = 6,
}

/// <summary>A sign-in account. The scope (province, commune or team) bounds everything it can see.</summary>
public sealed class AppUser : IdentityUser<Guid>
{
    public AppUser() => Id = Guid.CreateVersion7();

    public required string FullName { get; set; }
    public Role Role { get; set; }
    public int? ScopeProvinceId { get; set; }
    public int? ScopeCommuneId { get; set; }
    public Guid? ScopeTeamId { get; set; }
    public bool IsDisabled { get; set; }
    /// <summary>The last TOTP time step accepted, so a code can be used only once.</summary>
    public long? LastTotpTimeStep { get; set; }
    public DateTime CreatedAtUtc { get; set; }

    internal static void Configure(EntityTypeBuilder<AppUser> e)
    {
        e.Property(u => u.FullName).HasMaxLength(150);
        e.HasIndex(u => u.ScopeCommuneId);
        e.HasOne<Province>().WithMany().HasForeignKey(u => u.ScopeProvinceId).OnDelete(DeleteBehavior.Restrict);
        e.HasOne<Commune>().WithMany().HasForeignKey(u => u.ScopeCommuneId).OnDelete(DeleteBehavior.Restrict);
    }
}

/// <summary>A server-side sign-in session: deleting the row ends the session at once.</summary>
public sealed class UserSession
{
    public required string Id { get; set; }
    public Guid UserId { get; set; }
    /// <summary>The authentication ticket, serialised and protected with Data Protection.</summary>
    public required byte[] Ticket { get; set; }
    public DateTime CreatedAtUtc { get; set; }
    public DateTime LastSeenAtUtc { get; set; }
    public DateTime ExpiresAtUtc { get; set; }
    public string? Ip { get; set; }

    internal static void Configure(EntityTypeBuilder<UserSession> e)
    {
        e.Property(s => s.Id).HasMaxLength(64);
        e.Property(s => s.Ip).HasMaxLength(45);
        e.HasIndex(s => s.UserId);
        e.HasOne<AppUser>().WithMany().HasForeignKey(s => s.UserId).OnDelete(DeleteBehavior.Cascade);
    }
}
