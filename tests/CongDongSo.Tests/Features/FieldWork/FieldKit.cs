using System.Net.Http.Json;
using System.Text.Json;
using AngleSharp.Html.Dom;
using CongDongSo.Tests.Infrastructure;
using CongDongSo.Web.Data;
using CongDongSo.Web.Infrastructure.Privacy;
using CongDongSo.Web.Infrastructure.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CongDongSo.Tests.Features.FieldWork;

/// <summary>Arrange helpers for field work: households with residents, member accounts, assignments, sync batches.</summary>
public static class FieldKit
{
    /// <summary>A resident's phone and ID stored on every household made here: the package must never carry them.</summary>
    public const string ResidentPhone = "0912345678";

    /// <summary>A household of <paramref name="neighbourhood"/> whose residents have a phone and an ID number (encrypted, as the app stores them).</summary>
    public static Task<Household> HouseholdAsync(AppFactory app, Neighbourhood neighbourhood, string address, params (string Name, int Year)[] people) =>
        app.WithDbAsync(async db =>
        {
            var protector = app.Services.GetRequiredService<PersonalDataProtector>();
            var now = app.Clock.GetUtcNow().UtcDateTime;
            var code = "HX-" + Guid.NewGuid().ToString("N")[..8].ToUpperInvariant();
            var household = new Household
            {
                CommuneId = neighbourhood.CommuneId, NeighbourhoodId = neighbourhood.Id, Code = code, Address = address, CreatedAtUtc = now, UpdatedAtUtc = now,
            };
            var index = 0;
            foreach (var (name, year) in people)
            {
                var resident = new Resident
                {
                    CommuneId = neighbourhood.CommuneId, NeighbourhoodId = neighbourhood.Id, FullName = name, SearchName = VietnameseText.Fold(name),
                    BirthYear = year, Gender = Gender.Female, Relation = index == 0 ? RelationToHead.Head : RelationToHead.Other, CreatedAtUtc = now, UpdatedAtUtc = now,
                };
                protector.SetCitizenId(resident, CitizenIdFor(year));
                protector.SetPhone(resident, ResidentPhone);
                household.Residents.Add(resident);
                index++;
            }
            household.HeadResidentId = household.Residents.FirstOrDefault()?.Id;
            household.SearchText = VietnameseText.Fold($"{code} {address} {people.FirstOrDefault().Name}");
            db.Households.Add(household);
            await db.SaveChangesAsync();
            return household;
        });

    private static int s_serial = 987000;

    /// <summary>A valid-looking 12-digit ID, unique in the run: province 048, century/sex digit 1 (female, 1900s) or 3 (2000s), the year, a serial.</summary>
    public static string CitizenIdFor(int year) =>
        $"048{(year >= 2000 ? 3 : 1)}{year % 100:00}{Interlocked.Increment(ref s_serial):000000}";

    /// <summary>Links the account to the member row, as an officer does when making a member's account.</summary>
    public static Task LinkAsync(AppFactory app, string userName, Guid memberId) => app.WithDbAsync(async db =>
    {
        var userId = await db.Users.Where(u => u.UserName == userName).Select(u => u.Id).SingleAsync();
        var member = await db.Members.SingleAsync(m => m.Id == memberId);
        member.UserId = userId;
        await db.SaveChangesAsync();
    });

    /// <summary>The deputy of Hòa Xuân team 1, whose phone is the member account's name.</summary>
    public static Task<Member> DeputyHx1Async(AppFactory app) =>
        app.WithDbAsync(db => db.Members.AsNoTracking().SingleAsync(m => m.Phone == World.Users.MemberHx1));

    public static Task AssignAsync(AppFactory app, Team team, Guid householdId, Guid memberId) => app.WithDbAsync(async db =>
    {
        db.HouseholdAssignments.Add(new HouseholdAssignment
        {
            CommuneId = team.CommuneId, TeamId = team.Id, HouseholdId = householdId, MemberId = memberId, AssignedAtUtc = app.Clock.GetUtcNow().UtcDateTime,
        });
        await db.SaveChangesAsync();
    });

    /// <summary>One offline session as the phone sends it.</summary>
    public static object Session(Guid id, string occurredAt, Guid? household, Guid[] residents, string[] activities, Guid[]? members = null,
        string place = "DoorToDoor", string? note = null) => new
        {
            id,
            occurredAt,
            place,
            householdId = household,
            businessId = (Guid?)null,
            residentIds = residents,
            memberIds = members ?? [],
            activityCodes = activities,
            note,
        };

    public static Task<HttpResponseMessage> SyncAsync(HttpClient client, string key, params object[] sessions) =>
        client.PostAsJsonAsync("/api/v1/sync/sessions", new { idempotencyKey = key, sessions });

    public static async Task<JsonElement> JsonAsync(HttpResponseMessage response) =>
        JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone();

    /// <summary>
    /// Submits the page's form with some fields replaced by several values each (checkbox lists),
    /// keeping every other field the form shows, antiforgery token included.
    /// </summary>
    public static async Task<HttpResponseMessage> SubmitAsync(HttpClient client, string url, params (string Name, string Value)[] fields)
    {
        var document = await client.GetDocumentAsync(url);
        var form = (IHtmlFormElement)document.QuerySelector("main form[method=post]")!;
        var replaced = fields.Select(f => f.Name).ToHashSet();
        var values = new List<KeyValuePair<string, string>>();
        foreach (var element in form.Elements)
        {
            switch (element)
            {
                case IHtmlInputElement input when !string.IsNullOrEmpty(input.Name) && !replaced.Contains(input.Name) && input.Type is not ("submit" or "button"):
                    if (input.Type is not ("checkbox" or "radio") || input.IsChecked)
                    {
                        values.Add(new(input.Name, input.Value));
                    }
                    break;
                case IHtmlSelectElement select when !string.IsNullOrEmpty(select.Name) && !replaced.Contains(select.Name):
                    values.Add(new(select.Name, select.Value ?? ""));
                    break;
                case IHtmlTextAreaElement area when !string.IsNullOrEmpty(area.Name) && !replaced.Contains(area.Name):
                    values.Add(new(area.Name, area.Value));
                    break;
            }
        }
        values.AddRange(fields.Select(f => new KeyValuePair<string, string>(f.Name, f.Value)));
        var action = form.GetAttribute("action");
        return await client.PostAsync(string.IsNullOrEmpty(action) ? url : action, new FormUrlEncodedContent(values));
    }
}
