using CongDongSo.Web.Data;
using CongDongSo.Web.Infrastructure.Auth;
using CongDongSo.Web.Infrastructure.Localization;
using CongDongSo.Web.Infrastructure.Web;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace CongDongSo.Web.Features.FieldWork;

/// <summary>
/// The offline field app's two calls: the package it keeps on the phone and the sync of the
/// sessions it queued. Both need the sign-in cookie; a 401 tells the phone to wipe its copy.
/// </summary>
public static class FieldWorkApi
{
    public const string ReplayHeader = "Idempotent-Replay";

    public static IEndpointRouteBuilder MapFieldWorkApi(this IEndpointRouteBuilder app)
    {
        var sync = app.MapGroup("/api/v1/sync").RequireAuthorization(Policies.RecordFieldWork).WithTags("Field work");
        // JSON only, so no form to forge; each item is checked by RecordSession, not the generic filter.
        sync.MapPost("/sessions", SyncAsync).DisableAntiforgery().DisableValidation();
        var field = app.MapGroup("/api/v1/field").RequireAuthorization(Policies.RecordFieldWork).WithTags("Field work");
        // About 1 KB of JSON a household before compression, a tenth after: it travels on 3G.
        field.MapGet("/package", PackageAsync).CompressResponse();
        return app;
    }

    private static async Task<Results<Ok<SyncResponse>, ValidationProblem, ProblemHttpResult>> SyncAsync(SyncRequest request, HttpContext http,
        SyncSessions sync, AppDbContext db, TimeProvider clock, IStringLocalizer<SharedResource> l)
    {
        var problems = sync.CheckBatch(request);
        if (problems.Count > 0)
        {
            return TypedResults.ValidationProblem(problems);
        }
        // One connection for the batch's dozen reads and its writes: EF Core would otherwise open,
        // set up and close one per query.
        await db.Database.OpenConnectionAsync(http.RequestAborted);
        try
        {
            return await SyncOpenAsync(request, http, sync, clock, l);
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    private static async Task<Results<Ok<SyncResponse>, ValidationProblem, ProblemHttpResult>> SyncOpenAsync(SyncRequest request, HttpContext http,
        SyncSessions sync, TimeProvider clock, IStringLocalizer<SharedResource> l)
    {
        var stored = await sync.StoredAsync(request, http.RequestAborted);
        if (stored is { SameBatch: false })
        {
            // RFC: an idempotency key reused for another request is the client's error, never the old answer.
            return TypedResults.Problem(statusCode: StatusCodes.Status422UnprocessableEntity,
                title: l["Khóa chống gửi trùng (idempotencyKey) này đã dùng cho một lô khác; hãy dùng khóa mới."]);
        }
        if (stored is not null)
        {
            http.Response.Headers[ReplayHeader] = "true";
            return TypedResults.Ok(stored.Response);
        }
        var (response, replayed) = await sync.RunAsync(request, clock.GetUtcNow().UtcDateTime, http.RequestAborted);
        if (replayed)
        {
            http.Response.Headers[ReplayHeader] = "true";
        }
        return TypedResults.Ok(response);
    }

    private static async Task<Ok<FieldPackage>> PackageAsync(HttpContext http, AppDbContext db, TimeProvider clock, IConfiguration configuration)
    {
        var package = await FieldPackage.BuildAsync(db, clock, configuration.GetValue("Field:MaxOfflineDays", FieldPackage.DefaultMaxOfflineDays), http.RequestAborted);
        // Names and birth years leave for a phone: an export of personal data, so it is audited.
        db.Audit(AuditAction.Export, nameof(FieldPackage), package.MemberId?.ToString(), db.Scope.HomeCommuneId,
            $"Gói dữ liệu ngoại tuyến: {package.Households.Count} hộ, {package.Households.Sum(h => h.Residents.Count)} người");
        await db.SaveChangesAsync(http.RequestAborted);
        http.Response.Headers.CacheControl = "no-store";
        return TypedResults.Ok(package);
    }
}
