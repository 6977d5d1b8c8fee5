using System.Net;
using CongDongSo.Tests.Infrastructure;
using CongDongSo.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace CongDongSo.Tests.Features.Members;

public sealed class LeaveMemberTests(AppFactory app) : IClassFixture<AppFactory>
{
    [DbFact]
    public async Task A_member_who_leaves_stays_as_a_former_member_with_date_reason_and_history()
    {
        var member = await A.Member("Tô Thị Rời").In(app.World.HxTeam1).SaveAsync(app);
        var client = await app.SignInAsync(World.Users.TeamLeadHx1);

        var response = await client.SubmitFormAsync($"/members/{member.Id}/leave", new Dictionary<string, string?>
        {
            ["Input.LeftOn"] = "2026-11-15",
            ["Input.Reason"] = "Chuyển nơi ở",
        });

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var saved = await app.WithDbAsync(db => db.Members.SingleAsync(m => m.Id == member.Id));
        Assert.Equal(new DateOnly(2026, 11, 15), saved.LeftOn);
        Assert.Equal("Chuyển nơi ở", saved.LeaveReason);

        var team = await client.GetDocumentAsync($"/teams/{app.World.HxTeam1.Id}");
        var former = team.QuerySelector("[data-testid=former]")!.TextContent;
        Assert.Contains("Tô Thị Rời", former, StringComparison.Ordinal);
        Assert.Contains("15/11/2026", former, StringComparison.Ordinal);
        Assert.Contains("Chuyển nơi ở", former, StringComparison.Ordinal);
        Assert.DoesNotContain("Tô Thị Rời", team.QuerySelector("[data-position=Member]")!.TextContent, StringComparison.Ordinal);

        var officer = await app.SignInAsync(World.Users.WardHoaXuan);
        var history = (await officer.GetDocumentAsync($"/members/{member.Id}")).QuerySelector("[data-testid=history]")!.TextContent;
        Assert.Contains("15/11/2026", history, StringComparison.Ordinal);
        Assert.Contains("Chuyển nơi ở", history, StringComparison.Ordinal);
    }

    [DbFact]
    public async Task A_leave_date_before_joining_is_refused()
    {
        var member = await A.Member("Tô Văn Sớm").In(app.World.HxTeam1).SaveAsync(app);
        var client = await app.SignInAsync(World.Users.WardHoaXuan);
        var response = await client.SubmitFormAsync($"/members/{member.Id}/leave", new Dictionary<string, string?> { ["Input.LeftOn"] = "2025-01-01" });
        Assert.Contains("Ngày rời tổ không được trước ngày tham gia (01/09/2025).", (await Browser.ParseAsync(response)).Errors());
        Assert.Null(await app.WithDbAsync(db => db.Members.Where(m => m.Id == member.Id).Select(m => m.LeftOn).SingleAsync()));
    }

    [DbFact]
    public async Task The_only_leader_leaves_only_with_a_successor()
    {
        var team = await A.Team(app.World.HxTdp2).Named("Tổ đổi trưởng").SaveAsync(app);
        var leader = await A.Member("Ông Văn Trưởng").In(team).As(MemberPosition.Leader).SaveAsync(app);
        var next = await A.Member("Bà Thị Kế").In(team).SaveAsync(app);
        var client = await app.SignInAsync(World.Users.WardHoaXuan);

        var refused = await client.SubmitFormAsync($"/members/{leader.Id}/leave", new Dictionary<string, string?> { ["Input.LeftOn"] = "2026-11-10" });
        Assert.Contains("Ông Văn Trưởng là tổ trưởng duy nhất của tổ: chọn người kế nhiệm làm tổ trưởng.", (await Browser.ParseAsync(refused)).Errors());
        Assert.Null(await app.WithDbAsync(db => db.Members.Where(m => m.Id == leader.Id).Select(m => m.LeftOn).SingleAsync()));

        var accepted = await client.SubmitFormAsync($"/members/{leader.Id}/leave", new Dictionary<string, string?>
        {
            ["Input.LeftOn"] = "2026-11-10",
            ["SuccessorId"] = next.Id.ToString(),
        });
        Assert.Equal(HttpStatusCode.Redirect, accepted.StatusCode);
        var members = await app.WithDbAsync(db => db.Members.Where(m => m.TeamId == team.Id).ToDictionaryAsync(m => m.Id));
        Assert.Equal(new DateOnly(2026, 11, 10), members[leader.Id].LeftOn);
        Assert.Equal(MemberPosition.Leader, members[next.Id].Position);
    }

    [DbFact]
    public async Task The_last_member_may_leave_without_a_successor()
    {
        var team = await A.Team(app.World.HxTdp2).Named("Tổ một người").SaveAsync(app);
        var leader = await A.Member("Một Mình Tôi").In(team).As(MemberPosition.Leader).SaveAsync(app);
        var client = await app.SignInAsync(World.Users.WardHoaXuan);
        var response = await client.SubmitFormAsync($"/members/{leader.Id}/leave", new Dictionary<string, string?> { ["Input.LeftOn"] = "2026-11-10" });
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
    }
}
