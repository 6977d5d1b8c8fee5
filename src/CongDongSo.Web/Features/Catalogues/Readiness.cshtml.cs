using CongDongSo.Web.Infrastructure.Rules;
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
/// The readiness items: the national list, which nobody edits here, plus what the ward tracks on
/// top of it (e.g. its own provincial app). A ward's item is switched off, never deleted: events keep it.
/// </summary>
[Authorize(Policy = Policies.ManageCatalogues)]
public sealed partial class ReadinessModel(AppDbContext db, IStringLocalizer<SharedResource> l) : PageModel
{
    /// <summary>Only for users above one ward (system admin).</summary>
    [BindProperty(SupportsGet = true)]
    public int? CommuneId { get; set; }

    [BindProperty]
    public ItemInput Input { get; set; } = new();

    public bool PicksCommune => db.Scope.HomeCommuneId is null;
    public Commune? Commune { get; private set; }
    public List<Choice<int>> Communes { get; private set; } = [];
    public List<ReadinessItem> National { get; private set; } = [];
    public List<ReadinessItem> Local { get; private set; } = [];

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
        var choices = new List<(string Code, string Label)>();
        var achieved = new List<string>();
        Input.Code = CatalogueCode.Normalise(Input.Code);
        Input.Name = VietnameseText.Clean(Input.Name);
        if (CatalogueCode.Problem(Input.Code, National.Concat(Local).Select(x => x.Code), l, "Danh mục đã có mục mã {0}.") is { } codeProblem)
        {
            ModelState.AddModelError("Input.Code", codeProblem);
        }
        if (Input.Name?.Length > 150)
        {
            ModelState.AddModelError("Input.Name", l["Tên mục dài tối đa 150 ký tự."]);
        }
        if (!Enum.IsDefined(Input.Subject))
        {
            ModelState.AddModelError("Input.Subject", l["Đối tượng không hợp lệ."]);
        }
        foreach (var line in (Input.Choices ?? "").Split('\n', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            var parts = line.Split(':', 2, StringSplitOptions.TrimEntries);
            var label = parts.Length == 2 ? VietnameseText.Clean(parts[1]) : null;
            if (parts.Length != 2 || !ValuePattern().IsMatch(parts[0]) || label is null || label.Length > 60 || label.Contains('|', StringComparison.Ordinal))
            {
                ModelState.AddModelError("Input.Choices", l["Dòng “{0}” không đúng dạng “mã: nhãn” (mã gồm chữ thường không dấu, số, gạch dưới; nhãn tối đa 60 ký tự).", line]);
                continue;
            }
            if (choices.Any(c => c.Code == parts[0]))
            {
                ModelState.AddModelError("Input.Choices", l["Mã lựa chọn {0} bị lặp.", parts[0]]);
                continue;
            }
            choices.Add((parts[0], label));
        }
        if (Input.Choices is not null && choices.Count < 2 && ModelState.GetFieldValidationState("Input.Choices") != Microsoft.AspNetCore.Mvc.ModelBinding.ModelValidationState.Invalid)
        {
            ModelState.AddModelError("Input.Choices", l["Cần ít nhất hai lựa chọn, mỗi dòng một lựa chọn."]);
        }
        var joined = string.Join('|', choices.Select(c => $"{c.Code}:{c.Label}"));
        if (joined.Length > 400)
        {
            ModelState.AddModelError("Input.Choices", l["Các lựa chọn dài tối đa 400 ký tự."]);
        }
        foreach (var value in (Input.Achieved ?? "").Split([',', ' ', ';'], StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            if (!choices.Any(c => c.Code == value))
            {
                ModelState.AddModelError("Input.Achieved", l["Mã {0} không có trong các lựa chọn.", value]);
            }
            else if (!achieved.Contains(value))
            {
                achieved.Add(value);
            }
        }
        if (Input.Achieved is not null && achieved.Count == choices.Count && choices.Count > 0)
        {
            ModelState.AddModelError("Input.Achieved", l["Phải có ít nhất một lựa chọn chưa đạt."]);
        }
        if (!ModelState.IsValid)
        {
            return Page();
        }
        var order = Local.Count == 0 ? 1000 : Local.Max(i => i.SortOrder) + 10;
        db.ReadinessItems.Add(new ReadinessItem
        {
            CommuneId = Commune!.Id,
            Code = Input.Code!,
            Name = Input.Name!,
            Subject = Input.Subject,
            Choices = joined,
            AchievedValues = string.Join(',', achieved),
            SortOrder = order,
        });
        await db.SaveChangesAsync();
        TempData["Flash"] = l["Đã thêm mục {0}.", Input.Name!].Value;
        return Redirect(Back());
    }

    /// <summary>Switches one of the ward's own items off (its events stay) or on again.</summary>
    public async Task<IActionResult> OnPostActiveAsync(int id, bool active)
    {
        if (!await LoadAsync())
        {
            return NotFound();
        }
        var item = await db.ReadinessItems.FirstOrDefaultAsync(i => i.Id == id && i.CommuneId == Commune!.Id);
        if (item is null)
        {
            return NotFound();
        }
        item.IsActive = active;
        await db.SaveChangesAsync();
        TempData["Flash"] = (active ? l["Đã dùng lại mục {0}.", item.Name] : l["Đã ngừng dùng mục {0}.", item.Name]).Value;
        return Redirect(Back());
    }

    private string Back() => PicksCommune ? $"/catalogues/readiness?communeId={Commune!.Id}" : "/catalogues/readiness";

    private async Task<bool> LoadAsync()
    {
        if (PicksCommune)
        {
            Communes = await TeamQueries.CommunesWithNeighbourhoodsAsync(db);
        }
        Commune = await PopulationQueries.CommuneAsync(db, CommuneId);
        var rows = await db.ReadinessItems.AsNoTracking()
            .Where(i => i.CommuneId == null || (Commune != null && i.CommuneId == Commune.Id))
            .OrderBy(i => i.Subject).ThenBy(i => i.SortOrder).ThenBy(i => i.Id)
            .ToListAsync();
        National = [.. rows.Where(i => i.CommuneId is null)];
        Local = [.. rows.Where(i => i.CommuneId is not null)];
        return Commune is not null;
    }


    [GeneratedRegex("^[a-z0-9_]{1,30}$")]
    private static partial Regex ValuePattern();
}

/// <summary>A ward's own readiness item.</summary>
public sealed record ItemInput
{
    [Required(ErrorMessage = "Vui lòng nhập mã mục.")]
    [Display(Name = "Mã mục")]
    public string? Code { get; set; }

    [Required(ErrorMessage = "Vui lòng nhập tên mục.")]
    [Display(Name = "Tên mục")]
    public string? Name { get; set; }

    [Display(Name = "Đối tượng")]
    public ReadinessSubject Subject { get; set; } = ReadinessSubject.Resident;

    /// <summary>One choice per line: "code: label".</summary>
    [Required(ErrorMessage = "Vui lòng nhập các lựa chọn, mỗi dòng một lựa chọn.")]
    [Display(Name = "Các lựa chọn")]
    public string? Choices { get; set; }

    [Required(ErrorMessage = "Vui lòng nhập mã của các lựa chọn được tính là đạt.")]
    [Display(Name = "Lựa chọn được tính là đạt")]
    public string? Achieved { get; set; }
}
