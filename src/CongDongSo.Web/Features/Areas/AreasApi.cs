using CongDongSo.Web.Data;
using CongDongSo.Web.Infrastructure.Auth;
using CongDongSo.Web.Infrastructure.Text;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace CongDongSo.Web.Features.Areas;

/// <summary>Read-only JSON of the areas, bounded by the caller's scope like the pages (outside it: 404).</summary>
public static class AreasApi
{
    public static IEndpointRouteBuilder MapAreasApi(this IEndpointRouteBuilder app)
    {
        var provinces = app.MapGroup("/api/v1/provinces").RequireAuthorization(Policies.ViewAreas).WithTags("Areas");
        provinces.MapGet("/", GetProvincesAsync);
        var communes = app.MapGroup("/api/v1/communes").RequireAuthorization(Policies.ViewAreas).WithTags("Areas");
        communes.MapGet("/{id:int}", GetCommuneAsync);
        communes.MapGet("/{id:int}/neighbourhoods", GetNeighbourhoodsAsync);
        return app;
    }

    /// <summary>The active provinces the caller can see, with their active commune counts.</summary>
    public static async Task<Ok<ProvinceDto[]>> GetProvincesAsync(AppDbContext db, CancellationToken cancellationToken) =>
        TypedResults.Ok(await db.Provinces.Where(p => p.EffectiveTo == null).OrderBy(p => p.Code)
            .Select(p => new ProvinceDto(p.Id, p.Code, p.Name, p.EffectiveFrom, p.Communes.Count(c => c.EffectiveTo == null)))
            .ToArrayAsync(cancellationToken));

    public static async Task<Results<Ok<CommuneDto>, NotFound>> GetCommuneAsync(int id, AppDbContext db, CancellationToken cancellationToken)
    {
        var commune = await db.Communes.Where(c => c.Id == id)
            .Select(c => new CommuneDto(c.Id, c.Code, c.Name, c.Level.ToString(), c.ProvinceId, c.Province!.Code, c.Province.Name,
                c.EffectiveFrom, c.EffectiveTo, c.ZaloGroupNamePattern))
            .FirstOrDefaultAsync(cancellationToken);
        return commune is null ? TypedResults.NotFound() : TypedResults.Ok(commune);
    }

    /// <summary>The commune's neighbourhoods, active ones first; <paramref name="includeRetired"/> adds the ended ones.</summary>
    public static async Task<Results<Ok<NeighbourhoodDto[]>, NotFound>> GetNeighbourhoodsAsync(int id, AppDbContext db, CancellationToken cancellationToken,
        bool includeRetired = false)
    {
        if (!await db.Communes.AnyAsync(c => c.Id == id, cancellationToken))
        {
            return TypedResults.NotFound();
        }
        var rows = await db.Neighbourhoods.Where(n => n.CommuneId == id && (includeRetired || n.EffectiveTo == null))
            .Select(n => new NeighbourhoodDto(n.Id, n.Name, n.Kind.ToString(), n.Code, n.EffectiveFrom, n.EffectiveTo))
            .ToListAsync(cancellationToken);
        return TypedResults.Ok(rows.OrderBy(n => n.EffectiveTo is not null).ThenBy(n => n.Name, NaturalOrder.Comparer).ToArray());
    }
}

public sealed record ProvinceDto(int Id, string Code, string Name, DateOnly EffectiveFrom, int Communes);

public sealed record CommuneDto(int Id, string Code, string Name, string Level, int ProvinceId, string ProvinceCode, string ProvinceName,
    DateOnly EffectiveFrom, DateOnly? EffectiveTo, string ZaloGroupNamePattern);

public sealed record NeighbourhoodDto(Guid Id, string Name, string Kind, string? Code, DateOnly EffectiveFrom, DateOnly? EffectiveTo);
