using System.Net;
using CongDongSo.Tests.Infrastructure;

namespace CongDongSo.Tests.Features.Account;

public sealed class SignInPageTests(AppFactory app) : IClassFixture<AppFactory>
{
    [DbFact]
    public async Task Empty_sign_in_names_each_missing_field_in_Vietnamese_and_ties_the_error_to_its_input()
    {
        var client = app.NewClient();
        var response = await client.SubmitFormAsync("/account/sign-in", new Dictionary<string, string?>
        {
            ["Input.UserName"] = "",
            ["Input.Password"] = "",
        });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await Browser.ParseAsync(response);
        Assert.Contains("Vui lòng nhập tên đăng nhập.", page.Errors());
        Assert.Contains("Vui lòng nhập mật khẩu.", page.Errors());

        var input = page.QuerySelector("#Input_UserName")!;
        Assert.Equal("true", input.GetAttribute("aria-invalid"));
        var message = page.GetElementById(input.GetAttribute("aria-describedby")!)!;
        Assert.Equal("Vui lòng nhập tên đăng nhập.", message.TextContent.Trim());
    }

    [DbFact]
    public async Task A_member_signs_in_with_the_phone_written_the_usual_ways()
    {
        foreach (var typed in new[] { "0905000002", "+84 905 000 002", "84905000002" })
        {
            var client = await app.SignInAsync(typed);
            var home = await client.GetDocumentAsync("/");
            Assert.Contains("Xin chào", home.QuerySelector("h1")!.TextContent, StringComparison.Ordinal);
        }
    }

    [DbFact]
    public async Task The_language_switch_turns_the_pages_to_English_and_back()
    {
        var client = app.NewClient();
        var switched = await client.SubmitFormAsync("/account/sign-in", new Dictionary<string, string?>(),
            formSelector: "header form", submitName: "culture", submitValue: "en-US");
        Assert.Equal(HttpStatusCode.Redirect, switched.StatusCode);
        var english = await client.GetDocumentAsync("/account/sign-in");
        Assert.Equal("Sign in", english.QuerySelector("h1")!.TextContent.Trim());
        Assert.Equal("en", english.DocumentElement.GetAttribute("lang"));

        await client.SubmitFormAsync("/account/sign-in", new Dictionary<string, string?>(),
            formSelector: "header form", submitName: "culture", submitValue: "vi-VN");
        var vietnamese = await client.GetDocumentAsync("/account/sign-in");
        Assert.Equal("Đăng nhập", vietnamese.QuerySelector("h1")!.TextContent.Trim());
    }

    [DbFact]
    public async Task Pages_need_a_signed_in_user_and_send_others_to_sign_in()
    {
        var response = await app.NewClient().GetAsync("/");
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("https://localhost/account/sign-in", response.Headers.Location!.ToString(), StringComparison.Ordinal);
    }
}
