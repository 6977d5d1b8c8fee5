using System.Net;
using CongDongSo.Tests.Infrastructure;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace CongDongSo.Tests.Features.Pipeline;

/// <summary>The app as it runs outside Development: HSTS for a year with subdomains, http sent to https, no Server header.</summary>
public sealed class ProductionHeadersTests(ProductionHeadersTests.HttpsPortFactory app) : IClassFixture<ProductionHeadersTests.HttpsPortFactory>
{
    /// <summary>The https port a reverse proxy or Kestrel would announce.</summary>
    public sealed class HttpsPortFactory : AppFactory
    {
        protected override IEnumerable<KeyValuePair<string, string>> Settings => [new("https_port", "443")];
    }

    private HttpClient ClientFor(string baseAddress) =>
        app.CreateClient(new WebApplicationFactoryClientOptions { BaseAddress = new Uri(baseAddress), AllowAutoRedirect = false });

    [DbFact]
    public async Task Https_answers_carry_hsts_for_a_year_with_subdomains()
    {
        var response = await ClientFor("https://congdongso.example").GetAsync("/account/sign-in");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("max-age=31536000; includeSubDomains", response.Headers.GetValues("Strict-Transport-Security").Single());
    }

    [DbFact]
    public async Task Plain_http_is_sent_to_https()
    {
        var response = await ClientFor("http://congdongso.example").GetAsync("/account/sign-in?ReturnUrl=%2Fteams");

        Assert.Equal(HttpStatusCode.TemporaryRedirect, response.StatusCode);
        Assert.Equal("https://congdongso.example/account/sign-in?ReturnUrl=%2Fteams", response.Headers.Location?.ToString());
    }

    [DbFact]
    public void Kestrel_does_not_name_itself()
    {
        Assert.False(app.Services.GetRequiredService<IOptions<KestrelServerOptions>>().Value.AddServerHeader);
    }
}
