using CongDongSo.Web.Data;
using CongDongSo.Web.Infrastructure.Auth;
using CongDongSo.Web.Infrastructure.Files;
using CongDongSo.Web.Infrastructure.Localization;
using CongDongSo.Web.Infrastructure.Text;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace CongDongSo.Web.Features.Community;

/// <summary>
/// One community event: what, when, where, who took part, its photos, and the support sessions
/// recorded at it — "people helped at the event" is counted from those, never typed.
/// </summary>
[Authorize(Policy = Policies.ViewCommunity)]
[RequestFormLimits(MultipartBodyLengthLimit = EventRules.RequestLimit)]
[RequestSizeLimit(EventRules.RequestLimit)]
public sealed class DetailModel(AppDbContext db, TimeProvider clock, PrivateFileStore files, IStringLocalizer<SharedResource> l) : PageModel
{
    public EventRow Event { get; private set; } = null!;
    public CommunityEvent Stored { get; private set; } = null!;
    public List<string> Members { get; private set; } = [];
    public List<Guid> PhotoIds { get; private set; } = [];
    public List<EventSession> Sessions { get; private set; } = [];
    public bool CanEdit { get; private set; }
    public bool CanRecordSessions => db.Scope.Role is { } role && Policies.Allows(Policies.RecordFieldWork, role);

    [BindProperty]
    public List<IFormFile> Photos { get; set; } = [];

    public async Task<IActionResult> OnGetAsync(Guid id) => await LoadAsync(id) ? Page() : NotFound();

    public async Task<IActionResult> OnPostPhotosAsync(Guid id, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(id) || !CanEdit)
        {
            return NotFound();
        }
        var (photos, errors) = await EventRules.CheckPhotosAsync(Photos, l, cancellationToken);
        if (photos.Count == 0 && errors.Count == 0)
        {
            errors.Add(l["Ảnh: vui lòng chọn ít nhất một ảnh."]);
        }
        foreach (var error in errors)
        {
            ModelState.AddModelError(nameof(Photos), error);
        }
        if (!ModelState.IsValid)
        {
            return Page();
        }
        var tracked = await db.CommunityEvents.FirstAsync(e => e.Id == id, cancellationToken);
        await EventRules.SaveWithPhotosAsync(db, files, tracked, photos, clock.GetUtcNow().UtcDateTime, cancellationToken);
        TempData["Flash"] = l["Đã thêm {0} ảnh.", photos.Count].Value;
        return Redirect($"/activities/{id}");
    }

    public async Task<IActionResult> OnPostDeletePhotoAsync(Guid id, Guid photoId)
    {
        if (!await LoadAsync(id) || !CanEdit)
        {
            return NotFound();
        }
        var photo = await db.CommunityEventPhotos.FirstOrDefaultAsync(p => p.Id == photoId && p.EventId == id);
        if (photo is null)
        {
            return NotFound();
        }
        db.CommunityEventPhotos.Remove(photo);
        await db.SaveChangesAsync();
        files.Delete(photo.FileKey);
        TempData["Flash"] = l["Đã xóa ảnh."].Value;
        return Redirect($"/activities/{id}");
    }

    private async Task<bool> LoadAsync(Guid id)
    {
        var row = (await EventQueries.RowsAsync(db, db.CommunityEvents.Where(e => e.Id == id), 1)).FirstOrDefault();
        if (row is null)
        {
            return false;
        }
        Event = row;
        Stored = await db.CommunityEvents.AsNoTracking().FirstAsync(e => e.Id == id);
        CanEdit = db.Scope.Role is { } role && Policies.Allows(Policies.RecordCommunity, role) && db.Scope.Allows(Stored);
        Members = [.. (await db.Members.IgnoreQueryFilters()
                .Where(m => m.CommuneId == row.CommuneId && db.CommunityEventMembers.Any(x => x.EventId == id && x.MemberId == m.Id))
                .Select(m => m.FullName).ToListAsync())
            .Order(NaturalOrder.Comparer)];
        PhotoIds = await db.CommunityEventPhotos.Where(p => p.EventId == id).OrderBy(p => p.UploadedAtUtc).Select(p => p.Id).ToListAsync();
        Sessions = await db.SupportSessions.Where(s => s.CommunityEventId == id).OrderBy(s => s.OccurredAtUtc)
            .Select(s => new EventSession(s.Id, s.OccurredAtUtc, s.Residents.Count,
                db.Teams.Where(t => t.Id == s.TeamId).Select(t => t.Name).FirstOrDefault() ?? ""))
            .Take(500).ToListAsync();
        return true;
    }
}

public sealed record EventSession(Guid Id, DateTime OccurredAtUtc, int People, string Team);
