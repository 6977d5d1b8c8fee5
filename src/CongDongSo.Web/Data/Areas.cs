using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Microsoft.EntityFrameworkCore;

namespace CongDongSo.Web.Data;

/// <summary>A province-level unit (tỉnh / thành phố trực thuộc trung ương).</summary>
/// <remarks>
/// Keyed by a surrogate id: since the 1 July 2025 merger an official code can name a
/// different unit than before, so history is never keyed on the code alone.
/// </remarks>
public sealed class Province
{
    public int Id { get; set; }
    /// <summary>Two-digit statistics-office code, e.g. "48".</summary>
    public required string Code { get; set; }
    public required string Name { get; set; }
    public DateOnly EffectiveFrom { get; set; }
    public DateOnly? EffectiveTo { get; set; }
    public List<Commune> Communes { get; set; } = [];

    internal static void Configure(EntityTypeBuilder<Province> e)
    {
        e.Property(p => p.Code).HasMaxLength(2);
        e.Property(p => p.Name).HasMaxLength(100);
        e.HasIndex(p => new { p.Code, p.EffectiveFrom }).IsUnique();
    }
}

public enum CommuneLevel
{
    Xa = 1,
    Phuong = 2,
    DacKhu = 3,
}

/// <summary>A commune-level unit (xã / phường / đặc khu): the unit that owns a plan and its teams.</summary>
public sealed class Commune
{
    public const string DefaultZaloPattern = "CNSCĐ-{neighbourhood}-{commune}";

    public int Id { get; set; }
    public int ProvinceId { get; set; }
    public Province? Province { get; set; }
    /// <summary>Five-digit statistics-office code with leading zeros, e.g. "20314".</summary>
    public required string Code { get; set; }
    public required string Name { get; set; }
    public CommuneLevel Level { get; set; }
    public DateOnly EffectiveFrom { get; set; }
    public DateOnly? EffectiveTo { get; set; }
    /// <summary>The ward's naming rule for team Zalo groups; placeholders {neighbourhood}, {commune}, {team}.</summary>
    public string ZaloGroupNamePattern { get; set; } = DefaultZaloPattern;
    /// <summary>Lower-case, diacritic-free name for search.</summary>
    public string SearchName { get; set; } = "";

    internal static void Configure(EntityTypeBuilder<Commune> e)
    {
        e.Property(c => c.Code).HasMaxLength(5);
        e.Property(c => c.Name).HasMaxLength(100);
        e.Property(c => c.SearchName).HasMaxLength(100);
        e.Property(c => c.ZaloGroupNamePattern).HasMaxLength(200);
        e.HasIndex(c => new { c.Code, c.EffectiveFrom }).IsUnique();
        e.HasIndex(c => c.ProvinceId);
        e.HasOne(c => c.Province).WithMany(p => p.Communes).HasForeignKey(c => c.ProvinceId).OnDelete(DeleteBehavior.Restrict);
    }
}

public enum AdminUnitKind
{
    Province = 1,
    Commune = 2,
}

/// <summary>A dated change of an official unit's name or parent, kept so past reports read right.</summary>
public sealed class AdminUnitChange
{
    public int Id { get; set; }
    public AdminUnitKind UnitKind { get; set; }
    public int UnitId { get; set; }
    public DateOnly EffectiveOn { get; set; }
    public required string OldName { get; set; }
    public required string NewName { get; set; }
    public int? OldProvinceId { get; set; }
    public int? NewProvinceId { get; set; }
    public DateTime RecordedAtUtc { get; set; }

    internal static void Configure(EntityTypeBuilder<AdminUnitChange> e)
    {
        e.Property(c => c.OldName).HasMaxLength(100);
        e.Property(c => c.NewName).HasMaxLength(100);
        e.HasIndex(c => new { c.UnitKind, c.UnitId });
    }
}

public enum NeighbourhoodKind
{
    ToDanPho = 1,
    KhuPho = 2,
    Thon = 3,
    Ban = 4,
    Khac = 9,
}

/// <summary>A neighbourhood (thôn / khu phố / tổ dân phố) of a commune.</summary>
/// <remarks>Never deleted: merged, split or retired ones keep their id and history.</remarks>
public sealed class Neighbourhood : ICommuneOwned
{
    public int CommuneId { get; set; }
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public NeighbourhoodKind Kind { get; set; } = NeighbourhoodKind.ToDanPho;
    public required string Name { get; set; }
    /// <summary>Optional local code the ward uses in its own sheets.</summary>
    public string? Code { get; set; }
    public DateOnly EffectiveFrom { get; set; }
    /// <summary>Set when the neighbourhood is merged, split or retired; null while active.</summary>
    public DateOnly? EffectiveTo { get; set; }
    public string SearchName { get; set; } = "";
    public Commune? Commune { get; set; }

    internal static void Configure(EntityTypeBuilder<Neighbourhood> e)
    {
        e.HasKey(n => new { n.CommuneId, n.Id });
        e.HasAlternateKey(n => n.Id);
        e.Property(n => n.Name).HasMaxLength(150);
        e.Property(n => n.Code).HasMaxLength(30);
        e.Property(n => n.SearchName).HasMaxLength(150);
        e.HasOne(n => n.Commune).WithMany().HasForeignKey(n => n.CommuneId).OnDelete(DeleteBehavior.Restrict);
    }
}

public enum NeighbourhoodChangeKind
{
    Created = 1,
    Renamed = 2,
    MergedInto = 3,
    MergedFrom = 4,
    SplitInto = 5,
    SplitFrom = 6,
    Retired = 7,
}

/// <summary>One dated step in a neighbourhood's history (created, renamed, merged, split).</summary>
public sealed class NeighbourhoodChange : ICommuneOwned
{
    public int CommuneId { get; set; }
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid NeighbourhoodId { get; set; }
    public NeighbourhoodChangeKind Kind { get; set; }
    public DateOnly EffectiveOn { get; set; }
    public string? OldName { get; set; }
    public string? NewName { get; set; }
    /// <summary>The other side of a merge or split.</summary>
    public Guid? RelatedNeighbourhoodId { get; set; }
    /// <summary>The decision that made the change, e.g. "Nghị quyết 15/NQ-HĐND".</summary>
    public string? DecisionReference { get; set; }
    public DateTime RecordedAtUtc { get; set; }

    internal static void Configure(EntityTypeBuilder<NeighbourhoodChange> e)
    {
        e.HasKey(c => new { c.CommuneId, c.Id });
        e.Property(c => c.OldName).HasMaxLength(150);
        e.Property(c => c.NewName).HasMaxLength(150);
        e.Property(c => c.DecisionReference).HasMaxLength(200);
        e.HasIndex(c => new { c.CommuneId, c.NeighbourhoodId });
        e.HasOne<Neighbourhood>().WithMany().HasForeignKey(c => new { c.CommuneId, c.NeighbourhoodId }).OnDelete(DeleteBehavior.Restrict);
    }
}

/// <summary>Rows owned by one commune: the scope guard and the audit log read this key.</summary>
public interface ICommuneOwned
{
    int CommuneId { get; }
}

/// <summary>Rows owned by one team inside a commune: team-scoped users see only their team's.</summary>
public interface ITeamOwned : ICommuneOwned
{
    Guid TeamId { get; }
}
