using CongDongSo.Web.Data;
using CongDongSo.Web.Infrastructure.Auth;
using CongDongSo.Web.Infrastructure.Text;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace CongDongSo.Web.Features.Areas;

/// <summary>
/// The way into the areas: the system administrator sees every province; a province officer goes to
/// their province, a ward officer or leader to their commune.
/// </summary>
[Authorize(Policy = Policies.ViewAreas)]
public sealed class IndexModel(AppDbContext db) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public string? Q { get; set; }

    public List<ProvinceRow> Provinces { get; private set; } = [];
    public List<CommuneRow> Communes { get; private set; } = [];
    public int CommuneTotal { get; private set; }
    public bool CanImport { get; private set; }

    public async Task<IActionResult> OnGetAsync()
    {
        if (db.Scope.HomeCommuneId is { } communeId)
        {
            return Redirect($"/areas/communes/{communeId}");
        }
        if (!db.Scope.Unrestricted)
        {
            return db.Scope.ProvinceIds is [var provinceId] ? Redirect($"/areas/provinces/{provinceId}") : NotFound();
        }
        CanImport = db.Scope.Role is { } role && Policies.Allows(Policies.ManageAdminUnits, role);
        var provinces = await db.Provinces.Where(p => p.EffectiveTo == null)
            .OrderBy(p => p.Code)
            .Select(p => new ProvinceRow(p.Id, p.Code, p.Name,
                p.Communes.Count(c => c.EffectiveTo == null && c.Level == CommuneLevel.Xa),
                p.Communes.Count(c => c.EffectiveTo == null && c.Level == CommuneLevel.Phuong),
                p.Communes.Count(c => c.EffectiveTo == null && c.Level == CommuneLevel.DacKhu)))
            .ToListAsync();
        CommuneTotal = provinces.Sum(p => p.Total);
        var q = VietnameseText.Clean(Q);
        if (q is null)
        {
            Provinces = provinces;
            return Page();
        }
        // 34 provinces: filtered here; communes by their SearchName column in the database.
        var folded = VietnameseText.Fold(q);
        Provinces = provinces.Where(p => VietnameseText.Fold(p.Name).Contains(folded, StringComparison.Ordinal) || p.Code == q).ToList();
        Communes = await db.Communes.Where(c => c.EffectiveTo == null && (EF.Functions.Like(c.SearchName, "%" + folded + "%") || c.Code == q))
            .OrderBy(c => c.SearchName)
            .Take(50)
            .Select(c => new CommuneRow(c.Id, c.Code, c.Name, c.Level, c.Province!.Name, 0))
            .ToListAsync();
        return Page();
    }
}

public sealed record ProvinceRow(int Id, string Code, string Name, int Xa, int Phuong, int DacKhu)
{
    public int Total => Xa + Phuong + DacKhu;
}

public sealed record CommuneRow(int Id, string Code, string Name, CommuneLevel Level, string ProvinceName, int Neighbourhoods);
