using CongDongSo.Web.Data;
using CongDongSo.Web.Infrastructure.Auth;
using CongDongSo.Web.Infrastructure.Localization;
using CongDongSo.Web.Infrastructure.Web;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace CongDongSo.Web.Features.Training;

/// <summary>A new course with its topics, audience and first sittings; more sittings are added on its page.</summary>
[Authorize(Policy = Policies.ManageTraining)]
public sealed class NewModel(AppDbContext db, TimeProvider clock, IStringLocalizer<SharedResource> l) : PageModel
{
    /// <summary>The form offers this many sitting rows; the blank ones are ignored.</summary>
    public const int SessionRows = 3;

    [BindProperty]
    public CourseInput Input { get; set; } = new();

    /// <summary>Only for users above one ward (system admin).</summary>
    [BindProperty(SupportsGet = true)]
    public int? CommuneId { get; set; }

    public bool PicksCommune => db.Scope.HomeCommuneId is null;
    public Commune? Commune { get; private set; }
    public List<Choice<int>> Communes { get; private set; } = [];
    public List<TrainingTopic> Topics { get; private set; } = [];
    public List<Choice<Guid>> Teams { get; private set; } = [];
    public List<Choice<Guid>> Members { get; private set; } = [];

    public async Task OnGetAsync() => await LoadAsync();

    public async Task<IActionResult> OnPostAsync()
    {
        await LoadAsync();
        if (Commune is null)
        {
            ModelState.AddModelError(nameof(CommuneId), l["Vui lòng chọn phường/xã."]);
            return Page();
        }
        foreach (var error in await CourseRules.CheckAsync(db, l, Commune.Id, Input, annotations: false))
        {
            ModelState.AddModelError("Input." + error.Field, error.Message);
        }
        if (!ModelState.IsValid)
        {
            return Page();
        }
        var course = CourseRules.NewCourse(Commune.Id, Input, clock.GetUtcNow().UtcDateTime);
        db.Courses.Add(course);
        await db.SaveChangesAsync();
        TempData["Flash"] = l["Đã thêm khóa học {0}.", course.Title].Value;
        return Redirect($"/training/{course.Id}");
    }

    private async Task LoadAsync()
    {
        if (PicksCommune)
        {
            Communes = await TeamQueries.CommunesWithNeighbourhoodsAsync(db);
        }
        Commune = await PopulationQueries.CommuneAsync(db, CommuneId);
        while (Input.Sessions.Count < SessionRows)
        {
            Input.Sessions.Add(new TrainingSessionInput());
        }
        if (Commune is null)
        {
            return;
        }
        Topics = await db.TrainingTopics.AsNoTracking()
            .Where(t => (t.CommuneId == null || t.CommuneId == Commune.Id) && t.IsActive)
            .OrderBy(t => t.CommuneId != null).ThenBy(t => t.SortOrder).ToListAsync();
        var teams = await db.Teams.AsNoTracking().Where(t => t.CommuneId == Commune.Id && t.DissolvedOn == null)
            .Select(t => new Choice<Guid>(t.Id, t.Name)).ToListAsync();
        Teams = [.. teams.OrderBy(t => t.Text, Infrastructure.Text.NaturalOrder.Comparer)];
        var members = await db.Members.AsNoTracking().Where(m => m.CommuneId == Commune.Id && m.LeftOn == null)
            .Select(m => new { m.Id, m.FullName, Team = m.Team!.Name }).ToListAsync();
        Members = [.. members.OrderBy(m => m.Team, Infrastructure.Text.NaturalOrder.Comparer).ThenBy(m => m.FullName, Infrastructure.Text.NaturalOrder.Comparer)
            .Select(m => new Choice<Guid>(m.Id, $"{m.FullName} ({m.Team})"))];
    }
}
