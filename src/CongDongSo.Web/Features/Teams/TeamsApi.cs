using System.Text.Json.Serialization;
using CongDongSo.Web.Data;
using CongDongSo.Web.Infrastructure.Auth;
using CongDongSo.Web.Infrastructure.Localization;
using CongDongSo.Web.Infrastructure.Rules;
using CongDongSo.Web.Infrastructure.Text;
using CongDongSo.Web.Infrastructure.Web;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace CongDongSo.Web.Features.Teams;

/// <summary>Teams and their rosters as JSON. Outside the caller's area a team does not exist (404).</summary>
public static class TeamsApi
{
    public static RouteGroupBuilder MapTeamsApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/teams").WithTags("Teams").RequireAuthorization(Policies.SignedIn);
        group.MapGet("/", ListAsync);
        group.MapGet("/{id:guid}", GetAsync);
        group.MapGet("/{id:guid}/members", MembersAsync);
        group.MapGet("/{id:guid}/members/{memberId:guid}", MemberAsync);
        // The shared MemberRules validate (with the pages' Vietnamese messages), not the generic filter.
        group.MapPost("/{id:guid}/members", AddMemberAsync).RequireAuthorization(Policies.ManageRoster).DisableValidation();
        return group;
    }

    private static async Task<Ok<List<TeamSummary>>> ListAsync(AppDbContext db, Guid? neighbourhoodId, bool? missingLeader, bool? includeDissolved)
    {
        var teams = missingLeader == true ? TeamQueries.MissingLeaderOrDeputy(db) : db.Teams;
        if (includeDissolved != true)
        {
            teams = teams.Where(t => t.DissolvedOn == null);
        }
        if (neighbourhoodId is { } neighbourhood)
        {
            teams = teams.Where(t => t.NeighbourhoodId == neighbourhood);
        }
        var rows = TeamQueries.InNaturalOrder(await TeamQueries.Rows(teams).ToListAsync());
        return TypedResults.Ok(rows.Select(TeamSummary.From).ToList());
    }

    private static async Task<Results<Ok<TeamDetails>, NotFound>> GetAsync(Guid id, AppDbContext db)
    {
        var row = await TeamQueries.Rows(db.Teams.Where(t => t.Id == id)).FirstOrDefaultAsync();
        if (row is null)
        {
            return TypedResults.NotFound();
        }
        var decisions = await db.TeamDecisions.Where(d => d.TeamId == id)
            .OrderByDescending(d => d.SignedOn).ThenByDescending(d => d.Id)
            .Select(d => new DecisionItem(d.Id, d.Kind.ToString(), d.Number, d.SignedOn, d.Signer))
            .ToListAsync();
        return TypedResults.Ok(new TeamDetails(TeamSummary.From(row), decisions));
    }

    private static async Task<Results<Ok<List<MemberItem>>, NotFound>> MembersAsync(Guid id, AppDbContext db, bool? includeFormer)
    {
        if (!await db.Teams.AnyAsync(t => t.Id == id))
        {
            return TypedResults.NotFound();
        }
        var members = db.Members.Where(m => m.TeamId == id);
        if (includeFormer != true)
        {
            members = members.Where(m => m.LeftOn == null);
        }
        var items = await Items(members).ToListAsync();
        return TypedResults.Ok(items.OrderBy(m => m.LeftOn is not null).ThenBy(m => m.Position).ThenBy(m => m.FullName, NaturalOrder.Comparer)
            .Select(m => m.MaskedFor(db.Scope)).ToList());
    }

    private static async Task<Results<Ok<MemberItem>, NotFound>> MemberAsync(Guid id, Guid memberId, AppDbContext db)
    {
        var item = await Items(db.Members.Where(m => m.TeamId == id && m.Id == memberId)).FirstOrDefaultAsync();
        return item is null ? TypedResults.NotFound() : TypedResults.Ok(item.MaskedFor(db.Scope));
    }

    private static async Task<Results<Created<MemberItem>, NotFound, ValidationProblem>> AddMemberAsync(
        Guid id, MemberInput input, AppDbContext db, TimeProvider clock, IStringLocalizer<SharedResource> l)
    {
        // Through the scoped set: another team, even of the same ward for a team leader, does not exist.
        var team = await db.Teams.AsNoTracking().FirstOrDefaultAsync(t => t.Id == id);
        if (team is null || !db.Scope.ManagesRoster(team.Id))
        {
            return TypedResults.NotFound();
        }
        var errors = MemberRules.Annotations(input, l);
        errors.AddRange(await MemberRules.CheckNewAsync(db, l, clock.Today(), team, input));
        if (errors.Count > 0)
        {
            return errors.ToProblem();
        }
        var member = MemberRules.NewMember(team, input, clock.GetUtcNow().UtcDateTime);
        db.Members.Add(member);
        await db.SaveChangesAsync();
        var item = await Items(db.Members.Where(m => m.Id == member.Id)).FirstAsync();
        return TypedResults.Created($"/api/v1/teams/{id}/members/{member.Id}", item.MaskedFor(db.Scope));
    }

    private static IQueryable<MemberItem> Items(IQueryable<Member> members) =>
        members.Select(m => new MemberItem(m.Id, m.TeamId, m.FullName, m.Position, m.AffiliationId, m.Affiliation!.Name, m.BirthYear, m.Gender,
            m.Phone, m.Skills, m.AssignedTasks, m.AssignedArea, m.JoinedOn, m.LeftOn, m.LeaveReason, m.PublishContactConsent));
}

public sealed record TeamSummary(Guid Id, string Name, int CommuneId, string Commune, Guid NeighbourhoodId, string Neighbourhood, string? Leader,
    int MemberCount, bool MissingLeader, bool MissingDeputy, string? ZaloGroupName, string? ZaloGroupLink, DateOnly EstablishedOn, DateOnly? DissolvedOn)
{
    public static TeamSummary From(TeamRow r) => new(r.Id, r.Name, r.CommuneId, r.CommuneName, r.NeighbourhoodId, r.Neighbourhood, r.Leader,
        r.MemberCount, !r.HasLeader, !r.HasDeputy, r.ZaloGroupName, r.ZaloGroupLink, r.EstablishedOn, r.DissolvedOn);
}

public sealed record DecisionItem(Guid Id, string Kind, string Number, DateOnly SignedOn, string Signer);

public sealed record TeamDetails(TeamSummary Team, List<DecisionItem> Decisions);

/// <summary>A member as JSON; enums by name ("Leader", "Female") so clients need no table of numbers.</summary>
public sealed record MemberItem(Guid Id, Guid TeamId, string FullName,
    [property: JsonConverter(typeof(JsonStringEnumConverter))] MemberPosition Position,
    int AffiliationId, string Affiliation, int? BirthYear,
    [property: JsonConverter(typeof(JsonStringEnumConverter))] Gender? Gender,
    string? Phone, string? Skills, string? AssignedTasks, string? AssignedArea, DateOnly JoinedOn, DateOnly? LeftOn, string? LeaveReason, bool PublishContactConsent)
{
    /// <summary>Phones in full only for those who manage this team's roster.</summary>
    public MemberItem MaskedFor(AreaScope scope) => this with { Phone = scope.PhoneFor(TeamId, Phone) };
}
