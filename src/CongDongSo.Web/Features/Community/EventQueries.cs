using CongDongSo.Web.Data;
using CongDongSo.Web.Infrastructure.Localization;
using CongDongSo.Web.Infrastructure.Rules;
using CongDongSo.Web.Infrastructure.Text;
using CongDongSo.Web.Infrastructure.Web;
using Microsoft.EntityFrameworkCore;

namespace CongDongSo.Web.Features.Community;

/// <summary>An event as lists, the calendar and the API show it: people helped come from the sessions linked to it.</summary>
public sealed record EventRow(Guid Id, int CommuneId, Guid? TeamId, string? Team, int? ModelId, string? Model, string Title, DateTime StartsAtUtc, DateTime? EndsAtUtc,
    string? Place, List<Guid> NeighbourhoodIds, List<string> Neighbourhoods, int? ParticipantCount, int Members, int Photos, int Sessions, int PeopleHelped)
{
    public DateOnly Day => DateOnly.FromDateTime(StartsAtUtc.InVietnam());
}

public static class EventQueries
{
    /// <summary>Events in the scope, optionally of a model, a neighbourhood (events for it or the whole ward) and a period of Vietnam days.</summary>
    public static IQueryable<CommunityEvent> Filter(AppDbContext db, int? modelId, Guid? neighbourhoodId, DateOnly? from, DateOnly? to)
    {
        (from, to) = (InputRules.ClampDay(from), InputRules.ClampDay(to));
        var events = db.CommunityEvents.AsQueryable();
        if (modelId is { } model)
        {
            events = events.Where(e => e.ModelId == model);
        }
        if (neighbourhoodId is { } neighbourhood)
        {
            events = events.Where(e => e.Neighbourhoods.Any(n => n.NeighbourhoodId == neighbourhood) || !e.Neighbourhoods.Any());
        }
        if (from is { } first)
        {
            var since = VietnamTime.StartOfDayUtc(first);
            events = events.Where(e => e.StartsAtUtc >= since);
        }
        if (to is { } last)
        {
            var before = VietnamTime.StartOfDayUtc(last.AddDays(1));
            events = events.Where(e => e.StartsAtUtc < before);
        }
        return events;
    }

    public static async Task<List<EventRow>> RowsAsync(AppDbContext db, IQueryable<CommunityEvent> events, int limit)
    {
        var rows = await events.OrderByDescending(e => e.StartsAtUtc).Take(limit)
            .Select(e => new
            {
                e.Id, e.CommuneId, e.TeamId, Team = db.Teams.Where(t => t.Id == e.TeamId).Select(t => t.Name).FirstOrDefault(),
                e.ModelId, Model = db.CommunityModels.Where(m => m.Id == e.ModelId).Select(m => m.Name).FirstOrDefault(),
                e.Title, e.StartsAtUtc, e.EndsAtUtc, e.Place, e.ParticipantCount,
                Neighbourhoods = e.Neighbourhoods.Select(n => n.NeighbourhoodId).ToList(),
                Members = e.Members.Count, Photos = e.Photos.Count,
                Sessions = db.SupportSessions.Count(s => s.CommunityEventId == e.Id),
                Helped = db.SupportSessionResidents.Where(r => db.SupportSessions.Any(s => s.Id == r.SessionId && s.CommunityEventId == e.Id))
                    .Select(r => r.ResidentId).Distinct().Count(),
            })
            .ToListAsync();
        var ids = rows.SelectMany(r => r.Neighbourhoods).Distinct().ToList();
        var names = await db.Neighbourhoods.IgnoreQueryFilters().Where(n => ids.Contains(n.Id)).ToDictionaryAsync(n => n.Id, n => n.Name);
        return [.. rows.Select(r => new EventRow(r.Id, r.CommuneId, r.TeamId, r.Team, r.ModelId, r.Model, r.Title, r.StartsAtUtc, r.EndsAtUtc, r.Place,
            r.Neighbourhoods, [.. r.Neighbourhoods.Select(n => names.GetValueOrDefault(n, "")).Order(NaturalOrder.Comparer)],
            r.ParticipantCount, r.Members, r.Photos, r.Sessions, r.Helped))];
    }

    /// <summary>What the event form offers: the commune's models, neighbourhoods, members and (for an officer) teams.</summary>
    public static async Task<EventChoices> ChoicesAsync(AppDbContext db, int communeId)
    {
        var models = await db.CommunityModels.AsNoTracking().Where(m => m.IsActive && (m.CommuneId == null || m.CommuneId == communeId))
            .OrderBy(m => m.CommuneId != null).ThenBy(m => m.SortOrder).Select(m => new Choice<int>(m.Id, m.Name)).ToListAsync();
        var neighbourhoods = await db.Neighbourhoods.AsNoTracking().Where(n => n.CommuneId == communeId && n.EffectiveTo == null)
            .Select(n => new Choice<Guid>(n.Id, n.Name)).ToListAsync();
        var members = await db.Members.AsNoTracking().Where(m => m.CommuneId == communeId && m.LeftOn == null)
            .Select(m => new { m.Id, m.FullName, Team = m.Team!.Name }).ToListAsync();
        var teams = db.Scope.AllTeams
            ? await db.Teams.AsNoTracking().Where(t => t.CommuneId == communeId && t.DissolvedOn == null).Select(t => new Choice<Guid>(t.Id, t.Name)).ToListAsync()
            : [];
        return new EventChoices(models,
            [.. neighbourhoods.OrderBy(n => n.Text, NaturalOrder.Comparer)],
            [.. members.OrderBy(m => m.Team, NaturalOrder.Comparer).ThenBy(m => m.FullName, NaturalOrder.Comparer).Select(m => new Choice<Guid>(m.Id, $"{m.FullName} ({m.Team})"))],
            [.. teams.OrderBy(t => t.Text, NaturalOrder.Comparer)]);
    }
}

public sealed record EventChoices(List<Choice<int>> Models, List<Choice<Guid>> Neighbourhoods, List<Choice<Guid>> Members, List<Choice<Guid>> Teams)
{
    public static readonly EventChoices None = new([], [], [], []);
}
