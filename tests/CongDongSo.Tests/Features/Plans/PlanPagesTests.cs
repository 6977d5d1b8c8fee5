using System.Net;
using System.Text;
using CongDongSo.Tests.Infrastructure;
using CongDongSo.Web.Data;
using CongDongSo.Web.Features.Plans;
using CongDongSo.Web.Infrastructure.Localization;
using Microsoft.EntityFrameworkCore;

namespace CongDongSo.Tests.Features.Plans;

/// <summary>A ward officer sets up a plan and a target of their own through the pages, and the figures move with the records.</summary>
public sealed class PlanPagesTests(AppFactory app) : IClassFixture<AppFactory>
{
    private static async Task<Guid> CreatePlanAsync(HttpClient officer, string source = "blank", int year = 2026)
    {
        var response = await officer.SubmitFormAsync("/plans", new Dictionary<string, string?> { ["Source"] = source, ["Year"] = year.ToString(System.Globalization.CultureInfo.InvariantCulture) },
            "main form[action*='handler=Create']");
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        return Guid.Parse(response.Headers.Location!.PathAndQuery()["/plans/".Length..]);
    }

    [DbFact]
    public async Task The_officer_adds_a_target_of_their_own_and_the_dashboard_moves_with_the_next_record()
    {
        var officer = await app.SignInAsync(World.Users.WardHoaXuan);
        var planId = await CreatePlanAsync(officer);

        // The indicator, built in the form: adults 18+ with a digital signature.
        var built = await officer.SubmitFormAsync("/indicators/new", new Dictionary<string, string?>
        {
            ["Input.Name"] = "Người từ 18 tuổi có chữ ký số", ["Input.Code"] = "adults18_signature_own", ["Input.Kind"] = "Residents",
            ["Input.Measure"] = "Share", ["Input.MinAge"] = "18", ["Input.Having[signature]"] = "*",
        });
        Assert.Equal(HttpStatusCode.Redirect, built.StatusCode);
        var indicator = await app.WithDbAsync(db => db.Indicators.SingleAsync(i => i.Code == "adults18_signature_own"));
        Assert.Equal(app.World.HoaXuan.Id, indicator.CommuneId);
        var formula = IndicatorFormula.Parse(indicator.FormulaJson);
        Assert.Equal((FormulaKind.Residents, 18, "signature"), (formula.Kind, formula.MinAge!.Value, Assert.Single(formula.Having).Item));

        // A bad value is named, and nothing is added.
        var bad = await officer.SubmitFormAsync($"/plans/{planId}/targets/new", new Dictionary<string, string?>
        {
            ["Input.IndicatorId"] = indicator.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), ["Input.Value"] = "ba mươi", ["Input.Deadline"] = "2026-12-31",
        });
        Assert.Equal(HttpStatusCode.OK, bad.StatusCode);
        Assert.Contains("Giá trị chỉ tiêu phải là một số", await bad.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var added = await officer.SubmitFormAsync($"/plans/{planId}/targets/new", new Dictionary<string, string?>
        {
            ["Input.IndicatorId"] = indicator.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), ["Input.Comparator"] = "AtLeast", ["Input.Value"] = "35,4",
            ["Input.Deadline"] = "2026-12-31", ["Input.Text"] = "Ít nhất 35,4 % người trưởng thành có chữ ký số",
        });
        Assert.Equal(HttpStatusCode.Redirect, added.StatusCode);
        var target = await app.WithDbAsync(db => db.PlanTargets.SingleAsync(t => t.PlanId == planId));
        Assert.Equal(35.4m, target.Value);

        // Nobody has a status yet: no data, not 0.
        var page = await officer.GetDocumentAsync($"/plans/{planId}?at=2026-11-20");
        Assert.Equal("NoData", page.QuerySelector($"[data-target='{target.Id}']")!.GetAttribute("data-status"));

        // Two adults in Tổ dân phố số 1, one in số 2; one of them signs.
        var (one, _) = await app.HouseholdAsync(app.World.HxTdp1, 1980, 1985);
        var (two, _) = await app.HouseholdAsync(app.World.HxTdp2, 1990);
        await app.StatusAsync(one[0], "signature", "yes");
        await app.StatusAsync(one[1], "signature", "no");
        await app.StatusAsync(two[0], "signature", "no");
        page = await officer.GetDocumentAsync($"/plans/{planId}?at=2026-11-20");
        Assert.Equal("33.33", page.QuerySelector($"[data-target='{target.Id}']")!.GetAttribute("data-actual"));
        await app.StatusAsync(two[0], "signature", "yes"); // recorded a moment ago: the next load shows it
        page = await officer.GetDocumentAsync($"/plans/{planId}?at=2026-11-20");
        var row = page.QuerySelector($"[data-target='{target.Id}']")!;
        Assert.Equal("66.67", row.GetAttribute("data-actual"));
        Assert.Equal("Achieved", row.GetAttribute("data-status"));
        Assert.NotNull(page.QuerySelector("svg.trend"));

        // The target's page: the neighbourhood breakdown, and the table as a sheet.
        var detail = await officer.GetDocumentAsync($"/plans/{planId}/targets/{target.Id}?at=2026-11-20");
        Assert.Equal(2, detail.QuerySelectorAll("[data-testid=neighbourhoods] tbody tr").Length);
        var sheet = await officer.GetAsync($"/plans/{planId}/targets/{target.Id}?handler=xlsx&at=2026-11-20");
        Assert.Equal("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", sheet.Content.Headers.ContentType!.MediaType);

        // Team 2's leader sees the figure of their own neighbourhood (1 of 1), and cannot change the plan.
        var lead2 = await app.SignInAsync(World.Users.TeamLeadHx2);
        var theirs = await lead2.GetDocumentAsync($"/plans/{planId}?at=2026-11-20");
        Assert.Equal("100", theirs.QuerySelector($"[data-target='{target.Id}']")!.GetAttribute("data-actual"));
        Assert.NotNull(theirs.QuerySelector("[data-testid=scope-note]"));
        Assert.Equal(HttpStatusCode.Forbidden, (await lead2.GetAsync($"/plans/{planId}/targets/new")).StatusCode);
        // Another ward's officer: the plan does not exist.
        var camLe = await app.SignInAsync(World.Users.WardCamLe);
        Assert.Equal(HttpStatusCode.NotFound, (await camLe.GetAsync($"/plans/{planId}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await camLe.GetAsync($"/plans/{planId}/targets/{target.Id}")).StatusCode);
    }

    [DbFact]
    public async Task A_plan_round_trips_through_its_file_and_a_broken_file_is_refused_with_the_path_of_each_error()
    {
        var officer = await app.SignInAsync(World.Users.WardHoaXuan);
        var planId = await CreatePlanAsync(officer, year: 2025);
        var indicator = await app.WithDbAsync(async db =>
        {
            var i = new Indicator { CommuneId = app.World.HoaXuan.Id, Code = "portal_news_own", Name = "Tin bài trên cổng", FormulaJson = """{"kind":"communications","communicationKinds":["portal_news"]}""" };
            db.Indicators.Add(i);
            await db.SaveChangesAsync();
            var model = await db.CommunityModels.Where(m => m.Code == "weekend_dx" && m.CommuneId == null).Select(m => m.Id).SingleAsync();
            db.PlanTargets.Add(new PlanTarget { CommuneId = app.World.HoaXuan.Id, PlanId = planId, IndicatorId = i.Id, Value = 1, Deadline = new DateOnly(2025, 12, 31), Period = Cadence.Month, Code = "3.1" });
            db.PlanTasks.Add(new PlanTask { CommuneId = app.World.HoaXuan.Id, PlanId = planId, Content = "Rà soát danh sách hộ", Lead = "Công an phường", Partners = "Đoàn Thanh niên\nHội Phụ nữ", Deadline = new DateOnly(2025, 3, 31), Status = PlanTaskStatus.Done });
            db.PlanModels.Add(new PlanModel { CommuneId = app.World.HoaXuan.Id, PlanId = planId, ModelId = model, Cadence = Cadence.Month, Scope = TargetScope.EachNeighbourhood });
            db.PlanReportingRules.Add(new PlanReporting { CommuneId = app.World.HoaXuan.Id, PlanId = planId, Name = "Báo cáo tháng", Period = Cadence.Month, DueDay = 14 });
            await db.SaveChangesAsync();
            return i;
        });

        var exported = await officer.GetAsync($"/plans/{planId}?handler=export");
        var json = await exported.Content.ReadAsStringAsync();
        Assert.Empty(PlanImport.Validate(json, new Microsoft.Extensions.Localization.StringLocalizer<SharedResource>(new PassThroughFactory())));

        // Copying the plan to 2026 moves its dates by a year and starts every task afresh.
        var copyId = await CreatePlanAsync(officer, $"copy:{planId}", 2026);
        var copy = await app.WithDbAsync(db => db.Plans.Include(p => p.Targets).Include(p => p.Tasks).Include(p => p.Models).Include(p => p.Reporting).SingleAsync(p => p.Id == copyId));
        Assert.Equal(2026, copy.Year);
        var t = Assert.Single(copy.Targets);
        Assert.Equal((indicator.Id, 1m, new DateOnly(2026, 12, 31), Cadence.Month, "3.1"), (t.IndicatorId, t.Value, t.Deadline, t.Period!.Value, t.Code));
        var task = Assert.Single(copy.Tasks);
        Assert.Equal((new DateOnly(2026, 3, 31), PlanTaskStatus.NotStarted, "Đoàn Thanh niên\nHội Phụ nữ"), (task.Deadline!.Value, task.Status, task.Partners));
        Assert.Equal(TargetScope.EachNeighbourhood, Assert.Single(copy.Models).Scope);
        Assert.Equal(14, Assert.Single(copy.Reporting).DueDay);

        var plans = await app.WithDbAsync(db => db.Plans.CountAsync());
        async Task<List<string>> ImportErrorsAsync(string text)
        {
            var response = await TrainingImportAsync(officer, text);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            var page = await Browser.ParseAsync(response);
            return [.. page.QuerySelectorAll("[data-testid=file-errors] li").Select(li => li.TextContent.Trim())];
        }
        var syntax = await ImportErrorsAsync("{ \"format\": \"congdongso.plan/1\", ");
        Assert.Contains(syntax, e => e.Contains("JSON", StringComparison.Ordinal) && e.Contains("dòng 1", StringComparison.Ordinal));
        var broken = json.Replace("\"comparator\": \">=\"", "\"comparator\": \"≈\"", StringComparison.Ordinal)
            .Replace("\"indicator\": \"portal_news_own\"", "\"indicator\": \"khong_co\"", StringComparison.Ordinal);
        var errors = await ImportErrorsAsync(broken);
        Assert.Contains(errors, e => e.StartsWith("/targets/0/comparator", StringComparison.Ordinal));
        var unknown = await ImportErrorsAsync(json.Replace("\"indicator\": \"portal_news_own\"", "\"indicator\": \"khong_co\"", StringComparison.Ordinal));
        Assert.Contains(unknown, e => e.StartsWith("/targets/0/indicator", StringComparison.Ordinal) && e.Contains("khong_co", StringComparison.Ordinal));
        var badDate = await ImportErrorsAsync(json.Replace("\"deadline\": \"2025-03-31\"", "\"deadline\": \"2025-02-30\"", StringComparison.Ordinal));
        Assert.Contains(badDate, e => e.StartsWith("/tasks/0/deadline", StringComparison.Ordinal));
        Assert.Equal(plans, await app.WithDbAsync(db => db.Plans.CountAsync())); // nothing half-written

        // The exported file imports back as it was.
        Assert.Equal(HttpStatusCode.Redirect, (await TrainingImportAsync(officer, json)).StatusCode);
        Assert.Equal(plans + 1, await app.WithDbAsync(db => db.Plans.CountAsync()));
    }

    private static async Task<HttpResponseMessage> TrainingImportAsync(HttpClient officer, string json) =>
        await Training.TrainingKit.PostMultipartAsync(officer, "/plans", [], [("PlanFile", "ke-hoach.json", Encoding.UTF8.GetBytes(json))], "/plans?handler=Import");

    private sealed class PassThroughFactory : Microsoft.Extensions.Localization.IStringLocalizerFactory
    {
        public Microsoft.Extensions.Localization.IStringLocalizer Create(Type resourceSource) => new PassThrough();
        public Microsoft.Extensions.Localization.IStringLocalizer Create(string baseName, string location) => new PassThrough();
    }

    private sealed class PassThrough : Microsoft.Extensions.Localization.IStringLocalizer
    {
        public Microsoft.Extensions.Localization.LocalizedString this[string name] => new(name, name);
        public Microsoft.Extensions.Localization.LocalizedString this[string name, params object[] arguments] => new(name, string.Format(System.Globalization.CultureInfo.InvariantCulture, name, arguments));
        public IEnumerable<Microsoft.Extensions.Localization.LocalizedString> GetAllStrings(bool includeParentCultures) => [];
    }
}
