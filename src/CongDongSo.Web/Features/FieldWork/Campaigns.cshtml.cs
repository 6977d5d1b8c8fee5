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

namespace CongDongSo.Web.Features.FieldWork;

/// <summary>The ward's campaigns (đợt ra quân): a name and dates, for "not visited in the campaign" and coverage.</summary>
[Authorize(Policy = Policies.ManageCatalogues)]
public sealed class CampaignsModel(AppDbContext db, IStringLocalizer<SharedResource> l) : PageModel
{
    [BindProperty]
    public CampaignInput Input { get; set; } = new();

    public bool PicksCommune => db.Scope.HomeCommuneId is null;
    public List<Choice<int>> Communes { get; private set; } = [];
    public List<CampaignRow> Campaigns { get; private set; } = [];

    public async Task OnGetAsync() => await LoadAsync();

    public async Task<IActionResult> OnPostAsync()
    {
        await LoadAsync();
        Input.Name = VietnameseText.Clean(Input.Name);
        if (Input.Name?.Length > 200)
        {
            ModelState.AddModelError("Input.Name", l["Tên đợt ra quân dài tối đa 200 ký tự."]);
        }
        if (Input.StartsOn is { } starts && Input.EndsOn is { } ends && ends < starts)
        {
            ModelState.AddModelError("Input.EndsOn", l["Ngày kết thúc không được trước ngày bắt đầu."]);
        }
        // The commune comes from the user's scope; only a user above one ward picks it, among those they see.
        var communeId = db.Scope.HomeCommuneId ?? Input.CommuneId;
        if (communeId is null || !await db.Communes.AnyAsync(c => c.Id == communeId))
        {
            ModelState.AddModelError("Input.CommuneId", l["Vui lòng chọn phường/xã."]);
        }
        else if (Input.Name is { } name && await db.Campaigns.AnyAsync(c => c.CommuneId == communeId && c.Name == name))
        {
            ModelState.AddModelError("Input.Name", l["Phường/xã đã có đợt ra quân \"{0}\".", name]);
        }
        if (!ModelState.IsValid)
        {
            return Page();
        }
        db.Campaigns.Add(new Campaign { CommuneId = communeId!.Value, Name = Input.Name!, StartsOn = Input.StartsOn!.Value, EndsOn = Input.EndsOn!.Value });
        await db.SaveChangesAsync();
        TempData["Flash"] = l["Đã thêm đợt ra quân {0}.", Input.Name!].Value;
        return Redirect("/field/campaigns");
    }

    private async Task LoadAsync()
    {
        if (PicksCommune)
        {
            Communes = await TeamQueries.CommunesWithNeighbourhoodsAsync(db);
        }
        Campaigns = await db.Campaigns.OrderByDescending(c => c.StartsOn).ThenBy(c => c.Name)
            .Select(c => new CampaignRow(c.Id, c.Name, c.StartsOn, c.EndsOn, db.Communes.Where(x => x.Id == c.CommuneId).Select(x => x.Name).FirstOrDefault() ?? ""))
            .ToListAsync();
    }
}

public sealed class CampaignInput
{
    [Required(ErrorMessage = "Vui lòng nhập tên đợt ra quân.")]
    [Display(Name = "Tên đợt ra quân")]
    public string? Name { get; set; }

    [Required(ErrorMessage = "Vui lòng nhập ngày bắt đầu.")]
    [Display(Name = "Ngày bắt đầu")]
    public DateOnly? StartsOn { get; set; }

    [Required(ErrorMessage = "Vui lòng nhập ngày kết thúc.")]
    [Display(Name = "Ngày kết thúc")]
    public DateOnly? EndsOn { get; set; }

    /// <summary>Only for users above one ward (system admin).</summary>
    [Display(Name = "Phường/xã")]
    public int? CommuneId { get; set; }
}

public sealed record CampaignRow(Guid Id, string Name, DateOnly StartsOn, DateOnly EndsOn, string Commune);
