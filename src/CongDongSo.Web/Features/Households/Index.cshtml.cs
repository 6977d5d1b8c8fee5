using System.Globalization;
using CongDongSo.Web.Data;
using CongDongSo.Web.Infrastructure.Auth;
using CongDongSo.Web.Infrastructure.Text;
using CongDongSo.Web.Infrastructure.Web;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace CongDongSo.Web.Features.Households;

/// <summary>The households of the user's area (a team's: its neighbourhood), searched without diacritics.</summary>
[Authorize(Policy = Policies.ViewPopulation)]
public sealed class IndexModel(AppDbContext db) : PageModel
{
    public const int PageSize = 50;

    public HouseholdFilter Filter { get; private set; } = new();
    public int PageNumber { get; private set; } = 1;
    public int Total { get; private set; }
    public int Pages => Math.Max(1, (Total + PageSize - 1) / PageSize);
    public List<HouseholdRow> Households { get; private set; } = [];
    public List<Choice<int>> Communes { get; private set; } = [];
    public List<Choice<Guid>> Neighbourhoods { get; private set; } = [];
    public bool ShowCommune { get; private set; }
    public bool Manages { get; private set; }

    public async Task OnGetAsync([FromQuery] HouseholdFilter filter, [FromQuery(Name = "p")] int page = 1)
    {
        Filter = filter;
        ShowCommune = db.Scope.HomeCommuneId is null;
        Manages = db.Scope.ManagesPopulation();
        var communeId = db.Scope.HomeCommuneId ?? filter.Commune;
        if (ShowCommune)
        {
            Communes = await TeamQueries.CommunesWithNeighbourhoodsAsync(db);
        }
        if (communeId is { } id)
        {
            Neighbourhoods = await TeamQueries.NeighbourhoodsAsync(db, id, filter.Neighbourhood);
        }

        var query = filter.Apply(db.Households);
        Total = await query.CountAsync();
        PageNumber = Math.Clamp(page, 1, Pages);
        Households = await query.OrderBy(h => h.Code).ThenBy(h => h.Id)
            .Skip((PageNumber - 1) * PageSize).Take(PageSize)
            .Select(h => new HouseholdRow(
                h.Id, h.Code, h.Address, h.Neighbourhood!.Name,
                db.Residents.Where(r => r.Id == h.HeadResidentId).Select(r => r.ErasedAtUtc == null ? r.FullName : null).FirstOrDefault(),
                h.Residents.Count, h.Poverty, h.HasBusiness))
            .ToListAsync();
    }
}

public sealed record HouseholdRow(Guid Id, string Code, string Address, string Neighbourhood, string? Head, int Residents, PovertyStatus Poverty, bool HasBusiness);

/// <summary>The filters of the household list, kept in the query string.</summary>
public sealed class HouseholdFilter
{
    public string? Q { get; set; }
    /// <summary>For users above one ward; a ward user's commune is their own.</summary>
    public int? Commune { get; set; }
    public Guid? Neighbourhood { get; set; }
    public bool Business { get; set; }
    public PovertyStatus? Poverty { get; set; }

    public IQueryable<Household> Apply(IQueryable<Household> households)
    {
        if (Commune is { } commune)
        {
            households = households.Where(h => h.CommuneId == commune);
        }
        if (Neighbourhood is { } neighbourhood)
        {
            households = households.Where(h => h.NeighbourhoodId == neighbourhood);
        }
        if (Business)
        {
            households = households.Where(h => h.HasBusiness);
        }
        if (Poverty is { } poverty)
        {
            households = households.Where(h => h.Poverty == poverty);
        }
        var folded = VietnameseText.Fold(Q);
        if (folded.Length > 0)
        {
            var pattern = PopulationQueries.LikePattern(folded);
            households = households.Where(h => EF.Functions.Like(h.SearchText, pattern, @"\"));
        }
        return households;
    }

    public string Url(string path, int? page = null)
    {
        var query = new Dictionary<string, string?>
        {
            ["q"] = string.IsNullOrWhiteSpace(Q) ? null : Q.Trim(),
            ["commune"] = Commune?.ToString(CultureInfo.InvariantCulture),
            ["neighbourhood"] = Neighbourhood?.ToString(),
            ["business"] = Business ? "true" : null,
            ["poverty"] = Poverty?.ToString(),
            ["p"] = page is > 1 ? page.Value.ToString(CultureInfo.InvariantCulture) : null,
        }.Where(p => p.Value is not null).ToDictionary();
        return path + QueryString.Create(query);
    }
}
