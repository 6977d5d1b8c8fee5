using CongDongSo.Web.Data;
using CongDongSo.Web.Infrastructure.Auth;
using CongDongSo.Web.Infrastructure.Text;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace CongDongSo.Web.Features.Areas;

/// <summary>A commune: its official facts and name history, its neighbourhoods, and the ward's Zalo naming rule.</summary>
[Authorize(Policy = Policies.ViewAreas)]
public sealed class CommuneModel(AppDbContext db) : PageModel
{
    public CommuneFacts Commune { get; private set; } = null!;
    public List<NameChangeRow> History { get; private set; } = [];
    public List<NeighbourhoodRow> Active { get; private set; } = [];
    public List<NeighbourhoodRow> Retired { get; private set; } = [];
    public bool CanManage { get; private set; }
    public string ZaloExample { get; private set; } = "";

    public async Task<IActionResult> OnGetAsync(int id)
    {
        var commune = await db.Communes.Where(c => c.Id == id)
            .Select(c => new CommuneFacts(c.Id, c.Code, c.Name, c.Level, c.ProvinceId, c.Province!.Name, c.EffectiveFrom, c.EffectiveTo, c.ZaloGroupNamePattern))
            .FirstOrDefaultAsync();
        if (commune is null)
        {
            return NotFound();
        }
        Commune = commune;
        CanManage = db.Scope.Role is { } role && Policies.Allows(Policies.ManageArea, role);

        var changes = await db.AdminUnitChanges.Where(c => c.UnitKind == AdminUnitKind.Commune && c.UnitId == id)
            .OrderBy(c => c.EffectiveOn).ThenBy(c => c.Id).ToListAsync();
        var provinceIds = changes.SelectMany(c => new[] { c.OldProvinceId, c.NewProvinceId }).OfType<int>().Distinct().ToArray();
        // Provinces outside the user's area stay unnamed: the filter is the rule, even for public lists.
        var provinces = await db.Provinces.Where(p => provinceIds.Contains(p.Id)).ToDictionaryAsync(p => p.Id, p => p.Name);
        History = changes.Select(c => new NameChangeRow(c.EffectiveOn, c.OldName, c.NewName,
            c.OldProvinceId is { } o ? provinces.GetValueOrDefault(o, "#" + o) : null,
            c.NewProvinceId is { } n ? provinces.GetValueOrDefault(n, "#" + n) : null)).ToList();

        var neighbourhoods = (await db.Neighbourhoods.Where(n => n.CommuneId == id)
            .Select(n => new NeighbourhoodRow(n.Id, n.Name, n.Kind, n.Code, n.EffectiveFrom, n.EffectiveTo,
                db.Teams.Count(t => t.CommuneId == n.CommuneId && t.NeighbourhoodId == n.Id && t.DissolvedOn == null)))
            .ToListAsync())
            .OrderBy(n => n.Name, NaturalOrder.Comparer)
            .ToList();
        Active = neighbourhoods.Where(n => n.EffectiveTo is null).ToList();
        Retired = neighbourhoods.Where(n => n.EffectiveTo is not null).OrderByDescending(n => n.EffectiveTo).ToList();
        ZaloExample = Example(commune.ZaloGroupNamePattern, commune.Name, Active.FirstOrDefault()?.Name);
        return Page();
    }

    /// <summary>The rule applied to the commune's first neighbourhood, so the ward sees what it gives.</summary>
    public static string Example(string pattern, string communeName, string? neighbourhoodName)
    {
        var neighbourhood = neighbourhoodName ?? "Tổ dân phố số 1";
        return ZaloGroupName.Name(pattern, neighbourhood, communeName, "Tổ CNSCĐ " + neighbourhood);
    }
}

public sealed record CommuneFacts(int Id, string Code, string Name, CommuneLevel Level, int ProvinceId, string ProvinceName,
    DateOnly EffectiveFrom, DateOnly? EffectiveTo, string ZaloGroupNamePattern);

public sealed record NameChangeRow(DateOnly EffectiveOn, string OldName, string NewName, string? OldProvince, string? NewProvince);

public sealed record NeighbourhoodRow(Guid Id, string Name, NeighbourhoodKind Kind, string? Code, DateOnly EffectiveFrom, DateOnly? EffectiveTo, int ActiveTeams);
