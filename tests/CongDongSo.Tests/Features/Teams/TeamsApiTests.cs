using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using CongDongSo.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace CongDongSo.Tests.Features.Teams;

public sealed class TeamsApiTests(AppFactory app) : IClassFixture<AppFactory>
{
    private static async Task<JsonElement> JsonAsync(HttpResponseMessage response) =>
        JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone();

    [DbFact]
    public async Task Lists_the_teams_of_the_ward_with_their_gaps()
    {
        var client = await app.SignInAsync(World.Users.WardHoaXuan);
        var teams = await JsonAsync(await client.GetAsync("/api/v1/teams"));
        var ids = teams.EnumerateArray().Select(t => t.GetProperty("id").GetGuid()).ToList();
        Assert.Equal([app.World.HxTeam1.Id, app.World.HxTeam2.Id], ids);
        var team2 = teams.EnumerateArray().Single(t => t.GetProperty("id").GetGuid() == app.World.HxTeam2.Id);
        Assert.True(team2.GetProperty("missingDeputy").GetBoolean());
        Assert.Equal("Trần Minh Quân", team2.GetProperty("leader").GetString());

        var missing = await JsonAsync(await client.GetAsync("/api/v1/teams?missingLeader=true"));
        Assert.Equal([app.World.HxTeam2.Id], missing.EnumerateArray().Select(t => t.GetProperty("id").GetGuid()).ToList());

        var detail = await JsonAsync(await client.GetAsync($"/api/v1/teams/{app.World.HxTeam1.Id}"));
        Assert.Equal("Tổ CNSCĐ Tổ dân phố số 1", detail.GetProperty("team").GetProperty("name").GetString());
    }

    [DbFact]
    public async Task Members_show_full_phones_to_roster_managers_and_masked_ones_to_a_team_member()
    {
        var officer = await app.SignInAsync(World.Users.WardHoaXuan);
        var full = await JsonAsync(await officer.GetAsync($"/api/v1/teams/{app.World.HxTeam1.Id}/members"));
        Assert.Contains(full.EnumerateArray(), m => m.GetProperty("phone").GetString() == "0905000001" && m.GetProperty("position").GetString() == "Leader");

        var member = await app.SignInAsync(World.Users.MemberHx1);
        var masked = await JsonAsync(await member.GetAsync($"/api/v1/teams/{app.World.HxTeam1.Id}/members"));
        var phones = masked.EnumerateArray().Select(m => m.GetProperty("phone").GetString()).ToList();
        Assert.Contains("090****001", phones);
        Assert.DoesNotContain("0905000001", phones);
    }

    [DbFact]
    public async Task Posting_a_member_creates_it_with_the_phone_normalised()
    {
        var client = await app.SignInAsync(World.Users.TeamLeadHx1);
        var response = await client.PostAsJsonAsync($"/api/v1/teams/{app.World.HxTeam1.Id}/members", new
        {
            fullName = "Hoàng Thị  Mỹ",
            position = "Member",
            affiliationId = await AffiliationIdAsync("Giáo viên"),
            birthYear = 1998,
            gender = "Female",
            phone = "+84 905 123 456",
            joinedOn = "2026-11-01",
        });

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var created = await JsonAsync(response);
        var id = created.GetProperty("id").GetGuid();
        Assert.Equal($"/api/v1/teams/{app.World.HxTeam1.Id}/members/{id}", response.Headers.Location!.PathAndQuery());
        var saved = await app.WithDbAsync(db => db.Members.SingleAsync(m => m.Id == id));
        Assert.Equal("0905123456", saved.Phone);
        Assert.Equal("Hoàng Thị Mỹ", saved.FullName);
        Assert.Equal("hoang thi my", saved.SearchName);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(response.Headers.Location)).StatusCode);
    }

    [DbFact]
    public async Task Invalid_input_gets_Vietnamese_messages_keyed_by_field_and_nothing_is_saved()
    {
        var client = await app.SignInAsync(World.Users.WardHoaXuan);
        var before = await app.WithDbAsync(db => db.Members.CountAsync());
        var response = await client.PostAsJsonAsync($"/api/v1/teams/{app.World.HxTeam1.Id}/members", new
        {
            fullName = " ",
            position = "Leader",
            affiliationId = await AffiliationIdAsync("Khác"),
            birthYear = 1890,
            phone = "0236 123 456",
            joinedOn = "2026-11-01",
        });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var errors = (await JsonAsync(response)).GetProperty("errors");
        Assert.Equal("Vui lòng nhập họ và tên.", errors.GetProperty("fullName")[0].GetString());
        Assert.StartsWith("Số điện thoại không hợp lệ", errors.GetProperty("phone")[0].GetString(), StringComparison.Ordinal);
        Assert.StartsWith("Năm sinh phải là năm có 4 chữ số, từ 1920 đến 2011", errors.GetProperty("birthYear")[0].GetString(), StringComparison.Ordinal);
        Assert.StartsWith("Tổ đã có tổ trưởng (Nguyễn Văn Hùng)", errors.GetProperty("position")[0].GetString(), StringComparison.Ordinal);
        Assert.Equal(before, await app.WithDbAsync(db => db.Members.CountAsync()));
    }

    [DbFact]
    public async Task Outside_the_area_a_team_does_not_exist_and_a_team_member_may_not_add()
    {
        var payload = new { fullName = "Người Lạ", position = "Member", affiliationId = await AffiliationIdAsync("Khác"), joinedOn = "2026-11-01" };

        var leader = await app.SignInAsync(World.Users.TeamLeadHx1);
        Assert.Equal(HttpStatusCode.NotFound, (await leader.GetAsync($"/api/v1/teams/{app.World.HxTeam2.Id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await leader.GetAsync($"/api/v1/teams/{app.World.HxTeam2.Id}/members")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await leader.PostAsJsonAsync($"/api/v1/teams/{app.World.HxTeam2.Id}/members", payload)).StatusCode);

        var otherWard = await app.SignInAsync(World.Users.WardCamLe);
        Assert.Equal(HttpStatusCode.NotFound, (await otherWard.GetAsync($"/api/v1/teams/{app.World.HxTeam1.Id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await otherWard.GetAsync($"/api/v1/teams/{app.World.HxTeam1.Id}/members")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await otherWard.GetAsync($"/api/v1/teams/{app.World.HxTeam1.Id}/members/{app.World.HxTeam1Leader.Id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await otherWard.PostAsJsonAsync($"/api/v1/teams/{app.World.HxTeam1.Id}/members", payload)).StatusCode);
        var list = await JsonAsync(await otherWard.GetAsync("/api/v1/teams"));
        Assert.DoesNotContain(list.EnumerateArray(), t => t.GetProperty("id").GetGuid() == app.World.HxTeam1.Id);

        var member = await app.SignInAsync(World.Users.MemberHx1);
        Assert.Equal(HttpStatusCode.Forbidden, (await member.PostAsJsonAsync($"/api/v1/teams/{app.World.HxTeam1.Id}/members", payload)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await app.NewClient().GetAsync("/api/v1/teams")).StatusCode);
        Assert.False(await app.WithDbAsync(db => db.Members.AnyAsync(m => m.FullName == "Người Lạ")));
    }

    private Task<int> AffiliationIdAsync(string name) =>
        app.WithDbAsync(db => db.Affiliations.Where(a => a.Name == name && a.CommuneId == null).Select(a => a.Id).SingleAsync());
}
