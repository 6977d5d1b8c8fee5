using System.ComponentModel.DataAnnotations;
using CongDongSo.Web.Data;
using CongDongSo.Web.Infrastructure.Auth;
using CongDongSo.Web.Infrastructure.Localization;
using CongDongSo.Web.Infrastructure.Text;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace CongDongSo.Web.Features.Areas.Neighbourhoods;

[Authorize(Policy = Policies.ManageArea)]
public sealed class NewModel(AppDbContext db, TimeProvider clock, IStringLocalizer<SharedResource> l) : PageModel, IDatedChangePage
{
    [BindProperty]
    public NewNeighbourhoodInput Input { get; set; } = new();

    DatedChangeInput IDatedChangePage.Input => Input;

    public int CommuneId { get; private set; }
    public string CommuneName { get; private set; } = "";

    public async Task<IActionResult> OnGetAsync(int id)
    {
        if (!await LoadAsync(id))
        {
            return NotFound();
        }
        Input.EffectiveOn = NeighbourhoodRules.Today(clock);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(int id)
    {
        if (!await LoadAsync(id))
        {
            return NotFound();
        }
        var name = VietnameseText.Clean(Input.Name);
        var code = VietnameseText.Clean(Input.Code);
        var today = NeighbourhoodRules.Today(clock);
        NeighbourhoodRules.CheckDate(ModelState, "Input.EffectiveOn", Input.EffectiveOn, DateOnly.MinValue, today, l);
        if (name is not null && await NeighbourhoodRules.NameTakenAsync(db, id, name, []))
        {
            ModelState.AddModelError("Input.Name", l["Phường, xã đã có tổ dân phố, thôn đang hoạt động tên “{0}”.", name]);
        }
        if (code is not null && await db.Neighbourhoods.AnyAsync(n => n.CommuneId == id && n.EffectiveTo == null && n.Code == code))
        {
            ModelState.AddModelError("Input.Code", l["Mã “{0}” đã dùng cho một tổ dân phố, thôn khác.", code]);
        }
        if (!ModelState.IsValid || name is null)
        {
            return Page();
        }
        var date = Input.EffectiveOn!.Value;
        var neighbourhood = NeighbourhoodRules.New(id, name, Input.Kind, code, date);
        db.Neighbourhoods.Add(neighbourhood);
        db.NeighbourhoodChanges.Add(NeighbourhoodRules.Change(neighbourhood, NeighbourhoodChangeKind.Created, date, clock.GetUtcNow().UtcDateTime,
            newName: name, decision: VietnameseText.Clean(Input.DecisionReference)));
        await db.SaveChangesAsync();
        TempData["Flash"] = l["Đã thêm “{0}”.", name].Value;
        return Redirect($"/areas/communes/{id}");
    }

    private async Task<bool> LoadAsync(int id)
    {
        // A dissolved commune takes no new neighbourhoods.
        var commune = await db.Communes.Where(c => c.Id == id && c.EffectiveTo == null).Select(c => new { c.Id, c.Name }).FirstOrDefaultAsync();
        CommuneId = commune?.Id ?? 0;
        CommuneName = commune?.Name ?? "";
        return commune is not null;
    }
}

public sealed class NewNeighbourhoodInput : DatedChangeInput
{
    [Required(ErrorMessage = "Vui lòng nhập tên tổ dân phố, thôn.")]
    [StringLength(150, ErrorMessage = "Tên dài tối đa 150 ký tự.")]
    [Display(Name = "Tên")]
    public string? Name { get; set; }

    [EnumDataType(typeof(NeighbourhoodKind), ErrorMessage = "Loại không hợp lệ.")]
    [Display(Name = "Loại")]
    public NeighbourhoodKind Kind { get; set; } = NeighbourhoodKind.ToDanPho;

    [StringLength(30, ErrorMessage = "Mã dài tối đa 30 ký tự.")]
    [Display(Name = "Mã (nếu có)")]
    public string? Code { get; set; }
}
