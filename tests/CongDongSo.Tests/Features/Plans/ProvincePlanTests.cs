using System.Globalization;
using System.Net;
using CongDongSo.Tests.Infrastructure;
using CongDongSo.Web.Data;
using CongDongSo.Web.Features.Plans;
using Microsoft.EntityFrameworkCore;

namespace CongDongSo.Tests.Features.Plans;

/// <summary>
/// Cascading: the province officer sets a target with a value allocated to one commune, hands it
/// down, and each level sees its share and the roll-up; the ward hands its share on to a neighbourhood.
/// </summary>
public sealed class ProvincePlanTests(AppFactory app) : IClassFixture<AppFactory>
{
    private static string Id(int id) => id.ToString(CultureInfo.InvariantCulture);

    [DbFact]
    public async Task A_province_target_is_handed_down_with_an_allocated_share_and_each_level_sees_its_share_and_the_roll_up()
    {
        var w = app.World;
        var province = await app.SignInAsync(World.Users.ProvinceDaNang);
        var created = await province.SubmitFormAsync("/province/plans", new Dictionary<string, string?>
        {
            ["Input.Year"] = "2026", ["Input.Title"] = "Kế hoạch chuyển đổi số thành phố năm 2026", ["Input.Number"] = "12/KH-UBND",
        });
        Assert.Equal(HttpStatusCode.Redirect, created.StatusCode);
        var planId = Guid.Parse(created.Headers.Location!.PathAndQuery()["/province/plans/".Length..]);
        var indicator = await app.WithDbAsync(db => db.Indicators.SingleAsync(i => i.CommuneId == null && i.Code == "adults18_signature"));

        // A share that is not a number is named by its commune, and nothing is stored.
        var target = new Dictionary<string, string?>
        {
            ["Input.IndicatorId"] = Id(indicator.Id), ["Input.Comparator"] = "AtLeast", ["Input.Value"] = "50", ["Input.Deadline"] = "2026-12-31",
            ["Input.Code"] = "2.1", ["Input.Text"] = "Ít nhất 50 % người trưởng thành có chữ ký số", [$"shares[{w.HoaXuan.Id}]"] = "bốn mươi",
        };
        var bad = await province.SubmitFormAsync($"/province/plans/{planId}/targets/new", target, "main form[action*='handler=Save']");
        Assert.Equal(HttpStatusCode.OK, bad.StatusCode);
        Assert.Contains("Phường Hòa Xuân: giá trị giao phải là một số", await bad.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(0, await app.WithDbAsync(db => db.ProvinceTargets.IgnoreQueryFilters().CountAsync(t => t.PlanId == planId)));

        target[$"shares[{w.HoaXuan.Id}]"] = "40";
        var saved = await province.SubmitFormAsync($"/province/plans/{planId}/targets/new", target, "main form[action*='handler=Save']");
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        var provinceTarget = await app.WithDbAsync(db => db.ProvinceTargets.IgnoreQueryFilters().Include(t => t.Shares).SingleAsync(t => t.PlanId == planId));
        Assert.Equal((50m, 40m), (provinceTarget.Value, Assert.Single(provinceTarget.Shares).Value));

        // A draft is not handed down; in force, it reaches every commune of the province and no other.
        var plan = await province.GetDocumentAsync($"/province/plans/{planId}");
        await province.SubmitFormAsync(plan, $"/province/plans/{planId}", new Dictionary<string, string?>(), "form[action*='handler=HandDown']");
        Assert.Equal(0, await app.WithDbAsync(db => db.PlanTargets.IgnoreQueryFilters().CountAsync(t => t.ParentTargetId == provinceTarget.Id)));
        await province.SubmitFormAsync(plan, $"/province/plans/{planId}", new Dictionary<string, string?> { ["status"] = "InForce" }, "form[action*='handler=Status']");
        plan = await province.GetDocumentAsync($"/province/plans/{planId}");
        var handed = await province.SubmitFormAsync(plan, $"/province/plans/{planId}", new Dictionary<string, string?>(), "form[action*='handler=HandDown']");
        Assert.Equal(HttpStatusCode.Redirect, handed.StatusCode);
        var copies = await app.WithDbAsync(db => db.PlanTargets.IgnoreQueryFilters().Where(t => t.ParentTargetId == provinceTarget.Id).ToDictionaryAsync(t => t.CommuneId, t => t.Value));
        Assert.Equal(new Dictionary<int, decimal> { [w.HoaXuan.Id] = 40m, [w.CamLe.Id] = 50m }, copies);

        // Hòa Xuân: 1 of 2 adults signs (50 % ≥ its 40); Cẩm Lệ: 0 of 2. The province: 1 of 4.
        var (hx, _) = await app.HouseholdAsync(w.HxTdp1, 1980, 1985);
        await app.StatusAsync(hx[0], "signature", "yes");
        await app.StatusAsync(hx[1], "signature", "no");
        await app.HouseholdAsync(w.ClTdp1, 1970, 1975);
        plan = await province.GetDocumentAsync($"/province/plans/{planId}?at=2026-11-20");
        var row = plan.QuerySelector($"[data-testid=province-targets] [data-target='{provinceTarget.Id}']")!;
        Assert.Equal("25", row.GetAttribute("data-actual"));
        Assert.Equal("2/2", row.QuerySelector("[data-testid=handed-down]")!.TextContent.Trim());
        var hxCell = plan.QuerySelector($"[data-testid=communes] tr[data-commune='{w.HoaXuan.Id}'] td[data-meets]")!;
        Assert.Equal(("50", "40", "true"), (hxCell.GetAttribute("data-value"), hxCell.GetAttribute("data-share"), hxCell.GetAttribute("data-meets")));
        Assert.Equal("false", plan.QuerySelector($"[data-testid=communes] tr[data-commune='{w.CamLe.Id}'] td[data-meets]")!.GetAttribute("data-meets"));
        Assert.Null(plan.QuerySelector($"[data-testid=communes] tr[data-commune='{w.BaDinh.Id}']"));

        // Filter and sort: only the communes behind; the lowest first; the table as a sheet.
        var behind = await province.GetDocumentAsync($"/province/plans/{planId}?at=2026-11-20&behind=true");
        Assert.Equal([Id(w.CamLe.Id)], behind.QuerySelectorAll("[data-testid=communes] tbody tr").Select(r => r.GetAttribute("data-commune")!));
        var sorted = await province.GetDocumentAsync($"/province/plans/{planId}?at=2026-11-20&sort=t1");
        Assert.Equal([Id(w.CamLe.Id), Id(w.HoaXuan.Id)], sorted.QuerySelectorAll("[data-testid=communes] tbody tr").Select(r => r.GetAttribute("data-commune")!));
        var searched = await province.GetDocumentAsync($"/province/plans/{planId}?q=hoa%20xuan");
        Assert.Equal([Id(w.HoaXuan.Id)], searched.QuerySelectorAll("[data-testid=communes] tbody tr").Select(r => r.GetAttribute("data-commune")!));
        var sheet = await province.GetAsync($"/province/plans/{planId}?handler=xlsx&at=2026-11-20");
        Assert.Equal("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", sheet.Content.Headers.ContentType!.MediaType);

        // The ward sees its share and the province's roll-up, and cannot change what the province set or remove it.
        var ward = await app.SignInAsync(World.Users.WardHoaXuan);
        var copy = await app.WithDbAsync(db => db.PlanTargets.IgnoreQueryFilters().SingleAsync(t => t.ParentTargetId == provinceTarget.Id && t.CommuneId == w.HoaXuan.Id));
        var page = await ward.GetDocumentAsync($"/plans/{copy.PlanId}/targets/{copy.Id}?at=2026-11-20");
        Assert.Contains("25", page.QuerySelector("[data-testid=province-actual]")!.TextContent, StringComparison.Ordinal);
        Assert.NotNull(page.QuerySelector("[data-testid=handed-down-note]"));
        var edited = await ward.SubmitFormAsync(page, $"/plans/{copy.PlanId}/targets/{copy.Id}",
            new Dictionary<string, string?> { ["Input.Value"] = "10", ["Input.Text"] = "Chữ ký số (tỉnh giao)" }, "form[action*='handler=Save']");
        Assert.Equal(HttpStatusCode.Redirect, edited.StatusCode);
        copy = await app.WithDbAsync(db => db.PlanTargets.IgnoreQueryFilters().SingleAsync(t => t.Id == copy.Id));
        Assert.Equal((40m, "Chữ ký số (tỉnh giao)"), (copy.Value, copy.Text));
        Assert.Null(page.QuerySelector("form[action*='handler=Delete']"));
        var saveForm = (AngleSharp.Html.Dom.IHtmlFormElement)page.QuerySelector("form[action*='handler=Save']")!;
        saveForm.SetAttribute("action", saveForm.GetAttribute("action")!.Replace("handler=Save", "handler=Delete", StringComparison.Ordinal));
        await ward.SubmitFormAsync(saveForm, $"/plans/{copy.PlanId}/targets/{copy.Id}", new Dictionary<string, string?>());
        Assert.True(await app.WithDbAsync(db => db.PlanTargets.IgnoreQueryFilters().AnyAsync(t => t.Id == copy.Id)));

        // The ward hands 70 % to Tổ dân phố số 1: the neighbourhood is measured against it.
        page = await ward.GetDocumentAsync($"/plans/{copy.PlanId}/targets/{copy.Id}?at=2026-11-20");
        var shared = await ward.SubmitFormAsync(page, $"/plans/{copy.PlanId}/targets/{copy.Id}", new Dictionary<string, string?> { [$"shares[{w.HxTdp1.Id}]"] = "70" },
            "form[action*='handler=Shares']");
        Assert.Equal(HttpStatusCode.Redirect, shared.StatusCode);
        page = await ward.GetDocumentAsync($"/plans/{copy.PlanId}/targets/{copy.Id}?at=2026-11-20");
        var tdp1 = page.QuerySelector($"[data-testid=neighbourhoods] tr[data-neighbourhood='{w.HxTdp1.Id}']")!;
        Assert.Contains("70", tdp1.QuerySelector("[data-testid=share]")!.TextContent, StringComparison.Ordinal);
        Assert.Equal("false", tdp1.GetAttribute("data-meets")); // 50 % < its 70
        var refused = await ward.SubmitFormAsync(page, $"/plans/{copy.PlanId}/targets/{copy.Id}", new Dictionary<string, string?> { [$"shares[{w.HxTdp1.Id}]"] = "120" },
            "form[action*='handler=Shares']");
        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        Assert.Contains($"{w.HxTdp1.Name}: giá trị giao phải là một số", await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(70m, await app.WithDbAsync(db => db.PlanTargetShares.IgnoreQueryFilters().Where(x => x.TargetId == copy.Id).Select(x => x.Value).SingleAsync()));
        var tdp2 = page.QuerySelector($"[data-testid=neighbourhoods] tr[data-neighbourhood='{w.HxTdp2.Id}']")!;
        Assert.Contains("40", tdp2.QuerySelector("[data-testid=share]")!.TextContent, StringComparison.Ordinal);

        // The province raises Hòa Xuân's share: the handed-down copy follows at once.
        target[$"shares[{w.HoaXuan.Id}]"] = "60";
        var raised = await province.SubmitFormAsync($"/province/plans/{planId}/targets/{provinceTarget.Id}", target, "main form[action*='handler=Save']");
        Assert.Equal(HttpStatusCode.Redirect, raised.StatusCode);
        Assert.Equal(60m, await app.WithDbAsync(db => db.PlanTargets.IgnoreQueryFilters().Where(t => t.Id == copy.Id).Select(t => t.Value).SingleAsync()));

        // A plan the ward makes later for that year carries the province's target too.
        var later = await ward.SubmitFormAsync("/plans", new Dictionary<string, string?> { ["Source"] = "blank", ["Year"] = "2026" }, "main form[action*='handler=Create']");
        var laterId = Guid.Parse(later.Headers.Location!.PathAndQuery()["/plans/".Length..]);
        Assert.Equal(60m, await app.WithDbAsync(db => db.PlanTargets.IgnoreQueryFilters().Where(t => t.PlanId == laterId && t.ParentTargetId == provinceTarget.Id).Select(t => t.Value).SingleAsync()));

        // Province pages are the province's: a ward officer, a team leader and another province's plan are refused.
        await ward.GetDocumentAsync($"/province/plans/{planId}", HttpStatusCode.Forbidden);
        await (await app.SignInAsync(World.Users.TeamLeadHx1)).GetDocumentAsync("/province/plans", HttpStatusCode.Forbidden);
        var haNoiPlan = await app.WithDbAsync(async db =>
        {
            var other = new ProvincePlan { ProvinceId = w.HaNoi.Id, Year = 2026, Title = "Hà Nội", CreatedAtUtc = DateTime.UtcNow, UpdatedAtUtc = DateTime.UtcNow };
            db.ProvincePlans.Add(other);
            await db.SaveChangesAsync();
            return other.Id;
        });
        await province.GetDocumentAsync($"/province/plans/{haNoiPlan}", HttpStatusCode.NotFound);

        // Removing the province target takes its copies away, and nothing else of the communes' plans.
        var targetPage = await province.GetDocumentAsync($"/province/plans/{planId}/targets/{provinceTarget.Id}");
        await province.SubmitFormAsync(targetPage, $"/province/plans/{planId}/targets/{provinceTarget.Id}", new Dictionary<string, string?>(), "form[action*='handler=Delete']");
        Assert.Equal(0, await app.WithDbAsync(db => db.PlanTargets.IgnoreQueryFilters().CountAsync(t => t.ParentTargetId == provinceTarget.Id)));
        Assert.True(await app.WithDbAsync(db => db.Plans.IgnoreQueryFilters().AnyAsync(p => p.Id == laterId)));
    }

    [Fact]
    public void A_neighbourhood_with_an_allocated_share_is_measured_against_it_and_one_without_against_the_wards_value()
    {
        var target = new PlanTarget { Comparator = Comparator.AtLeast, Value = 40m, Deadline = new DateOnly(2026, 12, 31) };
        Assert.True(TargetEvaluator.Meets(50m, target));
        Assert.False(TargetEvaluator.Meets(50m, target.Comparator, 70m));
        Assert.Equal(20m, TargetEvaluator.Gap(50m, Comparator.AtLeast, 70m));
        Assert.Equal(0m, TargetEvaluator.Gap(50m, target));
    }
}
