using CongDongSo.Web.Data;
using CongDongSo.Web.Infrastructure.Localization;
using CongDongSo.Web.Infrastructure.Auth;
using CongDongSo.Web.Infrastructure.Privacy;
using CongDongSo.Web.Infrastructure.Rules;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace CongDongSo.Web.Features.Households;

/// <summary>
/// A household: its members (IDs and phones masked, as in every list), how many are adults, each
/// one's digital readiness and what is still missing, and the businesses it owns.
/// </summary>
[Authorize(Policy = Policies.ViewPopulation)]
public sealed class DetailModel(AppDbContext db, TimeProvider clock) : PageModel
{
    public Household Household { get; private set; } = null!;
    public string Neighbourhood { get; private set; } = "";
    public string? HeadName { get; private set; }
    public List<MemberLine> Members { get; private set; } = [];
    public List<(Guid Id, string Name, BusinessKind Kind, bool IsOcop)> Businesses { get; private set; } = [];
    public int ItemCount { get; private set; }
    public int From15 { get; private set; }
    public int From18 { get; private set; }
    public bool Manages { get; private set; }
    public List<SessionHistoryLine> Sessions { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(Guid id)
    {
        var found = await db.Households.AsNoTracking().Where(h => h.Id == id)
            .Select(h => new { Household = h, Neighbourhood = h.Neighbourhood!.Name })
            .FirstOrDefaultAsync();
        if (found is null)
        {
            return NotFound();
        }
        Household = found.Household;
        Neighbourhood = found.Neighbourhood;
        Manages = db.Scope.ManagesPopulation();
        var today = clock.Today();
        var residents = await db.Residents.AsNoTracking().Where(r => r.HouseholdId == id)
            .OrderBy(r => r.Relation).ThenBy(r => r.BirthYear).ThenBy(r => r.CreatedAtUtc)
            .Select(r => new { r.Id, r.FullName, r.Relation, r.BirthDate, r.BirthYear, r.Gender, r.CitizenIdTail, r.PhoneTail, r.HasDisability, r.ConsentAtUtc, r.ErasedAtUtc })
            .ToListAsync();
        var items = await ReadinessStatus.ActiveItems(db, Household.CommuneId, ReadinessSubject.Resident).AsNoTracking().ToListAsync();
        ItemCount = items.Count;
        var statuses = await ReadinessStatus.ForResidentsAsync(db, Household.CommuneId, residents.Select(r => r.Id));
        Members = [.. residents.Select(r =>
        {
            var status = statuses.Of(r.Id);
            return new MemberLine(r.Id, r.FullName, r.Relation, Age.Years(r.BirthDate, r.BirthYear, today), r.Gender,
                PersonalDataProtector.MaskedCitizenId(r.CitizenIdTail), PersonalDataProtector.MaskedPhone(r.PhoneTail),
                r.HasDisability, r.ConsentAtUtc is not null, r.ErasedAtUtc is not null,
                items.Count(i => i.IsAchieved(status.GetValueOrDefault(i.Id)?.Value)),
                [.. ReadinessStatus.Missing(status, items).Select(i => i.Name)]);
        })];
        HeadName = residents.FirstOrDefault(r => r.Id == Household.HeadResidentId && r.ErasedAtUtc == null)?.FullName;
        From15 = residents.Count(r => Age.IsAdult(r.BirthDate, r.BirthYear, today, Age.Fifteen));
        From18 = residents.Count(r => Age.IsAdult(r.BirthDate, r.BirthYear, today, Age.Eighteen));
        var businesses = await db.Businesses.AsNoTracking().Where(b => b.OwnerHouseholdId == id)
            .OrderBy(b => b.Name).Select(b => new { b.Id, b.Name, b.Kind, b.IsOcop }).ToListAsync();
        Businesses = [.. businesses.Select(b => (b.Id, b.Name, b.Kind, b.IsOcop))];
        Sessions = await SessionHistory.ForHouseholdAsync(db, id);
        return Page();
    }
}

public sealed record MemberLine(
    Guid Id, string FullName, RelationToHead Relation, int? Age, Gender? Gender, string MaskedCitizenId, string MaskedPhone,
    bool HasDisability, bool HasConsent, bool IsErased, int Achieved, List<string> Missing);
