using System.Data.Common;
using System.Net;
using CongDongSo.Tests.Infrastructure;
using CongDongSo.Web.Data;
using CongDongSo.Web.Infrastructure.Auth;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using static CongDongSo.Tests.Features.Households.PopulationKit;

namespace CongDongSo.Tests.Features.Readiness;

public sealed class ReadinessStatusTests(AppFactory app) : IClassFixture<AppFactory>
{
    private Task<ReadinessStatuses> StatusAsync(Resident resident, DateOnly? at) =>
        app.WithDbAsync(db => ReadinessStatus.ForResidentsAsync(db, resident.CommuneId, [resident.Id], at));

    private async Task<string?> ValueAsync(Resident resident, string item, DateOnly? at)
    {
        var itemId = await app.WithDbAsync(db => ItemIdAsync(db, item));
        return (await StatusAsync(resident, at)).Get(resident.Id, itemId)?.Value;
    }

    [DbFact]
    public async Task Status_at_a_past_date_is_what_the_events_said_by_the_end_of_that_day()
    {
        var household = await HouseholdAsync(app, app.World.HxTdp1, "RS-001");
        var resident = await ResidentAsync(app, household, "Trần Văn Bình");
        await EventAsync(app, resident, "vneid", "none", Noon(2026, 1, 10));
        await EventAsync(app, resident, "vneid", "level1", Noon(2026, 3, 5));
        // Half past midnight on 21 July in Vietnam (UTC+7), still 20 July in UTC: it counts from the 21st.
        await EventAsync(app, resident, "vneid", "level2", new DateTime(2026, 7, 20, 17, 30, 0, DateTimeKind.Utc));

        Assert.Null(await ValueAsync(resident, "vneid", new DateOnly(2026, 1, 9)));
        Assert.Equal("none", await ValueAsync(resident, "vneid", new DateOnly(2026, 2, 1)));
        Assert.Equal("level1", await ValueAsync(resident, "vneid", new DateOnly(2026, 3, 5)));
        Assert.Equal("level1", await ValueAsync(resident, "vneid", new DateOnly(2026, 6, 30)));
        Assert.Equal("level1", await ValueAsync(resident, "vneid", new DateOnly(2026, 7, 20)));
        Assert.Equal("level2", await ValueAsync(resident, "vneid", new DateOnly(2026, 7, 21)));
        Assert.Equal("level2", await ValueAsync(resident, "vneid", null));

        // The resident page's status-at-date view says the same.
        var client = await app.SignInAsync(World.Users.WardHoaXuan);
        var then = await client.GetDocumentAsync($"/residents/{resident.Id}?at=2026-06-30");
        Assert.Equal("level1", then.QuerySelector("[data-item=vneid] [data-testid=value]")!.GetAttribute("data-value"));
        Assert.Contains("30/06/2026", then.QuerySelector("h2")!.TextContent, StringComparison.Ordinal);
        var now = await client.GetDocumentAsync($"/residents/{resident.Id}");
        Assert.Equal("level2", now.QuerySelector("[data-item=vneid] [data-testid=value]")!.GetAttribute("data-value"));
        var before = await client.GetDocumentAsync($"/residents/{resident.Id}?at=2026-01-01");
        Assert.Equal("Chưa ghi nhận", before.QuerySelector("[data-item=vneid] [data-testid=value]")!.TextContent.Trim());
    }

    [DbFact]
    public async Task A_correction_wins_over_the_event_it_names_also_at_past_dates()
    {
        var household = await HouseholdAsync(app, app.World.HxTdp1, "RS-002");
        var resident = await ResidentAsync(app, household, "Nguyễn Thị Lệ", gender: Gender.Female);
        var wrong = await EventAsync(app, resident, "smartphone", "yes", Noon(2026, 2, 1));
        // Recorded in May, about February: the February value was wrong.
        await EventAsync(app, resident, "smartphone", "no", Noon(2026, 2, 1), corrects: wrong.Id, recordedAtUtc: Noon(2026, 5, 1));
        await EventAsync(app, resident, "smartphone", "yes", Noon(2026, 4, 1));

        Assert.Null(await ValueAsync(resident, "smartphone", new DateOnly(2026, 1, 31)));
        Assert.Equal("no", await ValueAsync(resident, "smartphone", new DateOnly(2026, 3, 1)));
        Assert.Equal("yes", await ValueAsync(resident, "smartphone", new DateOnly(2026, 4, 1)));

        // A correction dated later than what it corrects still voids it at the earlier date.
        var wrongToo = await EventAsync(app, resident, "payment", "yes", Noon(2026, 2, 1));
        await EventAsync(app, resident, "payment", "no", Noon(2026, 6, 1), corrects: wrongToo.Id);
        Assert.Null(await ValueAsync(resident, "payment", new DateOnly(2026, 3, 1)));
        Assert.Equal("no", await ValueAsync(resident, "payment", null));
    }

    [DbFact]
    public async Task A_correction_made_on_the_readiness_page_replaces_the_value_in_the_past()
    {
        var household = await HouseholdAsync(app, app.World.HxTdp1, "RS-003");
        var resident = await ResidentAsync(app, household, "Lê Văn Tám", birthYear: 1955);
        var wrong = await EventAsync(app, resident, "vneid", "level2", Noon(2026, 3, 10));
        var client = await app.SignInAsync(World.Users.TeamLeadHx1);

        var form = await client.GetDocumentAsync($"/residents/{resident.Id}/readiness?correct={wrong.Id}");
        Assert.Equal("2026-03-10", form.FieldValue("Input.OccurredOn"));
        Assert.Empty(form.QuerySelectorAll("[name='Input.Value'][checked]"));
        var response = await client.SubmitFormAsync(form, $"/residents/{resident.Id}/readiness?correct={wrong.Id}", new Dictionary<string, string?>
        {
            ["Input.Value"] = "level1",
            ["Input.Note"] = "Mới kích hoạt mức 1, chưa lên mức 2",
        });

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var correction = await app.WithDbAsync(db => db.ReadinessEvents.SingleAsync(e => e.CorrectsEventId == wrong.Id));
        Assert.Equal(wrong.OccurredAtUtc, correction.OccurredAtUtc);
        Assert.Equal(app.Clock.GetUtcNow().UtcDateTime, correction.RecordedAtUtc, TimeSpan.FromSeconds(1));
        Assert.NotNull(correction.RecordedByUserId);
        Assert.Equal("level1", await ValueAsync(resident, "vneid", new DateOnly(2026, 3, 31)));
        var history = await client.GetDocumentAsync($"/residents/{resident.Id}/readiness");
        Assert.Contains("Đã được sửa", history.QuerySelector($"[data-event='{wrong.Id}']")!.TextContent, StringComparison.Ordinal);
    }

    [DbFact]
    public async Task Recording_by_hand_checks_the_value_the_date_and_the_helper()
    {
        var household = await HouseholdAsync(app, app.World.HxTdp1, "RS-004");
        var resident = await ResidentAsync(app, household, "Phạm Thị Sen", gender: Gender.Female);
        var itemId = await app.WithDbAsync(db => ItemIdAsync(db, "vneid"));
        var client = await app.SignInAsync(World.Users.MemberHx1);
        var url = $"/residents/{resident.Id}/readiness?item={itemId}";

        var bad = await client.SubmitFormAsync(url, new Dictionary<string, string?>
        {
            ["Input.Value"] = "level3",
            ["Input.OccurredOn"] = "2026-12-01",
            ["Input.HelpedByMemberId"] = app.World.HxTeam2Leader.Id.ToString(),
        });
        var errors = (await Browser.ParseAsync(bad)).Errors();
        Assert.Contains(errors, e => e.Contains("Tình trạng phải là một lựa chọn của mục", StringComparison.Ordinal));
        Assert.Contains("Ngày không được sau hôm nay.", errors);
        Assert.Contains(errors, e => e.Contains("Người hỗ trợ phải là thành viên", StringComparison.Ordinal));

        var good = await client.SubmitFormAsync(url, new Dictionary<string, string?>
        {
            ["Input.Value"] = "level2",
            ["Input.OccurredOn"] = "15/11/2026",
            ["Input.Verification"] = "OfficialList",
            ["Input.HelpedByMemberId"] = app.World.HxTeam1Leader.Id.ToString(),
        });
        Assert.Equal(HttpStatusCode.Redirect, good.StatusCode);
        var recorded = await app.WithDbAsync(db => db.ReadinessEvents.SingleAsync(e => e.ResidentId == resident.Id));
        Assert.Equal("level2", recorded.Value);
        Assert.Equal(Verification.OfficialList, recorded.Verification);
        Assert.Equal(app.World.HxTeam1Leader.Id, recorded.HelpedByMemberId);
        Assert.Equal(new DateOnly(2026, 11, 15), DateOnly.FromDateTime(recorded.OccurredAtUtc.AddHours(7)));
        Assert.Equal(app.World.HxTdp1.Id, recorded.NeighbourhoodId);

        var page = await client.GetDocumentAsync($"/residents/{resident.Id}");
        var line = page.QuerySelector("[data-item=vneid]")!.TextContent;
        Assert.Contains("Mức 2", line, StringComparison.Ordinal);
        Assert.Contains("Theo danh sách chính thức", line, StringComparison.Ordinal);
        Assert.Contains("Nguyễn Văn Hùng", line, StringComparison.Ordinal);
    }

    [DbFact]
    public async Task The_status_query_is_one_command_that_reads_only_the_asked_residents_inside_the_area()
    {
        var tdp1 = await HouseholdAsync(app, app.World.HxTdp1, "RS-005");
        var tdp2 = await HouseholdAsync(app, app.World.HxTdp2, "RS-006");
        var mine = await ResidentAsync(app, tdp1, "Võ Thị Kim Liên", gender: Gender.Female);
        var neighbour = await ResidentAsync(app, tdp1, "Đặng Văn Hải");
        var outside = await ResidentAsync(app, tdp2, "Huỳnh Văn Phú");
        await EventAsync(app, mine, "smartphone", "yes", Noon(2026, 5, 1));
        await EventAsync(app, neighbour, "smartphone", "yes", Noon(2026, 5, 1));
        await EventAsync(app, outside, "smartphone", "yes", Noon(2026, 5, 1));

        var (commands, subjects) = await app.AsUserAsync(World.Users.TeamLeadHx1, async (services, _) =>
        {
            var counter = new CommandCounter();
            var options = new DbContextOptionsBuilder<AppDbContext>();
            DataSetup.Configure(options, TestDatabase.Provider, app.Database.ConnectionString);
            options.AddInterceptors(counter);
            await using var db = new AppDbContext(options.Options, services.GetRequiredService<AreaScope>(), app.Clock);
            var statuses = await ReadinessStatus.ForResidentsAsync(db, mine.CommuneId, [mine.Id, outside.Id]);
            return (counter.Commands, statuses.Subjects.ToList());
        });

        var command = Assert.Single(commands);
        Assert.Contains("ResidentId", command, StringComparison.Ordinal);
        Assert.Contains("NeighbourhoodId", command, StringComparison.Ordinal);
        Assert.Equal([mine.Id], subjects);
    }

    [DbFact]
    public async Task Missing_lists_the_active_items_not_yet_achieved()
    {
        var household = await HouseholdAsync(app, app.World.HxTdp1, "RS-007");
        var resident = await ResidentAsync(app, household, "Mai Thị Xuân", gender: Gender.Female);
        await EventAsync(app, resident, "smartphone", "yes", Noon(2026, 5, 1));
        await EventAsync(app, resident, "vneid", "level1", Noon(2026, 5, 1));

        var missing = await app.WithDbAsync(async db =>
        {
            var items = await ReadinessStatus.ActiveItems(db, resident.CommuneId, ReadinessSubject.Resident).ToListAsync();
            var statuses = await ReadinessStatus.ForResidentsAsync(db, resident.CommuneId, [resident.Id]);
            return ReadinessStatus.Missing(statuses.Of(resident.Id), items).Select(i => i.Code).ToList();
        });

        Assert.DoesNotContain("smartphone", missing);
        Assert.Contains("vneid", missing);
        Assert.Contains("dvc", missing);
        Assert.DoesNotContain("qr_payment", missing);
    }

    [DbFact]
    public async Task Events_at_the_same_moment_are_ordered_by_when_they_were_recorded()
    {
        var household = await HouseholdAsync(app, app.World.HxTdp1, "RS-008");
        var resident = await ResidentAsync(app, household, "Phan Văn Đức");
        // Two members in the same visit, the later-synced one recorded last.
        await EventAsync(app, resident, "sim4g", "no", Noon(2026, 9, 1), recordedAtUtc: Noon(2026, 9, 3));
        await EventAsync(app, resident, "sim4g", "yes", Noon(2026, 9, 1), recordedAtUtc: Noon(2026, 9, 2));

        Assert.Equal("no", await ValueAsync(resident, "sim4g", new DateOnly(2026, 9, 1)));
    }

    [Fact]
    public void Events_at_the_same_moment_and_recording_time_are_ordered_by_id()
    {
        var subject = Guid.CreateVersion7();
        var at = Noon(2026, 9, 1);
        var first = Guid.Parse("01900000-0000-7000-8000-000000000001");
        var second = Guid.Parse("01900000-0000-7000-8000-000000000002");
        ReadinessState State(Guid id, string value) => new(subject, 1, value, at, at, id, Verification.SelfReported, null, null, null, null);

        var statuses = ReadinessStatus.Reduce([State(second, "yes"), State(first, "no")], null);

        Assert.Equal("yes", statuses.Get(subject, 1)?.Value);
        Assert.Equal("yes", ReadinessStatus.Reduce([State(first, "no"), State(second, "yes")], null).Get(subject, 1)?.Value);
    }

    private sealed class CommandCounter : DbCommandInterceptor
    {
        public List<string> Commands { get; } = [];

        public override ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(DbCommand command, CommandEventData eventData,
            InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
        {
            Commands.Add(command.CommandText);
            return base.ReaderExecutingAsync(command, eventData, result, cancellationToken);
        }
    }
}
