using CongDongSo.Web.Data;
using CongDongSo.Web.Infrastructure.Localization;
using CongDongSo.Web.Infrastructure.Auth;
using CongDongSo.Web.Infrastructure.Rules;
using CongDongSo.Web.Infrastructure.Text;
using CongDongSo.Web.Infrastructure.Web;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace CongDongSo.Web.Features.Members;

/// <summary>Finds members of the user's area (diacritic- and case-insensitive) with the roster filters.</summary>
[Authorize(Policy = Policies.SignedIn)]
public sealed class IndexModel(AppDbContext db, TimeProvider clock) : PageModel
{
    public const int PageSize = 50;

    public MemberFilter Filter { get; private set; } = new();
    public int PageNumber { get; private set; } = 1;
    public int Total { get; private set; }
    public int Pages => Math.Max(1, (Total + PageSize - 1) / PageSize);
    public List<MemberRow> Members { get; private set; } = [];
    public List<Choice<int>> Communes { get; private set; } = [];
    public List<Choice<Guid>> Teams { get; private set; } = [];
    public List<Choice<int>> Affiliations { get; private set; } = [];
    public bool ShowCommune { get; private set; }
    public bool Exports { get; private set; }
    public bool ManagesAffiliations { get; private set; }

    public async Task OnGetAsync([FromQuery] MemberFilter filter, [FromQuery(Name = "p")] int page = 1)
    {
        Filter = filter;
        ShowCommune = db.Scope.HomeCommuneId is null;
        Exports = db.Scope.ExportsRoster();
        ManagesAffiliations = db.Scope.Role is { } role && Policies.Allows(Policies.ManageArea, role);
        var communeId = db.Scope.HomeCommuneId ?? filter.Commune;
        if (ShowCommune)
        {
            Communes = await TeamQueries.CommunesWithNeighbourhoodsAsync(db);
        }
        var teams = await db.Teams.Where(t => communeId == null || t.CommuneId == communeId).Select(t => new Choice<Guid>(t.Id, t.Name)).ToListAsync();
        Teams = [.. teams.OrderBy(t => t.Text, NaturalOrder.Comparer)];
        Affiliations = communeId is { } id
            ? await MemberRules.AffiliationChoicesAsync(db, id, filter.Affiliation)
            : await db.Affiliations.Where(a => a.CommuneId == null).OrderBy(a => a.SortOrder).Select(a => new Choice<int>(a.Id, a.Name)).ToListAsync();

        var query = filter.Apply(db.Members, clock.Today().Year, matchPhones: db.Scope.SearchesPhones());
        Total = await query.CountAsync();
        PageNumber = Math.Clamp(page, 1, Math.Max(1, (Total + PageSize - 1) / PageSize));
        var rows = await query.OrderBy(m => m.SearchName).ThenBy(m => m.Id)
            .Skip((PageNumber - 1) * PageSize).Take(PageSize)
            .Select(m => new MemberRow(m.Id, m.TeamId, m.FullName, m.Team!.Name, m.Position, m.Affiliation!.Name, m.BirthYear, m.Phone, m.LeftOn))
            .ToListAsync();
        Members = [.. rows.Select(r => r with { Phone = db.Scope.PhoneFor(r.TeamId, r.Phone) })];
    }
}

public sealed record MemberRow(Guid Id, Guid TeamId, string FullName, string Team, MemberPosition Position, string Affiliation, int? BirthYear, string? Phone, DateOnly? LeftOn);
