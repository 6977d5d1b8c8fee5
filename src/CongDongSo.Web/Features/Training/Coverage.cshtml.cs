using CongDongSo.Web.Data;
using CongDongSo.Web.Infrastructure.Auth;
using CongDongSo.Web.Infrastructure.Localization;
using CongDongSo.Web.Infrastructure.Text;
using CongDongSo.Web.Infrastructure.Web;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace CongDongSo.Web.Features.Training;

/// <summary>
/// Trained and not yet trained members per team, on one topic or any: present at a session of a
/// course on it, or a verified online completion. Under-40s counted apart, as the plans ask.
/// </summary>
[Authorize(Policy = Policies.ViewTraining)]
public sealed class CoverageModel(AppDbContext db, TimeProvider clock) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public int? Topic { get; set; }

    /// <summary>Only for users above one ward (system admin).</summary>
    [BindProperty(SupportsGet = true)]
    public int? CommuneId { get; set; }

    public bool PicksCommune => db.Scope.HomeCommuneId is null;
    public Commune? Commune { get; private set; }
    public List<Choice<int>> Communes { get; private set; } = [];
    public List<TrainingTopic> Topics { get; private set; } = [];
    public List<TrainedRow> Rows { get; private set; } = [];
    public Dictionary<Guid, List<string>> Untrained { get; private set; } = [];

    public async Task OnGetAsync()
    {
        if (PicksCommune)
        {
            Communes = await TeamQueries.CommunesWithNeighbourhoodsAsync(db);
        }
        Commune = await PopulationQueries.CommuneAsync(db, CommuneId);
        if (Commune is null)
        {
            return;
        }
        Topics = await db.TrainingTopics.AsNoTracking().Where(t => t.CommuneId == null || t.CommuneId == Commune.Id)
            .OrderBy(t => t.CommuneId != null).ThenBy(t => t.SortOrder).ToListAsync();
        int[] topics = Topic is { } topic && Topics.Any(t => t.Id == topic) ? [topic] : [];
        Rows = await TrainingQueries.TrainedByTeamAsync(db, Commune.Id, topics, clock.Today());
        var trained = TrainingQueries.TrainedMemberIds(db, Commune.Id, topics);
        var untrained = await db.Members.AsNoTracking()
            .Where(m => m.CommuneId == Commune.Id && m.LeftOn == null && !trained.Contains(m.Id))
            .Select(m => new { m.TeamId, m.FullName }).ToListAsync();
        Untrained = untrained.GroupBy(m => m.TeamId).ToDictionary(g => g.Key, g => g.Select(m => m.FullName).Order(NaturalOrder.Comparer).ToList());
    }
}
