using System.Net;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using AngleSharp.Html.Parser;
using CongDongSo.Web.Infrastructure.Auth;

namespace CongDongSo.Tests.Infrastructure;

/// <summary>Pages as a person uses them: GET a page, fill its real form (antiforgery included), submit.</summary>
public static class Browser
{
    private static readonly HtmlParser s_parser = new();

    public static async Task<IHtmlDocument> GetDocumentAsync(this HttpClient client, string url, HttpStatusCode expected = HttpStatusCode.OK)
    {
        var response = await client.GetAsync(url);
        var html = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == expected, $"GET {url}: expected {(int)expected}, got {(int)response.StatusCode} {response.Headers.Location}\n{html[..Math.Min(html.Length, 1500)]}");
        return await s_parser.ParseDocumentAsync(html);
    }

    public static Task<IHtmlDocument> ParseAsync(HttpResponseMessage response) =>
        response.Content.ReadAsStringAsync().ContinueWith(t => s_parser.ParseDocument(t.Result), TaskScheduler.Default);

    /// <summary>Submits the form found by <paramref name="formSelector"/> on <paramref name="url"/> with the given fields changed.</summary>
    public static async Task<HttpResponseMessage> SubmitFormAsync(this HttpClient client, string url, IDictionary<string, string?> fields,
        string formSelector = "main form[method=post]", string? submitName = null, string? submitValue = null)
    {
        var document = await client.GetDocumentAsync(url);
        return await client.SubmitFormAsync(document, url, fields, formSelector, submitName, submitValue);
    }

    public static async Task<HttpResponseMessage> SubmitFormAsync(this HttpClient client, IHtmlDocument document, string url,
        IDictionary<string, string?> fields, string formSelector = "main form[method=post]", string? submitName = null, string? submitValue = null)
    {
        var form = document.QuerySelector(formSelector) as IHtmlFormElement
            ?? throw new InvalidOperationException($"No form '{formSelector}' on {url}.");
        return await client.SubmitFormAsync(form, url, fields, submitName, submitValue);
    }

    /// <summary>Submits <paramref name="form"/> of the page at <paramref name="url"/> with the given fields changed.</summary>
    public static async Task<HttpResponseMessage> SubmitFormAsync(this HttpClient client, IHtmlFormElement form, string url,
        IDictionary<string, string?> fields, string? submitName = null, string? submitValue = null)
    {
        var values = new List<KeyValuePair<string, string>>();
        foreach (var element in form.Elements)
        {
            switch (element)
            {
                case IHtmlInputElement input when !string.IsNullOrEmpty(input.Name) && input.Type is not ("submit" or "button" or "file"):
                    if (input.Type is "checkbox" or "radio")
                    {
                        if (input.IsChecked && !fields.ContainsKey(input.Name))
                        {
                            values.Add(new(input.Name, input.Value));
                        }
                    }
                    else if (!fields.ContainsKey(input.Name))
                    {
                        values.Add(new(input.Name, input.Value));
                    }
                    break;
                case IHtmlSelectElement select when !string.IsNullOrEmpty(select.Name) && !fields.ContainsKey(select.Name):
                    values.Add(new(select.Name, select.Value ?? ""));
                    break;
                case IHtmlTextAreaElement area when !string.IsNullOrEmpty(area.Name) && !fields.ContainsKey(area.Name):
                    values.Add(new(area.Name, area.Value));
                    break;
            }
        }
        foreach (var (name, value) in fields)
        {
            if (value is not null)
            {
                values.Add(new(name, value));
            }
        }
        if (submitName is not null)
        {
            values.Add(new(submitName, submitValue ?? ""));
        }
        var action = form.GetAttribute("action");
        var target = string.IsNullOrEmpty(action) ? url : action;
        return await client.PostAsync(target, new FormUrlEncodedContent(values));
    }

    /// <summary>A role the page's policy does not admit gets the friendly "not allowed" page with status 403.</summary>
    public static void AssertForbidden(this HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        var html = response.Content.ReadAsStringAsync().GetAwaiter().GetResult();
        Assert.True(html.Length == 0 || html.Contains("Không có quyền", StringComparison.Ordinal), "403 without the friendly page");
    }

    /// <summary>Field errors shown next to inputs and in the summary.</summary>
    public static string[] Errors(this IHtmlDocument document) =>
        document.QuerySelectorAll(".field-error, .errors li").Select(e => e.TextContent.Trim()).Where(t => t.Length > 0).Distinct().ToArray();

    public static string Text(this IDocument document) => document.Body?.TextContent ?? "";

    /// <summary>Signs a fresh client in through the real pages, answering the authenticator step for officers.</summary>
    public static async Task<HttpClient> SignInAsync(this AppFactory factory, string userName, string password = World.Password)
    {
        var client = factory.NewClient();
        var response = await client.SubmitFormAsync("/account/sign-in", new Dictionary<string, string?>
        {
            ["Input.UserName"] = userName,
            ["Input.Password"] = password,
        });
        if (response.StatusCode == HttpStatusCode.Redirect && response.Headers.Location?.OriginalString.StartsWith("/account/two-factor", StringComparison.Ordinal) == true)
        {
            response = await client.SubmitFormAsync(response.Headers.Location.OriginalString, new Dictionary<string, string?>
            {
                ["Code"] = factory.NextTotpCode(userName),
            });
        }
        Assert.True(response.StatusCode == HttpStatusCode.Redirect, $"sign-in of {userName} failed: {(int)response.StatusCode}\n{(await ParseAsync(response)).Errors().FirstOrDefault()}");
        return client;
    }

    /// <summary>A fresh authenticator code; the clock moves on a step when the user's last one is used up.</summary>
    public static string NextTotpCode(this AppFactory factory, string userName)
    {
        factory.Clock.Advance(TimeSpan.FromSeconds(31));
        return SingleUseTotpProvider.CodeAt(factory.World.AuthenticatorKeys[userName], factory.Clock.GetUtcNow());
    }
}
