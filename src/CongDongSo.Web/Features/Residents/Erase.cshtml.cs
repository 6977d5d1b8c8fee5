using CongDongSo.Web.Data;
using CongDongSo.Web.Infrastructure.Auth;
using CongDongSo.Web.Infrastructure.Localization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace CongDongSo.Web.Features.Residents;

/// <summary>
/// Erases a person's data at their request (Law 91/2025, the right to erasure) by anonymising the
/// row: name, full birth date, ID and phone go; birth year, gender, relation and the disability
/// marker stay with the readiness events and sessions, so past counts do not change.
/// </summary>
[Authorize(Policy = Policies.ViewCitizenId)]
public sealed class EraseModel(AppDbContext db, TimeProvider clock, IStringLocalizer<SharedResource> l) : PageModel
{
    /// <summary>The officer confirms the request was checked: an explicit tick.</summary>
    [BindProperty]
    public bool Confirm { get; set; }

    public Resident Resident { get; private set; } = null!;
    public string HouseholdCode { get; private set; } = "";

    public async Task<IActionResult> OnGetAsync(Guid id)
    {
        if (!await LoadAsync(id))
        {
            return NotFound();
        }
        return Resident.ErasedAtUtc is null ? Page() : Redirect($"/residents/{id}");
    }

    public async Task<IActionResult> OnPostAsync(Guid id)
    {
        if (!await LoadAsync(id))
        {
            return NotFound();
        }
        if (Resident.ErasedAtUtc is not null)
        {
            return Redirect($"/residents/{id}");
        }
        if (!Confirm)
        {
            ModelState.AddModelError(nameof(Confirm), l["Vui lòng xác nhận đã kiểm tra yêu cầu xóa dữ liệu của người dân."]);
            return Page();
        }
        var now = clock.GetUtcNow().UtcDateTime;
        var r = Resident;
        r.FullName = ResidentRules.ErasedName;
        r.SearchName = "";
        r.BirthDate = null;
        r.CitizenIdCipher = null;
        r.CitizenIdHash = null;
        r.CitizenIdTail = null;
        r.PhoneCipher = null;
        r.PhoneHash = null;
        r.PhoneTail = null;
        r.ConsentNote = null;
        r.ErasedAtUtc = now;
        r.UpdatedAtUtc = now;
        var household = await db.Households.FirstAsync(h => h.Id == r.HouseholdId);
        await PopulationQueries.RefreshHouseholdSearchTextAsync(db, household);
        // The usual row audit would copy the erased name into the log's "before": one line says what happened instead.
        db.SkipRowAudit = true;
        db.Audit(AuditAction.Update, nameof(Data.Resident), r.Id.ToString(), r.CommuneId, "personal data erased (anonymised) at the data subject's request");
        await db.SaveChangesAsync();
        TempData["Flash"] = l["Đã xóa dữ liệu cá nhân; các lần hỗ trợ vẫn được giữ trong số liệu."].Value;
        return Redirect($"/residents/{id}");
    }

    private async Task<bool> LoadAsync(Guid id)
    {
        var resident = await db.Residents.FirstOrDefaultAsync(r => r.Id == id);
        if (resident is null)
        {
            return false;
        }
        Resident = resident;
        HouseholdCode = await db.Households.Where(h => h.Id == resident.HouseholdId).Select(h => h.Code).FirstAsync();
        return true;
    }
}
