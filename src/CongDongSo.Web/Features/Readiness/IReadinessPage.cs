namespace CongDongSo.Web.Features.Readiness;

/// <summary>What the shared readiness partial needs from a resident's or a business's readiness page.</summary>
public interface IReadinessPage
{
    ReadinessView View { get; }
    ReadinessInput Input { get; }
    /// <summary>The page's own path, e.g. /residents/{id}/readiness.</summary>
    string PagePath { get; }
    /// <summary>The subject's page.</summary>
    string SubjectPath { get; }
}
