using CongDongSo.Web.Data;
using CongDongSo.Web.Infrastructure.Auth;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace CongDongSo.Web.Features.Areas.Neighbourhoods;

/// <summary>A neighbourhood and its history: created, renamed, merged, split, retired, each with its date.</summary>
[Authorize(Policy = Policies.ViewAreas)]
public sealed class DetailsModel(AppDbContext db) : PageModel
{
    public Neighbourhood Neighbourhood { get; private set; } = null!;
    public string CommuneName { get; private set; } = "";
    public List<HistoryRow> History { get; private set; } = [];
    public List<(string Name, DateOnly? DissolvedOn)> Teams { get; private set; } = [];
    public bool CanManage { get; private set; }

    public async Task<IActionResult> OnGetAsync(Guid id)
    {
        var neighbourhood = await db.Neighbourhoods.AsNoTracking().Include(n => n.Commune).FirstOrDefaultAsync(n => n.Id == id);
        if (neighbourhood is null)
        {
            return NotFound();
        }
        Neighbourhood = neighbourhood;
        CommuneName = neighbourhood.Commune?.Name ?? "";
        CanManage = neighbourhood.EffectiveTo is null && db.Scope.Role is { } role && Policies.Allows(Policies.ManageArea, role);

        var changes = await db.NeighbourhoodChanges.AsNoTracking()
            .Where(c => c.CommuneId == neighbourhood.CommuneId && c.NeighbourhoodId == id)
            .OrderBy(c => c.EffectiveOn).ThenBy(c => c.RecordedAtUtc).ThenBy(c => c.Id)
            .ToListAsync();
        var relatedIds = changes.Select(c => c.RelatedNeighbourhoodId).OfType<Guid>().Distinct().ToArray();
        var related = await db.Neighbourhoods.Where(n => n.CommuneId == neighbourhood.CommuneId && relatedIds.Contains(n.Id))
            .ToDictionaryAsync(n => n.Id, n => n.Name);
        History = changes.Select(c => new HistoryRow(c.EffectiveOn, c.Kind, c.OldName, c.NewName,
            c.RelatedNeighbourhoodId, c.RelatedNeighbourhoodId is { } r ? related.GetValueOrDefault(r) : null, c.DecisionReference)).ToList();
        Teams = (await db.Teams.Where(t => t.CommuneId == neighbourhood.CommuneId && t.NeighbourhoodId == id)
                .Select(t => new { t.Name, t.DissolvedOn }).ToListAsync())
            .OrderBy(t => t.DissolvedOn is not null).ThenBy(t => t.Name, StringComparer.Ordinal)
            .Select(t => (t.Name, t.DissolvedOn)).ToList();
        return Page();
    }
}

public sealed record HistoryRow(DateOnly EffectiveOn, NeighbourhoodChangeKind Kind, string? OldName, string? NewName,
    Guid? RelatedId, string? RelatedName, string? DecisionReference);
