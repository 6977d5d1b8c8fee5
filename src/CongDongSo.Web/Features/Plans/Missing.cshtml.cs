using CongDongSo.Web.Data;
using CongDongSo.Web.Infrastructure.Auth;
using CongDongSo.Web.Infrastructure.Localization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace CongDongSo.Web.Features.Plans;

/// <summary>A household still missing a target's status, with the residents who lack it.</summary>
public sealed record MissingHousehold(Guid Id, string Code, string Address, string NeighbourhoodName, string? Head, IReadOnlyList<string> People);

/// <summary>
/// The next round of visits: the households of a neighbourhood (or the ward) still missing a target's
/// status at a date, and who in them. A team sees its own neighbourhood's only (the area scope).
/// </summary>
[Authorize(Policy = Policies.ViewPopulation)]
public sealed class MissingModel(AppDbContext db, TimeProvider clock) : PageModel
{
    /// <summary>At most this many households are listed; the count says how many there are.</summary>
    public const int Shown = 500;

    [BindProperty(SupportsGet = true)]
    public DateOnly? At { get; set; }

    [BindProperty(SupportsGet = true)]
    public Guid? Neighbourhood { get; set; }

    public Data.Plan Plan { get; private set; } = null!;
    public PlanTarget Target { get; private set; } = null!;
    public DateOnly Day { get; private set; }
    public string? NeighbourhoodName { get; private set; }
    public bool Supported { get; private set; }
    public int Total { get; private set; }
    public int People { get; private set; }
    public List<MissingHousehold> Households { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(Guid id, Guid targetId, CancellationToken cancellationToken)
    {
        var plan = await db.Plans.AsNoTracking().FirstOrDefaultAsync(p => p.Id == id, cancellationToken);
        var target = plan is null ? null : await db.PlanTargets.AsNoTracking().Include(t => t.Indicator).FirstOrDefaultAsync(t => t.Id == targetId && t.PlanId == id, cancellationToken);
        if (plan is null || target is null)
        {
            return NotFound();
        }
        Plan = plan;
        Target = target;
        // A team sees its own neighbourhood's households whatever it asks for.
        Neighbourhood = db.Scope.NeighbourhoodId ?? Neighbourhood;
        if (Neighbourhood is { } n)
        {
            NeighbourhoodName = await db.Neighbourhoods.Where(x => x.Id == n && x.CommuneId == plan.CommuneId).Select(x => x.Name).FirstOrDefaultAsync(cancellationToken);
            if (NeighbourhoodName is null)
            {
                return NotFound();
            }
        }
        Day = PlanQueries.EvaluationDay(plan.Year, At is { Year: >= 2000 and <= 2100 } at ? at : null, clock.Today());
        var formula = IndicatorFormula.Parse(target.Indicator!.FormulaJson);
        Supported = formula.Kind is FormulaKind.Residents or FormulaKind.Households;
        if (!Supported)
        {
            return Page();
        }
        var facts = await CommuneFacts.LoadAsync(db, plan.CommuneId, [formula], Day, cancellationToken);
        var missing = facts.Missing(formula, Day, Neighbourhood);
        Total = missing.Count;
        People = missing.Values.Sum(p => p.Count);
        var ids = missing.Keys.ToArray();
        var rows = await db.Households.AsNoTracking().Where(h => ids.Contains(h.Id))
            .Select(h => new { h.Id, h.Code, h.Address, Neighbourhood = h.Neighbourhood!.Name, h.HeadResidentId }).ToListAsync(cancellationToken);
        var residentIds = missing.Values.SelectMany(p => p).Concat(rows.Where(r => r.HeadResidentId != null).Select(r => r.HeadResidentId!.Value)).Distinct().ToArray();
        var names = await db.Residents.AsNoTracking().Where(r => residentIds.Contains(r.Id)).ToDictionaryAsync(r => r.Id, r => r.FullName, cancellationToken);
        Households = [.. rows.OrderBy(r => r.Neighbourhood, Infrastructure.Text.NaturalOrder.Comparer).ThenBy(r => r.Code, Infrastructure.Text.NaturalOrder.Comparer).Take(Shown)
            .Select(r => new MissingHousehold(r.Id, r.Code, r.Address, r.Neighbourhood, r.HeadResidentId is { } head ? names.GetValueOrDefault(head) : null,
                [.. missing[r.Id].Select(p => names.GetValueOrDefault(p) ?? "")]))];
        return Page();
    }
}
