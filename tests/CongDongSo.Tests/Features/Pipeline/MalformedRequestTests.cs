using System.Text;
using CongDongSo.Tests.Features.FieldWork;
using CongDongSo.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;

namespace CongDongSo.Tests.Features.Pipeline;

/// <summary>
/// A request the framework cannot read is the caller's mistake: 400 (bad JSON, wrong types), 415 (no
/// or another Content-Type), never 500. The framework throws for these in Development, as here.
/// </summary>
public sealed class MalformedRequestTests(MalformedRequestTests.ThrowingFactory app) : IClassFixture<MalformedRequestTests.ThrowingFactory>
{
    /// <summary>Minimal APIs throw BadHttpRequestException, as they do in Development.</summary>
    public sealed class ThrowingFactory : AppFactory
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.ConfigureServices(s => s.Configure<Microsoft.AspNetCore.Routing.RouteHandlerOptions>(o => o.ThrowOnBadRequest = true));
        }
    }

    public static TheoryData<string, string?, int> Bodies => new()
    {
        { "{\"idempotencyKey\": \"k1\", \"sessions\": [", "application/json", 400 },
        { "{\"idempotencyKey\": 5, \"sessions\": \"many\"}", "application/json", 400 },
        { "not json at all", "application/json", 400 },
        { "{\"idempotencyKey\": \"k2\", \"sessions\": []}", "text/plain", 415 },
        { "{\"idempotencyKey\": \"k3\", \"sessions\": []}", null, 415 },
    };

    [DbTheory]
    [MemberData(nameof(Bodies))]
    public async Task A_sync_body_the_server_cannot_read_gets_a_client_error(string body, string? contentType, int expected)
    {
        await FieldKit.LinkAsync(app, World.Users.MemberHx1, (await FieldKit.DeputyHx1Async(app)).Id);
        var client = await app.SignInAsync(World.Users.MemberHx1);
        var content = new ByteArrayContent(Encoding.UTF8.GetBytes(body));
        if (contentType is not null)
        {
            content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue(contentType);
        }

        var response = await client.PostAsync("/api/v1/sync/sessions", content);

        Assert.Equal(expected, (int)response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }
}
