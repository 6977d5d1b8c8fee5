using System.Text;
using CongDongSo.Tests.Infrastructure;
using CongDongSo.Web.Data;

namespace CongDongSo.Tests.Features.Members;

public sealed class MemberSearchTests(AppFactory app) : IClassFixture<AppFactory>
{
    private static List<string> Names(AngleSharp.Html.Dom.IHtmlDocument page) =>
        [.. page.QuerySelectorAll("[data-testid=members] li .title").Select(a => a.TextContent.Trim())];

    [DbTheory]
    [InlineData("nguyen van hung")]
    [InlineData("NGUYỄN VĂN HÙNG")]
    [InlineData("  van   hung ")]
    public async Task Search_ignores_diacritics_and_case(string q)
    {
        var client = await app.SignInAsync(World.Users.WardHoaXuan);
        var names = Names(await client.GetDocumentAsync("/members?q=" + Uri.EscapeDataString(q)));
        Assert.Equal(["Nguyễn Văn Hùng"], names);
    }

    [DbFact]
    public async Task Search_finds_decomposed_input_and_never_another_wards_members()
    {
        var client = await app.SignInAsync(World.Users.WardHoaXuan);
        var decomposed = "Nguyễn Văn Hùng".Normalize(NormalizationForm.FormD);
        Assert.Equal(["Nguyễn Văn Hùng"], Names(await client.GetDocumentAsync("/members?q=" + Uri.EscapeDataString(decomposed))));
        Assert.Empty(Names(await client.GetDocumentAsync("/members?q=pham%20thi%20ngoc%20anh")));
        Assert.Empty(Names(await client.GetDocumentAsync("/members?q=%25")));
    }

    [DbFact]
    public async Task Under_40_counts_from_the_year_a_member_turns_39()
    {
        var team = await A.Team(app.World.ClTdp1).Named("Tổ tuổi").SaveAsync(app);
        await A.Member("Lê Thị Ba Chín").In(team).Born(1987).SaveAsync(app);
        await A.Member("Lê Văn Bốn Mươi").In(team).Born(1986).SaveAsync(app);
        await A.Member("Lê Văn Không Rõ").In(team).Born(null).SaveAsync(app);
        var client = await app.SignInAsync(World.Users.WardCamLe);

        var names = Names(await client.GetDocumentAsync($"/members?under40=true&team={team.Id}"));
        Assert.Equal(["Lê Thị Ba Chín"], names);
    }

    [DbFact]
    public async Task The_home_figure_of_members_under_40_matches_its_list()
    {
        var client = await app.SignInAsync(World.Users.WardHoaXuan);
        var home = await client.GetDocumentAsync("/");
        var figure = home.QuerySelector("a[href='/members?under40=true'] strong")!.TextContent;
        var list = await client.GetDocumentAsync("/members?under40=true");
        Assert.Equal($"{figure} thành viên", list.QuerySelector("[data-testid=total]")!.TextContent.Trim());
    }

    [DbFact]
    public async Task Per_affiliation_view_counts_active_members_and_links_to_the_list()
    {
        var team = await A.Team(app.World.ClTdp1).Named("Tổ thành phần").SaveAsync(app);
        await A.Member("Giáo Viên Một").In(team).From("Giáo viên").Born(1970).SaveAsync(app);
        await A.Member("Giáo Viên Hai").In(team).From("Giáo viên").Born(1995).SaveAsync(app);
        await A.Member("Giáo Viên Cũ").In(team).From("Giáo viên").Left(new DateOnly(2026, 1, 1)).SaveAsync(app);
        var client = await app.SignInAsync(World.Users.WardCamLe);

        var page = await client.GetDocumentAsync("/members/by-affiliation");
        var row = page.QuerySelectorAll("[data-testid=by-affiliation] tbody tr").Single(r => r.TextContent.Contains("Giáo viên", StringComparison.Ordinal));
        var cells = row.QuerySelectorAll("td").Select(c => c.TextContent.Trim()).ToList();
        Assert.Equal(["Giáo viên", "2", "1"], cells);
        var link = row.QuerySelector("a")!.GetAttribute("href")!;

        var listed = Names(await client.GetDocumentAsync(link));
        Assert.Equal(["Giáo Viên Hai", "Giáo Viên Một"], listed);
        var withFormer = Names(await client.GetDocumentAsync(link + "&includeFormer=true"));
        Assert.Contains("Giáo Viên Cũ", withFormer);
    }

    [DbFact]
    public async Task A_team_member_sees_masked_phones_and_an_officer_full_ones()
    {
        var member = await app.SignInAsync(World.Users.MemberHx1);
        var masked = await member.GetDocumentAsync("/members?q=hung");
        Assert.Equal("090****001", masked.QuerySelector("[data-testid=members] .phone")!.TextContent.Trim());
        var team = await member.GetDocumentAsync($"/teams/{app.World.HxTeam1.Id}");
        Assert.DoesNotContain("0905000001", team.Text(), StringComparison.Ordinal);
        var detail = await member.GetDocumentAsync($"/members/{app.World.HxTeam1Leader.Id}");
        Assert.Equal("090****001", detail.QuerySelector(".phone")!.TextContent.Trim());

        var officer = await app.SignInAsync(World.Users.WardHoaXuan);
        Assert.Equal("0905000001", (await officer.GetDocumentAsync("/members?q=hung")).QuerySelector("[data-testid=members] .phone")!.TextContent.Trim());
        Assert.Equal(["Nguyễn Văn Hùng"], Names(await officer.GetDocumentAsync("/members?q=%2B84905000001")));
    }

    [DbFact]
    public async Task Results_come_fifty_to_a_page()
    {
        var nb = await A.NeighbourhoodAsync(app, app.World.BaDinh, "Tổ dân phố số 9");
        var team = await A.Team(nb).SaveAsync(app);
        await app.WithDbAsync(async db =>
        {
            var affiliation = db.Affiliations.First(a => a.Name == "Khác").Id;
            for (var i = 0; i < 55; i++)
            {
                var name = $"Thành Viên {i:00}";
                db.Members.Add(new Member
                {
                    CommuneId = team.CommuneId, TeamId = team.Id, FullName = name, SearchName = Web.Infrastructure.Text.VietnameseText.Fold(name),
                    AffiliationId = affiliation, JoinedOn = new DateOnly(2026, 1, 1),
                });
            }
            await db.SaveChangesAsync();
        });
        var admin = await app.SignInAsync(World.Users.Admin);
        var first = await admin.GetDocumentAsync($"/members?team={team.Id}");
        Assert.Equal(50, Names(first).Count);
        Assert.Equal("Thành Viên 00", Names(first)[0]);
        var next = first.QuerySelector(".pager a")!.GetAttribute("href")!;
        var second = await admin.GetDocumentAsync(next);
        Assert.Equal(["Thành Viên 50", "Thành Viên 51", "Thành Viên 52", "Thành Viên 53", "Thành Viên 54"], Names(second));
    }
}
