using System.Net;
using CongDongSo.Tests.Infrastructure;

namespace CongDongSo.Tests.Features.Health;

public sealed class HealthTests(AppFactory app) : IClassFixture<AppFactory>
{
    [DbFact]
    public async Task Live_and_ready_answer_without_signing_in()
    {
        var client = app.NewClient();
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/health/live")).StatusCode);
        var ready = await client.GetAsync("/health/ready");
        Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
        Assert.Equal("Healthy", await ready.Content.ReadAsStringAsync());
    }

    [DbFact]
    public async Task Every_response_carries_the_security_headers()
    {
        var response = await app.NewClient().GetAsync("/account/sign-in");
        var csp = response.Headers.GetValues("Content-Security-Policy").Single();
        Assert.Contains("object-src 'none'", csp, StringComparison.Ordinal);
        Assert.Contains("base-uri 'none'", csp, StringComparison.Ordinal);
        Assert.Contains("frame-ancestors 'none'", csp, StringComparison.Ordinal);
        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.Equal("no-referrer", response.Headers.GetValues("Referrer-Policy").Single());
        Assert.Contains("no-store", response.Headers.CacheControl!.ToString(), StringComparison.Ordinal);
    }

    [DbFact]
    public async Task An_unknown_page_gets_the_friendly_page_and_an_unknown_api_route_gets_problem_details()
    {
        var client = await app.SignInAsync(World.Users.WardHoaXuan);
        var page = await client.GetAsync("/no-such-page");
        Assert.Equal(HttpStatusCode.NotFound, page.StatusCode);
        Assert.Contains("Không tìm thấy", await page.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        var api = await client.GetAsync("/api/v1/no-such-thing");
        Assert.Equal(HttpStatusCode.NotFound, api.StatusCode);
        Assert.Equal("application/problem+json", api.Content.Headers.ContentType?.MediaType);
    }
}
