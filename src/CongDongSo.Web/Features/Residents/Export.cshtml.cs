using System.Text.Json;
using CongDongSo.Web.Data;
using CongDongSo.Web.Infrastructure.Localization;
using CongDongSo.Web.Infrastructure.Auth;
using CongDongSo.Web.Infrastructure.Privacy;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace CongDongSo.Web.Features.Residents;

/// <summary>
/// The data subject's copy of their own data (Law 91/2025: the right to obtain one's data): the
/// record with the ID and phone in clear, the household, the readiness history and the support
/// sessions, as a JSON download. Only for who checks identity papers; every export is audited.
/// </summary>
[Authorize(Policy = Policies.ViewCitizenId)]
public sealed class ExportModel(AppDbContext db, TimeProvider clock, PersonalDataProtector protector) : PageModel
{
    private static readonly JsonSerializerOptions s_json = new()
    {
        WriteIndented = true,
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.Create(System.Text.Unicode.UnicodeRanges.All),
    };

    public async Task<IActionResult> OnGetAsync(Guid id)
    {
        var found = await db.Residents.AsNoTracking().Where(r => r.Id == id)
            .Select(r => new
            {
                Resident = r,
                Household = new PersonalExport.HouseholdPart(r.Household!.Code, r.Household.Address, r.Household.Neighbourhood!.Name, r.Household.Neighbourhood.Commune!.Name),
            })
            .FirstOrDefaultAsync();
        if (found is null)
        {
            return NotFound();
        }
        var r = found.Resident;
        var items = await db.ReadinessItems.AsNoTracking().Where(i => i.CommuneId == null || i.CommuneId == r.CommuneId).ToDictionaryAsync(i => i.Id);
        var events = await db.ReadinessEvents.AsNoTracking().Where(e => e.CommuneId == r.CommuneId && e.ResidentId == r.Id)
            .OrderBy(e => e.OccurredAtUtc).ThenBy(e => e.RecordedAtUtc).ToListAsync();
        var helpers = await Data.ReadinessStatus.MemberNamesAsync(db, events.Where(e => e.HelpedByMemberId is not null).Select(e => e.HelpedByMemberId!.Value));
        var sessions = await db.SupportSessionResidents.AsNoTracking().Where(s => s.CommuneId == r.CommuneId && s.ResidentId == r.Id)
            .Join(db.SupportSessions, s => new { s.CommuneId, s.SessionId }, s => new { s.CommuneId, SessionId = s.Id }, (_, s) => s)
            .OrderBy(s => s.OccurredAtUtc)
            .Select(s => new PersonalExport.SessionPart(s.Id, s.OccurredAtUtc, s.Place.ToString()))
            .ToListAsync();
        var export = new PersonalExport(
            clock.GetUtcNow().UtcDateTime,
            new PersonalExport.PersonPart(r.Id, r.FullName, r.BirthDate, r.BirthYear, r.Gender?.ToString(), r.Relation.ToString(),
                protector.Decrypt(r.CitizenIdCipher), protector.Decrypt(r.PhoneCipher), r.HasDisability, r.ConsentAtUtc, r.ConsentNote,
                r.CreatedAtUtc, r.UpdatedAtUtc, r.ErasedAtUtc),
            found.Household,
            [.. events.Select(e =>
            {
                var item = items.GetValueOrDefault(e.ItemId);
                return new PersonalExport.ReadinessPart(e.Id, item?.Code ?? "", item?.Name ?? "", e.Value, Data.ReadinessStatus.ValueLabel(item, e.Value),
                    e.OccurredAtUtc, e.RecordedAtUtc, e.Verification.ToString(),
                    e.HelpedByMemberId is { } h ? helpers.GetValueOrDefault(h) : null, e.CorrectsEventId, e.Note);
            })],
            sessions);
        db.Audit(AuditAction.Export, nameof(Resident), r.Id.ToString(), r.CommuneId, $"personal data export: {events.Count} readiness events, {sessions.Count} sessions");
        await db.SaveChangesAsync();
        var bytes = JsonSerializer.SerializeToUtf8Bytes(export, s_json);
        return File(bytes, "application/json", $"du-lieu-ca-nhan-{clock.Today():yyyyMMdd}.json");
    }
}

/// <summary>The shape of a data subject's export.</summary>
public sealed record PersonalExport(
    DateTime ExportedAtUtc,
    PersonalExport.PersonPart Person,
    PersonalExport.HouseholdPart Household,
    List<PersonalExport.ReadinessPart> Readiness,
    List<PersonalExport.SessionPart> SupportSessions)
{
    public sealed record PersonPart(
        Guid Id, string FullName, DateOnly? BirthDate, int? BirthYear, string? Gender, string RelationToHead, string? CitizenId, string? Phone,
        bool HasDisability, DateTime? ConsentAtUtc, string? ConsentNote, DateTime CreatedAtUtc, DateTime UpdatedAtUtc, DateTime? ErasedAtUtc);

    public sealed record HouseholdPart(string Code, string Address, string Neighbourhood, string Commune);

    public sealed record ReadinessPart(
        Guid Id, string Item, string ItemName, string Value, string ValueLabel, DateTime OccurredAtUtc, DateTime RecordedAtUtc,
        string Verification, string? HelpedBy, Guid? CorrectsEventId, string? Note);

    public sealed record SessionPart(Guid Id, DateTime OccurredAtUtc, string Place);
}
