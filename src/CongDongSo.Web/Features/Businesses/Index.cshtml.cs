using System.Globalization;
using CongDongSo.Web.Data;
using CongDongSo.Web.Infrastructure.Auth;
using CongDongSo.Web.Infrastructure.Text;
using CongDongSo.Web.Infrastructure.Web;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace CongDongSo.Web.Features.Businesses;

/// <summary>Household businesses, cooperatives and enterprises of the user's area.</summary>
[Authorize(Policy = Policies.ViewPopulation)]
public sealed class IndexModel(AppDbContext db) : PageModel
{
    public const int PageSize = 50;

    [BindProperty(SupportsGet = true)]
    public string? Q { get; set; }

    [BindProperty(SupportsGet = true)]
    public BusinessKind? Kind { get; set; }

    [BindProperty(SupportsGet = true)]
    public bool Ocop { get; set; }

    [BindProperty(SupportsGet = true)]
    public Guid? Neighbourhood { get; set; }

    [BindProperty(SupportsGet = true, Name = "p")]
    public int PageNumber { get; set; } = 1;

    public int Total { get; private set; }
    public int Pages => Math.Max(1, (Total + PageSize - 1) / PageSize);
    public List<BusinessRow> Businesses { get; private set; } = [];
    public List<Choice<Guid>> Neighbourhoods { get; private set; } = [];
    public bool Manages { get; private set; }

    public async Task OnGetAsync()
    {
        Manages = db.Scope.ManagesPopulation();
        if (db.Scope.HomeCommuneId is { } communeId)
        {
            Neighbourhoods = await TeamQueries.NeighbourhoodsAsync(db, communeId, Neighbourhood);
        }
        var query = db.Businesses.AsQueryable();
        if (Kind is { } kind)
        {
            query = query.Where(b => b.Kind == kind);
        }
        if (Ocop)
        {
            query = query.Where(b => b.IsOcop);
        }
        if (Neighbourhood is { } neighbourhood)
        {
            query = query.Where(b => b.NeighbourhoodId == neighbourhood);
        }
        var folded = VietnameseText.Fold(Q);
        if (folded.Length > 0)
        {
            var pattern = PopulationQueries.LikePattern(folded);
            query = query.Where(b => EF.Functions.Like(b.SearchName, pattern, @"\"));
        }
        Total = await query.CountAsync();
        PageNumber = Math.Clamp(PageNumber, 1, Pages);
        Businesses = await query.OrderBy(b => b.SearchName).ThenBy(b => b.Id)
            .Skip((PageNumber - 1) * PageSize).Take(PageSize)
            .Select(b => new BusinessRow(b.Id, b.Name, b.Kind, b.Sector, b.IsOcop,
                db.Neighbourhoods.Where(n => n.Id == b.NeighbourhoodId).Select(n => n.Name).FirstOrDefault() ?? "",
                db.Households.Where(h => h.Id == b.OwnerHouseholdId).Select(h => h.Code).FirstOrDefault()))
            .ToListAsync();
    }

    public string PageUrl(int page) => "/businesses" + QueryString.Create(new Dictionary<string, string?>
    {
        ["q"] = string.IsNullOrWhiteSpace(Q) ? null : Q.Trim(),
        ["kind"] = Kind?.ToString(),
        ["ocop"] = Ocop ? "true" : null,
        ["neighbourhood"] = Neighbourhood?.ToString(),
        ["p"] = page > 1 ? page.ToString(CultureInfo.InvariantCulture) : null,
    }.Where(p => p.Value is not null).ToDictionary());
}

public sealed record BusinessRow(Guid Id, string Name, BusinessKind Kind, string? Sector, bool IsOcop, string Neighbourhood, string? OwnerCode);
