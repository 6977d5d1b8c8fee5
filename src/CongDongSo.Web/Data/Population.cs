using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Microsoft.EntityFrameworkCore;

namespace CongDongSo.Web.Data;

/// <summary>Rows that belong to one neighbourhood: team-scoped users see only their own neighbourhood's.</summary>
public interface INeighbourhoodOwned : ICommuneOwned
{
    Guid NeighbourhoodId { get; }
}

public enum PovertyStatus
{
    None = 0,
    /// <summary>Hộ cận nghèo.</summary>
    NearPoor = 1,
    /// <summary>Hộ nghèo.</summary>
    Poor = 2,
}

/// <summary>A household (hộ gia đình) of a neighbourhood, with the ward's own household code.</summary>
public sealed class Household : INeighbourhoodOwned
{
    public int CommuneId { get; set; }
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid NeighbourhoodId { get; set; }
    /// <summary>The ward's household code (mã hộ), unique in the commune; the key of re-imports.</summary>
    public required string Code { get; set; }
    public required string Address { get; set; }
    public Guid? HeadResidentId { get; set; }
    /// <summary>The household runs a business (hộ kinh doanh).</summary>
    public bool HasBusiness { get; set; }
    public PovertyStatus Poverty { get; set; }
    /// <summary>Folded code, address and head's name for diacritic-free search.</summary>
    public string SearchText { get; set; } = "";
    public DateTime CreatedAtUtc { get; set; }
    public DateTime UpdatedAtUtc { get; set; }
    public Neighbourhood? Neighbourhood { get; set; }
    public List<Resident> Residents { get; set; } = [];

    internal static void Configure(EntityTypeBuilder<Household> e)
    {
        e.HasKey(h => new { h.CommuneId, h.Id });
        e.HasAlternateKey(h => h.Id);
        e.Property(h => h.Code).HasMaxLength(40);
        e.Property(h => h.Address).HasMaxLength(300);
        e.Property(h => h.SearchText).HasMaxLength(500);
        e.HasIndex(h => new { h.CommuneId, h.Code }).IsUnique();
        e.HasIndex(h => new { h.CommuneId, h.NeighbourhoodId });
        e.HasOne(h => h.Neighbourhood).WithMany()
            .HasForeignKey(h => new { h.CommuneId, h.NeighbourhoodId })
            .HasPrincipalKey(n => new { n.CommuneId, n.Id })
            .OnDelete(DeleteBehavior.Restrict);
    }
}

public enum RelationToHead
{
    Head = 1,
    Spouse = 2,
    Child = 3,
    Parent = 4,
    Grandchild = 5,
    Sibling = 6,
    Other = 9,
}

/// <summary>
/// A resident. Only what the targets need (Law 91/2025, Decree 356/2025: collect the minimum):
/// no ID-card image, no VNeID credential, no health detail beyond the disability marker the plans
/// target. The citizen ID and phone are stored encrypted, with a keyed hash for exact lookup.
/// </summary>
public sealed class Resident : INeighbourhoodOwned
{
    public int CommuneId { get; set; }
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid HouseholdId { get; set; }
    /// <summary>The household's neighbourhood, kept here so the area scope needs no join.</summary>
    public Guid NeighbourhoodId { get; set; }
    public required string FullName { get; set; }
    public string SearchName { get; set; } = "";
    public DateOnly? BirthDate { get; set; }
    /// <summary>Always set when the birth date is; alone when only the year is known.</summary>
    public int? BirthYear { get; set; }
    public Gender? Gender { get; set; }
    public RelationToHead Relation { get; set; } = RelationToHead.Other;
    /// <summary>Citizen ID number (số định danh cá nhân), encrypted (AES-256-GCM under a rotated data key, see PersonalDataProtector).</summary>
    public byte[]? CitizenIdCipher { get; set; }
    /// <summary>HMAC-SHA256 of the ID under the lookup key: exact search and duplicate detection.</summary>
    public byte[]? CitizenIdHash { get; set; }
    /// <summary>The last three digits, for the masked form shown in lists.</summary>
    public string? CitizenIdTail { get; set; }
    public byte[]? PhoneCipher { get; set; }
    public byte[]? PhoneHash { get; set; }
    public string? PhoneTail { get; set; }
    /// <summary>Vulnerability marker the plans target (người khuyết tật); no diagnosis is stored.</summary>
    public bool HasDisability { get; set; }
    /// <summary>Explicit consent to the processing, never pre-ticked; null until given.</summary>
    public DateTime? ConsentAtUtc { get; set; }
    /// <summary>How consent was given (e.g. "ký phiếu đồng ý", "đồng ý trực tiếp, có người làm chứng").</summary>
    public string? ConsentNote { get; set; }
    /// <summary>Set when the person's data was erased: the row stays, anonymised, so past counts stay right.</summary>
    public DateTime? ErasedAtUtc { get; set; }
    public DateTime CreatedAtUtc { get; set; }
    public DateTime UpdatedAtUtc { get; set; }
    public Household? Household { get; set; }

    internal static void Configure(EntityTypeBuilder<Resident> e)
    {
        e.HasKey(r => new { r.CommuneId, r.Id });
        e.HasAlternateKey(r => r.Id);
        e.Property(r => r.FullName).HasMaxLength(150);
        e.Property(r => r.SearchName).HasMaxLength(150);
        e.Property(r => r.CitizenIdHash).HasMaxLength(32);
        e.Property(r => r.CitizenIdTail).HasMaxLength(3);
        e.Property(r => r.PhoneHash).HasMaxLength(32);
        e.Property(r => r.PhoneTail).HasMaxLength(3);
        e.Property(r => r.ConsentNote).HasMaxLength(300);
        e.HasIndex(r => new { r.CommuneId, r.HouseholdId });
        e.HasIndex(r => new { r.CommuneId, r.NeighbourhoodId });
        e.HasIndex(r => new { r.CommuneId, r.SearchName });
        e.HasIndex(r => new { r.CommuneId, r.CitizenIdHash }).IsUnique();
        e.HasIndex(r => new { r.CommuneId, r.PhoneHash });
        e.HasOne(r => r.Household).WithMany(h => h.Residents)
            .HasForeignKey(r => new { r.CommuneId, r.HouseholdId })
            .HasPrincipalKey(h => new { h.CommuneId, h.Id })
            .OnDelete(DeleteBehavior.Restrict);
    }
}

public enum BusinessKind
{
    /// <summary>Hộ kinh doanh.</summary>
    HouseholdBusiness = 1,
    /// <summary>Hợp tác xã.</summary>
    Cooperative = 2,
    /// <summary>Doanh nghiệp.</summary>
    Enterprise = 3,
}

/// <summary>A household business, cooperative or enterprise, with its OCOP products.</summary>
public sealed class Business : INeighbourhoodOwned
{
    public int CommuneId { get; set; }
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid NeighbourhoodId { get; set; }
    public required string Name { get; set; }
    public string SearchName { get; set; } = "";
    public BusinessKind Kind { get; set; } = BusinessKind.HouseholdBusiness;
    public Guid? OwnerHouseholdId { get; set; }
    public string? Address { get; set; }
    public string? Sector { get; set; }
    public string? Products { get; set; }
    /// <summary>Has at least one product certified OCOP.</summary>
    public bool IsOcop { get; set; }
    public string? OcopProducts { get; set; }
    public DateTime CreatedAtUtc { get; set; }
    public DateTime UpdatedAtUtc { get; set; }

    internal static void Configure(EntityTypeBuilder<Business> e)
    {
        e.HasKey(b => new { b.CommuneId, b.Id });
        e.HasAlternateKey(b => b.Id);
        e.Property(b => b.Name).HasMaxLength(200);
        e.Property(b => b.SearchName).HasMaxLength(200);
        e.Property(b => b.Address).HasMaxLength(300);
        e.Property(b => b.Sector).HasMaxLength(150);
        e.Property(b => b.Products).HasMaxLength(500);
        e.Property(b => b.OcopProducts).HasMaxLength(500);
        e.HasIndex(b => new { b.CommuneId, b.NeighbourhoodId });
        e.HasIndex(b => new { b.CommuneId, b.SearchName });
        e.HasOne<Neighbourhood>().WithMany()
            .HasForeignKey(b => new { b.CommuneId, b.NeighbourhoodId })
            .HasPrincipalKey(n => new { n.CommuneId, n.Id })
            .OnDelete(DeleteBehavior.Restrict);
    }
}

public enum ReadinessSubject
{
    Resident = 1,
    Business = 2,
}

/// <summary>
/// One thing the plans track (VNeID level, smartphone, e-wallet, QR payment…): a catalogue row the
/// ward can extend. <see cref="Choices"/> lists the allowed values in order as "code:label|…";
/// <see cref="AchievedValues"/> are the codes that count as "has it" for indicators.
/// </summary>
public sealed class ReadinessItem
{
    public int Id { get; set; }
    public int? CommuneId { get; set; }
    public required string Code { get; set; }
    public required string Name { get; set; }
    public ReadinessSubject Subject { get; set; }
    public required string Choices { get; set; }
    public required string AchievedValues { get; set; }
    public int SortOrder { get; set; }
    public bool IsActive { get; set; } = true;

    public IReadOnlyList<(string Code, string Label)> ChoiceList() =>
        [.. Choices.Split('|', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(c => c.Split(':', 2) is [var code, var label] ? (code, label) : (c, c))];

    public bool IsAchieved(string? value) =>
        value is not null && AchievedValues.Split(',', StringSplitOptions.TrimEntries).Contains(value);

    internal static void Configure(EntityTypeBuilder<ReadinessItem> e)
    {
        e.Property(i => i.Code).HasMaxLength(40);
        e.Property(i => i.Name).HasMaxLength(150);
        e.Property(i => i.Choices).HasMaxLength(400);
        e.Property(i => i.AchievedValues).HasMaxLength(100);
        e.HasIndex(i => new { i.CommuneId, i.Code }).IsUnique();
        e.HasOne<Commune>().WithMany().HasForeignKey(i => i.CommuneId).OnDelete(DeleteBehavior.Restrict);
    }
}

public enum Verification
{
    /// <summary>Người dân tự khai.</summary>
    SelfReported = 1,
    /// <summary>Đã xem trên điện thoại.</summary>
    SeenOnDevice = 2,
    /// <summary>Theo danh sách chính thức.</summary>
    OfficialList = 3,
}

/// <summary>
/// A dated, attributed change of a resident's or business's status on one readiness item. Status
/// is never stored: the current status and the status at any past date are derived from these.
/// A correction names the event it corrects, which then no longer counts.
/// </summary>
public sealed class ReadinessEvent : INeighbourhoodOwned
{
    public int CommuneId { get; set; }
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid NeighbourhoodId { get; set; }
    public Guid? ResidentId { get; set; }
    public Guid? BusinessId { get; set; }
    public int ItemId { get; set; }
    public required string Value { get; set; }
    /// <summary>When it happened in the field (the phone's clock for offline work).</summary>
    public DateTime OccurredAtUtc { get; set; }
    public DateTime RecordedAtUtc { get; set; }
    public Guid? HelpedByMemberId { get; set; }
    public Guid? RecordedByUserId { get; set; }
    public Verification Verification { get; set; } = Verification.SelfReported;
    public Guid? SessionId { get; set; }
    public Guid? CorrectsEventId { get; set; }
    public string? Note { get; set; }

    internal static void Configure(EntityTypeBuilder<ReadinessEvent> e)
    {
        e.HasKey(x => new { x.CommuneId, x.Id });
        e.Property(x => x.Value).HasMaxLength(30);
        e.Property(x => x.Note).HasMaxLength(500);
        e.HasIndex(x => new { x.CommuneId, x.ResidentId, x.ItemId, x.OccurredAtUtc });
        e.HasIndex(x => new { x.CommuneId, x.BusinessId, x.ItemId, x.OccurredAtUtc });
        e.HasIndex(x => new { x.CommuneId, x.NeighbourhoodId });
        e.HasIndex(x => new { x.CommuneId, x.SessionId });
        e.HasOne<ReadinessItem>().WithMany().HasForeignKey(x => x.ItemId).OnDelete(DeleteBehavior.Restrict);
    }
}
