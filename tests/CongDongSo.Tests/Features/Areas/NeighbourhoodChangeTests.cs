using System.Net;
using CongDongSo.Tests.Infrastructure;
using CongDongSo.Web.Data;
using CongDongSo.Web.Infrastructure.Text;
using Microsoft.EntityFrameworkCore;

namespace CongDongSo.Tests.Features.Areas;

/// <summary>Ward officer's changes of Hòa Xuân's neighbourhoods; each test makes the neighbourhoods it changes.</summary>
public sealed class NeighbourhoodChangeTests(AppFactory app) : IClassFixture<AppFactory>
{
    private int HoaXuan => app.World.HoaXuan.Id;

    private async Task<Guid> CreateAsync(HttpClient client, string name, string? code = null)
    {
        var response = await client.SubmitFormAsync($"/areas/communes/{HoaXuan}/neighbourhoods/new", new Dictionary<string, string?>
        {
            ["Input.Name"] = name,
            ["Input.Code"] = code,
            ["Input.EffectiveOn"] = "2025-08-01",
        });
        Assert.True(response.StatusCode == HttpStatusCode.Redirect, string.Join("; ", (await Browser.ParseAsync(response)).Errors()));
        var folded = VietnameseText.Fold(name);
        return await app.WithDbAsync(db => db.Neighbourhoods.Where(n => n.CommuneId == HoaXuan && n.SearchName == folded && n.EffectiveTo == null).Select(n => n.Id).SingleAsync());
    }

    private Task<Guid> AddTeamAsync(Guid neighbourhoodId, string name, DateOnly? dissolvedOn = null) => app.WithDbAsync(async db =>
    {
        var team = new Team
        {
            CommuneId = HoaXuan, NeighbourhoodId = neighbourhoodId, Name = name, SearchName = VietnameseText.Fold(name),
            EstablishedOn = new DateOnly(2025, 9, 1), DissolvedOn = dissolvedOn,
        };
        db.Teams.Add(team);
        await db.SaveChangesAsync();
        return team.Id;
    });

    private Task<List<NeighbourhoodChange>> HistoryAsync(Guid id) =>
        app.WithDbAsync(db => db.NeighbourhoodChanges.Where(c => c.NeighbourhoodId == id).OrderBy(c => c.Kind).ThenBy(c => c.NewName).ToListAsync());

    private Task<Neighbourhood> LoadAsync(Guid id) => app.WithDbAsync(db => db.Neighbourhoods.SingleAsync(n => n.Id == id));

    [DbFact]
    public async Task Creating_a_neighbourhood_cleans_its_name_and_records_its_creation()
    {
        var client = await app.SignInAsync(World.Users.WardHoaXuan);
        var form = await client.GetDocumentAsync($"/areas/communes/{HoaXuan}/neighbourhoods/new");
        Assert.Equal("2026-11-20", form.QuerySelector("input[name='Input.EffectiveOn']")!.GetAttribute("value"));

        var response = await client.SubmitFormAsync(form, $"/areas/communes/{HoaXuan}/neighbourhoods/new", new Dictionary<string, string?>
        {
            ["Input.Name"] = "  Thôn   Tân Lập ",
            ["Input.Kind"] = "Thon",
            ["Input.Code"] = " TL01 ",
        });
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal($"/areas/communes/{HoaXuan}", response.LocationPath());
        var n = await app.WithDbAsync(db => db.Neighbourhoods.SingleAsync(x => x.SearchName == "thon tan lap"));
        Assert.Equal(("Thôn Tân Lập", NeighbourhoodKind.Thon, "TL01", new DateOnly(2026, 11, 20), (DateOnly?)null), (n.Name, n.Kind, n.Code, n.EffectiveFrom, n.EffectiveTo));
        var created = Assert.Single(await HistoryAsync(n.Id));
        Assert.Equal((NeighbourhoodChangeKind.Created, "Thôn Tân Lập", new DateOnly(2026, 11, 20)), (created.Kind, created.NewName, created.EffectiveOn));
        Assert.True(await app.WithDbAsync(db => db.AuditEntries.AnyAsync(a => a.EntityType == "Neighbourhood" && a.EntityId == n.Id.ToString() && a.UserName == World.Users.WardHoaXuan)));
    }

    [DbFact]
    public async Task A_duplicate_active_name_or_code_or_a_future_date_is_a_field_error()
    {
        var client = await app.SignInAsync(World.Users.WardHoaXuan);
        var duplicate = await Browser.ParseAsync(await client.SubmitFormAsync($"/areas/communes/{HoaXuan}/neighbourhoods/new", new Dictionary<string, string?>
        {
            ["Input.Name"] = "TO DAN PHO SO 1",
        }));
        Assert.Contains(duplicate.Errors(), e => e.Contains("đã có tổ dân phố, thôn đang hoạt động tên", StringComparison.Ordinal));
        Assert.NotNull(duplicate.QuerySelector("#Input_Name.input-validation-error"));

        await CreateAsync(client, "Khu Dân Cư Mã Trùng", "MT1");
        var code = await Browser.ParseAsync(await client.SubmitFormAsync($"/areas/communes/{HoaXuan}/neighbourhoods/new", new Dictionary<string, string?>
        {
            ["Input.Name"] = "Khu Dân Cư Khác", ["Input.Code"] = "MT1",
        }));
        Assert.Contains(code.Errors(), e => e.Contains("Mã “MT1” đã dùng", StringComparison.Ordinal));

        var future = await Browser.ParseAsync(await client.SubmitFormAsync($"/areas/communes/{HoaXuan}/neighbourhoods/new", new Dictionary<string, string?>
        {
            ["Input.Name"] = "Khu Tương Lai", ["Input.EffectiveOn"] = "2027-01-01",
        }));
        Assert.Contains(future.Errors(), e => e.Contains("không được sau hôm nay", StringComparison.Ordinal));
        var empty = await Browser.ParseAsync(await client.SubmitFormAsync($"/areas/communes/{HoaXuan}/neighbourhoods/new", new Dictionary<string, string?> { ["Input.Name"] = "" }));
        Assert.Contains("Vui lòng nhập tên tổ dân phố, thôn.", empty.Errors());
        Assert.False(await app.WithDbAsync(db => db.Neighbourhoods.AnyAsync(n => n.Name == "Khu Dân Cư Khác" || n.Name == "Khu Tương Lai")));
    }

    [DbFact]
    public async Task Renaming_keeps_the_old_name_in_the_dated_history()
    {
        var client = await app.SignInAsync(World.Users.WardHoaXuan);
        var id = await CreateAsync(client, "Tổ Đổi Tên Cũ");
        var response = await client.SubmitFormAsync($"/areas/neighbourhoods/{id}/rename", new Dictionary<string, string?>
        {
            ["Input.Name"] = "Tổ Đổi Tên Mới", ["Input.EffectiveOn"] = "2026-01-15", ["Input.DecisionReference"] = "Nghị quyết 15/NQ-HĐND",
        });
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var n = await LoadAsync(id);
        Assert.Equal(("Tổ Đổi Tên Mới", "to doi ten moi"), (n.Name, n.SearchName));
        var renamed = (await HistoryAsync(id)).Single(c => c.Kind == NeighbourhoodChangeKind.Renamed);
        Assert.Equal(("Tổ Đổi Tên Cũ", "Tổ Đổi Tên Mới", new DateOnly(2026, 1, 15), "Nghị quyết 15/NQ-HĐND"),
            (renamed.OldName, renamed.NewName, renamed.EffectiveOn, renamed.DecisionReference));

        var same = await Browser.ParseAsync(await client.SubmitFormAsync($"/areas/neighbourhoods/{id}/rename", new Dictionary<string, string?>()));
        Assert.Contains("Tên mới trùng tên hiện tại.", same.Errors());
        var taken = await Browser.ParseAsync(await client.SubmitFormAsync($"/areas/neighbourhoods/{id}/rename", new Dictionary<string, string?> { ["Input.Name"] = "tổ dân phố số 2" }));
        Assert.Contains(taken.Errors(), e => e.Contains("đã có tổ dân phố, thôn đang hoạt động", StringComparison.Ordinal));
        var early = await Browser.ParseAsync(await client.SubmitFormAsync($"/areas/neighbourhoods/{id}/rename", new Dictionary<string, string?>
        {
            ["Input.Name"] = "Tổ Quá Sớm", ["Input.EffectiveOn"] = "2025-07-15",
        }));
        Assert.Contains(early.Errors(), e => e.Contains("không được trước ngày 01/08/2025", StringComparison.Ordinal));
    }

    [DbFact]
    public async Task Merging_into_a_kept_neighbourhood_retires_the_others_and_moves_their_active_teams()
    {
        var client = await app.SignInAsync(World.Users.WardHoaXuan);
        var keep = await CreateAsync(client, "Tổ Gộp Giữ");
        var a = await CreateAsync(client, "Tổ Gộp A");
        var b = await CreateAsync(client, "Tổ Gộp B");
        var teamA = await AddTeamAsync(a, "Tổ CNSCĐ Gộp A");
        var oldTeam = await AddTeamAsync(b, "Tổ CNSCĐ Gộp B cũ", new DateOnly(2025, 12, 1));

        var response = await client.SubmitFormAsync($"/areas/communes/{HoaXuan}/neighbourhoods/merge", new Dictionary<string, string?>
        {
            ["Input.SourceIds[0]"] = keep.ToString(), ["Input.SourceIds[1]"] = a.ToString(), ["Input.SourceIds[2]"] = b.ToString(),
            ["Input.KeepId"] = keep.ToString(), ["Input.EffectiveOn"] = "2026-02-01",
        });
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal($"/areas/neighbourhoods/{keep}", response.LocationPath());

        Assert.Null((await LoadAsync(keep)).EffectiveTo);
        Assert.Equal(new DateOnly(2026, 2, 1), (await LoadAsync(a)).EffectiveTo);
        Assert.Equal(new DateOnly(2026, 2, 1), (await LoadAsync(b)).EffectiveTo);
        var into = (await HistoryAsync(a)).Single(c => c.Kind == NeighbourhoodChangeKind.MergedInto);
        Assert.Equal(keep, into.RelatedNeighbourhoodId);
        var from = (await HistoryAsync(keep)).Where(c => c.Kind == NeighbourhoodChangeKind.MergedFrom).Select(c => c.RelatedNeighbourhoodId).ToHashSet();
        Assert.Equal([a, b], from);
        var teams = await app.WithDbAsync(db => db.Teams.Where(t => t.Id == teamA || t.Id == oldTeam).ToDictionaryAsync(t => t.Id, t => t.NeighbourhoodId));
        Assert.Equal(keep, teams[teamA]);
        Assert.Equal(b, teams[oldTeam]); // a dissolved team stays where it was
        Assert.True(await app.WithDbAsync(db => db.AuditEntries.AnyAsync(x => x.EntityType == "Team" && x.EntityId == teamA.ToString() && x.Action == AuditAction.Update)));

        var history = await client.GetDocumentAsync($"/areas/neighbourhoods/{keep}");
        var text = history.QuerySelector("[data-testid=history]")!.TextContent;
        Assert.Contains("Tổ Gộp A", text, StringComparison.Ordinal);
        Assert.Contains("Tổ Gộp B", text, StringComparison.Ordinal);
    }

    [DbFact]
    public async Task Merging_into_a_new_neighbourhood_retires_every_source_and_checks_the_choice()
    {
        var client = await app.SignInAsync(World.Users.WardHoaXuan);
        var a = await CreateAsync(client, "Tổ Nhập Một");
        var b = await CreateAsync(client, "Tổ Nhập Hai");
        var url = $"/areas/communes/{HoaXuan}/neighbourhoods/merge";

        var one = await Browser.ParseAsync(await client.SubmitFormAsync(url, new Dictionary<string, string?> { ["Input.SourceIds[0]"] = a.ToString(), ["Input.NewName"] = "X" }));
        Assert.Contains("Chọn ít nhất hai tổ dân phố, thôn để sáp nhập.", one.Errors());
        var noName = await Browser.ParseAsync(await client.SubmitFormAsync(url, new Dictionary<string, string?> { ["Input.SourceIds[0]"] = a.ToString(), ["Input.SourceIds[1]"] = b.ToString() }));
        Assert.Contains(noName.Errors(), e => e.Contains("Nhập tên tổ dân phố, thôn mới", StringComparison.Ordinal));
        var foreign = await Browser.ParseAsync(await client.SubmitFormAsync(url, new Dictionary<string, string?>
        {
            ["Input.SourceIds[0]"] = a.ToString(), ["Input.SourceIds[1]"] = app.World.ClTdp1.Id.ToString(), ["Input.NewName"] = "X",
        }));
        Assert.Contains(foreign.Errors(), e => e.Contains("không thuộc phường, xã này", StringComparison.Ordinal));

        var response = await client.SubmitFormAsync(url, new Dictionary<string, string?>
        {
            ["Input.SourceIds[0]"] = a.ToString(), ["Input.SourceIds[1]"] = b.ToString(), ["Input.NewName"] = "Khu phố Hợp Nhất", ["Input.NewKind"] = "KhuPho",
        });
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var merged = await app.WithDbAsync(db => db.Neighbourhoods.SingleAsync(n => n.SearchName == "khu pho hop nhat"));
        Assert.Equal((NeighbourhoodKind.KhuPho, new DateOnly(2026, 11, 20)), (merged.Kind, merged.EffectiveFrom));
        Assert.NotNull((await LoadAsync(a)).EffectiveTo);
        Assert.NotNull((await LoadAsync(b)).EffectiveTo);
        Assert.Equal(2, (await HistoryAsync(merged.Id)).Count(c => c.Kind == NeighbourhoodChangeKind.MergedFrom));
        Assert.Equal(merged.Id, (await HistoryAsync(b)).Single(c => c.Kind == NeighbourhoodChangeKind.MergedInto).RelatedNeighbourhoodId);
    }

    [DbFact]
    public async Task Splitting_retires_the_source_and_moves_its_teams_to_the_first_new_one()
    {
        var client = await app.SignInAsync(World.Users.WardHoaXuan);
        var source = await CreateAsync(client, "Tổ Tách Gốc");
        var team = await AddTeamAsync(source, "Tổ CNSCĐ Tách Gốc");
        var form = await client.GetDocumentAsync($"/areas/neighbourhoods/{source}/split");
        Assert.Contains("đầu tiên trong danh sách", form.Text(), StringComparison.Ordinal);

        var duplicate = await Browser.ParseAsync(await client.SubmitFormAsync(form, $"/areas/neighbourhoods/{source}/split", new Dictionary<string, string?>
        {
            ["Input.Names"] = "Tổ Tách Một\nto tach mot",
        }));
        Assert.Contains(duplicate.Errors(), e => e.Contains("bị lặp lại", StringComparison.Ordinal));

        var response = await client.SubmitFormAsync($"/areas/neighbourhoods/{source}/split", new Dictionary<string, string?>
        {
            ["Input.Names"] = "Tổ Tách Một\r\n\r\n  Tổ Tách Hai  \r\nTổ Tách Ba", ["Input.EffectiveOn"] = "2026-03-01",
        });
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal(new DateOnly(2026, 3, 1), (await LoadAsync(source)).EffectiveTo);
        var parts = await app.WithDbAsync(db => db.Neighbourhoods.Where(n => n.Name.StartsWith("Tổ Tách ") && n.EffectiveTo == null).ToDictionaryAsync(n => n.Name, n => n.Id));
        Assert.Equal(["Tổ Tách Ba", "Tổ Tách Hai", "Tổ Tách Một"], parts.Keys.Order(StringComparer.Ordinal));
        var into = (await HistoryAsync(source)).Where(c => c.Kind == NeighbourhoodChangeKind.SplitInto).Select(c => c.RelatedNeighbourhoodId!.Value).ToHashSet();
        Assert.Equal(parts.Values.ToHashSet(), into);
        Assert.Equal(source, (await HistoryAsync(parts["Tổ Tách Hai"])).Single().RelatedNeighbourhoodId);
        Assert.Equal(parts["Tổ Tách Một"], await app.WithDbAsync(db => db.Teams.Where(t => t.Id == team).Select(t => t.NeighbourhoodId).SingleAsync()));

        var retired = await client.GetAsync($"/areas/neighbourhoods/{source}/rename");
        Assert.Equal(HttpStatusCode.Redirect, retired.StatusCode); // an ended neighbourhood is not changed again
        var page = await client.GetDocumentAsync($"/areas/communes/{HoaXuan}");
        Assert.Contains("Tổ Tách Gốc", page.QuerySelector("[data-testid=retired-neighbourhoods]")!.TextContent, StringComparison.Ordinal);
        Assert.Contains("01/03/2026", page.QuerySelector("[data-testid=retired-neighbourhoods]")!.TextContent, StringComparison.Ordinal);
    }

    [DbFact]
    public async Task Retiring_is_refused_while_a_team_is_active_and_recorded_when_none_is()
    {
        var client = await app.SignInAsync(World.Users.WardHoaXuan);
        var id = await CreateAsync(client, "Tổ Giải Thể");
        var team = await AddTeamAsync(id, "Tổ CNSCĐ Giải Thể");

        var refused = await Browser.ParseAsync(await client.SubmitFormAsync($"/areas/neighbourhoods/{id}/retire", new Dictionary<string, string?>()));
        Assert.Contains(refused.Errors(), e => e.Contains("còn 1 tổ CNSCĐ đang hoạt động", StringComparison.Ordinal));
        Assert.Null((await LoadAsync(id)).EffectiveTo);

        await app.WithDbAsync(async db =>
        {
            (await db.Teams.SingleAsync(t => t.Id == team)).DissolvedOn = new DateOnly(2026, 10, 1);
            await db.SaveChangesAsync();
        });
        var response = await client.SubmitFormAsync($"/areas/neighbourhoods/{id}/retire", new Dictionary<string, string?> { ["Input.EffectiveOn"] = "2026-10-31" });
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var n = await LoadAsync(id);
        Assert.Equal(new DateOnly(2026, 10, 31), n.EffectiveTo);
        var retired = (await HistoryAsync(id)).Single(c => c.Kind == NeighbourhoodChangeKind.Retired);
        Assert.Equal(new DateOnly(2026, 10, 31), retired.EffectiveOn);
        Assert.True(await app.WithDbAsync(db => db.Neighbourhoods.AnyAsync(x => x.Id == id))); // never deleted
    }

    [DbFact]
    public async Task The_history_page_lists_the_changes_in_order_with_related_names()
    {
        var client = await app.SignInAsync(World.Users.WardHoaXuan);
        var id = await CreateAsync(client, "Tổ Lịch Sử");
        await client.SubmitFormAsync($"/areas/neighbourhoods/{id}/rename", new Dictionary<string, string?> { ["Input.Name"] = "Tổ Lịch Sử Mới", ["Input.EffectiveOn"] = "2025-09-01" });
        await client.SubmitFormAsync($"/areas/neighbourhoods/{id}/split", new Dictionary<string, string?> { ["Input.Names"] = "Tổ Hậu Duệ Một\nTổ Hậu Duệ Hai", ["Input.EffectiveOn"] = "2025-10-01" });

        var leader = await app.SignInAsync(World.Users.LeaderHoaXuan);
        var page = await leader.GetDocumentAsync($"/areas/neighbourhoods/{id}");
        var items = page.QuerySelectorAll("[data-testid=history] > li").Select(li => li.TextContent).ToList();
        Assert.Equal(4, items.Count);
        Assert.Contains("01/08/2025", items[0], StringComparison.Ordinal);
        Assert.Contains("Thành lập", items[0], StringComparison.Ordinal);
        Assert.Contains("“Tổ Lịch Sử” thành “Tổ Lịch Sử Mới”", items[1], StringComparison.Ordinal);
        Assert.All(items[2..], i => Assert.Contains("Chia thành", i, StringComparison.Ordinal));
        Assert.Contains(items, i => i.Contains("Tổ Hậu Duệ Một", StringComparison.Ordinal));
        Assert.Contains(items, i => i.Contains("Tổ Hậu Duệ Hai", StringComparison.Ordinal));
        Assert.Null(page.QuerySelector($"a[href='/areas/neighbourhoods/{id}/rename']"));
    }

    [DbFact]
    public async Task Province_officers_and_ward_leaders_read_but_cannot_change_neighbourhoods()
    {
        foreach (var user in new[] { World.Users.ProvinceDaNang, World.Users.LeaderHoaXuan })
        {
            var client = await app.SignInAsync(user);
            await client.GetDocumentAsync($"/areas/neighbourhoods/{app.World.HxTdp2.Id}");
            (await client.GetAsync($"/areas/neighbourhoods/{app.World.HxTdp2.Id}/rename")).AssertForbidden();
            (await client.GetAsync($"/areas/communes/{HoaXuan}/neighbourhoods/new")).AssertForbidden();
            (await client.GetAsync($"/areas/communes/{HoaXuan}/neighbourhoods/merge")).AssertForbidden();
            (await client.GetAsync($"/areas/communes/{HoaXuan}/zalo-pattern")).AssertForbidden();
        }
    }
}
