using CongDongSo.Tests.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace CongDongSo.Tests.Features.Security;

/// <summary>SECURITY.md, Access: every endpoint says who may use it; the fallback policy is only a safety net.</summary>
public sealed class EndpointPolicyTests(AppFactory app) : IClassFixture<AppFactory>
{
    [DbFact]
    public void Every_endpoint_has_an_explicit_policy_or_allows_anonymous()
    {
        var endpoints = AppEndpoints.All(app);
        Assert.NotEmpty(endpoints);

        var unguarded = endpoints
            .Where(e => e.Metadata.GetMetadata<IAuthorizeData>() is null && e.Metadata.GetMetadata<IAllowAnonymous>() is null)
            .Select(AppEndpoints.Describe)
            .ToList();

        Assert.True(unguarded.Count == 0, "Endpoints without [Authorize(Policy)] or AllowAnonymous:\n" + string.Join("\n", unguarded));
    }

    [DbFact]
    public void Every_policy_named_by_an_endpoint_exists()
    {
        var named = AppEndpoints.All(app)
            .SelectMany(e => e.Metadata.GetOrderedMetadata<IAuthorizeData>())
            .Select(a => a.Policy)
            .OfType<string>()
            .Distinct();

        Assert.All(named, policy => Assert.Contains(policy, CongDongSo.Web.Infrastructure.Auth.Policies.Roles.Keys));
    }
}

/// <summary>The app's routed endpoints (pages and APIs), as the router sees them.</summary>
public static class AppEndpoints
{
    public static List<RouteEndpoint> All(AppFactory app) =>
        app.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>().ToList();

    public static string Route(RouteEndpoint endpoint) => "/" + (endpoint.RoutePattern.RawText ?? "").TrimStart('/');

    public static string[] Methods(RouteEndpoint endpoint) =>
        endpoint.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods.ToArray() ?? [];

    public static string Describe(RouteEndpoint endpoint) =>
        $"{string.Join('|', Methods(endpoint)).PadRight(6)} {Route(endpoint)} ({endpoint.DisplayName})";
}
