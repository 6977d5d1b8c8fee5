using System.Net;
using CongDongSo.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace CongDongSo.Tests.Features.Members;

public sealed class AffiliationsTests(AppFactory app) : IClassFixture<AppFactory>
{
    private static List<string> Options(AngleSharp.Html.Dom.IHtmlDocument form) =>
        [.. form.QuerySelectorAll("select[name='Input.AffiliationId'] option").Select(o => o.TextContent.Trim())];

    [DbFact]
    public async Task A_ward_adds_its_own_affiliation_which_only_its_teams_can_use()
    {
        var client = await app.SignInAsync(World.Users.WardHoaXuan);
        var response = await client.SubmitFormAsync("/affiliations", new Dictionary<string, string?> { ["Name"] = "  Hội Người cao tuổi " });
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var saved = await app.WithDbAsync(db => db.Affiliations.SingleAsync(a => a.Name == "Hội Người cao tuổi"));
        Assert.Equal(app.World.HoaXuan.Id, saved.CommuneId);

        Assert.Contains("Hội Người cao tuổi", Options(await client.GetDocumentAsync($"/teams/{app.World.HxTeam1.Id}/members/new")));
        Assert.Contains("Đoàn Thanh niên", Options(await client.GetDocumentAsync($"/teams/{app.World.HxTeam1.Id}/members/new")));
        var camLe = await app.SignInAsync(World.Users.WardCamLe);
        Assert.DoesNotContain("Hội Người cao tuổi", Options(await camLe.GetDocumentAsync($"/teams/{app.World.ClTeam1.Id}/members/new")));
        Assert.DoesNotContain("Hội Người cao tuổi", (await camLe.GetDocumentAsync("/affiliations")).Text(), StringComparison.Ordinal);

        // The change is in the ward's own audit log, and not in the other ward's.
        var auditUrl = $"/audit?entityType=Affiliation&entityId={saved.Id}";
        Assert.Single((await client.GetDocumentAsync(auditUrl)).QuerySelectorAll("[data-testid=audit] li"));
        Assert.Empty((await camLe.GetDocumentAsync(auditUrl)).QuerySelectorAll("[data-testid=audit] li"));
    }

    [DbTheory]
    [InlineData("đoàn thanh niên")]
    [InlineData("DOAN THANH NIEN")]
    public async Task A_name_already_in_the_list_is_refused_ignoring_case_and_diacritics(string name)
    {
        var client = await app.SignInAsync(World.Users.WardHoaXuan);
        var response = await client.SubmitFormAsync("/affiliations", new Dictionary<string, string?> { ["Name"] = name });
        Assert.Contains("Danh mục đã có thành phần \"Đoàn Thanh niên\".", (await Browser.ParseAsync(response)).Errors());
    }

    [DbFact]
    public async Task A_deactivated_affiliation_leaves_the_form_but_its_members_keep_it()
    {
        var client = await app.SignInAsync(World.Users.WardHoaXuan);
        await client.SubmitFormAsync("/affiliations", new Dictionary<string, string?> { ["Name"] = "Hội Chữ thập đỏ" });
        var id = await app.WithDbAsync(db => db.Affiliations.Where(a => a.Name == "Hội Chữ thập đỏ").Select(a => a.Id).SingleAsync());
        var member = await A.Member("Hồng Thập Tự").In(app.World.HxTeam2).From("Hội Chữ thập đỏ").SaveAsync(app);

        var page = await client.GetDocumentAsync("/affiliations");
        var response = await client.SubmitFormAsync(page, "/affiliations", new Dictionary<string, string?>(), $"li[data-affiliation='{id}'] form");
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.False(await app.WithDbAsync(db => db.Affiliations.Where(a => a.Id == id).Select(a => a.IsActive).SingleAsync()));

        Assert.DoesNotContain("Hội Chữ thập đỏ", Options(await client.GetDocumentAsync($"/teams/{app.World.HxTeam2.Id}/members/new")));
        var edit = await client.GetDocumentAsync($"/members/{member.Id}/edit");
        Assert.Equal(id.ToString(System.Globalization.CultureInfo.InvariantCulture), edit.FieldValue("Input.AffiliationId"));
        Assert.Equal(HttpStatusCode.Redirect, (await client.SubmitFormAsync(edit, $"/members/{member.Id}/edit", new Dictionary<string, string?>())).StatusCode);
    }

    [DbFact]
    public async Task Another_ward_cannot_switch_it_off_and_a_team_leader_may_not_manage_the_list()
    {
        var id = await app.WithDbAsync(async db =>
        {
            var affiliation = new CongDongSo.Web.Data.Affiliation { CommuneId = app.World.HoaXuan.Id, Name = "Hội Sinh viên", SortOrder = 2000 };
            db.Affiliations.Add(affiliation);
            await db.SaveChangesAsync();
            return affiliation.Id;
        });
        var camLe = await app.SignInAsync(World.Users.WardCamLe);
        var page = await camLe.GetDocumentAsync("/affiliations");
        var response = await camLe.SubmitFormAsync(page, "/affiliations?handler=Active", new Dictionary<string, string?>
        {
            ["id"] = id.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["active"] = "false",
        }, "form.add-affiliation");
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.True(await app.WithDbAsync(db => db.Affiliations.Where(a => a.Id == id).Select(a => a.IsActive).SingleAsync()));

        var leader = await app.SignInAsync(World.Users.TeamLeadHx1);
        (await leader.GetAsync("/affiliations")).AssertForbidden();
    }
}
