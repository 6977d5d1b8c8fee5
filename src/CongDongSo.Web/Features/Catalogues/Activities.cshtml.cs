using CongDongSo.Web.Infrastructure.Rules;
using System.ComponentModel.DataAnnotations;
using System.Globalization;
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
/// The support activities a session can record: the national list plus the ward's own. An activity
/// may set one readiness item to a value of that item's choices for whoever was helped.
/// </summary>
[Authorize(Policy = Policies.ManageCatalogues)]
public sealed class ActivitiesModel(AppDbContext db, IStringLocalizer<SharedResource> l) : PageModel
{
    /// <summary>Only for users above one ward (system admin).</summary>
    [BindProperty(SupportsGet = true)]
    public int? CommuneId { get; set; }

    [BindProperty]
    public ActivityInput Input { get; set; } = new();

    public bool PicksCommune => db.Scope.HomeCommuneId is null;
    public Commune? Commune { get; private set; }
    public List<Choice<int>> Communes { get; private set; } = [];
    public List<SupportActivity> National { get; private set; } = [];
    public List<SupportActivity> Local { get; private set; } = [];
    /// <summary>Active items of the commune, for the "result" select.</summary>
    public List<ReadinessItem> Items { get; private set; } = [];
    public Dictionary<int, ReadinessItem> AllItems { get; private set; } = [];

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
        if (CatalogueCode.Problem(Input.Code, National.Concat(Local).Select(x => x.Code), l, "Danh mục đã có hoạt động mã {0}.") is { } codeProblem)
        {
            ModelState.AddModelError("Input.Code", codeProblem);
        }
        if (Input.Name?.Length > 150)
        {
            ModelState.AddModelError("Input.Name", l["Tên hoạt động dài tối đa 150 ký tự."]);
        }
        int? itemId = null;
        string? value = null;
        if (!string.IsNullOrWhiteSpace(Input.Result))
        {
            var parts = Input.Result.Split(':', 2);
            var item = parts.Length == 2 && int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var id)
                ? Items.FirstOrDefault(i => i.Id == id)
                : null;
            if (item is null || !item.ChoiceList().Any(c => c.Code == parts[1]))
            {
                ModelState.AddModelError("Input.Result", l["Kết quả phải là một lựa chọn của một mục đang dùng."]);
            }
            else
            {
                itemId = item.Id;
                value = parts[1];
            }
        }
        if (!ModelState.IsValid)
        {
            return Page();
        }
        var order = Local.Count == 0 ? 1000 : Local.Max(a => a.SortOrder) + 10;
        db.SupportActivities.Add(new SupportActivity
        {
            CommuneId = Commune!.Id, Code = Input.Code!, Name = Input.Name!, ReadinessItemId = itemId, ResultValue = value, SortOrder = order,
        });
        await db.SaveChangesAsync();
        TempData["Flash"] = l["Đã thêm hoạt động {0}.", Input.Name!].Value;
        return Redirect(Back());
    }

    /// <summary>Switches one of the ward's own activities off (sessions keep it) or on again.</summary>
    public async Task<IActionResult> OnPostActiveAsync(int id, bool active)
    {
        if (!await LoadAsync())
        {
            return NotFound();
        }
        var activity = await db.SupportActivities.FirstOrDefaultAsync(a => a.Id == id && a.CommuneId == Commune!.Id);
        if (activity is null)
        {
            return NotFound();
        }
        activity.IsActive = active;
        await db.SaveChangesAsync();
        TempData["Flash"] = (active ? l["Đã dùng lại hoạt động {0}.", activity.Name] : l["Đã ngừng dùng hoạt động {0}.", activity.Name]).Value;
        return Redirect(Back());
    }

    /// <summary>"VNeID: Mức 2", or "" for an activity that changes no status.</summary>
    public string Result(SupportActivity activity) =>
        activity.ReadinessItemId is { } id && AllItems.TryGetValue(id, out var item)
            ? $"{item.Name}: {Data.ReadinessStatus.ValueLabel(item, activity.ResultValue)}"
            : "";

    private string Back() => PicksCommune ? $"/catalogues/activities?communeId={Commune!.Id}" : "/catalogues/activities";

    private async Task<bool> LoadAsync()
    {
        if (PicksCommune)
        {
            Communes = await TeamQueries.CommunesWithNeighbourhoodsAsync(db);
        }
        Commune = await PopulationQueries.CommuneAsync(db, CommuneId);
        var rows = await db.SupportActivities.AsNoTracking()
            .Where(a => a.CommuneId == null || (Commune != null && a.CommuneId == Commune.Id))
            .OrderBy(a => a.SortOrder).ThenBy(a => a.Id)
            .ToListAsync();
        National = [.. rows.Where(a => a.CommuneId is null)];
        Local = [.. rows.Where(a => a.CommuneId is not null)];
        AllItems = await db.ReadinessItems.AsNoTracking()
            .Where(i => i.CommuneId == null || (Commune != null && i.CommuneId == Commune.Id))
            .ToDictionaryAsync(i => i.Id);
        Items = [.. AllItems.Values.Where(i => i.IsActive).OrderBy(i => i.Subject).ThenBy(i => i.CommuneId != null).ThenBy(i => i.SortOrder)];
        return Commune is not null;
    }

}

/// <summary>A ward's own support activity.</summary>
public sealed record ActivityInput
{
    [Required(ErrorMessage = "Vui lòng nhập mã hoạt động.")]
    [Display(Name = "Mã hoạt động")]
    public string? Code { get; set; }

    [Required(ErrorMessage = "Vui lòng nhập tên hoạt động.")]
    [Display(Name = "Tên hoạt động")]
    public string? Name { get; set; }

    /// <summary>"itemId:value" from the select, or blank for an activity that changes no status.</summary>
    [Display(Name = "Kết quả ghi nhận")]
    public string? Result { get; set; }
}
