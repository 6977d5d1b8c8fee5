using System.Net;
using CongDongSo.Tests.Features.Security;
using CongDongSo.Tests.Infrastructure;
using CongDongSo.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace CongDongSo.Tests.Features.Audit;

public sealed class AuditLogTests(AppFactory app) : IClassFixture<AppFactory>
{
    [DbFact]
    public async Task A_change_by_a_ward_officer_shows_who_did_it_and_the_values_before_and_after()
    {
        var id = await Accounts.CreateAsync(app, "0935000201", Role.TeamMember, commune: app.World.HoaXuan.Id, team: app.World.HxTeam1.Id);
        var ward = await app.SignInAsync(World.Users.WardHoaXuan);
        await ward.SubmitFormAsync($"/users/{id}", new Dictionary<string, string?>(), "form[action*='handler=Disable']");

        var log = await ward.GetDocumentAsync($"/audit?entityType=AppUser&entityId={id}");

        var rows = log.QuerySelectorAll("[data-testid=audit] li").Select(li => li.TextContent).ToList();
        Assert.Contains(rows, r => r.Contains("Bảo mật", StringComparison.Ordinal) && r.Contains("Vô hiệu hóa tài khoản 0935000201", StringComparison.Ordinal)
            && r.Contains(World.Users.WardHoaXuan, StringComparison.Ordinal));
        var update = await app.WithDbAsync(db => db.AuditEntries.SingleAsync(a =>
            a.Action == AuditAction.Update && a.EntityType == nameof(AppUser) && a.EntityId == id.ToString()));
        var updateRow = log.QuerySelector($"a[href='/audit/{update.Id}']")!.ParentElement!.ParentElement!.TextContent;
        Assert.Contains("Sửa", updateRow, StringComparison.Ordinal);
        Assert.Contains("IsDisabled", updateRow, StringComparison.Ordinal);

        var details = await ward.GetDocumentAsync($"/audit/{update.Id}");

        Assert.Contains(World.Users.WardHoaXuan, details.Text(), StringComparison.Ordinal);
        var changed = details.QuerySelectorAll("[data-testid=changes] tbody tr")
            .Select(tr => string.Join("|", tr.Children.Select(c => c.TextContent.Trim()))).ToList();
        Assert.Contains("IsDisabled|false|true", changed);
    }

    [DbFact]
    public async Task The_Cam_Le_ward_officer_does_not_see_Hoa_Xuan_entries()
    {
        var id = await Accounts.CreateAsync(app, "0935000202", Role.TeamMember, commune: app.World.HoaXuan.Id, team: app.World.HxTeam1.Id);
        var ward = await app.SignInAsync(World.Users.WardHoaXuan);
        await ward.SubmitFormAsync($"/users/{id}", new Dictionary<string, string?>(), "form[action*='handler=Disable']");
        var entry = await app.WithDbAsync(db => db.AuditEntries.FirstAsync(a => a.EntityId == id.ToString() && a.Action == AuditAction.Security));
        var camLe = await app.SignInAsync(World.Users.WardCamLe);

        Assert.Empty((await camLe.GetDocumentAsync($"/audit?entityId={id}")).QuerySelectorAll("[data-testid=audit] li"));
        Assert.DoesNotContain(entry.Id.ToString(), (await camLe.GetDocumentAsync("/audit")).Body!.InnerHtml, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, (await camLe.GetAsync($"/audit/{entry.Id}")).StatusCode);

        var leader = await app.SignInAsync(World.Users.LeaderHoaXuan);
        Assert.Equal(HttpStatusCode.OK, (await leader.GetAsync($"/audit/{entry.Id}")).StatusCode);
        // A sign-in names the account holder as the actor.
        var signIns = (await leader.GetDocumentAsync($"/audit?action=SignIn&user={World.Users.LeaderHoaXuan}")).QuerySelectorAll("[data-testid=audit] li");
        Assert.NotEmpty(signIns);
    }

    [DbFact]
    public async Task The_log_filters_by_date_user_and_action_pages_by_50_and_is_not_itself_logged()
    {
        await app.WithDbAsync(async db =>
        {
            // 60 lines on 1 October and 10 on 5 October 2026 (Vietnam time), by two people.
            for (var i = 0; i < 70; i++)
            {
                // Vietnam wall-clock times; the log stores UTC (7 hours earlier).
                var vietnam = i < 60 ? new DateTime(2026, 10, 1, 8, 0, 0, DateTimeKind.Utc).AddMinutes(i) : new DateTime(2026, 10, 5, 23, 30, 0, DateTimeKind.Utc).AddSeconds(i);
                db.AuditEntries.Add(new AuditEntry
                {
                    AtUtc = vietnam.AddHours(-7), CommuneId = app.World.HoaXuan.Id, UserName = i % 2 == 0 ? "nguoi.chan" : "nguoi.le",
                    Ip = "203.0.113.7", Action = i % 3 == 0 ? AuditAction.Export : AuditAction.Read, EntityType = "Seed", EntityId = i.ToString(System.Globalization.CultureInfo.InvariantCulture),
                });
            }
            await db.SaveChangesAsync();
        });
        var ward = await app.SignInAsync(World.Users.WardHoaXuan);
        var before = await app.WithDbAsync(db => db.AuditEntries.CountAsync());

        var first = await ward.GetDocumentAsync("/audit?entityType=Seed");
        Assert.Equal(50, Rows(first).Count);
        Assert.StartsWith("05/10/2026 23:31:09", Rows(first)[0], StringComparison.Ordinal); // newest first, in Vietnam time
        var next = first.QuerySelector(".pager a[href*='p=2']")!.GetAttribute("href")!;
        var second = await ward.GetDocumentAsync(next);
        Assert.Equal(20, Rows(second).Count);
        Assert.Null(second.QuerySelector(".pager a[href*='p=3']"));

        Assert.Equal(10, Rows(await ward.GetDocumentAsync("/audit?entityType=Seed&from=2026-10-05&to=2026-10-05")).Count);
        Assert.Equal(10, Rows(await ward.GetDocumentAsync("/audit?entityType=Seed&from=05/10/2026")).Count);
        Assert.Equal(50, Rows(await ward.GetDocumentAsync("/audit?entityType=Seed&to=01/10/2026")).Count);
        Assert.Equal(35, Rows(await ward.GetDocumentAsync("/audit?entityType=Seed&user=CHAN")).Count);
        Assert.Equal(24, Rows(await ward.GetDocumentAsync("/audit?entityType=Seed&action=Export")).Count);
        Assert.Single(Rows(await ward.GetDocumentAsync("/audit?entityType=Seed&entityId=42")));

        var invalid = await ward.GetDocumentAsync("/audit?from=31/02/2026");
        Assert.Contains("Từ ngày không hợp lệ; nhập theo dạng dd/MM/yyyy.", invalid.Errors());

        Assert.Equal(before, await app.WithDbAsync(db => db.AuditEntries.CountAsync()));
    }

    private static List<string> Rows(AngleSharp.Html.Dom.IHtmlDocument document) =>
        document.QuerySelectorAll("[data-testid=audit] li .title").Select(t => t.TextContent.Trim()).ToList();
}
