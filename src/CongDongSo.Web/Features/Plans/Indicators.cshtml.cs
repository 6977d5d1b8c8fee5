using CongDongSo.Web.Data;
using CongDongSo.Web.Infrastructure.Auth;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace CongDongSo.Web.Features.Plans;

/// <summary>The indicator catalogue: national rows and the ward's own, each with its code, names and the definition a person reads.</summary>
[Authorize(Policy = Policies.ViewPlans)]
public sealed class IndicatorsModel(AppDbContext db) : PageModel
{
    public List<Indicator> Rows { get; private set; } = [];
    public bool Manages => db.Scope.Role is { } role && Policies.Allows(Policies.ManagePlans, role);

    public async Task OnGetAsync()
    {
        var communeId = db.Scope.HomeCommuneId ?? 0;
        Rows = await IndicatorQueries.ChoicesAsync(db, communeId);
    }
}
