using CongDongSo.Web.Data;
using CongDongSo.Web.Infrastructure.Auth;
using CongDongSo.Web.Infrastructure.Localization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace CongDongSo.Web.Features.Community;

/// <summary>Corrects an event. A team leader edits their team's only; another team's is not found.</summary>
[Authorize(Policy = Policies.RecordCommunity)]
public sealed class EditModel(AppDbContext db, TimeProvider clock, IStringLocalizer<SharedResource> l) : PageModel
{
    [BindProperty]
    public EventInput Input { get; set; } = new();

    public EventChoices Choices { get; private set; } = EventChoices.None;
    public CommunityEvent Event { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(Guid id)
    {
        if (!await LoadAsync(id))
        {
            return NotFound();
        }
        Input = EventInput.From(Event);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(Guid id)
    {
        if (!await LoadAsync(id))
        {
            return NotFound();
        }
        foreach (var error in await EventRules.CheckAsync(db, l, Event.CommuneId, Input, clock.Today(), annotations: false))
        {
            ModelState.AddModelError("Input." + error.Field, error.Message);
        }
        if (!ModelState.IsValid)
        {
            return Page();
        }
        EventRules.Apply(Event, Input, clock.GetUtcNow().UtcDateTime);
        await db.SaveChangesAsync();
        TempData["Flash"] = l["Đã lưu hoạt động {0}.", Event.Title].Value;
        return Redirect($"/activities/{id}");
    }

    private async Task<bool> LoadAsync(Guid id)
    {
        var found = await db.CommunityEvents.Include(e => e.Neighbourhoods).Include(e => e.Members).FirstOrDefaultAsync(e => e.Id == id);
        // The ward's own events are visible to teams but theirs to change only for the ward.
        if (found is null || !db.Scope.Allows(found))
        {
            return false;
        }
        Event = found;
        Choices = await EventQueries.ChoicesAsync(db, found.CommuneId);
        return true;
    }
}
