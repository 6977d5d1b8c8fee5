using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Microsoft.EntityFrameworkCore;

namespace CongDongSo.Web.Data;

/// <summary>
/// What a target measures (e.g. "adults 18+ with a digital signature"): a catalogue the ward extends.
/// The formula is data (<see cref="FormulaJson"/>, the plan file's "formula" object), evaluated from
/// the recorded facts at any area and date; no indicator is code.
/// </summary>
public sealed class Indicator : ICatalogueEntry
{
    public int Id { get; set; }
    public int? CommuneId { get; set; }
    public required string Code { get; set; }
    /// <summary>Vietnamese name.</summary>
    public required string Name { get; set; }
    public string? NameEn { get; set; }
    /// <summary>The definition a person reads: what is counted over what.</summary>
    public string? Description { get; set; }
    public required string FormulaJson { get; set; }
    public int SortOrder { get; set; }
    public bool IsActive { get; set; } = true;

    internal static void Configure(EntityTypeBuilder<Indicator> e)
    {
        e.Property(i => i.Code).HasMaxLength(40);
        e.Property(i => i.Name).HasMaxLength(300);
        e.Property(i => i.NameEn).HasMaxLength(300);
        e.Property(i => i.Description).HasMaxLength(2000);
        e.Property(i => i.FormulaJson).HasMaxLength(4000);
        e.HasIndex(i => new { i.CommuneId, i.Code }).IsUnique();
        e.HasOne<Commune>().WithMany().HasForeignKey(i => i.CommuneId).OnDelete(DeleteBehavior.Restrict);
    }
}

public enum PlanStatus
{
    Draft = 1,
    /// <summary>Có hiệu lực.</summary>
    InForce = 2,
    Closed = 3,
}

/// <summary>A period length shared by targets (per-period minimums), recurring models and reporting rules.</summary>
public enum Cadence
{
    Week = 1,
    Month = 2,
    Quarter = 3,
    HalfYear = 4,
    Year = 5,
    Once = 9,
}

/// <summary>A ward's plan for one year (kế hoạch): the header of the document and what it promises.</summary>
public sealed class Plan : ICommuneOwned
{
    public int CommuneId { get; set; }
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public int Year { get; set; }
    /// <summary>Số, ký hiệu (e.g. "45/KH-UBND").</summary>
    public string? Number { get; set; }
    public required string Title { get; set; }
    public DateOnly? IssuedOn { get; set; }
    public string? Issuer { get; set; }
    public string? Signer { get; set; }
    public string? SignerTitle { get; set; }
    /// <summary>Căn cứ, one per line.</summary>
    public string? LegalBases { get; set; }
    public string? Purpose { get; set; }
    public PlanStatus Status { get; set; } = PlanStatus.Draft;
    /// <summary>The shipped template it was made from, if any.</summary>
    public string? TemplateCode { get; set; }
    public DateTime CreatedAtUtc { get; set; }
    public DateTime UpdatedAtUtc { get; set; }
    public List<PlanTarget> Targets { get; set; } = [];
    public List<PlanTask> Tasks { get; set; } = [];
    public List<PlanModel> Models { get; set; } = [];
    public List<PlanReporting> Reporting { get; set; } = [];

    internal static void Configure(EntityTypeBuilder<Plan> e)
    {
        e.HasKey(x => new { x.CommuneId, x.Id });
        e.HasAlternateKey(x => x.Id);
        e.Property(x => x.Number).HasMaxLength(60);
        e.Property(x => x.Title).HasMaxLength(500);
        e.Property(x => x.Issuer).HasMaxLength(200);
        e.Property(x => x.Signer).HasMaxLength(150);
        e.Property(x => x.SignerTitle).HasMaxLength(150);
        e.Property(x => x.LegalBases).HasMaxLength(20000);
        e.Property(x => x.Purpose).HasMaxLength(8000);
        e.Property(x => x.TemplateCode).HasMaxLength(40);
        e.HasIndex(x => new { x.CommuneId, x.Year });
        e.HasOne<Commune>().WithMany().HasForeignKey(x => x.CommuneId).OnDelete(DeleteBehavior.Restrict);
    }
}

public enum Comparator
{
    /// <summary>≥</summary>
    AtLeast = 1,
    /// <summary>&gt;</summary>
    MoreThan = 2,
    /// <summary>≤</summary>
    AtMost = 3,
    /// <summary>&lt;</summary>
    LessThan = 4,
    /// <summary>=</summary>
    Equal = 5,
}

public enum TargetScope
{
    /// <summary>The ward as a whole.</summary>
    Commune = 1,
    /// <summary>Met only when every neighbourhood meets it.</summary>
    EachNeighbourhood = 2,
}

/// <summary>A target (chỉ tiêu): an indicator, a comparator and a value by a deadline, for the ward or each neighbourhood.</summary>
public sealed class PlanTarget : ICommuneOwned
{
    public int CommuneId { get; set; }
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid PlanId { get; set; }
    /// <summary>The plan's own numbering ("1.3").</summary>
    public string? Code { get; set; }
    /// <summary>The heading it stands under (chính quyền số, kinh tế số, xã hội số…).</summary>
    public string? Group { get; set; }
    /// <summary>The plan's wording.</summary>
    public string? Text { get; set; }
    public int IndicatorId { get; set; }
    public Comparator Comparator { get; set; } = Comparator.AtLeast;
    public decimal Value { get; set; }
    public DateOnly Deadline { get; set; }
    public TargetScope Scope { get; set; } = TargetScope.Commune;
    /// <summary>Set for a per-period minimum ("at least one news item every month"): the value must hold in each period.</summary>
    public Cadence? Period { get; set; }
    /// <summary>The target of a higher level this one is the share of (cascading).</summary>
    public Guid? ParentTargetId { get; set; }
    public int SortOrder { get; set; }
    public Indicator? Indicator { get; set; }
    /// <summary>The values handed down to neighbourhoods, where the ward allocated them.</summary>
    public List<PlanTargetShare> Shares { get; set; } = [];

    internal static void Configure(EntityTypeBuilder<PlanTarget> e)
    {
        e.HasKey(x => new { x.CommuneId, x.Id });
        e.Property(x => x.Code).HasMaxLength(20);
        e.Property(x => x.Group).HasMaxLength(200);
        e.Property(x => x.Text).HasMaxLength(1000);
        e.Property(x => x.Value).HasPrecision(18, 4);
        e.HasIndex(x => new { x.CommuneId, x.PlanId });
        e.HasIndex(x => x.ParentTargetId);
        e.HasOne<ProvinceTarget>().WithMany().HasForeignKey(x => x.ParentTargetId).OnDelete(DeleteBehavior.Restrict);
        e.HasOne<Plan>().WithMany(p => p.Targets)
            .HasForeignKey(x => new { x.CommuneId, x.PlanId })
            .HasPrincipalKey(p => new { p.CommuneId, p.Id })
            .OnDelete(DeleteBehavior.Cascade);
        e.HasOne(x => x.Indicator).WithMany().HasForeignKey(x => x.IndicatorId).OnDelete(DeleteBehavior.Restrict);
    }
}

public enum PlanTaskStatus
{
    NotStarted = 1,
    InProgress = 2,
    Done = 3,
}

/// <summary>A row of the plan's task table: content, lead and coordinating units, deadline or ongoing, status, evidence.</summary>
public sealed class PlanTask : ICommuneOwned
{
    public int CommuneId { get; set; }
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid PlanId { get; set; }
    public string? Code { get; set; }
    public string? Group { get; set; }
    public required string Content { get; set; }
    /// <summary>Đơn vị chủ trì.</summary>
    public string? Lead { get; set; }
    /// <summary>Đơn vị phối hợp, one per line.</summary>
    public string? Partners { get; set; }
    public DateOnly? Deadline { get; set; }
    /// <summary>Thường xuyên: no deadline.</summary>
    public bool Ongoing { get; set; }
    /// <summary>The plan's wording of the deadline ("Quý I/2026").</summary>
    public string? DeadlineText { get; set; }
    public PlanTaskStatus Status { get; set; } = PlanTaskStatus.NotStarted;
    /// <summary>A link or a note of what shows it is done.</summary>
    public string? Evidence { get; set; }
    public int SortOrder { get; set; }

    internal static void Configure(EntityTypeBuilder<PlanTask> e)
    {
        e.HasKey(x => new { x.CommuneId, x.Id });
        e.Property(x => x.Code).HasMaxLength(20);
        e.Property(x => x.Group).HasMaxLength(200);
        e.Property(x => x.Content).HasMaxLength(2000);
        e.Property(x => x.Lead).HasMaxLength(300);
        e.Property(x => x.Partners).HasMaxLength(2000);
        e.Property(x => x.DeadlineText).HasMaxLength(200);
        e.Property(x => x.Evidence).HasMaxLength(1000);
        e.HasIndex(x => new { x.CommuneId, x.PlanId });
        e.HasOne<Plan>().WithMany(p => p.Tasks)
            .HasForeignKey(x => new { x.CommuneId, x.PlanId })
            .HasPrincipalKey(p => new { p.CommuneId, p.Id })
            .OnDelete(DeleteBehavior.Cascade);
    }
}

/// <summary>A community model the plan runs on a cadence ("a Ngày cuối tuần chuyển đổi số each month in every neighbourhood").</summary>
public sealed class PlanModel : ICommuneOwned
{
    public int CommuneId { get; set; }
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid PlanId { get; set; }
    public int ModelId { get; set; }
    public Cadence Cadence { get; set; } = Cadence.Month;
    public int Times { get; set; } = 1;
    public TargetScope Scope { get; set; } = TargetScope.Commune;
    public string? Note { get; set; }

    internal static void Configure(EntityTypeBuilder<PlanModel> e)
    {
        e.HasKey(x => new { x.CommuneId, x.Id });
        e.Property(x => x.Note).HasMaxLength(1000);
        e.HasIndex(x => new { x.CommuneId, x.PlanId });
        e.HasOne<Plan>().WithMany(p => p.Models)
            .HasForeignKey(x => new { x.CommuneId, x.PlanId })
            .HasPrincipalKey(p => new { p.CommuneId, p.Id })
            .OnDelete(DeleteBehavior.Cascade);
        e.HasOne<CommunityModel>().WithMany().HasForeignKey(x => x.ModelId).OnDelete(DeleteBehavior.Restrict);
    }
}

/// <summary>Who makes a report of the calendar.</summary>
public enum ReportingLevel
{
    Team = 1,
    Ward = 2,
    Unit = 3,
}

/// <summary>
/// A public holiday (ngày nghỉ lễ, Tết): national ones (no commune) come with the product for the years
/// the government has announced; a ward adds its own (a day off moved by a local decision).
/// </summary>
public sealed class Holiday
{
    public int Id { get; set; }
    public int? CommuneId { get; set; }
    public DateOnly Date { get; set; }
    public required string Name { get; set; }

    internal static void Configure(EntityTypeBuilder<Holiday> e)
    {
        e.Property(x => x.Name).HasMaxLength(150);
        e.HasIndex(x => new { x.Date, x.CommuneId });
        e.HasOne<Commune>().WithMany().HasForeignKey(x => x.CommuneId).OnDelete(DeleteBehavior.Cascade);
    }
}

/// <summary>A reporting deadline of the plan (chế độ báo cáo): who reports to whom, how often, by when.</summary>
public sealed class PlanReporting : ICommuneOwned
{
    public int CommuneId { get; set; }
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid PlanId { get; set; }
    public required string Name { get; set; }
    public string? FromUnit { get; set; }
    public string? ToUnit { get; set; }
    public Cadence Period { get; set; } = Cadence.Month;
    public int? DueDay { get; set; }
    /// <summary>Month counted from the period's first month (1 = its first); for a year, the calendar month.</summary>
    public int? DueMonth { get; set; }
    /// <summary>"Trước ngày 14": due before that day rather than on it.</summary>
    public bool DueBefore { get; set; } = true;
    public DateOnly? DueDate { get; set; }
    public string? Note { get; set; }
    /// <summary>Who makes the report: each team, the ward itself, or a unit (the police, the one-stop shop) that sends a figure to the ward.</summary>
    public ReportingLevel Reporter { get; set; } = ReportingLevel.Team;
    /// <summary>
    /// The data cut-off: the period's figures run from the day after this day of the month before the
    /// period to this day of its last month (14: from the 15th to the 14th). None: the calendar period.
    /// </summary>
    public int? CutoffDay { get; set; }
    /// <summary>A due date on a weekend or public holiday moves to the working day before it (else it is only flagged).</summary>
    public bool MoveToWorkingDay { get; set; }

    internal static void Configure(EntityTypeBuilder<PlanReporting> e)
    {
        e.HasKey(x => new { x.CommuneId, x.Id });
        e.Property(x => x.Name).HasMaxLength(300);
        e.Property(x => x.FromUnit).HasMaxLength(150);
        e.Property(x => x.ToUnit).HasMaxLength(150);
        e.Property(x => x.Note).HasMaxLength(1000);
        e.HasIndex(x => new { x.CommuneId, x.PlanId });
        e.HasOne<Plan>().WithMany(p => p.Reporting)
            .HasForeignKey(x => new { x.CommuneId, x.PlanId })
            .HasPrincipalKey(p => new { p.CommuneId, p.Id })
            .OnDelete(DeleteBehavior.Cascade);
    }
}

/// <summary>
/// A figure supplied from outside for a period and area (dossiers submitted online from the
/// one-stop shop, e-ID activations from the police…), with its source and the day it was reported.
/// </summary>
public sealed class ExternalValue : ICommuneOwned
{
    public int CommuneId { get; set; }
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public int IndicatorId { get; set; }
    /// <summary>Null: the ward as a whole.</summary>
    public Guid? NeighbourhoodId { get; set; }
    public DateOnly PeriodStart { get; set; }
    public DateOnly PeriodEnd { get; set; }
    public decimal Value { get; set; }
    public required string Source { get; set; }
    public DateOnly ReportedOn { get; set; }
    public DateTime RecordedAtUtc { get; set; }
    public Guid? RecordedByUserId { get; set; }

    internal static void Configure(EntityTypeBuilder<ExternalValue> e)
    {
        e.HasKey(x => new { x.CommuneId, x.Id });
        e.Property(x => x.Value).HasPrecision(18, 4);
        e.Property(x => x.Source).HasMaxLength(300);
        e.HasIndex(x => new { x.CommuneId, x.IndicatorId, x.PeriodEnd });
        e.HasOne<Commune>().WithMany().HasForeignKey(x => x.CommuneId).OnDelete(DeleteBehavior.Restrict);
        e.HasOne<Indicator>().WithMany().HasForeignKey(x => x.IndicatorId).OnDelete(DeleteBehavior.Restrict);
    }
}

public enum ResidenceChange
{
    /// <summary>Chuyển đến.</summary>
    MovedIn = 1,
    /// <summary>Chuyển đi.</summary>
    MovedOut = 2,
    /// <summary>Qua đời.</summary>
    Died = 3,
}

/// <summary>
/// A dated fact of where a resident lives: arrival, departure, death. "Adults at 30/6" counts who
/// lived there on 30/6; a person who left stops counting from that day, and nothing is erased.
/// </summary>
public sealed class ResidenceFact : INeighbourhoodOwned
{
    public int CommuneId { get; set; }
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid ResidentId { get; set; }
    public Guid NeighbourhoodId { get; set; }
    public ResidenceChange Change { get; set; }
    public DateOnly On { get; set; }
    public string? Note { get; set; }
    public DateTime RecordedAtUtc { get; set; }
    public Guid? RecordedByUserId { get; set; }

    internal static void Configure(EntityTypeBuilder<ResidenceFact> e)
    {
        e.HasKey(x => new { x.CommuneId, x.Id });
        e.Property(x => x.Note).HasMaxLength(300);
        e.HasIndex(x => new { x.CommuneId, x.ResidentId });
        e.HasOne<Resident>().WithMany()
            .HasForeignKey(x => new { x.CommuneId, x.ResidentId })
            .HasPrincipalKey(r => new { r.CommuneId, r.Id })
            .OnDelete(DeleteBehavior.Restrict);
    }
}

/// <summary>
/// An indicator kept counted for a commune: the definition the counts were made with (the formula
/// and the catalogue rows it names), so that writers add to the counts by the same rule, and a
/// reader that finds another definition today rebuilds them first.
/// </summary>
public sealed class IndicatorSeries : ICommuneOwned
{
    public int CommuneId { get; set; }
    public int IndicatorId { get; set; }
    /// <summary>JSON of the formula and the readiness items it names (id, achieved values).</summary>
    public required string Definition { get; set; }
    public DateTime BuiltAtUtc { get; set; }

    internal static void Configure(EntityTypeBuilder<IndicatorSeries> e)
    {
        e.HasKey(x => new { x.CommuneId, x.IndicatorId });
        e.Property(x => x.Definition).HasMaxLength(8000);
        e.HasOne<Commune>().WithMany().HasForeignKey(x => x.CommuneId).OnDelete(DeleteBehavior.Restrict);
        e.HasOne<Indicator>().WithMany().HasForeignKey(x => x.IndicatorId).OnDelete(DeleteBehavior.Cascade);
    }
}

/// <summary>The time bucket of an <see cref="IndicatorCount"/>.</summary>
public enum CountLevel
{
    Day = 0,
    Month = 1,
    /// <summary>A year; <see cref="IndicatorCount.Bucket"/> 0001-01-01 holds everything before the counted years.</summary>
    Year = 2,
}

/// <summary>
/// Changes of an indicator's numerator, base, surveyed subjects and late records in one area (a
/// neighbourhood, or <see cref="Guid.Empty"/> for the whole commune) and one bucket of time. The
/// figure on a day is the sum of the changes up to it: the years before, the months of its year
/// before its month, the days of its month up to it. Written by the counter as facts are saved,
/// never by hand; the rebuild command makes them again from the raw facts.
/// </summary>
public sealed class IndicatorCount
{
    public int CommuneId { get; set; }
    public int IndicatorId { get; set; }
    public Guid NeighbourhoodId { get; set; }
    public CountLevel Level { get; set; }
    public DateOnly Bucket { get; set; }
    public int Numerator { get; set; }
    public int Denominator { get; set; }
    public int Seen { get; set; }
    public int Late { get; set; }

    internal static void Configure(EntityTypeBuilder<IndicatorCount> e)
    {
        // Level and bucket before the area: a dashboard reads one level's buckets of a range for every area at once.
        e.HasKey(x => new { x.CommuneId, x.IndicatorId, x.Level, x.Bucket, x.NeighbourhoodId });
        e.Property(x => x.Level).HasConversion<short>();
    }
}

public enum EvidenceKind
{
    /// <summary>A community event recorded in the product.</summary>
    Activity = 1,
    /// <summary>A communication item (news post, broadcast…).</summary>
    Communication = 2,
    /// <summary>A link to a document or page elsewhere (a signed report on the ward portal).</summary>
    Link = 3,
    /// <summary>A file kept with the task (a scanned signed report, a photo), stored outside wwwroot, read within the area.</summary>
    File = 4,
}

/// <summary>What shows a plan task was done: an activity, a communication item, or a link.</summary>
public sealed class PlanTaskEvidence : ICommuneOwned
{
    public int CommuneId { get; set; }
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid TaskId { get; set; }
    public EvidenceKind Kind { get; set; }
    public Guid? CommunityEventId { get; set; }
    public Guid? CommunicationItemId { get; set; }
    public string? Url { get; set; }
    public string? FileKey { get; set; }
    public string? FileType { get; set; }
    /// <summary>As shown in the list: the activity's or item's title, or the link's or file's.</summary>
    public required string Title { get; set; }
    public DateTime AddedAtUtc { get; set; }
    public Guid? AddedByUserId { get; set; }

    internal static void Configure(EntityTypeBuilder<PlanTaskEvidence> e)
    {
        e.HasKey(x => new { x.CommuneId, x.Id });
        e.Property(x => x.Url).HasMaxLength(500);
        e.Property(x => x.FileKey).HasMaxLength(60);
        e.Property(x => x.FileType).HasMaxLength(40);
        e.Property(x => x.Title).HasMaxLength(500);
        e.HasIndex(x => new { x.CommuneId, x.TaskId });
        e.HasOne<PlanTask>().WithMany().HasForeignKey(x => new { x.CommuneId, x.TaskId }).HasPrincipalKey(t => new { t.CommuneId, t.Id }).OnDelete(DeleteBehavior.Cascade);
        // The evidence goes with the record it points at.
        e.HasOne<CommunityEvent>().WithMany().HasForeignKey(x => new { x.CommuneId, x.CommunityEventId }).OnDelete(DeleteBehavior.Cascade);
        e.HasOne<CommunicationItem>().WithMany().HasForeignKey(x => new { x.CommuneId, x.CommunicationItemId }).OnDelete(DeleteBehavior.Cascade);
    }
}
