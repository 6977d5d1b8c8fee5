namespace CongDongSo.Web.Features.Residents;

/// <summary>What the shared resident fields partial needs from its page.</summary>
public interface IResidentForm
{
    ResidentInput Input { get; }
    /// <summary>The stored ID, masked, on the edit page; empty otherwise.</summary>
    string MaskedCitizenId { get; }
    DateTime? ConsentAtUtc { get; }
    string? ConsentNote { get; }
}
