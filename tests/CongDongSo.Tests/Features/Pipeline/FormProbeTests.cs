using System.Net;
using AngleSharp.Html.Dom;
using CongDongSo.Tests.Features.Households;
using CongDongSo.Tests.Infrastructure;
using CongDongSo.Web.Data;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace CongDongSo.Tests.Features.Pipeline;

/// <summary>
/// Every form probed as an attacker or a hurried officer would: junk instead of true/false in every
/// checkbox (the framework's checkbox re-render used to throw, and log the form values), and pasted
/// text far beyond every field's limit. Each is a field error on the page, never a 500.
/// </summary>
public sealed class FormProbeTests(AppFactory app) : IClassFixture<AppFactory>
{
    private const string Junk = "abc";

    /// <summary>Every page route, its {id} filled with a row of the area where the route needs one.</summary>
    private async Task<List<string>> PageUrlsAsync()
    {
        var household = await PopulationKit.HouseholdAsync(app, app.World.HxTdp1, "PROBE-" + Guid.NewGuid().ToString("N")[..8]);
        var resident = await PopulationKit.ResidentAsync(app, household, "Trần Văn Ô", relation: RelationToHead.Head);
        var business = await PopulationKit.BusinessAsync(app, app.World.HxTdp1, "Tiệm Ô Ô");
        var ids = new (string Prefix, Guid Id)[]
        {
            ("households/{id", household.Id), ("residents/{id", resident.Id), ("businesses/{id", business.Id),
            ("members/{id", app.World.HxTeam1Leader.Id), ("teams/{id", app.World.HxTeam1.Id),
        };
        var routes = app.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.Metadata.GetMetadata<PageActionDescriptor>() is not null)
            .Select(e => e.RoutePattern.RawText ?? "").Distinct().ToList();
        var urls = new List<string>();
        foreach (var route in routes)
        {
            var url = "/" + route.TrimStart('/');
            foreach (var (prefix, id) in ids)
            {
                if (url.Contains(prefix, StringComparison.Ordinal))
                {
                    url = System.Text.RegularExpressions.Regex.Replace(url, @"\{id[^}]*\}", id.ToString());
                }
            }
            if (!url.Contains('{', StringComparison.Ordinal))
            {
                urls.Add(url);
            }
        }
        return urls;
    }

    [DbFact]
    public async Task Text_longer_than_a_fields_limit_is_refused_with_a_message_never_cut_by_the_page_nor_a_server_error()
    {
        var client = await app.SignInAsync(World.Users.WardHoaXuan);
        var long5000 = new string('ạ', 5000);
        var tried = 0;
        foreach (var url in await PageUrlsAsync())
        {
            var response = await client.GetAsync(url);
            if (response.StatusCode != HttpStatusCode.OK || response.Content.Headers.ContentType?.MediaType != "text/html")
            {
                continue;
            }
            var document = await Browser.ParseAsync(response);
            // Every page has its own title (not just the product's name).
            Assert.True(document.Title is { Length: > 0 } title && title != "CongDongSo" && title.EndsWith(" · CongDongSo", StringComparison.Ordinal),
                $"{url} has the title \"{document.Title}\"");
            // The page never cuts a paste short: no maxlength anywhere.
            Assert.Empty(document.QuerySelectorAll("input[maxlength], textarea[maxlength]").Select(e => $"{url} {e.GetAttribute("name")}"));
            foreach (var form in document.QuerySelectorAll("form").OfType<IHtmlFormElement>()
                .Where(f => string.Equals(f.Method, "post", StringComparison.OrdinalIgnoreCase)))
            {
                var texts = form.Elements.Where(e => e is IHtmlTextAreaElement || (e is IHtmlInputElement i && i.Type is "text" or "search" or "tel" or ""))
                    .Select(e => e.GetAttribute("name")).OfType<string>().Where(n => n.Length > 0 && !n.StartsWith("__", StringComparison.Ordinal)).Distinct().ToList();
                if (texts.Count == 0)
                {
                    continue;
                }
                var answer = await client.SubmitFormAsync(form, url, texts.ToDictionary(t => t, _ => (string?)long5000));
                Assert.True((int)answer.StatusCode < 500, $"POST {url} with 5,000 characters in {string.Join(", ", texts)}: {(int)answer.StatusCode}");
                if (answer.StatusCode == HttpStatusCode.OK)
                {
                    Assert.NotEmpty((await Browser.ParseAsync(answer)).Errors());
                }
                tried++;
            }
        }
        Assert.True(tried >= 10, $"only {tried} forms tried");
    }

    [DbFact]
    public async Task Junk_in_any_checkbox_of_any_form_is_a_field_error_never_a_server_error()
    {
        var client = await app.SignInAsync(World.Users.WardHoaXuan);
        var checkedForms = new List<string>();
        foreach (var url in await PageUrlsAsync())
        {
            var response = await client.GetAsync(url);
            if (response.StatusCode != HttpStatusCode.OK || response.Content.Headers.ContentType?.MediaType != "text/html")
            {
                continue;
            }
            var document = await Browser.ParseAsync(response);
            var forms = document.QuerySelectorAll("form").OfType<IHtmlFormElement>().ToList();
            for (var i = 0; i < forms.Count; i++)
            {
                var boxes = forms[i].Elements.OfType<IHtmlInputElement>().Where(e => e.Type == "checkbox" && !string.IsNullOrEmpty(e.Name))
                    .Select(e => e.Name!).Distinct().ToList();
                if (boxes.Count == 0)
                {
                    continue;
                }
                var fields = boxes.ToDictionary(b => b, _ => (string?)Junk);
                var post = string.Equals(forms[i].Method, "post", StringComparison.OrdinalIgnoreCase);
                HttpResponseMessage answer;
                if (post)
                {
                    answer = await client.SubmitFormAsync(forms[i], url, fields);
                }
                else
                {
                    var action = string.IsNullOrEmpty(forms[i].GetAttribute("action")) ? url : forms[i].GetAttribute("action")!;
                    answer = await client.GetAsync(action + "?" + string.Join('&', boxes.Select(b => Uri.EscapeDataString(b) + "=" + Junk)));
                }
                var body = await answer.Content.ReadAsStringAsync();
                Assert.True((int)answer.StatusCode < 500, $"{(post ? "POST" : "GET")} {url} form {i + 1} with {string.Join(", ", boxes)}={Junk}: {(int)answer.StatusCode}");
                if (post && answer.StatusCode == HttpStatusCode.OK)
                {
                    // A yes/no box says so; a box of a list of ids (topics, neighbourhoods) says the value is not valid.
                    Assert.True(body.Contains("chỉ nhận có hoặc không", StringComparison.Ordinal)
                        || body.Contains($"Giá trị &#x27;{Junk}&#x27; không hợp lệ", StringComparison.Ordinal)
                        || body.Contains($"Giá trị '{Junk}' không hợp lệ", StringComparison.Ordinal),
                        $"POST {url} form {i + 1} with {string.Join(", ", boxes)}={Junk}: no field error about the junk");
                }
                checkedForms.Add($"{url} [{string.Join(", ", boxes)}]");
            }
        }
        // The forms the issue names are among those tried.
        Assert.Contains(checkedForms, f => f.StartsWith("/households/new ", StringComparison.Ordinal) && f.Contains("Input.HasBusiness", StringComparison.Ordinal));
        Assert.Contains(checkedForms, f => f.EndsWith("/residents/new [Input.HasDisability, Input.Consent]", StringComparison.Ordinal)
            || (f.Contains("/residents/new", StringComparison.Ordinal) && f.Contains("Input.Consent", StringComparison.Ordinal) && f.Contains("Input.HasDisability", StringComparison.Ordinal)));
        Assert.True(checkedForms.Count >= 8, string.Join("\n", checkedForms));
    }
}
