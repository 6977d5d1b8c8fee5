using CongDongSo.Web.Data;
using CongDongSo.Web.Infrastructure.Auth;
using CongDongSo.Web.Infrastructure.Files;
using CongDongSo.Web.Infrastructure.Localization;
using CongDongSo.Web.Infrastructure.Text;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace CongDongSo.Web.Features.Plans;

/// <summary>
/// A plan task and its evidence: the ward's activities and communication items of the plan's year,
/// a link elsewhere or a file kept with the task, each pointing at what shows the task was done.
/// </summary>
[Authorize(Policy = Policies.ViewPlans)]
[RequestFormLimits(MultipartBodyLengthLimit = RequestLimit)]
[RequestSizeLimit(RequestLimit)]
public sealed class TaskEvidenceModel(AppDbContext db, TimeProvider clock, PrivateFileStore files, IStringLocalizer<SharedResource> l) : PageModel
{
    public const long RequestLimit = 10 * UploadRules.MiB + 64 * 1024;

    public Data.Plan Plan { get; private set; } = null!;
    public PlanTask Task { get; private set; } = null!;
    public List<PlanTaskEvidence> Evidence { get; private set; } = [];
    public List<(Guid Id, string Title, DateTime At)> Activities { get; private set; } = [];
    public List<(Guid Id, string Title, DateOnly On)> Communications { get; private set; } = [];
    public string? Error { get; private set; }
    public bool Manages => db.Scope.Role is { } role && Policies.Allows(Policies.ManagePlans, role);

    public async Task<IActionResult> OnGetAsync(Guid id, Guid taskId) => await LoadAsync(id, taskId) ? Page() : NotFound();

    public async Task<IActionResult> OnPostAddActivityAsync(Guid id, Guid taskId, Guid? eventId, CancellationToken cancellationToken)
    {
        if (!Manages)
        {
            return Forbid();
        }
        if (!await LoadAsync(id, taskId))
        {
            return NotFound();
        }
        var chosen = Activities.FirstOrDefault(a => a.Id == eventId);
        return chosen.Id == Guid.Empty ? Refuse(l["Chọn một hoạt động của phường, xã trong năm kế hoạch."])
            : await AddAsync(new PlanTaskEvidence { CommuneId = Plan.CommuneId, TaskId = Task.Id, Kind = EvidenceKind.Activity, CommunityEventId = chosen.Id, Title = chosen.Title }, cancellationToken);
    }

    public async Task<IActionResult> OnPostAddCommunicationAsync(Guid id, Guid taskId, Guid? itemId, CancellationToken cancellationToken)
    {
        if (!Manages)
        {
            return Forbid();
        }
        if (!await LoadAsync(id, taskId))
        {
            return NotFound();
        }
        var chosen = Communications.FirstOrDefault(c => c.Id == itemId);
        return chosen.Id == Guid.Empty ? Refuse(l["Chọn một tin bài, truyền thông của phường, xã trong năm kế hoạch."])
            : await AddAsync(new PlanTaskEvidence { CommuneId = Plan.CommuneId, TaskId = Task.Id, Kind = EvidenceKind.Communication, CommunicationItemId = chosen.Id, Title = chosen.Title }, cancellationToken);
    }

    public async Task<IActionResult> OnPostAddLinkAsync(Guid id, Guid taskId, string? url, string? title, CancellationToken cancellationToken)
    {
        if (!Manages)
        {
            return Forbid();
        }
        if (!await LoadAsync(id, taskId))
        {
            return NotFound();
        }
        if (!Uri.TryCreate(url?.Trim(), UriKind.Absolute, out var link) || link.Scheme is not ("http" or "https") || link.OriginalString.Length > 500)
        {
            return Refuse(l["Đường dẫn phải bắt đầu bằng http:// hoặc https:// (tối đa 500 ký tự)."]);
        }
        var name = VietnameseText.Clean(title) ?? link.Host;
        return name.Length > 500 ? Refuse(l["Tên minh chứng tối đa 500 ký tự."])
            : await AddAsync(new PlanTaskEvidence { CommuneId = Plan.CommuneId, TaskId = Task.Id, Kind = EvidenceKind.Link, Url = link.OriginalString, Title = name }, cancellationToken);
    }

    /// <summary>A file kept with the task: a PDF or a photo (a scanned signed report), checked by its content.</summary>
    public async Task<IActionResult> OnPostAddFileAsync(Guid id, Guid taskId, IFormFile? file, string? fileTitle, CancellationToken cancellationToken)
    {
        if (!Manages)
        {
            return Forbid();
        }
        if (!await LoadAsync(id, taskId))
        {
            return NotFound();
        }
        if (file is null)
        {
            return Refuse(l["Chọn tệp minh chứng (PDF hoặc ảnh, tối đa 10 MB)."]);
        }
        CheckedUpload? upload;
        await using (var stream = file.OpenReadStream())
        {
            var (checkedUpload, error) = await Uploads.CheckAsync(stream, file.FileName, l["Tệp minh chứng"], UploadRules.Certificate, l, cancellationToken);
            if (error is not null)
            {
                return Refuse(error);
            }
            upload = checkedUpload!;
        }
        var name = VietnameseText.Clean(fileTitle) ?? VietnameseText.Clean(Path.GetFileName(file.FileName)) ?? l["Tệp minh chứng"].Value;
        if (name.Length > 500)
        {
            return Refuse(l["Tên minh chứng tối đa 500 ký tự."]);
        }
        return await files.SaveWithAsync(Plan.CommuneId, upload, key => AddAsync(new PlanTaskEvidence
        {
            CommuneId = Plan.CommuneId, TaskId = Task.Id, Kind = EvidenceKind.File, FileKey = key, FileType = upload.ContentType, Title = name,
        }, cancellationToken), cancellationToken);
    }

    /// <summary>The file of an evidence, within the area (another ward's is not found).</summary>
    public async Task<IActionResult> OnGetFileAsync(Guid id, Guid taskId, Guid evidenceId)
    {
        var evidence = await db.TaskEvidence.AsNoTracking()
            .Where(e => e.Id == evidenceId && e.TaskId == taskId && e.Kind == EvidenceKind.File && db.PlanTasks.Any(t => t.Id == taskId && t.PlanId == id))
            .Select(e => new { e.FileKey, e.FileType }).FirstOrDefaultAsync();
        var stream = evidence?.FileKey is { } key ? files.OpenRead(key) : null;
        return stream is null ? NotFound() : File(stream, evidence!.FileType ?? "application/octet-stream");
    }

    public async Task<IActionResult> OnPostDeleteAsync(Guid id, Guid taskId, Guid evidenceId, CancellationToken cancellationToken)
    {
        if (!Manages)
        {
            return Forbid();
        }
        var evidence = await db.TaskEvidence.FirstOrDefaultAsync(e => e.Id == evidenceId && e.TaskId == taskId, cancellationToken);
        if (evidence is null || !await db.PlanTasks.AnyAsync(t => t.Id == taskId && t.PlanId == id, cancellationToken))
        {
            return NotFound();
        }
        db.TaskEvidence.Remove(evidence);
        await db.SaveChangesAsync(cancellationToken);
        if (evidence.FileKey is { } key)
        {
            files.Delete(key); // after the row is gone: a failed save keeps both
        }
        TempData["Flash"] = l["Đã bỏ minh chứng."].Value;
        return Redirect($"/plans/{id}/tasks/{taskId}");
    }

    private PageResult Refuse(string message)
    {
        Error = message;
        return Page();
    }

    private async Task<IActionResult> AddAsync(PlanTaskEvidence evidence, CancellationToken cancellationToken)
    {
        evidence.AddedAtUtc = clock.GetUtcNow().UtcDateTime;
        evidence.AddedByUserId = db.Scope.UserId;
        db.TaskEvidence.Add(evidence);
        await db.SaveChangesAsync(cancellationToken);
        TempData["Flash"] = l["Đã thêm minh chứng."].Value;
        return Redirect($"/plans/{Plan.Id}/tasks/{Task.Id}");
    }

    private async Task<bool> LoadAsync(Guid id, Guid taskId)
    {
        var plan = await db.Plans.AsNoTracking().FirstOrDefaultAsync(p => p.Id == id);
        var task = plan is null ? null : await db.PlanTasks.AsNoTracking().FirstOrDefaultAsync(t => t.Id == taskId && t.PlanId == id);
        if (plan is null || task is null)
        {
            return false;
        }
        Plan = plan;
        Task = task;
        Evidence = await db.TaskEvidence.AsNoTracking().Where(e => e.TaskId == taskId).OrderBy(e => e.AddedAtUtc).ToListAsync();
        if (Manages)
        {
            var from = VietnamTime.StartOfDayUtc(new DateOnly(plan.Year, 1, 1));
            var to = VietnamTime.StartOfDayUtc(new DateOnly(plan.Year + 1, 1, 1));
            Activities = [.. (await db.CommunityEvents.AsNoTracking().Where(e => e.CommuneId == plan.CommuneId && e.StartsAtUtc >= from && e.StartsAtUtc < to)
                .OrderByDescending(e => e.StartsAtUtc).Take(300).Select(e => new { e.Id, e.Title, e.StartsAtUtc }).ToListAsync()).Select(e => (e.Id, e.Title, e.StartsAtUtc))];
            var first = new DateOnly(plan.Year, 1, 1);
            var last = new DateOnly(plan.Year, 12, 31);
            Communications = [.. (await db.CommunicationItems.AsNoTracking().Where(c => c.CommuneId == plan.CommuneId && c.PublishedOn >= first && c.PublishedOn <= last)
                .OrderByDescending(c => c.PublishedOn).Take(300).Select(c => new { c.Id, c.Title, c.PublishedOn }).ToListAsync()).Select(c => (c.Id, c.Title, c.PublishedOn))];
        }
        return true;
    }
}
