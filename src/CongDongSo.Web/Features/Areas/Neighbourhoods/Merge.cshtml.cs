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
/// Merges two or more active neighbourhoods into one: a new one, or one of them kept. The others end
/// on the date (MergedInto), the target records where it came from (MergedFrom), and their active teams move to it.
/// </summary>
[Authorize(Policy = Policies.ManageArea)]
public sealed class MergeModel(AppDbContext db, TimeProvider clock, IStringLocalizer<SharedResource> l) : PageModel, IDatedChangePage
{
    [BindProperty]
    public MergeNeighbourhoodsInput Input { get; set; } = new();

    DatedChangeInput IDatedChangePage.Input => Input;

    public int CommuneId { get; private set; }
    public string CommuneName { get; private set; } = "";
    public List<NeighbourhoodRow> Candidates { get; private set; } = [];

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
        var ids = Input.SourceIds.Distinct().ToList();
        var sources = await db.Neighbourhoods.Where(n => n.CommuneId == id && n.EffectiveTo == null && ids.Contains(n.Id)).ToListAsync();
        if (ids.Count < 2)
        {
            ModelState.AddModelError("Input.SourceIds", l["Chọn ít nhất hai tổ dân phố, thôn để sáp nhập."]);
        }
        else if (sources.Count != ids.Count)
        {
            ModelState.AddModelError("Input.SourceIds", l["Có tổ dân phố, thôn đã chọn không còn hoạt động hoặc không thuộc phường, xã này."]);
        }
        var kept = Input.KeepId is { } keepId ? sources.FirstOrDefault(s => s.Id == keepId) : null;
        var newName = VietnameseText.Clean(Input.NewName);
        if (Input.KeepId is not null && kept is null)
        {
            ModelState.AddModelError("Input.KeepId", l["Tổ dân phố, thôn giữ lại phải là một trong các tổ đã chọn."]);
        }
        else if (Input.KeepId is null && newName is null)
        {
            ModelState.AddModelError("Input.NewName", l["Nhập tên tổ dân phố, thôn mới, hoặc chọn một tổ để giữ lại."]);
        }
        else if (kept is null && newName is not null && await NeighbourhoodRules.NameTakenAsync(db, id, newName, ids))
        {
            ModelState.AddModelError("Input.NewName", l["Phường, xã đã có tổ dân phố, thôn đang hoạt động tên “{0}”.", newName]);
        }
        var notBefore = sources.Count > 0 ? sources.Max(s => s.EffectiveFrom) : DateOnly.MinValue;
        NeighbourhoodRules.CheckDate(ModelState, "Input.EffectiveOn", Input.EffectiveOn, notBefore, NeighbourhoodRules.Today(clock), l);
        if (!ModelState.IsValid)
        {
            return Page();
        }

        var date = Input.EffectiveOn!.Value;
        var now = clock.GetUtcNow().UtcDateTime;
        var decision = VietnameseText.Clean(Input.DecisionReference);
        var target = kept ?? NeighbourhoodRules.New(id, newName!, Input.NewKind, null, date);
        if (kept is null)
        {
            db.Neighbourhoods.Add(target);
        }
        var merged = sources.Where(s => s.Id != target.Id).ToList();
        foreach (var source in merged)
        {
            source.EffectiveTo = date;
            db.NeighbourhoodChanges.Add(NeighbourhoodRules.Change(source, NeighbourhoodChangeKind.MergedInto, date, now, source.Name, target.Name, target.Id, decision));
            db.NeighbourhoodChanges.Add(NeighbourhoodRules.Change(target, NeighbourhoodChangeKind.MergedFrom, date, now, source.Name, target.Name, source.Id, decision));
        }
        var moved = await NeighbourhoodRules.MoveTeamsAsync(db, id, merged.Select(s => s.Id).ToList(), target.Id);
        await db.SaveChangesAsync();
        TempData["Flash"] = l["Đã sáp nhập {0} tổ dân phố, thôn vào “{1}”; {2} tổ CNSCĐ đã chuyển sang.", merged.Count, target.Name, moved].Value;
        return Redirect($"/areas/neighbourhoods/{target.Id}");
    }

    private async Task<bool> LoadAsync(int id)
    {
        var commune = await db.Communes.Where(c => c.Id == id && c.EffectiveTo == null).Select(c => new { c.Id, c.Name }).FirstOrDefaultAsync();
        if (commune is null)
        {
            return false;
        }
        CommuneId = commune.Id;
        CommuneName = commune.Name;
        Candidates = (await db.Neighbourhoods.Where(n => n.CommuneId == id && n.EffectiveTo == null)
                .Select(n => new NeighbourhoodRow(n.Id, n.Name, n.Kind, n.Code, n.EffectiveFrom, n.EffectiveTo,
                    db.Teams.Count(t => t.CommuneId == n.CommuneId && t.NeighbourhoodId == n.Id && t.DissolvedOn == null)))
                .ToListAsync())
            .OrderBy(n => n.Name, NaturalOrder.Comparer).ToList();
        return true;
    }
}

public sealed class MergeNeighbourhoodsInput : DatedChangeInput
{
    [Display(Name = "Các tổ dân phố, thôn sáp nhập")]
    public List<Guid> SourceIds { get; set; } = [];

    /// <summary>The one of the sources that stays; null to make a new one.</summary>
    [Display(Name = "Tổ dân phố, thôn sau sáp nhập")]
    public Guid? KeepId { get; set; }

    [StringLength(150, ErrorMessage = "Tên dài tối đa 150 ký tự.")]
    [Display(Name = "Tên tổ dân phố, thôn mới")]
    public string? NewName { get; set; }

    [EnumDataType(typeof(NeighbourhoodKind), ErrorMessage = "Loại không hợp lệ.")]
    [Display(Name = "Loại")]
    public NeighbourhoodKind NewKind { get; set; } = NeighbourhoodKind.ToDanPho;
}
