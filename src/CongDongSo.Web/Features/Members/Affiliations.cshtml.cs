using System.ComponentModel.DataAnnotations;
using CongDongSo.Web.Data;
using CongDongSo.Web.Infrastructure.Auth;
using CongDongSo.Web.Infrastructure.Localization;
using CongDongSo.Web.Infrastructure.Text;
using CongDongSo.Web.Infrastructure.Web;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace CongDongSo.Web.Features.Members;

/// <summary>The affiliation list: the national one, which nobody edits here, plus the ward's own additions.</summary>
[Authorize(Policy = Policies.ManageArea)]
public sealed class AffiliationsModel(AppDbContext db, IStringLocalizer<SharedResource> l) : PageModel
{
    /// <summary>Only for users above one ward (system admin).</summary>
    [BindProperty(SupportsGet = true)]
    public int? CommuneId { get; set; }

    [BindProperty]
    [Required(ErrorMessage = "Vui lòng nhập tên thành phần.")]
    [Display(Name = "Tên thành phần")]
    public string? Name { get; set; }

    public bool PicksCommune => db.Scope.HomeCommuneId is null;
    public Commune? Commune { get; private set; }
    public List<Choice<int>> Communes { get; private set; } = [];
    public List<AffiliationLine> National { get; private set; } = [];
    public List<AffiliationLine> Local { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync()
    {
        await LoadAsync();
        return Commune is null && !(PicksCommune && CommuneId is null) ? NotFound() : Page();
    }

    public async Task<IActionResult> OnPostAsync()
    {
        if (!await LoadAsync())
        {
            return NotFound();
        }
        Name = VietnameseText.Clean(Name);
        if (Name?.Length > 100)
        {
            ModelState.AddModelError(nameof(Name), l["Tên thành phần dài tối đa 100 ký tự."]);
        }
        else if (Name is not null)
        {
            var folded = VietnameseText.Fold(Name);
            var same = National.Concat(Local).FirstOrDefault(a => VietnameseText.Fold(a.Name) == folded);
            if (same is not null)
            {
                ModelState.AddModelError(nameof(Name), same.IsActive
                    ? l["Danh mục đã có thành phần \"{0}\".", same.Name]
                    : l["Thành phần \"{0}\" đã có nhưng đang ngừng dùng: hãy dùng lại thay vì thêm mới.", same.Name]);
            }
        }
        if (!ModelState.IsValid)
        {
            return Page();
        }
        var order = Local.Count == 0 ? 1000 : await db.Affiliations.Where(a => a.CommuneId == Commune!.Id).MaxAsync(a => a.SortOrder) + 10;
        db.Affiliations.Add(new Affiliation { CommuneId = Commune!.Id, Name = Name!, SortOrder = order });
        await db.SaveChangesAsync();
        TempData["Flash"] = l["Đã thêm thành phần {0}.", Name!].Value;
        return Redirect(Back());
    }

    /// <summary>Switches a ward's own affiliation off (members keep it) or on again.</summary>
    public async Task<IActionResult> OnPostActiveAsync(int id, bool active)
    {
        if (!await LoadAsync())
        {
            return NotFound();
        }
        // Only the ward's own rows: the national list is not the ward's to change.
        var affiliation = await db.Affiliations.FirstOrDefaultAsync(a => a.Id == id && a.CommuneId == Commune!.Id);
        if (affiliation is null)
        {
            return NotFound();
        }
        affiliation.IsActive = active;
        await db.SaveChangesAsync();
        TempData["Flash"] = (active ? l["Đã dùng lại thành phần {0}.", affiliation.Name] : l["Đã ngừng dùng thành phần {0}.", affiliation.Name]).Value;
        return Redirect(Back());
    }

    private string Back() => PicksCommune ? $"/affiliations?communeId={Commune!.Id}" : "/affiliations";

    private async Task<bool> LoadAsync()
    {
        if (PicksCommune)
        {
            Communes = await TeamQueries.CommunesWithNeighbourhoodsAsync(db);
        }
        var communeId = db.Scope.HomeCommuneId ?? CommuneId;
        Commune = communeId is null ? null : await db.Communes.AsNoTracking().FirstOrDefaultAsync(c => c.Id == communeId);
        var rows = await db.Affiliations.AsNoTracking()
            .Where(a => a.CommuneId == null || (Commune != null && a.CommuneId == Commune.Id))
            .Select(a => new AffiliationLine(a.Id, a.Name, a.CommuneId == null, a.IsActive, a.SortOrder, db.Members.Count(m => m.AffiliationId == a.Id && m.LeftOn == null)))
            .ToListAsync();
        National = [.. rows.Where(a => a.IsNational).OrderBy(a => a.SortOrder)];
        Local = [.. rows.Where(a => !a.IsNational).OrderBy(a => a.SortOrder).ThenBy(a => a.Name, NaturalOrder.Comparer)];
        return Commune is not null;
    }
}

public sealed record AffiliationLine(int Id, string Name, bool IsNational, bool IsActive, int SortOrder, int Members);
