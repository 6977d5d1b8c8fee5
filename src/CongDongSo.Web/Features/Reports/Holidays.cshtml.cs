using CongDongSo.Web.Data;
using CongDongSo.Web.Infrastructure.Auth;
using CongDongSo.Web.Infrastructure.Localization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace CongDongSo.Web.Features.Reports;

/// <summary>
/// The days off the reporting calendar knows: the national holidays of a year, and the ward's own
/// days (a day off moved by a local decision), which the ward officer adds and removes.
/// </summary>
[Authorize(Policy = Policies.ViewPlans)]
public sealed class HolidaysModel(AppDbContext db, TimeProvider clock, IStringLocalizer<SharedResource> l) : PageModel
{
    public int Year { get; private set; }
    public List<Holiday> Days { get; private set; } = [];
    public bool Manages => db.Scope.Role is { } role && Policies.Allows(Policies.ManagePlans, role) && db.Scope.HomeCommuneId is not null;

    [BindProperty]
    public DateOnly? NewDate { get; set; }

    [BindProperty]
    public string? NewName { get; set; }

    public async Task OnGetAsync(int? year, CancellationToken cancellationToken) => await LoadAsync(year, cancellationToken);

    public async Task<IActionResult> OnPostAddAsync(int? year, CancellationToken cancellationToken)
    {
        if (!Manages)
        {
            return Forbid();
        }
        if (NewDate is null)
        {
            ModelState.AddModelError(nameof(NewDate), l["Vui lòng chọn ngày nghỉ."]);
        }
        if (string.IsNullOrWhiteSpace(NewName))
        {
            ModelState.AddModelError(nameof(NewName), l["Vui lòng nhập tên ngày nghỉ."]);
        }
        else if (NewName.Trim().Length > 150)
        {
            ModelState.AddModelError(nameof(NewName), l["Tối đa {0} ký tự (đang có {1}).", 150, NewName.Trim().Length]);
        }
        var commune = db.Scope.HomeCommuneId!.Value;
        if (NewDate is { } date && await db.Holidays.AnyAsync(h => h.CommuneId == commune && h.Date == date, cancellationToken))
        {
            ModelState.AddModelError(nameof(NewDate), l["Ngày {0} đã có trong danh sách ngày nghỉ của phường, xã.", date.ToString("dd/MM/yyyy", System.Globalization.CultureInfo.InvariantCulture)]);
        }
        if (!ModelState.IsValid)
        {
            await LoadAsync(year ?? NewDate?.Year, cancellationToken);
            return Page();
        }
        db.Holidays.Add(new Holiday { CommuneId = commune, Date = NewDate!.Value, Name = NewName!.Trim() });
        await db.SaveChangesAsync(cancellationToken);
        TempData["Flash"] = l["Đã thêm ngày nghỉ."].Value;
        return Redirect($"/reporting/holidays?year={NewDate!.Value.Year}");
    }

    public async Task<IActionResult> OnPostDeleteAsync(int holidayId, CancellationToken cancellationToken)
    {
        if (!Manages)
        {
            return Forbid();
        }
        var commune = db.Scope.HomeCommuneId!.Value;
        // National days are kept by the product's list; a ward removes only its own.
        var day = await db.Holidays.FirstOrDefaultAsync(h => h.Id == holidayId && h.CommuneId == commune, cancellationToken);
        if (day is null)
        {
            return NotFound();
        }
        db.Holidays.Remove(day);
        await db.SaveChangesAsync(cancellationToken);
        TempData["Flash"] = l["Đã xóa ngày nghỉ."].Value;
        return Redirect($"/reporting/holidays?year={day.Date.Year}");
    }

    private async Task LoadAsync(int? year, CancellationToken cancellationToken)
    {
        Year = year is >= 2000 and <= 2100 ? year.Value : clock.Today().Year;
        var (from, to) = (new DateOnly(Year, 1, 1), new DateOnly(Year, 12, 31));
        Days = await db.Holidays.AsNoTracking().Where(h => h.Date >= from && h.Date <= to).OrderBy(h => h.Date).ThenBy(h => h.CommuneId).ToListAsync(cancellationToken);
    }
}
