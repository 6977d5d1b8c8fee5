using CongDongSo.Web.Data;
using CongDongSo.Web.Features.Readiness;
using CongDongSo.Web.Features.Teams;
using CongDongSo.Web.Infrastructure.Auth;
using CongDongSo.Web.Infrastructure.Localization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace CongDongSo.Web.Features.Residents;

/// <summary>A resident's readiness by hand: the status and history, a new event for one item, or a correction.</summary>
[Authorize(Policy = Policies.ManagePopulation)]
public sealed class ReadinessModel(AppDbContext db, TimeProvider clock, IStringLocalizer<SharedResource> l) : PageModel, IReadinessPage
{
    [BindProperty]
    public ReadinessInput Input { get; set; } = new();

    public Resident Resident { get; private set; } = null!;
    public ReadinessView View { get; private set; } = new();
    public string PagePath => $"/residents/{Resident.Id}/readiness";
    public string SubjectPath => $"/residents/{Resident.Id}";

    public async Task<IActionResult> OnGetAsync(Guid id, int? item, Guid? correct)
    {
        if (!await LoadAsync(id, item, correct))
        {
            return NotFound();
        }
        if (Resident.ErasedAtUtc is not null)
        {
            return Redirect(SubjectPath);
        }
        Input = RecordReadiness.NewInput(View, clock.Today());
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(Guid id)
    {
        if (!await LoadAsync(id, Input.ItemId, Input.CorrectsEventId))
        {
            return NotFound();
        }
        if (Resident.ErasedAtUtc is not null)
        {
            return Redirect(SubjectPath);
        }
        var (errors, recorded) = await RecordReadiness.CheckAsync(db, l, clock, Subject, View, Input);
        foreach (var error in errors)
        {
            ModelState.AddModelError("Input." + error.Field, error.Message);
        }
        if (!ModelState.IsValid || recorded is null)
        {
            return Page();
        }
        db.ReadinessEvents.Add(recorded);
        await db.SaveChangesAsync();
        TempData["Flash"] = l["Đã ghi nhận {0}: {1}.", View.Item!.Name, RecordReadiness.ValueLabel(View.Item, recorded.Value)].Value;
        return Redirect(SubjectPath);
    }

    private ReadinessSubjectRef Subject => new(ReadinessSubject.Resident, Resident.Id, Resident.CommuneId, Resident.NeighbourhoodId);

    private async Task<bool> LoadAsync(Guid id, int? item, Guid? correct)
    {
        var resident = await db.Residents.AsNoTracking().FirstOrDefaultAsync(r => r.Id == id);
        if (resident is null)
        {
            return false;
        }
        Resident = resident;
        View = await RecordReadiness.LoadAsync(db, Subject, item, correct);
        return true;
    }
}
