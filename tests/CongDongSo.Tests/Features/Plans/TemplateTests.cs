using System.Net;
using CongDongSo.Tests.Infrastructure;
using CongDongSo.Web.Features.Plans;
using Microsoft.EntityFrameworkCore;

namespace CongDongSo.Tests.Features.Plans;

/// <summary>The three shipped templates: valid against the schema, every code known, and each becomes a working plan through the page.</summary>
public sealed class TemplateTests(AppFactory app) : IClassFixture<AppFactory>
{
    [DbFact]
    public async Task Each_shipped_template_becomes_a_plan_with_all_its_targets_tasks_models_and_reporting_rules()
    {
        Assert.Equal(["binh-long-2026", "hoa-xuan-2026", "phu-dong-2026"], PlanImport.Templates.Select(t => t.Code).ToArray());
        // The national catalogue holds every indicator the templates use.
        var national = await app.WithDbAsync(db => db.Indicators.Where(i => i.CommuneId == null).Select(i => i.Code).ToListAsync());
        Assert.All(PlanImport.Templates.SelectMany(t => t.File.Targets ?? []), t => Assert.Contains(t.Indicator, national));

        var officer = await app.SignInAsync(World.Users.WardHoaXuan);
        foreach (var (code, file) in PlanImport.Templates)
        {
            var response = await officer.SubmitFormAsync("/plans", new Dictionary<string, string?> { ["Source"] = $"template:{code}", ["Year"] = "2026" },
                "main form[action*='handler=Create']");
            Assert.True(response.StatusCode == HttpStatusCode.Redirect, $"{code}: {await response.Content.ReadAsStringAsync()}");
            var id = Guid.Parse(response.Headers.Location!.PathAndQuery()["/plans/".Length..]);
            var plan = await app.WithDbAsync(db => db.Plans.Include(p => p.Targets).Include(p => p.Tasks).Include(p => p.Models).Include(p => p.Reporting).SingleAsync(p => p.Id == id));
            Assert.True(file.Targets!.Count > 0, code);
            Assert.Equal((file.Targets.Count, file.Tasks!.Count, file.Models!.Count, file.Reporting!.Count),
                (plan.Targets.Count, plan.Tasks.Count, plan.Models.Count, plan.Reporting.Count));
            Assert.Equal(code, plan.TemplateCode);
            // The dashboard evaluates every target of it (no data yet in this ward: none is counted as 0 %).
            var page = await officer.GetDocumentAsync($"/plans/{id}?at=2026-06-30");
            Assert.Equal(file.Targets.Count, page.QuerySelectorAll("[data-testid=targets] [data-target]").Length);
        }
    }
}
