using CongDongSo.Web.Infrastructure.Text;
using CongDongSo.Web.Infrastructure.Web;
using Microsoft.EntityFrameworkCore;

namespace CongDongSo.Web.Data;

/// <summary>The team and neighbourhood queries several features and the API share.</summary>
public static class TeamQueries
{
    /// <summary>Active teams without an active leader or without an active deputy.</summary>
    public static IQueryable<Team> MissingLeaderOrDeputy(AppDbContext db) => MissingLeaderOrDeputy(db.Teams);

    public static IQueryable<Team> MissingLeaderOrDeputy(IQueryable<Team> teams) =>
        teams.Where(t => t.DissolvedOn == null
            && (!t.Members.Any(m => m.LeftOn == null && m.Position == MemberPosition.Leader)
                || !t.Members.Any(m => m.LeftOn == null && m.Position == MemberPosition.Deputy)));

    /// <summary>One line per team for lists: leader, head count, latest decision, Zalo group.</summary>
    public static IQueryable<TeamRow> Rows(IQueryable<Team> teams) =>
        teams.Select(t => new TeamRow(
            t.Id,
            t.CommuneId,
            t.Neighbourhood!.Commune!.Name,
            t.Name,
            t.NeighbourhoodId,
            t.Neighbourhood!.Name,
            t.Members.Where(m => m.LeftOn == null && m.Position == MemberPosition.Leader).Select(m => m.FullName).FirstOrDefault(),
            t.Members.Count(m => m.LeftOn == null),
            t.Members.Any(m => m.LeftOn == null && m.Position == MemberPosition.Leader),
            t.Members.Any(m => m.LeftOn == null && m.Position == MemberPosition.Deputy),
            t.Decisions.OrderByDescending(d => d.SignedOn).ThenByDescending(d => d.Id).Select(d => d.Number).FirstOrDefault(),
            t.Decisions.OrderByDescending(d => d.SignedOn).ThenByDescending(d => d.Id).Select(d => (DateOnly?)d.SignedOn).FirstOrDefault(),
            t.ZaloGroupName,
            t.ZaloGroupLink,
            t.EstablishedOn,
            t.DissolvedOn));

    /// <summary>Sorts teams the way a ward reads them: by commune, neighbourhood, then name.</summary>
    public static List<TeamRow> InNaturalOrder(IEnumerable<TeamRow> rows) =>
        [.. rows.OrderBy(r => r.CommuneName, NaturalOrder.Comparer).ThenBy(r => r.Neighbourhood, NaturalOrder.Comparer).ThenBy(r => r.Name, NaturalOrder.Comparer)];

    /// <summary>
    /// Communes a user with a wider scope than one ward (system admin, province officer) can pick,
    /// limited to those with active neighbourhoods: only they can hold teams.
    /// </summary>
    public static async Task<List<Choice<int>>> CommunesWithNeighbourhoodsAsync(AppDbContext db)
    {
        var communes = await db.Communes
            .Where(c => db.Neighbourhoods.Any(n => n.CommuneId == c.Id && n.EffectiveTo == null))
            .Select(c => new Choice<int>(c.Id, c.Name))
            .ToListAsync();
        return [.. communes.OrderBy(c => c.Text, NaturalOrder.Comparer)];
    }

    /// <summary>The active neighbourhoods of a commune (plus <paramref name="keep"/>, a retired one still in use).</summary>
    public static async Task<List<Choice<Guid>>> NeighbourhoodsAsync(AppDbContext db, int communeId, Guid? keep = null)
    {
        var neighbourhoods = await db.Neighbourhoods
            .Where(n => n.CommuneId == communeId && (n.EffectiveTo == null || n.Id == keep))
            .Select(n => new Choice<Guid>(n.Id, n.Name))
            .ToListAsync();
        return [.. neighbourhoods.OrderBy(n => n.Text, NaturalOrder.Comparer)];
    }

}

public sealed record TeamRow(
    Guid Id,
    int CommuneId,
    string CommuneName,
    string Name,
    Guid NeighbourhoodId,
    string Neighbourhood,
    string? Leader,
    int MemberCount,
    bool HasLeader,
    bool HasDeputy,
    string? DecisionNumber,
    DateOnly? DecisionDate,
    string? ZaloGroupName,
    string? ZaloGroupLink,
    DateOnly EstablishedOn,
    DateOnly? DissolvedOn);

