using System.Net;
using System.Text.Json;
using CongDongSo.Tests.Features.Security;
using CongDongSo.Tests.Infrastructure;
using CongDongSo.Web.Data;
using Microsoft.EntityFrameworkCore;
using static CongDongSo.Tests.Features.Households.PopulationKit;

namespace CongDongSo.Tests.Features.Residents;

public sealed class ResidentPrivacyTests(AppFactory app) : IClassFixture<AppFactory>
{
    private async Task<(Household Household, Resident Resident, string Id)> PersonAsync(string code, int serial)
    {
        var household = await HouseholdAsync(app, app.World.HxTdp1, code);
        var id = ValidId(1990, Gender.Male, serial);
        var resident = await ResidentAsync(app, household, "Trần Văn Bình", 1990, Gender.Male, citizenId: id, phone: "0935111" + serial.ToString("000", System.Globalization.CultureInfo.InvariantCulture)[^3..],
            relation: RelationToHead.Head);
        return (household, resident, id);
    }

    [DbFact]
    public async Task Reading_a_resident_page_writes_a_read_audit_line_without_the_id_number()
    {
        var (_, resident, id) = await PersonAsync("RP-001", 100001);
        var leader = await app.SignInAsync(World.Users.LeaderHoaXuan);

        var page = await leader.GetDocumentAsync($"/residents/{resident.Id}");

        Assert.Equal("*********001", page.QuerySelector("[data-testid=citizen-id]")!.TextContent.Trim());
        Assert.DoesNotContain(id, page.DocumentElement.OuterHtml, StringComparison.Ordinal);
        var read = await app.WithDbAsync(db => db.AuditEntries.SingleAsync(a => a.Action == AuditAction.Read && a.EntityId == resident.Id.ToString()));
        Assert.Equal("Resident", read.EntityType);
        Assert.Equal(app.World.HoaXuan.Id, read.CommuneId);
        Assert.Equal(World.Users.LeaderHoaXuan, read.UserName);
        Assert.Null(read.Summary);
        Assert.False(await app.WithDbAsync(db => db.AuditEntries.AnyAsync(a => (a.Summary ?? "").Contains(id) || (a.After ?? "").Contains(id) || (a.EntityId ?? "").Contains(id))));
    }

    [DbFact]
    public async Task Ward_officer_reveals_the_full_citizen_id_with_a_post_that_is_audited()
    {
        var (_, resident, id) = await PersonAsync("RP-002", 100002);
        var officer = await app.SignInAsync(World.Users.WardHoaXuan);
        var page = await officer.GetDocumentAsync($"/residents/{resident.Id}");
        Assert.NotNull(page.QuerySelector("[data-testid=show-id]"));
        Assert.DoesNotContain(id, page.DocumentElement.OuterHtml, StringComparison.Ordinal);

        var response = await officer.SubmitFormAsync(page, $"/residents/{resident.Id}", new Dictionary<string, string?>());

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.DoesNotContain(id, response.RequestMessage!.RequestUri!.ToString(), StringComparison.Ordinal);
        var shown = await Browser.ParseAsync(response);
        Assert.Equal(id, shown.QuerySelector("[data-testid=citizen-id]")!.TextContent.Trim());
        var audit = await app.WithDbAsync(db => db.AuditEntries.Where(a => a.Action == AuditAction.Read && a.EntityId == resident.Id.ToString()).OrderBy(a => a.AtUtc).ThenBy(a => a.Id).ToListAsync());
        Assert.Equal("citizen id shown", audit[^1].Summary);
        Assert.All(audit, a => Assert.DoesNotContain(id, a.Summary ?? "", StringComparison.Ordinal));
    }

    [DbFact]
    public async Task Team_member_sees_masked_ids_and_is_refused_the_full_number_the_export_and_the_erasure()
    {
        var (household, resident, id) = await PersonAsync("RP-003", 100003);
        var member = await app.SignInAsync(World.Users.MemberHx1);

        var list = await member.GetDocumentAsync($"/households/{household.Id}");
        Assert.Contains("*********003", list.QuerySelector($"[data-resident='{resident.Id}']")!.TextContent, StringComparison.Ordinal);
        var page = await member.GetDocumentAsync($"/residents/{resident.Id}");
        Assert.Null(page.QuerySelector("[data-testid=show-id]"));
        Assert.Null(page.QuerySelector("[data-testid=export]"));
        Assert.DoesNotContain(id, page.DocumentElement.OuterHtml, StringComparison.Ordinal);

        var token = await Accounts.AntiforgeryTokenAsync(member, $"/residents/{resident.Id}");
        var forced = await member.PostAsync($"/residents/{resident.Id}?handler=ShowId",
            new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = token }));
        forced.AssertForbidden();
        Assert.DoesNotContain(id, await forced.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        (await member.GetAsync($"/residents/{resident.Id}/export")).AssertForbidden();
        (await member.GetAsync($"/residents/{resident.Id}/erase")).AssertForbidden();
        Assert.False(await app.WithDbAsync(db => db.AuditEntries.AnyAsync(a => a.Summary == "citizen id shown" && a.EntityId == resident.Id.ToString())));
    }

    [DbFact]
    public async Task The_export_holds_the_persons_own_data_and_writes_an_export_audit_line()
    {
        var (_, resident, id) = await PersonAsync("RP-004", 100004);
        await EventAsync(app, resident, "vneid", "level1", Noon(2026, 3, 1), helpedBy: app.World.HxTeam1Leader.Id);
        await EventAsync(app, resident, "vneid", "level2", Noon(2026, 9, 1));
        var officer = await app.SignInAsync(World.Users.WardHoaXuan);

        var response = await officer.GetAsync($"/residents/{resident.Id}/export");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType!.MediaType);
        Assert.Equal("attachment", response.Content.Headers.ContentDisposition!.DispositionType);
        Assert.Equal("no-store", response.Headers.CacheControl?.ToString());
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var person = json.RootElement.GetProperty("person");
        Assert.Equal("Trần Văn Bình", person.GetProperty("fullName").GetString());
        Assert.Equal(id, person.GetProperty("citizenId").GetString());
        Assert.Equal("0935111004", person.GetProperty("phone").GetString());
        Assert.Equal("RP-004", json.RootElement.GetProperty("household").GetProperty("code").GetString());
        var readiness = json.RootElement.GetProperty("readiness").EnumerateArray().ToList();
        Assert.Equal(["level1", "level2"], readiness.Select(r => r.GetProperty("value").GetString()));
        Assert.Equal("Nguyễn Văn Hùng", readiness[0].GetProperty("helpedBy").GetString());

        var audit = await app.WithDbAsync(db => db.AuditEntries.SingleAsync(a => a.Action == AuditAction.Export && a.EntityId == resident.Id.ToString()));
        Assert.Equal("Resident", audit.EntityType);
        Assert.Equal(World.Users.WardHoaXuan, audit.UserName);
        Assert.Equal(app.World.HoaXuan.Id, audit.CommuneId);
        Assert.DoesNotContain(id, audit.Summary ?? "", StringComparison.Ordinal);
    }

    [DbFact]
    public async Task Erasing_anonymises_the_person_and_the_readiness_events_still_count()
    {
        var (household, resident, id) = await PersonAsync("RP-005", 100005);
        var e = await EventAsync(app, resident, "smartphone", "yes", Noon(2026, 3, 1));
        var officer = await app.SignInAsync(World.Users.WardHoaXuan);

        var unconfirmed = await officer.SubmitFormAsync($"/residents/{resident.Id}/erase", new Dictionary<string, string?>());
        Assert.Contains("Vui lòng xác nhận đã kiểm tra yêu cầu xóa dữ liệu của người dân.", (await Browser.ParseAsync(unconfirmed)).Errors());
        Assert.Null(await app.WithDbAsync(db => db.Residents.Where(r => r.Id == resident.Id).Select(r => r.ErasedAtUtc).SingleAsync()));

        var erased = await officer.SubmitFormAsync($"/residents/{resident.Id}/erase", new Dictionary<string, string?> { ["Confirm"] = "true" });

        Assert.Equal(HttpStatusCode.Redirect, erased.StatusCode);
        var after = await app.WithDbAsync(db => db.Residents.SingleAsync(r => r.Id == resident.Id));
        Assert.Equal("Đã xóa dữ liệu", after.FullName);
        Assert.Equal("", after.SearchName);
        Assert.Null(after.BirthDate);
        Assert.Equal(1990, after.BirthYear);
        Assert.Equal(Gender.Male, after.Gender);
        Assert.Null(after.CitizenIdCipher);
        Assert.Null(after.CitizenIdHash);
        Assert.Null(after.CitizenIdTail);
        Assert.Null(after.PhoneCipher);
        Assert.Null(after.PhoneHash);
        Assert.Null(after.PhoneTail);
        Assert.Null(after.ConsentNote);
        Assert.Equal(app.Clock.GetUtcNow().UtcDateTime, after.ErasedAtUtc!.Value, TimeSpan.FromSeconds(1));
        Assert.Equal("rp-005 25 nguyen phuoc lan", await app.WithDbAsync(db => db.Households.Where(h => h.Id == household.Id).Select(h => h.SearchText).SingleAsync()));

        // The events stay and still count.
        Assert.True(await app.WithDbAsync(db => db.ReadinessEvents.AnyAsync(x => x.Id == e.Id)));
        var status = await app.WithDbAsync(db => ReadinessStatus.ForResidentsAsync(db, resident.CommuneId, [resident.Id]));
        Assert.Equal("yes", status.Get(resident.Id, e.ItemId)?.Value);

        // One audit line says what happened, and the name is not copied into it.
        var audit = await app.WithDbAsync(db => db.AuditEntries.Where(a => a.EntityId == resident.Id.ToString() && a.Action == AuditAction.Update).ToListAsync());
        var line = Assert.Single(audit);
        Assert.StartsWith("personal data erased", line.Summary, StringComparison.Ordinal);
        Assert.Null(line.Before);

        // No new readiness for an erased person: the readiness page sends back to the record.
        var readiness = await officer.GetAsync($"/residents/{resident.Id}/readiness");
        Assert.Equal(HttpStatusCode.Redirect, readiness.StatusCode);
        Assert.Equal($"/residents/{resident.Id}", readiness.Headers.Location?.OriginalString);

        var page = await officer.GetDocumentAsync($"/residents/{resident.Id}");
        Assert.NotNull(page.QuerySelector("[data-testid=erased]"));
        Assert.Equal("Đã xóa", page.QuerySelector("h1")!.TextContent.Trim());
        Assert.DoesNotContain("Trần Văn Bình", page.DocumentElement.OuterHtml, StringComparison.Ordinal);
        var list = await officer.GetDocumentAsync($"/households/{household.Id}");
        Assert.Contains("Đã xóa", list.QuerySelector($"[data-resident='{resident.Id}']")!.TextContent, StringComparison.Ordinal);
        var edit = await officer.GetAsync($"/residents/{resident.Id}/edit");
        Assert.Equal(HttpStatusCode.Redirect, edit.StatusCode);
        Assert.Equal($"/residents/{resident.Id}", edit.Headers.Location!.PathAndQuery());
        // Nothing personal is left to export.
        var export = await (await officer.GetAsync($"/residents/{resident.Id}/export")).Content.ReadAsStringAsync();
        Assert.DoesNotContain(id, export, StringComparison.Ordinal);
    }
}
