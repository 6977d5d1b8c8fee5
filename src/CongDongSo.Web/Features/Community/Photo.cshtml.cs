using CongDongSo.Web.Data;
using CongDongSo.Web.Infrastructure.Auth;
using CongDongSo.Web.Infrastructure.Files;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace CongDongSo.Web.Features.Community;

/// <summary>An event's photo, to whoever may see the event (the scope of the event decides, not the photo's id).</summary>
[Authorize(Policy = Policies.ViewCommunity)]
public sealed class PhotoModel(AppDbContext db, PrivateFileStore files) : PageModel
{
    public async Task<IActionResult> OnGetAsync(Guid id)
    {
        var photo = await db.CommunityEventPhotos.AsNoTracking()
            .Where(p => p.Id == id && db.CommunityEvents.Any(e => e.Id == p.EventId))
            .Select(p => new { p.FileKey, p.ContentType })
            .FirstOrDefaultAsync();
        var stream = photo is null ? null : files.OpenRead(photo.FileKey);
        if (stream is null)
        {
            return NotFound();
        }
        Response.Headers.CacheControl = "private, max-age=86400";
        return File(stream, photo!.ContentType);
    }
}
