using System.Text.Json.Serialization;
using CongDongSo.Web.Data;
using CongDongSo.Web.Infrastructure.Auth;
using CongDongSo.Web.Infrastructure.Localization;
using CongDongSo.Web.Infrastructure.Web;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace CongDongSo.Web.Features.Community;

/// <summary>Community events and communication items as JSON, by area and period. Another team's do not exist (404).</summary>
public static class CommunityApi
{
    public static IEndpointRouteBuilder MapCommunityApi(this IEndpointRouteBuilder app)
    {
        var activities = app.MapGroup("/api/v1/activities").WithTags("Community activities").RequireAuthorization(Policies.ViewCommunity);
        activities.MapGet("/", ListEventsAsync);
        activities.MapGet("/{id:guid}", GetEventAsync);
        activities.MapPost("/", CreateEventAsync).RequireAuthorization(Policies.RecordCommunity).DisableValidation();
        var communications = app.MapGroup("/api/v1/communications").WithTags("Communications").RequireAuthorization(Policies.ViewCommunity);
        communications.MapGet("/", ListCommunicationsAsync);
        communications.MapPost("/", CreateCommunicationAsync).RequireAuthorization(Policies.RecordCommunity).DisableValidation();
        return app;
    }

    private static async Task<Ok<List<EventRow>>> ListEventsAsync(AppDbContext db, DateOnly? from, DateOnly? to, Guid? neighbourhoodId, int? modelId) =>
        TypedResults.Ok(await EventQueries.RowsAsync(db, EventQueries.Filter(db, modelId, neighbourhoodId, from, to), 1000));

    private static async Task<Results<Ok<EventRow>, NotFound>> GetEventAsync(Guid id, AppDbContext db)
    {
        var row = (await EventQueries.RowsAsync(db, db.CommunityEvents.Where(e => e.Id == id), 1)).FirstOrDefault();
        return row is null ? TypedResults.NotFound() : TypedResults.Ok(row);
    }

    private static async Task<Results<Created<EventRow>, ValidationProblem>> CreateEventAsync(EventInput input, int? communeId, AppDbContext db, TimeProvider clock,
        IStringLocalizer<SharedResource> l)
    {
        var commune = await PopulationQueries.CommuneAsync(db, communeId);
        if (commune is null)
        {
            return new[] { new FieldError("communeId", l["Vui lòng chọn phường/xã."]) }.ToProblem();
        }
        var errors = await EventRules.CheckAsync(db, l, commune.Id, input, clock.Today());
        if (errors.Count > 0)
        {
            return errors.ToProblem();
        }
        var now = clock.GetUtcNow().UtcDateTime;
        var created = new CommunityEvent { CommuneId = commune.Id, Title = input.Title!, RecordedByUserId = db.Scope.UserId ?? Guid.Empty, CreatedAtUtc = now };
        EventRules.Apply(created, input, now);
        db.CommunityEvents.Add(created);
        await db.SaveChangesAsync();
        var row = (await EventQueries.RowsAsync(db, db.CommunityEvents.Where(e => e.Id == created.Id), 1)).First();
        return TypedResults.Created($"/api/v1/activities/{created.Id}", row);
    }

    private static async Task<Ok<List<CommunicationApiItem>>> ListCommunicationsAsync(AppDbContext db, DateOnly? from, DateOnly? to, Guid? neighbourhoodId,
        CommunicationKind? kind)
    {
        var items = db.CommunicationItems.AsNoTracking();
        if (from is { } first)
        {
            items = items.Where(c => c.PublishedOn >= first);
        }
        if (to is { } last)
        {
            items = items.Where(c => c.PublishedOn <= last);
        }
        if (neighbourhoodId is { } neighbourhood)
        {
            items = items.Where(c => c.NeighbourhoodId == neighbourhood || c.NeighbourhoodId == null);
        }
        if (kind is { } k)
        {
            items = items.Where(c => c.Kind == k);
        }
        return TypedResults.Ok(await Items(items.OrderByDescending(c => c.PublishedOn).Take(1000)).ToListAsync());
    }

    private static async Task<Results<Created<CommunicationApiItem>, ValidationProblem>> CreateCommunicationAsync(CommunicationInput input, int? communeId,
        AppDbContext db, TimeProvider clock, IStringLocalizer<SharedResource> l)
    {
        var commune = await PopulationQueries.CommuneAsync(db, communeId);
        if (commune is null)
        {
            return new[] { new FieldError("communeId", l["Vui lòng chọn phường/xã."]) }.ToProblem();
        }
        var errors = await CommunicationRules.CheckAsync(db, l, commune.Id, input, clock.Today());
        if (errors.Count > 0)
        {
            return errors.ToProblem();
        }
        var item = CommunicationRules.NewItem(db, commune.Id, input, clock.GetUtcNow().UtcDateTime);
        db.CommunicationItems.Add(item);
        await db.SaveChangesAsync();
        return TypedResults.Created($"/api/v1/communications?from={item.PublishedOn:yyyy-MM-dd}", await Items(db.CommunicationItems.Where(c => c.Id == item.Id)).FirstAsync());
    }

    private static IQueryable<CommunicationApiItem> Items(IQueryable<CommunicationItem> items) =>
        items.Select(c => new CommunicationApiItem(c.Id, c.CommuneId, c.TeamId, c.Kind, c.PublishedOn, c.Title, c.Channel, c.Url, c.FileKey != null, c.NeighbourhoodId, c.MadeBy, c.Reach));
}

/// <summary>A communication item as JSON; the kind by name ("PortalNews").</summary>
public sealed record CommunicationApiItem(Guid Id, int CommuneId, Guid? TeamId,
    [property: JsonConverter(typeof(JsonStringEnumConverter))] CommunicationKind Kind,
    DateOnly PublishedOn, string Title, string? Channel, string? Url, bool HasFile, Guid? NeighbourhoodId, string? MadeBy, int? Reach);
