using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Microsoft.EntityFrameworkCore;

namespace CongDongSo.Web.Data;

/// <summary>Rows a team may own, or the ward as a whole (no team): team-scoped users see only their team's.</summary>
public interface IOptionalTeamOwned : ICommuneOwned
{
    Guid? TeamId { get; }
}

/// <summary>
/// A community model (mô hình: Chợ 4.0, Ngày cuối tuần chuyển đổi số…): a catalogue the ward can
/// extend. Not the support-activity catalogue, which says what was done for one person in a session.
/// </summary>
public sealed class CommunityModel : ICatalogueEntry
{
    public int Id { get; set; }
    public int? CommuneId { get; set; }
    public required string Code { get; set; }
    public required string Name { get; set; }
    public string? Description { get; set; }
    public int SortOrder { get; set; }
    public bool IsActive { get; set; } = true;

    internal static void Configure(EntityTypeBuilder<CommunityModel> e)
    {
        e.Property(m => m.Code).HasMaxLength(40);
        e.Property(m => m.Name).HasMaxLength(150);
        e.Property(m => m.Description).HasMaxLength(1000);
        e.HasIndex(m => new { m.CommuneId, m.Code }).IsUnique();
        e.HasOne<Commune>().WithMany().HasForeignKey(m => m.CommuneId).OnDelete(DeleteBehavior.Restrict);
    }
}

/// <summary>
/// A community event (hoạt động cộng đồng): one occurrence of a model, or a one-off, in some
/// neighbourhoods or the whole ward. People helped at it are the support sessions that link to it.
/// </summary>
public sealed class CommunityEvent : IOptionalTeamOwned
{
    public int CommuneId { get; set; }
    public Guid Id { get; set; } = Guid.CreateVersion7();
    /// <summary>The team that recorded it; null for the ward's own events.</summary>
    public Guid? TeamId { get; set; }
    public int? ModelId { get; set; }
    public required string Title { get; set; }
    public DateTime StartsAtUtc { get; set; }
    public DateTime? EndsAtUtc { get; set; }
    public string? Place { get; set; }
    public string? Organisers { get; set; }
    public string? Partners { get; set; }
    /// <summary>People who came, counted not named.</summary>
    public int? ParticipantCount { get; set; }
    public string? Result { get; set; }
    public Guid RecordedByUserId { get; set; }
    public DateTime CreatedAtUtc { get; set; }
    public DateTime UpdatedAtUtc { get; set; }
    public List<CommunityEventNeighbourhood> Neighbourhoods { get; set; } = [];
    public List<CommunityEventMember> Members { get; set; } = [];
    public List<CommunityEventPhoto> Photos { get; set; } = [];

    internal static void Configure(EntityTypeBuilder<CommunityEvent> e)
    {
        e.HasKey(x => new { x.CommuneId, x.Id });
        e.HasAlternateKey(x => x.Id);
        e.Property(x => x.Title).HasMaxLength(200);
        e.Property(x => x.Place).HasMaxLength(300);
        e.Property(x => x.Organisers).HasMaxLength(300);
        e.Property(x => x.Partners).HasMaxLength(300);
        e.Property(x => x.Result).HasMaxLength(2000);
        e.HasIndex(x => new { x.CommuneId, x.StartsAtUtc });
        e.HasIndex(x => new { x.CommuneId, x.ModelId, x.StartsAtUtc });
        e.HasIndex(x => new { x.CommuneId, x.TeamId });
        e.HasOne<Commune>().WithMany().HasForeignKey(x => x.CommuneId).OnDelete(DeleteBehavior.Restrict);
        e.HasOne<CommunityModel>().WithMany().HasForeignKey(x => x.ModelId).OnDelete(DeleteBehavior.Restrict);
        e.HasOne<Team>().WithMany()
            .HasForeignKey(x => new { x.CommuneId, x.TeamId })
            .HasPrincipalKey(t => new { t.CommuneId, t.Id })
            .OnDelete(DeleteBehavior.Restrict);
    }
}

/// <summary>A neighbourhood an event was held for; an event with none is for the whole ward.</summary>
public sealed class CommunityEventNeighbourhood : ICommuneOwned
{
    public int CommuneId { get; set; }
    public Guid EventId { get; set; }
    public Guid NeighbourhoodId { get; set; }

    internal static void Configure(EntityTypeBuilder<CommunityEventNeighbourhood> e)
    {
        e.HasKey(x => new { x.CommuneId, x.EventId, x.NeighbourhoodId });
        e.HasIndex(x => new { x.CommuneId, x.NeighbourhoodId });
        e.HasOne<CommunityEvent>().WithMany(v => v.Neighbourhoods)
            .HasForeignKey(x => new { x.CommuneId, x.EventId })
            .HasPrincipalKey(v => new { v.CommuneId, v.Id })
            .OnDelete(DeleteBehavior.Cascade);
        e.HasOne<Neighbourhood>().WithMany()
            .HasForeignKey(x => new { x.CommuneId, x.NeighbourhoodId })
            .HasPrincipalKey(n => new { n.CommuneId, n.Id })
            .OnDelete(DeleteBehavior.Restrict);
    }
}

/// <summary>A team member who took part in an event.</summary>
public sealed class CommunityEventMember : ICommuneOwned
{
    public int CommuneId { get; set; }
    public Guid EventId { get; set; }
    public Guid MemberId { get; set; }

    internal static void Configure(EntityTypeBuilder<CommunityEventMember> e)
    {
        e.HasKey(x => new { x.CommuneId, x.EventId, x.MemberId });
        e.HasIndex(x => new { x.CommuneId, x.MemberId });
        e.HasOne<CommunityEvent>().WithMany(v => v.Members)
            .HasForeignKey(x => new { x.CommuneId, x.EventId })
            .HasPrincipalKey(v => new { v.CommuneId, v.Id })
            .OnDelete(DeleteBehavior.Cascade);
        e.HasOne<Member>().WithMany()
            .HasForeignKey(x => new { x.CommuneId, x.MemberId })
            .HasPrincipalKey(m => new { m.CommuneId, m.Id })
            .OnDelete(DeleteBehavior.Restrict);
    }
}

/// <summary>A photo of an event, stored in the <see cref="Infrastructure.Files.PrivateFileStore"/> with its metadata removed.</summary>
public sealed class CommunityEventPhoto : ICommuneOwned
{
    public int CommuneId { get; set; }
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid EventId { get; set; }
    public required string FileKey { get; set; }
    public required string ContentType { get; set; }
    public long Bytes { get; set; }
    public DateTime UploadedAtUtc { get; set; }
    public Guid UploadedByUserId { get; set; }

    internal static void Configure(EntityTypeBuilder<CommunityEventPhoto> e)
    {
        e.HasKey(x => new { x.CommuneId, x.Id });
        e.HasIndex(x => new { x.CommuneId, x.EventId });
        e.Property(x => x.FileKey).HasMaxLength(60);
        e.Property(x => x.ContentType).HasMaxLength(40);
        e.HasOne<CommunityEvent>().WithMany(v => v.Photos)
            .HasForeignKey(x => new { x.CommuneId, x.EventId })
            .HasPrincipalKey(v => new { v.CommuneId, v.Id })
            .OnDelete(DeleteBehavior.Cascade);
    }
}

public enum CommunicationKind
{
    /// <summary>Tin bài trên chuyên mục chuyển đổi số của cổng thông tin phường/xã.</summary>
    PortalNews = 1,
    /// <summary>Phát thanh, loa truyền thanh.</summary>
    Broadcast = 2,
    ZaloPost = 3,
    Infographic = 4,
    Poster = 5,
    Video = 6,
    /// <summary>Câu chuyện chia sẻ trên Làng số.</summary>
    LangSoStory = 7,
    Other = 9,
}

/// <summary>A communication item (tin bài, phát thanh, bài Zalo…): counted against "at least one news item a month".</summary>
public sealed class CommunicationItem : IOptionalTeamOwned
{
    public int CommuneId { get; set; }
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid? TeamId { get; set; }
    public CommunicationKind Kind { get; set; }
    public DateOnly PublishedOn { get; set; }
    public required string Title { get; set; }
    /// <summary>"Cổng TTĐT phường", "Nhóm Zalo TDP 3", "Loa truyền thanh thôn 2".</summary>
    public string? Channel { get; set; }
    public string? Url { get; set; }
    public string? FileKey { get; set; }
    public string? FileType { get; set; }
    /// <summary>The neighbourhood it was for; null for the whole ward.</summary>
    public Guid? NeighbourhoodId { get; set; }
    public string? MadeBy { get; set; }
    /// <summary>Views, listeners, shares, where known.</summary>
    public int? Reach { get; set; }
    public Guid RecordedByUserId { get; set; }
    public DateTime CreatedAtUtc { get; set; }

    internal static void Configure(EntityTypeBuilder<CommunicationItem> e)
    {
        e.HasKey(x => new { x.CommuneId, x.Id });
        e.HasAlternateKey(x => x.Id);
        e.Property(x => x.Title).HasMaxLength(300);
        e.Property(x => x.Channel).HasMaxLength(200);
        e.Property(x => x.Url).HasMaxLength(500);
        e.Property(x => x.FileKey).HasMaxLength(60);
        e.Property(x => x.FileType).HasMaxLength(40);
        e.Property(x => x.MadeBy).HasMaxLength(200);
        e.HasIndex(x => new { x.CommuneId, x.PublishedOn });
        e.HasIndex(x => new { x.CommuneId, x.Kind, x.PublishedOn });
        e.HasOne<Commune>().WithMany().HasForeignKey(x => x.CommuneId).OnDelete(DeleteBehavior.Restrict);
        e.HasOne<Neighbourhood>().WithMany()
            .HasForeignKey(x => new { x.CommuneId, x.NeighbourhoodId })
            .HasPrincipalKey(n => new { n.CommuneId, n.Id })
            .OnDelete(DeleteBehavior.Restrict);
        e.HasOne<Team>().WithMany()
            .HasForeignKey(x => new { x.CommuneId, x.TeamId })
            .HasPrincipalKey(t => new { t.CommuneId, t.Id })
            .OnDelete(DeleteBehavior.Restrict);
    }
}
