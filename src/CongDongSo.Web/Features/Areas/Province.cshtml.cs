using CongDongSo.Web.Data;
using CongDongSo.Web.Infrastructure.Auth;
using CongDongSo.Web.Infrastructure.Text;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace CongDongSo.Web.Features.Areas;

/// <summary>A province and its communes (only those of the user's area are ever listed).</summary>
[Authorize(Policy = Policies.ViewAreas)]
public sealed class ProvinceModel(AppDbContext db) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public string? Q { get; set; }

    public Province Province { get; private set; } = null!;
    public List<CommuneRow> Communes { get; private set; } = [];
    public List<(int Id, string Code, string Name, DateOnly? EffectiveTo)> Retired { get; private set; } = [];
    public bool ShowAllLink { get; private set; }

    public async Task<IActionResult> OnGetAsync(int id)
    {
        var province = await db.Provinces.AsNoTracking().FirstOrDefaultAsync(p => p.Id == id);
        if (province is null)
        {
            return NotFound();
        }
        Province = province;
        ShowAllLink = db.Scope.Unrestricted;
        var communes = db.Communes.Where(c => c.ProvinceId == id && c.EffectiveTo == null);
        if (VietnameseText.Clean(Q) is { } q)
        {
            var folded = VietnameseText.Fold(q);
            communes = communes.Where(c => EF.Functions.Like(c.SearchName, "%" + folded + "%") || c.Code == q);
        }
        Communes = (await communes
            .Select(c => new CommuneRow(c.Id, c.Code, c.Name, c.Level, province.Name,
                db.Neighbourhoods.Count(n => n.CommuneId == c.Id && n.EffectiveTo == null)))
            .ToListAsync())
            .OrderBy(c => c.Name, NaturalOrder.Comparer)
            .ToList();
        Retired = (await db.Communes.Where(c => c.ProvinceId == id && c.EffectiveTo != null)
            .Select(c => new { c.Id, c.Code, c.Name, c.EffectiveTo }).ToListAsync())
            .OrderBy(c => c.Code, StringComparer.Ordinal)
            .Select(c => (c.Id, c.Code, c.Name, c.EffectiveTo))
            .ToList();
        return Page();
    }
}
