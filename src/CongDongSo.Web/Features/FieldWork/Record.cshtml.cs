using System.ComponentModel.DataAnnotations;
using CongDongSo.Web.Data;
using CongDongSo.Web.Infrastructure.Auth;
using CongDongSo.Web.Infrastructure.Localization;
using CongDongSo.Web.Infrastructure.Text;
using CongDongSo.Web.Infrastructure.Web;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace CongDongSo.Web.Features.FieldWork;

/// <summary>
/// Records a support session in a few taps: pick the household (the member's own first, or search),
/// tick who was helped and what was done, save. Works without JavaScript.
/// </summary>
[Authorize(Policy = Policies.RecordFieldWork)]
public sealed class RecordModel(AppDbContext db, TimeProvider clock, RecordSession record) : PageModel
{
    public const int SearchLimit = 20;

    [BindProperty(SupportsGet = true, Name = "householdId")]
    public Guid? HouseholdId { get; set; }

    [BindProperty(SupportsGet = true, Name = "businessId")]
    public Guid? BusinessId { get; set; }

    [BindProperty(SupportsGet = true, Name = "q")]
    public string? Q { get; set; }

    [BindProperty(SupportsGet = true, Name = "saved")]
    public Guid? Saved { get; set; }

    [BindProperty]
    public RecordInput Input { get; set; } = new();

    public PlaceLine? Place { get; private set; }
    public SavedLine? SavedSession { get; private set; }
    public List<PlaceLine> Assigned { get; private set; } = [];
    public List<PlaceLine> Found { get; private set; } = [];
    public List<Choice<Guid>> Residents { get; private set; } = [];
    /// <summary>The activities likely here (they record what someone of the household lacks), shown first.</summary>
    public List<Choice<string>> Activities { get; private set; } = [];
    /// <summary>The rest of the catalogue, folded unless nothing is likely.</summary>
    public List<Choice<string>> OtherActivities { get; private set; } = [];
    public List<Choice<Guid>> Members { get; private set; } = [];
    public List<Choice<Guid>> Teams { get; private set; } = [];
    /// <summary>Sessions are often recorded a few days after the event, from notes.</summary>
    private static readonly TimeSpan EventsOffered = TimeSpan.FromDays(7);

    /// <summary>Community events of the last days in the area, for a session recorded at one.</summary>
    public List<Choice<Guid>> Events { get; private set; } = [];
    public bool PicksTeam => db.Scope.TeamId is null;

    public async Task<IActionResult> OnGetAsync()
    {
        if (Saved is { } saved)
        {
            SavedSession = await SavedAsync(saved);
            return SavedSession is null ? NotFound() : Page();
        }
        if (HouseholdId is not null || BusinessId is not null)
        {
            if (!await LoadPlaceAsync(HouseholdId, BusinessId))
            {
                return NotFound();
            }
            var own = await OwnMemberAsync();
            Input = new RecordInput
            {
                // Made now, so sending the same form twice stores one session.
                ClientId = Guid.CreateVersion7(),
                HouseholdId = HouseholdId,
                BusinessId = BusinessId,
                OccurredAt = NowToTheMinute(),
                Place = await LastPlaceAsync(),
                MemberIds = own is null ? [] : [own.Value],
                ResidentIds = Residents.Count == 1 ? [Residents[0].Value] : [],
                TeamId = Teams.Count > 0 ? await DefaultTeamAsync() : null,
            };
            return Page();
        }
        await LoadPickerAsync();
        return Page();
    }

    public async Task<IActionResult> OnPostAsync()
    {
        if (ModelState.IsValid)
        {
            var result = await record.RunAsync(new SessionInput
            {
                Id = Input.ClientId == Guid.Empty ? Guid.CreateVersion7() : Input.ClientId,
                OccurredAt = new DateTimeOffset(DateTime.SpecifyKind(Input.OccurredAt!.Value, DateTimeKind.Unspecified), VietnamTime.Offset),
                Place = Input.Place!.Value,
                HouseholdId = Input.HouseholdId,
                BusinessId = Input.BusinessId,
                ResidentIds = Input.ResidentIds,
                MemberIds = Input.MemberIds,
                ActivityCodes = Input.ActivityCodes,
                Note = Input.Note,
                TeamId = PicksTeam ? Input.TeamId : null,
                CommunityEventId = Input.Place == SupportPlace.Event ? Input.CommunityEventId : null,
            }, HttpContext.RequestAborted);
            if (result.Status != RecordStatus.Rejected)
            {
                return Redirect($"/field/record?saved={result.Id}");
            }
            foreach (var error in result.Errors)
            {
                ModelState.AddModelError(error.Field == nameof(SessionInput.Id) ? "" : "Input." + error.Field, error.Message);
            }
        }
        if (!await LoadPlaceAsync(Input.HouseholdId, Input.BusinessId))
        {
            await LoadPickerAsync();
        }
        return Page();
    }

    private async Task<bool> LoadPlaceAsync(Guid? householdId, Guid? businessId)
    {
        if (householdId is { } hid)
        {
            Place = await HouseholdLines(db.Households.Where(h => h.Id == hid)).FirstOrDefaultAsync();
            if (Place is not null)
            {
                Residents = [.. (await db.Residents.Where(r => r.HouseholdId == hid && r.ErasedAtUtc == null)
                    .OrderBy(r => r.Relation).ThenBy(r => r.BirthYear).ThenBy(r => r.SearchName)
                    .Select(r => new { r.Id, r.FullName, r.BirthYear }).ToListAsync())
                    .Select(r => new Choice<Guid>(r.Id, r.BirthYear is null ? r.FullName : $"{r.FullName} ({r.BirthYear})"))];
            }
        }
        else if (businessId is { } bid)
        {
            Place = await db.Businesses.Where(b => b.Id == bid)
                .Select(b => new PlaceLine(null, b.Id, b.CommuneId, b.NeighbourhoodId, b.Name, b.Address ?? "",
                    db.Neighbourhoods.Where(n => n.Id == b.NeighbourhoodId).Select(n => n.Name).FirstOrDefault() ?? "", null))
                .FirstOrDefaultAsync();
        }
        if (Place is null)
        {
            return false;
        }
        var communeId = Place.CommuneId;
        var catalogue = await db.SupportActivities
            .Where(a => a.IsActive && (a.CommuneId == null || a.CommuneId == communeId))
            .OrderBy(a => a.SortOrder).ThenBy(a => a.Code)
            .Select(a => new { a.Code, a.Name, a.ReadinessItemId, a.ResultValue }).ToListAsync();
        // The likely activities first: those that record an item someone of the household still lacks.
        var lacking = new HashSet<int>();
        if (Residents.Count > 0)
        {
            var items = await ReadinessStatus.ActiveItems(db, communeId, ReadinessSubject.Resident).AsNoTracking().ToListAsync();
            var statuses = await ReadinessStatus.ForResidentsAsync(db, communeId, Residents.Select(r => r.Value));
            lacking = [.. Residents.SelectMany(r => ReadinessStatus.Missing(statuses.Of(r.Value), items)).Select(i => i.Id)];
        }
        bool Likely(int? item, string? result) => item is { } id && result is not null && lacking.Contains(id);
        Activities = [.. catalogue.Where(a => Likely(a.ReadinessItemId, a.ResultValue)).Select(a => new Choice<string>(a.Code, a.Name))];
        OtherActivities = [.. catalogue.Where(a => !Likely(a.ReadinessItemId, a.ResultValue)).Select(a => new Choice<string>(a.Code, a.Name))];
        // Team roles see their own team only (the scope); an officer picks among the neighbourhood's teams.
        var members = db.Members.Where(m => m.LeftOn == null && m.CommuneId == communeId);
        if (PicksTeam)
        {
            var userId = db.Scope.UserId;
            var neighbourhoodId = Place.NeighbourhoodId;
            members = members.Where(m => m.Team!.NeighbourhoodId == neighbourhoodId || m.UserId == userId);
            Teams = [.. (await db.Teams.Where(t => t.CommuneId == communeId && t.DissolvedOn == null)
                .Select(t => new Choice<Guid>(t.Id, t.Name)).ToListAsync()).OrderBy(t => t.Text, NaturalOrder.Comparer)];
        }
        var since = clock.GetUtcNow().UtcDateTime - EventsOffered;
        Events = [.. (await db.CommunityEvents.Where(e => e.CommuneId == communeId && e.StartsAtUtc >= since)
                .OrderByDescending(e => e.StartsAtUtc).Select(e => new { e.Id, e.Title, e.StartsAtUtc }).Take(20).ToListAsync())
            .Select(e => new Choice<Guid>(e.Id, $"{VietnamTime.FromUtc(e.StartsAtUtc):dd/MM} · {e.Title}"))];
        Members = [.. (await members.Select(m => new { m.Id, m.FullName, m.Position }).ToListAsync())
            .OrderBy(m => m.Position).ThenBy(m => m.FullName, NaturalOrder.Comparer)
            .Select(m => new Choice<Guid>(m.Id, m.FullName))];
        return true;
    }

    private async Task LoadPickerAsync()
    {
        var own = await OwnMemberAsync();
        if (own is not null)
        {
            var assigned = FieldQueries.AssignedTo(db, own.Value);
            Assigned = [.. (await HouseholdLines(db.Households.Where(h => assigned.Contains(h.Id))).ToListAsync())
                .OrderBy(h => h.Title, NaturalOrder.Comparer)];
        }
        var folded = VietnameseText.Fold(Q);
        if (folded.Length == 0)
        {
            return;
        }
        var pattern = "%" + folded + "%";
        var households = await HouseholdLines(db.Households.Where(h => EF.Functions.Like(h.SearchText, pattern)
                || h.Residents.Any(r => r.ErasedAtUtc == null && EF.Functions.Like(r.SearchName, pattern)))
            .OrderBy(h => h.Code).Take(SearchLimit)).ToListAsync();
        var businesses = await db.Businesses.Where(b => EF.Functions.Like(b.SearchName, pattern))
            .OrderBy(b => b.SearchName).Take(SearchLimit)
            .Select(b => new PlaceLine(null, b.Id, b.CommuneId, b.NeighbourhoodId, b.Name, b.Address ?? "",
                db.Neighbourhoods.Where(n => n.Id == b.NeighbourhoodId).Select(n => n.Name).FirstOrDefault() ?? "", null))
            .ToListAsync();
        Found = [.. households, .. businesses];
    }

    private static IQueryable<PlaceLine> HouseholdLines(IQueryable<Household> households) =>
        households.Select(h => new PlaceLine(h.Id, null, h.CommuneId, h.NeighbourhoodId, h.Code, h.Address, h.Neighbourhood!.Name,
            h.Residents.Where(r => r.Id == h.HeadResidentId).Select(r => r.FullName).FirstOrDefault()));

    private async Task<SavedLine?> SavedAsync(Guid id)
    {
        var session = await db.SupportSessions.Where(s => s.Id == id)
            .Select(s => new { s.Id, s.OccurredAtUtc, s.HouseholdId, s.BusinessId, s.Place })
            .FirstOrDefaultAsync();
        if (session is null)
        {
            return null;
        }
        var place = session.HouseholdId is { } hid
            ? await HouseholdLines(db.Households.Where(h => h.Id == hid)).FirstOrDefaultAsync()
            : null;
        var activities = await db.SupportSessionActivities.Where(a => a.SessionId == id)
            .Join(db.SupportActivities, a => a.ActivityId, c => c.Id, (a, c) => new { c.SortOrder, c.Name })
            .OrderBy(a => a.SortOrder).Select(a => a.Name).ToListAsync();
        var helped = await db.SupportSessionResidents.CountAsync(r => r.SessionId == id);
        var changes = (await SessionHistory.ForSessionAsync(db, id))?.Changes ?? [];
        return new SavedLine(session.Id, session.OccurredAtUtc, session.Place, session.HouseholdId, session.BusinessId, place, activities, helped, changes);
    }

    /// <summary>Vietnam's wall-clock time, as the datetime-local field shows it.</summary>
    private DateTime NowToTheMinute()
    {
        var local = clock.GetUtcNow().ToOffset(VietnamTime.Offset).DateTime;
        return new DateTime(local.Year, local.Month, local.Day, local.Hour, local.Minute, 0, DateTimeKind.Unspecified);
    }

    private async Task<Guid?> OwnMemberAsync() => (await FieldQueries.OwnMemberAsync(db))?.Id;

    /// <summary>The place of the user's last session: a team usually works one way for a while.</summary>
    private async Task<SupportPlace> LastPlaceAsync()
    {
        var userId = db.Scope.UserId ?? Guid.Empty;
        return await db.SupportSessions.Where(s => s.RecordedByUserId == userId)
            .OrderByDescending(s => s.RecordedAtUtc).Select(s => (SupportPlace?)s.Place).FirstOrDefaultAsync() ?? SupportPlace.DoorToDoor;
    }

    private async Task<Guid?> DefaultTeamAsync()
    {
        var neighbourhoodId = Place!.NeighbourhoodId;
        return await db.Teams.Where(t => t.NeighbourhoodId == neighbourhoodId && t.DissolvedOn == null)
            .OrderBy(t => t.EstablishedOn).ThenBy(t => t.Id).Select(t => (Guid?)t.Id).FirstOrDefaultAsync();
    }
}

/// <summary>The form's fields; the rules themselves are <see cref="RecordSession"/>'s.</summary>
public sealed class RecordInput
{
    public Guid ClientId { get; set; }
    public Guid? HouseholdId { get; set; }
    public Guid? BusinessId { get; set; }

    [Display(Name = "Người được hỗ trợ")]
    public List<Guid> ResidentIds { get; set; } = [];

    [Display(Name = "Việc đã làm")]
    public List<string> ActivityCodes { get; set; } = [];

    [Required(ErrorMessage = "Vui lòng chọn nơi hỗ trợ.")]
    [Display(Name = "Nơi hỗ trợ")]
    public SupportPlace? Place { get; set; }

    [Display(Name = "Thành viên có mặt")]
    public List<Guid> MemberIds { get; set; } = [];

    [Required(ErrorMessage = "Vui lòng nhập thời gian hỗ trợ.")]
    [Display(Name = "Thời gian")]
    public DateTime? OccurredAt { get; set; }

    [Display(Name = "Tổ CNSCĐ")]
    public Guid? TeamId { get; set; }

    [Display(Name = "Ghi chú")]
    public string? Note { get; set; }

    [Display(Name = "Hoạt động cộng đồng")]
    public Guid? CommunityEventId { get; set; }
}

/// <summary>A household or a business to record a session for.</summary>
public sealed record PlaceLine(Guid? HouseholdId, Guid? BusinessId, int CommuneId, Guid NeighbourhoodId, string Title, string Address, string Neighbourhood,
    string? Head)
{
    public string Url => HouseholdId is { } h ? $"/field/record?householdId={h}" : $"/field/record?businessId={BusinessId}";
}

public sealed record SavedLine(Guid Id, DateTime OccurredAtUtc, SupportPlace Place, Guid? HouseholdId, Guid? BusinessId, PlaceLine? Household,
    List<string> Activities, int ResidentsHelped, IReadOnlyList<SessionChange> Changes);
