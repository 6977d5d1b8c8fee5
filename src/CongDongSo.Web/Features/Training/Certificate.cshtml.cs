using CongDongSo.Web.Data;
using CongDongSo.Web.Infrastructure.Auth;
using CongDongSo.Web.Infrastructure.Files;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace CongDongSo.Web.Features.Training;

/// <summary>A member's certificate, to whoever may see that member's completion (the scope decides); each read audited.</summary>
[Authorize(Policy = Policies.ViewTraining)]
public sealed class CertificateModel(AppDbContext db, PrivateFileStore files) : PageModel
{
    public async Task<IActionResult> OnGetAsync(Guid id)
    {
        var completion = await db.CourseCompletions.AsNoTracking().FirstOrDefaultAsync(c => c.Id == id);
        var stream = completion?.CertificateKey is { } key ? files.OpenRead(key) : null;
        if (completion is null || stream is null)
        {
            return NotFound();
        }
        db.Audit(AuditAction.Read, nameof(CourseCompletion), id.ToString(), completion.CommuneId, "certificate");
        await db.SaveChangesAsync();
        // Shown inline by the browser, never sniffed into something else (nosniff is set for every response).
        return File(stream, completion.CertificateType ?? "application/octet-stream");
    }
}
