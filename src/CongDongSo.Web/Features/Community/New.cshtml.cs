using CongDongSo.Web.Data;
using CongDongSo.Web.Infrastructure.Auth;
using CongDongSo.Web.Infrastructure.Files;
using CongDongSo.Web.Infrastructure.Localization;
using CongDongSo.Web.Infrastructure.Web;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace CongDongSo.Web.Features.Community;

/// <summary>Records a community event with its photos, from a phone too. A team leader's event is their team's.</summary>
[Authorize(Policy = Policies.RecordCommunity)]
[RequestFormLimits(MultipartBodyLengthLimit = EventRules.RequestLimit)]
[RequestSizeLimit(EventRules.RequestLimit)]
public sealed class NewModel(AppDbContext db, TimeProvider clock, PrivateFileStore files, IStringLocalizer<SharedResource> l) : PageModel
{
    [BindProperty]
    public EventInput Input { get; set; } = new();

    [BindProperty]
    public List<IFormFile> Photos { get; set; } = [];

    /// <summary>Only for users above one ward (system admin).</summary>
    [BindProperty(SupportsGet = true)]
    public int? CommuneId { get; set; }

    public bool PicksCommune => db.Scope.HomeCommuneId is null;
    public Commune? Commune { get; private set; }
    public List<Choice<int>> Communes { get; private set; } = [];
    public EventChoices Choices { get; private set; } = EventChoices.None;

    public async Task OnGetAsync()
    {
        await LoadAsync();
        Input.Date = clock.Today();
        Input.Starts = new TimeOnly(8, 0);
        // The one who records usually took part.
        if (db.Scope.UserId is { } userId && Choices.Members.Count > 0)
        {
            var me = await db.Members.Where(m => m.UserId == userId && m.LeftOn == null).Select(m => (Guid?)m.Id).FirstOrDefaultAsync();
            Input.MemberIds = me is { } id ? [id] : [];
        }
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        await LoadAsync();
        if (Commune is null)
        {
            ModelState.AddModelError(nameof(CommuneId), l["Vui lòng chọn phường/xã."]);
            return Page();
        }
        foreach (var error in await EventRules.CheckAsync(db, l, Commune.Id, Input, clock.Today(), annotations: false))
        {
            ModelState.AddModelError("Input." + error.Field, error.Message);
        }
        var (photos, photoErrors) = await EventRules.CheckPhotosAsync(Photos, l, cancellationToken);
        foreach (var error in photoErrors)
        {
            ModelState.AddModelError(nameof(Photos), error);
        }
        if (!ModelState.IsValid)
        {
            return Page();
        }
        var now = clock.GetUtcNow().UtcDateTime;
        var created = new CommunityEvent { CommuneId = Commune.Id, Title = Input.Title!, RecordedByUserId = db.Scope.UserId ?? Guid.Empty, CreatedAtUtc = now };
        EventRules.Apply(created, Input, now);
        db.CommunityEvents.Add(created);
        await EventRules.SaveWithPhotosAsync(db, files, created, photos, now, cancellationToken);
        TempData["Flash"] = l["Đã ghi hoạt động {0}.", created.Title].Value;
        return Redirect($"/activities/{created.Id}");
    }

    private async Task LoadAsync()
    {
        if (PicksCommune)
        {
            Communes = await TeamQueries.CommunesWithNeighbourhoodsAsync(db);
        }
        Commune = await PopulationQueries.CommuneAsync(db, CommuneId);
        if (Commune is not null)
        {
            Choices = await EventQueries.ChoicesAsync(db, Commune.Id);
        }
    }
}
