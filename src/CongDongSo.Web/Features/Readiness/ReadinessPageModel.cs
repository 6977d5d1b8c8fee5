using CongDongSo.Web.Data;
using CongDongSo.Web.Infrastructure.Localization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;

namespace CongDongSo.Web.Features.Readiness;

/// <summary>
/// The readiness page of one subject (a resident, a business) by hand: the status and history, a new
/// event for one item, or a correction. A subject's page only says how to find it and where it lives;
/// the shared partial _ReadinessRecorder shows it.
/// </summary>
public abstract class ReadinessPageModel(AppDbContext db, TimeProvider clock, IStringLocalizer<SharedResource> l) : PageModel
{
    [BindProperty]
    public ReadinessInput Input { get; set; } = new();

    public ReadinessView View { get; private set; } = new();

    /// <summary>The page's own path, e.g. /residents/{id}/readiness.</summary>
    public abstract string PagePath { get; }

    /// <summary>The subject's page.</summary>
    public abstract string SubjectPath { get; }

    protected AppDbContext Db => db;

    /// <summary>Loads the subject (query filters keep it to the user's area); null when there is none.</summary>
    protected abstract Task<ReadinessSubjectRef?> LoadSubjectAsync(Guid id);

    /// <summary>True when the subject takes no more events (an erased resident): the page sends the user back to it.</summary>
    protected virtual bool Closed => false;

    public async Task<IActionResult> OnGetAsync(Guid id, int? item, Guid? correct)
    {
        if (await LoadAsync(id, item, correct) is null)
        {
            return NotFound();
        }
        if (Closed)
        {
            return Redirect(SubjectPath);
        }
        Input = RecordReadiness.NewInput(View, clock.Today());
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(Guid id)
    {
        if (await LoadAsync(id, Input.ItemId, Input.CorrectsEventId) is not { } subject)
        {
            return NotFound();
        }
        if (Closed)
        {
            return Redirect(SubjectPath);
        }
        var (errors, recorded) = await RecordReadiness.CheckAsync(db, l, clock, subject, View, Input);
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
        TempData["Flash"] = l["Đã ghi nhận {0}: {1}.", View.Item!.Name, ReadinessStatus.ValueLabel(View.Item, recorded.Value)].Value;
        return Redirect(SubjectPath);
    }

    private async Task<ReadinessSubjectRef?> LoadAsync(Guid id, int? item, Guid? correct)
    {
        if (await LoadSubjectAsync(id) is not { } subject)
        {
            return null;
        }
        View = await RecordReadiness.LoadAsync(db, subject, item, correct);
        return subject;
    }
}
