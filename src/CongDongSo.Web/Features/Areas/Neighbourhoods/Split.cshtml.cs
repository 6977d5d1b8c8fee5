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

/// <summary>
/// Splits one neighbourhood into two or more new ones. The source ends on the date (SplitInto), each new
/// one records its origin (SplitFrom), and the source's active teams move to the first new one.
/// </summary>
[Authorize(Policy = Policies.ManageArea)]
public sealed class SplitModel(AppDbContext db, TimeProvider clock, IStringLocalizer<SharedResource> l) : PageModel, IDatedChangePage
{
    [BindProperty]
    public SplitNeighbourhoodInput Input { get; set; } = new();

    DatedChangeInput IDatedChangePage.Input => Input;

    public Neighbourhood Neighbourhood { get; private set; } = null!;
    public int ActiveTeams { get; private set; }

    public async Task<IActionResult> OnGetAsync(Guid id)
    {
        if (await LoadAsync(id) is { } refused)
        {
            return refused;
        }
        Input.Kind = Neighbourhood.Kind;
        Input.EffectiveOn = NeighbourhoodRules.Today(clock);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(Guid id)
    {
        if (await LoadAsync(id) is { } refused)
        {
            return refused;
        }
        var source = Neighbourhood;
        var names = (Input.Names ?? "").Split('\n').Select(VietnameseText.Clean).OfType<string>().ToList();
        if (names.Count < 2)
        {
            ModelState.AddModelError("Input.Names", l["Nhập ít nhất hai tên, mỗi dòng một tên."]);
        }
        foreach (var name in names)
        {
            if (name.Length > 150)
            {
                ModelState.AddModelError("Input.Names", l["Tên “{0}” dài quá 150 ký tự.", name]);
            }
            else if (names.Count(n => VietnameseText.Fold(n) == VietnameseText.Fold(name)) > 1)
            {
                ModelState.AddModelError("Input.Names", l["Tên “{0}” bị lặp lại.", name]);
            }
            else if (await NeighbourhoodRules.NameTakenAsync(db, source.CommuneId, name, [source.Id]))
            {
                ModelState.AddModelError("Input.Names", l["Phường, xã đã có tổ dân phố, thôn đang hoạt động tên “{0}”.", name]);
            }
        }
        NeighbourhoodRules.CheckDate(ModelState, "Input.EffectiveOn", Input.EffectiveOn, source.EffectiveFrom, NeighbourhoodRules.Today(clock), l);
        if (!ModelState.IsValid)
        {
            return Page();
        }

        var date = Input.EffectiveOn!.Value;
        var now = clock.GetUtcNow().UtcDateTime;
        var decision = VietnameseText.Clean(Input.DecisionReference);
        var created = names.DistinctBy(VietnameseText.Fold).Select(name => NeighbourhoodRules.New(source.CommuneId, name, Input.Kind, null, date)).ToList();
        source.EffectiveTo = date;
        foreach (var part in created)
        {
            db.Neighbourhoods.Add(part);
            db.NeighbourhoodChanges.Add(NeighbourhoodRules.Change(source, NeighbourhoodChangeKind.SplitInto, date, now, source.Name, part.Name, part.Id, decision));
            db.NeighbourhoodChanges.Add(NeighbourhoodRules.Change(part, NeighbourhoodChangeKind.SplitFrom, date, now, source.Name, part.Name, source.Id, decision));
        }
        var moved = await NeighbourhoodRules.MoveTeamsAsync(db, source.CommuneId, [source.Id], created[0].Id);
        await db.SaveChangesAsync();
        TempData["Flash"] = l["Đã chia “{0}” thành {1} tổ dân phố, thôn; {2} tổ CNSCĐ đã chuyển sang “{3}”.", source.Name, created.Count, moved, created[0].Name].Value;
        return Redirect($"/areas/neighbourhoods/{id}");
    }

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
        ActiveTeams = await db.Teams.CountAsync(t => t.CommuneId == n.CommuneId && t.NeighbourhoodId == n.Id && t.DissolvedOn == null);
        return null;
    }
}

public sealed class SplitNeighbourhoodInput : DatedChangeInput
{
    [Required(ErrorMessage = "Nhập ít nhất hai tên, mỗi dòng một tên.")]
    [StringLength(4000)]
    [Display(Name = "Tên các tổ dân phố, thôn mới")]
    public string? Names { get; set; }

    [EnumDataType(typeof(NeighbourhoodKind), ErrorMessage = "Loại không hợp lệ.")]
    [Display(Name = "Loại")]
    public NeighbourhoodKind Kind { get; set; } = NeighbourhoodKind.ToDanPho;
}
