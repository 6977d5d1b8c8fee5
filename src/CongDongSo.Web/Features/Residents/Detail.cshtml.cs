using System.Globalization;
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
/// A resident's full record and digital readiness (now or at a past date). Reading it is audited.
/// The citizen ID stays masked; those who check papers may reveal it with a POST, itself audited.
/// </summary>
[Authorize(Policy = Policies.ViewPopulation)]
public sealed class DetailModel(AppDbContext db, TimeProvider clock, PersonalDataProtector protector, IAuthorizationService authorization,
    Microsoft.Extensions.Localization.IStringLocalizer<SharedResource> l) : PageModel
{
    /// <summary>An arrival, departure or death to record, with its date.</summary>
    [BindProperty]
    public ResidenceChange? Change { get; set; }

    [BindProperty]
    public DateOnly? ChangeOn { get; set; }

    [BindProperty]
    public string? ChangeNote { get; set; }

    /// <summary>Where the person lived, as dated facts: arrivals, departures, death.</summary>
    public List<ResidenceFact> Residence { get; private set; } = [];

    private static readonly string[] s_dateFormats = ["yyyy-MM-dd", "dd/MM/yyyy", "d/M/yyyy"];

    public Resident Resident { get; private set; } = null!;
    public string HouseholdCode { get; private set; } = "";
    public string HouseholdAddress { get; private set; } = "";
    public string Neighbourhood { get; private set; } = "";
    public int? Age { get; private set; }
    public string MaskedCitizenId { get; private set; } = "";
    /// <summary>Only after "Xem số định danh" by a role allowed to see it.</summary>
    public string? CitizenIdShown { get; private set; }
    /// <summary>In full for those who keep the roster up to date (a tel: link), masked for the others.</summary>
    public string? Phone { get; private set; }
    public bool PhoneInFull { get; private set; }
    public bool Manages { get; private set; }
    public bool SeesCitizenIds { get; private set; }
    public bool ErasesData { get; private set; }
    public DateOnly? At { get; private set; }
    public string? AtText { get; private set; }
    public bool AtInvalid { get; private set; }
    public List<ReadinessItem> Items { get; private set; } = [];
    public IReadOnlyDictionary<int, ReadinessState> Statuses { get; private set; } = new Dictionary<int, ReadinessState>();
    public Dictionary<Guid, string> Helpers { get; private set; } = [];
    public List<SessionHistoryLine> Sessions { get; private set; } = [];
    public bool IsErased => Resident.ErasedAtUtc is not null;

    public async Task<IActionResult> OnGetAsync(Guid id, string? at)
    {
        if (!await LoadAsync(id, at))
        {
            return NotFound();
        }
        db.Audit(AuditAction.Read, nameof(Data.Resident), Resident.Id.ToString(), Resident.CommuneId, null);
        await db.SaveChangesAsync();
        return Page();
    }

    /// <summary>"Xem số định danh": the full number, on this page only, for who must check it against papers.</summary>
    public async Task<IActionResult> OnPostShowIdAsync(Guid id)
    {
        if (!await LoadAsync(id, null))
        {
            return NotFound();
        }
        if (!(await authorization.AuthorizeAsync(User, Policies.ViewCitizenId)).Succeeded)
        {
            return Forbid();
        }
        CitizenIdShown = protector.Decrypt(Resident.CitizenIdCipher);
        db.Audit(AuditAction.Read, nameof(Data.Resident), Resident.Id.ToString(), Resident.CommuneId, "citizen id shown");
        await db.SaveChangesAsync();
        return Page();
    }

    /// <summary>
    /// Records that the person arrived, left or died on a day. Nothing is erased: from that day the
    /// indicators stop (or start) counting them, and earlier figures stay as they were.
    /// </summary>
    public async Task<IActionResult> OnPostResidenceAsync(Guid id, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(id, null))
        {
            return NotFound();
        }
        if (!Manages || IsErased)
        {
            return Forbid();
        }
        if (Change is not { } change || !Enum.IsDefined(change))
        {
            ModelState.AddModelError(nameof(Change), l["Chọn chuyển đến, chuyển đi hoặc qua đời."]);
        }
        if (ChangeOn is not { } on)
        {
            ModelState.AddModelError(nameof(ChangeOn), l["Vui lòng nhập ngày."]);
        }
        else if (on > clock.Today() || on.Year < 1900)
        {
            ModelState.AddModelError(nameof(ChangeOn), l["Ngày phải từ năm 1900 đến hôm nay."]);
        }
        else if (Residence.Any(f => f.Change == ResidenceChange.Died))
        {
            ModelState.AddModelError(nameof(Change), l["Người này đã được ghi là qua đời."]);
        }
        if (ChangeNote is { Length: > 300 })
        {
            ModelState.AddModelError(nameof(ChangeNote), l["Ghi chú tối đa 300 ký tự."]);
        }
        if (!ModelState.IsValid)
        {
            return Page();
        }
        db.ResidenceFacts.Add(new ResidenceFact
        {
            CommuneId = Resident.CommuneId, ResidentId = Resident.Id, NeighbourhoodId = Resident.NeighbourhoodId, Change = Change!.Value, On = ChangeOn!.Value,
            Note = string.IsNullOrWhiteSpace(ChangeNote) ? null : ChangeNote.Trim(), RecordedAtUtc = clock.GetUtcNow().UtcDateTime, RecordedByUserId = db.Scope.UserId,
        });
        await db.SaveChangesAsync(cancellationToken);
        TempData["Flash"] = l["Đã ghi: {0} ngày {1}.", l[ResidenceText(Change.Value)], ChangeOn.Value.ToString("dd/MM/yyyy", CultureInfo.InvariantCulture)].Value;
        return Redirect($"/residents/{id}");
    }

    public static string ResidenceText(ResidenceChange change) => change switch
    {
        ResidenceChange.MovedIn => "Chuyển đến",
        ResidenceChange.MovedOut => "Chuyển đi",
        _ => "Qua đời",
    };

    private async Task<bool> LoadAsync(Guid id, string? at)
    {
        var found = await db.Residents.AsNoTracking().Where(r => r.Id == id)
            .Select(r => new { Resident = r, r.Household!.Code, r.Household.Address, Neighbourhood = r.Household.Neighbourhood!.Name })
            .FirstOrDefaultAsync();
        if (found is null)
        {
            return false;
        }
        Resident = found.Resident;
        HouseholdCode = found.Code;
        HouseholdAddress = found.Address;
        Neighbourhood = found.Neighbourhood;
        var today = clock.Today();
        if (!string.IsNullOrWhiteSpace(at))
        {
            AtText = at.Trim();
            if (DateOnly.TryParseExact(AtText, s_dateFormats, CultureInfo.InvariantCulture, DateTimeStyles.None, out var day) && day <= today)
            {
                At = day;
            }
            else
            {
                AtInvalid = true;
            }
        }
        Age = Infrastructure.Rules.Age.Years(Resident.BirthDate, Resident.BirthYear, At ?? today);
        Manages = db.Scope.ManagesPopulation();
        SeesCitizenIds = db.Scope.SeesCitizenIds();
        ErasesData = SeesCitizenIds;
        MaskedCitizenId = PersonalDataProtector.MaskedCitizenId(Resident.CitizenIdTail);
        PhoneInFull = Manages && Resident.PhoneCipher is not null;
        Phone = PhoneInFull ? protector.Decrypt(Resident.PhoneCipher) : PersonalDataProtector.MaskedPhone(Resident.PhoneTail);
        Items = await ReadinessStatus.ActiveItems(db, Resident.CommuneId, ReadinessSubject.Resident).AsNoTracking().ToListAsync();
        Statuses = (await ReadinessStatus.ForResidentsAsync(db, Resident.CommuneId, [Resident.Id], At)).Of(Resident.Id);
        Helpers = await ReadinessStatus.MemberNamesAsync(db, Statuses.Values.Where(s => s.HelpedByMemberId is not null).Select(s => s.HelpedByMemberId!.Value));
        Sessions = await SessionHistory.ForResidentAsync(db, Resident.Id);
        Residence = await db.ResidenceFacts.AsNoTracking().Where(f => f.ResidentId == Resident.Id).OrderBy(f => f.On).ThenBy(f => f.RecordedAtUtc).ToListAsync();
        return true;
    }
}
