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
public sealed class RenameModel(AppDbContext db, TimeProvider clock, IStringLocalizer<SharedResource> l) : PageModel, IDatedChangePage
{
    [BindProperty]
    public RenameNeighbourhoodInput Input { get; set; } = new();

    DatedChangeInput IDatedChangePage.Input => Input;

    public Neighbourhood Neighbourhood { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(Guid id)
    {
        if (await LoadAsync(id) is { } refused)
        {
            return refused;
        }
        Input.Name = Neighbourhood.Name;
        Input.Kind = Neighbourhood.Kind;
        Input.Code = Neighbourhood.Code;
        Input.EffectiveOn = NeighbourhoodRules.Today(clock);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(Guid id)
    {
        if (await LoadAsync(id) is { } refused)
        {
            return refused;
        }
        var n = Neighbourhood;
        var name = VietnameseText.Clean(Input.Name);
        var code = VietnameseText.Clean(Input.Code);
        NeighbourhoodRules.CheckDate(ModelState, "Input.EffectiveOn", Input.EffectiveOn, n.EffectiveFrom, NeighbourhoodRules.Today(clock), l);
        if (name is not null && name == n.Name && Input.Kind == n.Kind && code == n.Code)
        {
            ModelState.AddModelError("Input.Name", l["Tên mới trùng tên hiện tại."]);
        }
        else if (name is not null && await NeighbourhoodRules.NameTakenAsync(db, n.CommuneId, name, [n.Id]))
        {
            ModelState.AddModelError("Input.Name", l["Phường, xã đã có tổ dân phố, thôn đang hoạt động tên “{0}”.", name]);
        }
        if (code is not null && code != n.Code
            && await db.Neighbourhoods.AnyAsync(x => x.CommuneId == n.CommuneId && x.EffectiveTo == null && x.Code == code && x.Id != n.Id))
        {
            ModelState.AddModelError("Input.Code", l["Mã “{0}” đã dùng cho một tổ dân phố, thôn khác.", code]);
        }
        if (!ModelState.IsValid || name is null)
        {
            return Page();
        }
        // The local code is the ward's own bookkeeping; a new name or kind is history.
        if (name != n.Name || Input.Kind != n.Kind)
        {
            db.NeighbourhoodChanges.Add(NeighbourhoodRules.Change(n, NeighbourhoodChangeKind.Renamed, Input.EffectiveOn!.Value, clock.GetUtcNow().UtcDateTime,
                oldName: n.Name, newName: name, decision: VietnameseText.Clean(Input.DecisionReference)));
        }
        var oldName = n.Name;
        n.Name = name;
        n.SearchName = VietnameseText.Fold(name);
        n.Kind = Input.Kind;
        n.Code = code;
        await db.SaveChangesAsync();
        TempData["Flash"] = l["Đã đổi “{0}” thành “{1}”.", oldName, name].Value;
        return Redirect($"/areas/neighbourhoods/{id}");
    }

    /// <summary>Null when the neighbourhood can be changed; otherwise the answer to give.</summary>
    private async Task<IActionResult?> LoadAsync(Guid id)
    {
        var n = await db.Neighbourhoods.Include(x => x.Commune).FirstOrDefaultAsync(x => x.Id == id);
        if (n is null)
        {
            return NotFound();
        }
        Neighbourhood = n;
        if (n.EffectiveTo is { } to)
        {
            TempData["Flash"] = l["“{0}” đã ngừng hoạt động từ {1}; không thay đổi được nữa.", n.Name, to.ToString("dd/MM/yyyy", System.Globalization.CultureInfo.CurrentCulture)].Value;
            return Redirect($"/areas/neighbourhoods/{id}");
        }
        return null;
    }
}

public sealed class RenameNeighbourhoodInput : DatedChangeInput
{
    [Required(ErrorMessage = "Vui lòng nhập tên mới.")]
    [StringLength(150, ErrorMessage = "Tên dài tối đa 150 ký tự.")]
    [Display(Name = "Tên mới")]
    public string? Name { get; set; }

    [EnumDataType(typeof(NeighbourhoodKind), ErrorMessage = "Loại không hợp lệ.")]
    [Display(Name = "Loại")]
    public NeighbourhoodKind Kind { get; set; } = NeighbourhoodKind.ToDanPho;

    [StringLength(30, ErrorMessage = "Mã dài tối đa 30 ký tự.")]
    [Display(Name = "Mã (nếu có)")]
    public string? Code { get; set; }
}
