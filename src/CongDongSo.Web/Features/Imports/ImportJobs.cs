using System.Collections.Concurrent;
using System.Globalization;
using CongDongSo.Web.Data;
using CongDongSo.Web.Infrastructure.Auth;
using CongDongSo.Web.Infrastructure.Localization;
using CongDongSo.Web.Infrastructure.Privacy;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace CongDongSo.Web.Features.Imports;

/// <summary>One run of an uploaded sheet, in the background: its live result and when it started.</summary>
public sealed class ImportJob(ImportUpload upload, ImportMode mode, DateTime startedAtUtc)
{
    public ImportUpload Upload { get; } = upload;
    public ImportMode Mode { get; } = mode;
    public DateTime StartedAtUtc { get; } = startedAtUtc;
    public PopulationImportResult Result { get; } = new() { Kind = upload.Kind, Mode = mode };
    public bool Running => !Result.Finished;
}

/// <summary>
/// Runs imports off the request, so a long sheet shows its progress (rows read, rows done) instead of a
/// page that hangs until a proxy gives up. One run at a time per commune: two at once would race on
/// the same households. Runs and their results are kept in memory for <see cref="ImportUploads.Lifetime"/>;
/// a run cut by a restart leaves nothing half-written (it is one transaction).
/// </summary>
public sealed class ImportJobs(IServiceScopeFactory scopes, IHostApplicationLifetime lifetime, TimeProvider clock, ILogger<ImportJobs> logger)
{
    private readonly ConcurrentDictionary<string, ImportJob> _jobs = new(StringComparer.Ordinal);
    private readonly Lock _starting = new();

    /// <summary>The latest run of the upload <paramref name="token"/>, when it is <paramref name="ownerId"/>'s.</summary>
    public ImportJob? Find(string? token, Guid? ownerId) =>
        token is not null && _jobs.TryGetValue(token, out var job) && job.Upload.OwnerId == ownerId ? job : null;

    /// <summary>Starts the run, or returns null when another run of the commune is still going.</summary>
    public ImportJob? Start(ImportUpload upload, ColumnMap map, ImportMode mode, Guid userId, ImportUploads uploads)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        foreach (var (token, old) in _jobs)
        {
            if (!old.Running && old.StartedAtUtc < now - ImportUploads.Lifetime)
            {
                _jobs.TryRemove(token, out _);
            }
        }
        ImportJob job;
        lock (_starting)
        {
            if (_jobs.Values.Any(j => j.Running && j.Upload.CommuneId == upload.CommuneId))
            {
                return null;
            }
            job = new ImportJob(upload, mode, now);
            _jobs[upload.Token] = job;
        }
        var culture = CultureInfo.CurrentUICulture;
        _ = Task.Run(() => RunAsync(job, map, userId, uploads, culture), CancellationToken.None);
        return job;
    }

    private async Task RunAsync(ImportJob job, ColumnMap map, Guid userId, ImportUploads uploads, CultureInfo culture)
    {
        CultureInfo.CurrentUICulture = culture;
        var upload = job.Upload;
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            var services = scope.ServiceProvider;
            var db = services.GetRequiredService<AppDbContext>();
            var user = await db.Users.AsNoTracking().SingleAsync(u => u.Id == userId, lifetime.ApplicationStopping);
            // The run sees and writes what its user may, exactly as the request would have.
            await AreaScopeMiddleware.ApplyAsync(services.GetRequiredService<AreaScope>(), db, user, lifetime.ApplicationStopping);
            var import = new ImportPopulation(db, services.GetRequiredService<PersonalDataProtector>(), clock,
                services.GetRequiredService<IStringLocalizer<SharedResource>>());
            await import.RunAsync(new PopulationImportRequest(upload.Kind, upload.CommuneId, upload.Path, upload.FileName, upload.HeaderRow, map, job.Mode),
                job.Result, lifetime.ApplicationStopping);
            if (job.Result.Written)
            {
                uploads.Delete(upload);
            }
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            logger.LogError(e, "Import {Token} failed.", upload.Token);
            job.Result.AddFileError(new Infrastructure.Imports.ImportError(null, null, "Lỗi máy chủ khi nhập; chưa ghi gì. Hãy thử lại."));
        }
        finally
        {
            job.Result.Finished = true;
        }
    }
}
