using CongDongSo.Web.Data;
using CongDongSo.Web.Infrastructure.Auth;
using CongDongSo.Web.Infrastructure.Localization;
using CongDongSo.Web.Infrastructure.Privacy;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace CongDongSo.Web.Features.Residents;

/// <summary>Corrects a resident's record (the data subject's right to correction). An erased record stays erased.</summary>
[Authorize(Policy = Policies.ManagePopulation)]
public sealed class EditModel(AppDbContext db, TimeProvider clock, PersonalDataProtector protector, IStringLocalizer<SharedResource> l)
    : PageModel, IResidentForm
{
    [BindProperty]
    public ResidentInput Input { get; set; } = new();

    public Resident Resident { get; private set; } = null!;
    public Household Household { get; private set; } = null!;
    public string MaskedCitizenId => PersonalDataProtector.MaskedCitizenId(Resident.CitizenIdTail);
    public DateTime? ConsentAtUtc => Resident.ConsentAtUtc;
    public string? ConsentNote => Resident.ConsentNote;

    public async Task<IActionResult> OnGetAsync(Guid id)
    {
        if (!await LoadAsync(id))
        {
            return NotFound();
        }
        if (Resident.ErasedAtUtc is not null)
        {
            return Erased();
        }
        Input = new ResidentInput
        {
            FullName = Resident.FullName,
            BirthDate = Resident.BirthDate?.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
            BirthYear = Resident.BirthDate is null ? Resident.BirthYear : null,
            Gender = Resident.Gender,
            Relation = Resident.Relation,
            Phone = protector.Decrypt(Resident.PhoneCipher),
            HasDisability = Resident.HasDisability,
        };
        // The form shows the full record: a read of personal data.
        db.Audit(AuditAction.Read, nameof(Data.Resident), Resident.Id.ToString(), Resident.CommuneId, null);
        await db.SaveChangesAsync();
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(Guid id)
    {
        if (!await LoadAsync(id))
        {
            return NotFound();
        }
        if (Resident.ErasedAtUtc is not null)
        {
            return Erased();
        }
        var (errors, checkedInput) = await ResidentRules.CheckAsync(db, l, protector, clock.Today(), Input, Household, Resident);
        foreach (var error in errors)
        {
            ModelState.AddModelError("Input." + error.Field, error.Message);
        }
        if (!ModelState.IsValid || checkedInput is null)
        {
            return Page();
        }
        var now = clock.GetUtcNow().UtcDateTime;
        ResidentRules.Apply(Input, checkedInput, Resident, Household, protector, now);
        await PopulationQueries.RefreshHouseholdSearchTextAsync(db, Household);
        await db.SaveChangesAsync();
        TempData["Flash"] = l["Đã lưu thông tin {0}.", Resident.FullName].Value;
        return Redirect($"/residents/{Resident.Id}");
    }

    private RedirectResult Erased()
    {
        TempData["Flash"] = l["Dữ liệu của người này đã được xóa, không thể sửa."].Value;
        return Redirect($"/residents/{Resident.Id}");
    }

    private async Task<bool> LoadAsync(Guid id)
    {
        var resident = await db.Residents.FirstOrDefaultAsync(r => r.Id == id);
        if (resident is null)
        {
            return false;
        }
        Resident = resident;
        Household = await db.Households.FirstAsync(h => h.Id == resident.HouseholdId);
        return true;
    }
}
