using CongDongSo.Web.Infrastructure.Rules;
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

namespace CongDongSo.Web.Features.Catalogues;

/// <summary>
/// The catalogues of a code, a name and a description: training topics and community models. The
/// national rows plus the ward's own, which it adds and switches off (records keep them).
/// </summary>
public abstract class NamedCatalogueModel(AppDbContext db, IStringLocalizer<SharedResource> l) : PageModel
{
    /// <summary>"topics" or "models": the last part of the page's address.</summary>
    public abstract string Kind { get; }

    /// <summary>Only for users above one ward (system admin).</summary>
    [BindProperty(SupportsGet = true)]
    public int? CommuneId { get; set; }

    [BindProperty]
    public NamedInput Input { get; set; } = new();

    public bool IsTopics => Kind == "topics";
    public string Heading => IsTopics ? "Danh mục chủ đề tập huấn" : "Danh mục mô hình";
    public bool PicksCommune => db.Scope.HomeCommuneId is null;
    public Commune? Commune { get; private set; }
    public List<Choice<int>> Communes { get; private set; } = [];
    public List<ICatalogueEntry> National { get; private set; } = [];
    public List<ICatalogueEntry> Local { get; private set; } = [];

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
        Input.Code = CatalogueCode.Normalise(Input.Code);
        Input.Name = VietnameseText.Clean(Input.Name);
        Input.Description = VietnameseText.Clean(Input.Description);
        if (CatalogueCode.Problem(Input.Code, National.Concat(Local).Select(x => x.Code), l, "Danh mục đã có mã {0}.") is { } codeProblem)
        {
            ModelState.AddModelError("Input.Code", codeProblem);
        }
        if (Input.Name?.Length > 150)
        {
            ModelState.AddModelError("Input.Name", l["Tên dài tối đa 150 ký tự."]);
        }
        if (Input.Description?.Length > 1000)
        {
            ModelState.AddModelError("Input.Description", l["Mô tả dài tối đa 1000 ký tự."]);
        }
        if (!ModelState.IsValid)
        {
            return Page();
        }
        var order = Local.Count == 0 ? 1000 : Local.Max(a => a.SortOrder) + 10;
        if (IsTopics)
        {
            db.TrainingTopics.Add(new TrainingTopic { CommuneId = Commune!.Id, Code = Input.Code!, Name = Input.Name!, Description = Input.Description, SortOrder = order });
        }
        else
        {
            db.CommunityModels.Add(new CommunityModel { CommuneId = Commune!.Id, Code = Input.Code!, Name = Input.Name!, Description = Input.Description, SortOrder = order });
        }
        await db.SaveChangesAsync();
        TempData["Flash"] = l["Đã thêm {0}.", Input.Name!].Value;
        return Redirect(Back());
    }

    public async Task<IActionResult> OnPostActiveAsync(int id, bool active)
    {
        if (!await LoadAsync())
        {
            return NotFound();
        }
        ICatalogueEntry? entry = IsTopics
            ? await db.TrainingTopics.FirstOrDefaultAsync(t => t.Id == id && t.CommuneId == Commune!.Id)
            : await db.CommunityModels.FirstOrDefaultAsync(m => m.Id == id && m.CommuneId == Commune!.Id);
        if (entry is null)
        {
            return NotFound();
        }
        entry.IsActive = active;
        await db.SaveChangesAsync();
        TempData["Flash"] = (active ? l["Đã dùng lại {0}.", entry.Name] : l["Đã ngừng dùng {0}.", entry.Name]).Value;
        return Redirect(Back());
    }

    private string Back() => PicksCommune ? $"/catalogues/{Kind}?communeId={Commune!.Id}" : $"/catalogues/{Kind}";

    private async Task<bool> LoadAsync()
    {
        if (PicksCommune)
        {
            Communes = await TeamQueries.CommunesWithNeighbourhoodsAsync(db);
        }
        Commune = await PopulationQueries.CommuneAsync(db, CommuneId);
        var communeId = Commune?.Id;
        List<ICatalogueEntry> rows = IsTopics
            ? [.. await db.TrainingTopics.AsNoTracking().Where(t => t.CommuneId == null || t.CommuneId == communeId).ToListAsync()]
            : [.. await db.CommunityModels.AsNoTracking().Where(m => m.CommuneId == null || m.CommuneId == communeId).ToListAsync()];
        rows = [.. rows.OrderBy(r => r.SortOrder).ThenBy(r => r.Id)];
        National = [.. rows.Where(r => r.CommuneId is null)];
        Local = [.. rows.Where(r => r.CommuneId is not null)];
        return Commune is not null;
    }

}

[Authorize(Policy = Policies.ManageCatalogues)]
public sealed class TopicsModel(AppDbContext db, IStringLocalizer<SharedResource> l) : NamedCatalogueModel(db, l)
{
    public override string Kind => "topics";
}

[Authorize(Policy = Policies.ManageCatalogues)]
public sealed class ModelsModel(AppDbContext db, IStringLocalizer<SharedResource> l) : NamedCatalogueModel(db, l)
{
    public override string Kind => "models";
}

public sealed record NamedInput
{
    [Required(ErrorMessage = "Vui lòng nhập mã.")]
    [Display(Name = "Mã")]
    public string? Code { get; set; }

    [Required(ErrorMessage = "Vui lòng nhập tên.")]
    [Display(Name = "Tên")]
    public string? Name { get; set; }

    [Display(Name = "Mô tả")]
    public string? Description { get; set; }
}
