using Microsoft.AspNetCore.Diagnostics.HealthChecks;

namespace CongDongSo.Web.Features.Health;

public static class HealthEndpoints
{
    /// <summary>Live: the process answers. Ready: the database answers too.</summary>
    public static void MapHealth(this WebApplication app)
    {
        app.MapHealthChecks("/health/live", new HealthCheckOptions { Predicate = _ => false }).AllowAnonymous();
        app.MapHealthChecks("/health/ready", new HealthCheckOptions { Predicate = c => c.Tags.Contains("ready") }).AllowAnonymous();
    }
}
