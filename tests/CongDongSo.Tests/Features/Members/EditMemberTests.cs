using System.Net;
using CongDongSo.Tests.Infrastructure;
using CongDongSo.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace CongDongSo.Tests.Features.Members;

public sealed class EditMemberTests(AppFactory app) : IClassFixture<AppFactory>
{
    [DbFact]
    public async Task An_edit_shows_in_the_history_as_old_and_new_values()
    {
        var member = await A.Member("Võ Thị Sáu").In(app.World.HxTeam2).WithPhone("0905111222").SaveAsync(app);
        var client = await app.SignInAsync(World.Users.WardHoaXuan);

        var response = await client.SubmitFormAsync($"/members/{member.Id}/edit", new Dictionary<string, string?>
        {
            ["Input.Phone"] = "0935 999 888",
            ["Input.Position"] = "Deputy",
            ["Input.AssignedArea"] = "Khu A",
        });

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var saved = await app.WithDbAsync(db => db.Members.SingleAsync(m => m.Id == member.Id));
        Assert.Equal("0935999888", saved.Phone);
        Assert.Equal(MemberPosition.Deputy, saved.Position);

        var detail = await client.GetDocumentAsync($"/members/{member.Id}");
        var entries = detail.QuerySelectorAll("[data-testid=history] > li").ToList();
        Assert.Equal(2, entries.Count);
        var update = entries[0].TextContent;
        Assert.Contains("Sửa", update, StringComparison.Ordinal);
        Assert.Contains("Số điện thoại: 0905111222 → 0935999888", Squash(update), StringComparison.Ordinal);
        Assert.Contains("Chức vụ trong tổ: Thành viên → Tổ phó", Squash(update), StringComparison.Ordinal);
        Assert.Contains("Địa bàn phụ trách: — → Khu A", Squash(update), StringComparison.Ordinal);
        Assert.DoesNotContain("Họ và tên", update, StringComparison.Ordinal);
        Assert.Contains("Thêm vào tổ", entries[1].TextContent, StringComparison.Ordinal);

        // Reading the full record leaves an audit line (two reads: the edit form and this page).
        Assert.True(await app.WithDbAsync(db => db.AuditEntries.CountAsync(a => a.Action == AuditAction.Read && a.EntityType == "Member" && a.EntityId == member.Id.ToString())) >= 2);
    }

    [DbFact]
    public async Task Consent_keeps_its_moment_and_is_cleared_when_withdrawn()
    {
        var member = await A.Member("Lâm Thị Hoa").In(app.World.HxTeam2).SaveAsync(app);
        var client = await app.SignInAsync(World.Users.WardHoaXuan);
        await client.SubmitFormAsync($"/members/{member.Id}/edit", new Dictionary<string, string?> { ["Input.PublishContactConsent"] = "true" });
        Assert.NotNull(await app.WithDbAsync(db => db.Members.Where(m => m.Id == member.Id).Select(m => m.PublishContactConsentAtUtc).SingleAsync()));

        var form = await client.GetDocumentAsync($"/members/{member.Id}/edit");
        Assert.NotNull(form.QuerySelector("[name='Input.PublishContactConsent'][checked]"));
        await client.SubmitFormAsync(form, $"/members/{member.Id}/edit", new Dictionary<string, string?> { ["Input.PublishContactConsent"] = "false" });
        var saved = await app.WithDbAsync(db => db.Members.SingleAsync(m => m.Id == member.Id));
        Assert.False(saved.PublishContactConsent);
        Assert.Null(saved.PublishContactConsentAtUtc);
    }

    [DbFact]
    public async Task Demoting_the_only_leader_needs_a_successor_who_then_leads()
    {
        var team = await A.Team(app.World.HxTdp2).Named("Tổ kế nhiệm").SaveAsync(app);
        var leader = await A.Member("Hà Văn Trưởng").In(team).As(MemberPosition.Leader).SaveAsync(app);
        var deputy = await A.Member("Hà Thị Phó").In(team).As(MemberPosition.Deputy).SaveAsync(app);
        var client = await app.SignInAsync(World.Users.WardHoaXuan);

        var refused = await client.SubmitFormAsync($"/members/{leader.Id}/edit", new Dictionary<string, string?> { ["Input.Position"] = "Member" });
        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        Assert.Contains("Hà Văn Trưởng là tổ trưởng duy nhất của tổ: chọn người kế nhiệm làm tổ trưởng.",
            (await Browser.ParseAsync(refused)).QuerySelector("[data-valmsg-for='SuccessorId']")!.TextContent, StringComparison.Ordinal);
        Assert.Equal(MemberPosition.Leader, await PositionAsync(leader.Id));

        var accepted = await client.SubmitFormAsync($"/members/{leader.Id}/edit", new Dictionary<string, string?>
        {
            ["Input.Position"] = "Member",
            ["SuccessorId"] = deputy.Id.ToString(),
        });
        Assert.Equal(HttpStatusCode.Redirect, accepted.StatusCode);
        Assert.Equal(MemberPosition.Member, await PositionAsync(leader.Id));
        Assert.Equal(MemberPosition.Leader, await PositionAsync(deputy.Id));
    }

    [DbFact]
    public async Task Ward_officer_moves_a_member_to_another_team_but_a_team_leader_cannot()
    {
        var member = await A.Member("Chu Văn Chuyển").In(app.World.HxTeam1).SaveAsync(app);
        var leader = await app.SignInAsync(World.Users.TeamLeadHx1);
        var leaderForm = await leader.GetDocumentAsync($"/members/{member.Id}/edit");
        Assert.Null(leaderForm.QuerySelector("[name=TeamId]"));
        await leader.SubmitFormAsync(leaderForm, $"/members/{member.Id}/edit", new Dictionary<string, string?> { ["TeamId"] = app.World.HxTeam2.Id.ToString() });
        Assert.Equal(app.World.HxTeam1.Id, await app.WithDbAsync(db => db.Members.Where(m => m.Id == member.Id).Select(m => m.TeamId).SingleAsync()));

        var officer = await app.SignInAsync(World.Users.WardHoaXuan);
        var moved = await officer.SubmitFormAsync($"/members/{member.Id}/edit", new Dictionary<string, string?> { ["TeamId"] = app.World.HxTeam2.Id.ToString() });
        Assert.Equal(HttpStatusCode.Redirect, moved.StatusCode);
        Assert.Equal(app.World.HxTeam2.Id, await app.WithDbAsync(db => db.Members.Where(m => m.Id == member.Id).Select(m => m.TeamId).SingleAsync()));

        var foreign = await officer.SubmitFormAsync($"/members/{member.Id}/edit", new Dictionary<string, string?> { ["TeamId"] = app.World.ClTeam1.Id.ToString() });
        Assert.Contains("Tổ chuyển đến phải là một tổ đang hoạt động của phường/xã.", (await Browser.ParseAsync(foreign)).Errors());
        Assert.Equal(app.World.HxTeam2.Id, await app.WithDbAsync(db => db.Members.Where(m => m.Id == member.Id).Select(m => m.TeamId).SingleAsync()));
    }

    private Task<MemberPosition> PositionAsync(Guid id) => app.WithDbAsync(db => db.Members.Where(m => m.Id == id).Select(m => m.Position).SingleAsync());

    private static string Squash(string text) => string.Join(' ', text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
}
