using CongDongSo.Web.Data;
using CongDongSo.Web.Infrastructure.Localization;
using CongDongSo.Web.Infrastructure.Auth;
using CongDongSo.Web.Infrastructure.Exports;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace CongDongSo.Web.Features.Members;

/// <summary>The current roster filter as .xlsx for the Department. Every export is audited.</summary>
[Authorize(Policy = Policies.ExportRoster)]
public sealed class ExportModel(AppDbContext db, TimeProvider clock) : PageModel
{
    public async Task<IActionResult> OnGetAsync([FromQuery] MemberFilter filter)
    {
        // A commune outside the area does not exist: no empty file, no audit line about it.
        if (filter.Commune is { } commune && !await db.Communes.AnyAsync(c => c.Id == commune))
        {
            return NotFound();
        }
        var today = clock.Today();
        var rows = await MemberExport.LoadAsync(db, filter.Apply(db.Members, today.Year, matchPhones: db.Scope.SearchesPhones()));
        var (area, communeId) = await MemberExport.AreaAsync(db, db.Scope, filter, rows);
        var summary = $"{rows.Count} rows, filter {filter.Describe()}";
        db.Audit(AuditAction.Export, nameof(Member), null, communeId, summary.Length <= 500 ? summary : summary[..500]);
        await db.SaveChangesAsync();
        return File(MemberExport.Write(rows), XlsxWriter.ContentType, MemberExport.FileName(area, today));
    }
}
