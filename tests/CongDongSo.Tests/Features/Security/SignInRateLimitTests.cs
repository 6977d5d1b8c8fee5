using System.Net;
using CongDongSo.Tests.Infrastructure;

namespace CongDongSo.Tests.Features.Security;

/// <summary>The app with a sign-in limit low enough to reach in a test.</summary>
public sealed class LowSignInLimitFactory : AppFactory
{
    public const int PermitPerMinute = 3;

    protected override IEnumerable<KeyValuePair<string, string>> Settings =>
        [new("Security:SignInPermitPerMinute", PermitPerMinute.ToString(System.Globalization.CultureInfo.InvariantCulture))];
}

public sealed class SignInRateLimitTests(LowSignInLimitFactory app) : IClassFixture<LowSignInLimitFactory>
{
    [DbFact]
    public async Task The_sign_in_attempt_over_the_per_minute_limit_gets_429()
    {
        var client = app.NewClient();
        var form = await client.GetDocumentAsync("/account/sign-in");
        var fields = new Dictionary<string, string?> { ["Input.UserName"] = World.Users.MemberHx1, ["Input.Password"] = "sai-mat-khau-roi" };
        for (var i = 0; i < LowSignInLimitFactory.PermitPerMinute; i++)
        {
            Assert.Equal(HttpStatusCode.OK, (await client.SubmitFormAsync(form, "/account/sign-in", fields)).StatusCode);
            // Showing the form again is not an attempt.
            await client.GetDocumentAsync("/account/sign-in");
        }

        var over = await client.SubmitFormAsync(form, "/account/sign-in", fields);

        Assert.Equal(HttpStatusCode.TooManyRequests, over.StatusCode);
        Assert.Contains("Quá nhiều lần thử", await over.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }
}
