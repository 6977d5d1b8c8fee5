using System.ComponentModel.DataAnnotations;
using System.Text.RegularExpressions;
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
public abstract partial class NamedCatalogueModel(AppDbContext db, IStringLocalizer<SharedResource> l) : PageModel
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
        Input.Code = Input.Code?.Trim().ToLowerInvariant();
        Input.Name = VietnameseText.Clean(Input.Name);
        Input.Description = VietnameseText.Clean(Input.Description);
        if (Input.Code is { } code)
        {
            if (!CodePattern().IsMatch(code))
            {
                ModelState.AddModelError("Input.Code", l["Mã chỉ gồm chữ thường không dấu, số và dấu gạch dưới, từ 2 đến 40 ký tự."]);
            }
            else if (National.Concat(Local).Any(a => a.Code == code))
            {
                ModelState.AddModelError("Input.Code", l["Danh mục đã có mã {0}.", code]);
            }
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

    [GeneratedRegex("^[a-z0-9_]{2,40}$")]
    private static partial Regex CodePattern();
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
