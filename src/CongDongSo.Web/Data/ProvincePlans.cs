using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CongDongSo.Web.Data;

/// <summary>
/// A province's plan for a year (the Department's or the provincial committee's): its targets are
/// handed down to the communes of the province, each commune's plan of that year carrying them as
/// targets of its own (<see cref="PlanTarget.ParentTargetId"/>).
/// </summary>
public sealed class ProvincePlan
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public int ProvinceId { get; set; }
    public int Year { get; set; }
    public string? Number { get; set; }
    public required string Title { get; set; }
    public DateOnly? IssuedOn { get; set; }
    public string? Signer { get; set; }
    public PlanStatus Status { get; set; } = PlanStatus.Draft;
    /// <summary>When the targets were last handed down (null: never).</summary>
    public DateTime? HandedDownAtUtc { get; set; }
    public DateTime CreatedAtUtc { get; set; }
    public DateTime UpdatedAtUtc { get; set; }
    public List<ProvinceTarget> Targets { get; set; } = [];

    internal static void Configure(EntityTypeBuilder<ProvincePlan> e)
    {
        e.Property(x => x.Number).HasMaxLength(60);
        e.Property(x => x.Title).HasMaxLength(500);
        e.Property(x => x.Signer).HasMaxLength(150);
        e.HasIndex(x => new { x.ProvinceId, x.Year });
        e.HasOne<Province>().WithMany().HasForeignKey(x => x.ProvinceId).OnDelete(DeleteBehavior.Restrict);
    }
}

/// <summary>
/// A province target: a national indicator, a comparator and a value by a deadline. Handed down to
/// every commune with the same value, or with a value allocated per commune (<see cref="Shares"/>;
/// a commune without a share takes the province's value).
/// </summary>
public sealed class ProvinceTarget
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid PlanId { get; set; }
    public int ProvinceId { get; set; }
    public string? Code { get; set; }
    public string? Text { get; set; }
    public int IndicatorId { get; set; }
    public Comparator Comparator { get; set; } = Comparator.AtLeast;
    public decimal Value { get; set; }
    public DateOnly Deadline { get; set; }
    public int SortOrder { get; set; }
    public Indicator? Indicator { get; set; }
    public List<ProvinceTargetShare> Shares { get; set; } = [];

    internal static void Configure(EntityTypeBuilder<ProvinceTarget> e)
    {
        e.Property(x => x.Code).HasMaxLength(20);
        e.Property(x => x.Text).HasMaxLength(1000);
        e.Property(x => x.Value).HasPrecision(18, 4);
        e.HasIndex(x => x.PlanId);
        e.HasOne<ProvincePlan>().WithMany(p => p.Targets).HasForeignKey(x => x.PlanId).OnDelete(DeleteBehavior.Cascade);
        e.HasOne(x => x.Indicator).WithMany().HasForeignKey(x => x.IndicatorId).OnDelete(DeleteBehavior.Restrict);
    }
}

/// <summary>The value a province target allocates to one commune.</summary>
public sealed class ProvinceTargetShare
{
    public Guid TargetId { get; set; }
    public int CommuneId { get; set; }
    public decimal Value { get; set; }

    internal static void Configure(EntityTypeBuilder<ProvinceTargetShare> e)
    {
        e.HasKey(x => new { x.TargetId, x.CommuneId });
        e.Property(x => x.Value).HasPrecision(18, 4);
        e.HasOne<ProvinceTarget>().WithMany(t => t.Shares).HasForeignKey(x => x.TargetId).OnDelete(DeleteBehavior.Cascade);
        e.HasOne<Commune>().WithMany().HasForeignKey(x => x.CommuneId).OnDelete(DeleteBehavior.Restrict);
    }
}

/// <summary>
/// The value a commune target allocates to one neighbourhood (its share): the neighbourhood is
/// measured against it instead of the ward's value.
/// </summary>
public sealed class PlanTargetShare : ICommuneOwned
{
    public int CommuneId { get; set; }
    public Guid TargetId { get; set; }
    public Guid NeighbourhoodId { get; set; }
    public decimal Value { get; set; }

    internal static void Configure(EntityTypeBuilder<PlanTargetShare> e)
    {
        e.HasKey(x => new { x.CommuneId, x.TargetId, x.NeighbourhoodId });
        e.Property(x => x.Value).HasPrecision(18, 4);
        e.HasOne<PlanTarget>().WithMany(t => t.Shares)
            .HasForeignKey(x => new { x.CommuneId, x.TargetId })
            .HasPrincipalKey(t => new { t.CommuneId, t.Id })
            .OnDelete(DeleteBehavior.Cascade);
        e.HasOne<Neighbourhood>().WithMany().HasForeignKey(x => new { x.CommuneId, x.NeighbourhoodId }).OnDelete(DeleteBehavior.Restrict);
    }
}
