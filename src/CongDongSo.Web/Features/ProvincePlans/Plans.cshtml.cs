using System.ComponentModel.DataAnnotations;
using CongDongSo.Web.Data;
using CongDongSo.Web.Infrastructure.Auth;
using CongDongSo.Web.Infrastructure.Localization;
using CongDongSo.Web.Infrastructure.Text;
using CongDongSo.Web.Infrastructure.Web;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace CongDongSo.Web.Features.ProvincePlans;

/// <summary>A province's plans by year; a new one is started here, its targets then handed down to the communes.</summary>
[Authorize(Policy = Policies.ManageProvincePlans)]
public sealed class PlansModel(AppDbContext db, TimeProvider clock, IStringLocalizer<SharedResource> l) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public int? Province { get; set; }

    [BindProperty]
    public NewProvincePlan Input { get; set; } = new();

    public List<Choice<int>> Provinces { get; private set; } = [];
    public Data.Province? Current { get; private set; }
    public List<ProvincePlan> Plans { get; private set; } = [];
    public Dictionary<Guid, int> TargetCounts { get; private set; } = [];

    public sealed class NewProvincePlan
    {
        [Range(2020, 2100, ErrorMessage = "Năm kế hoạch phải từ 2020 đến 2100.")]
        public int Year { get; set; }

        [Required(ErrorMessage = "Vui lòng nhập tên kế hoạch.")]
        [StringLength(500, ErrorMessage = "Tên kế hoạch tối đa 500 ký tự.")]
        public string? Title { get; set; }

        [StringLength(60, ErrorMessage = "Số, ký hiệu tối đa 60 ký tự.")]
        public string? Number { get; set; }

        public DateOnly? IssuedOn { get; set; }

        [StringLength(150, ErrorMessage = "Người ký tối đa 150 ký tự.")]
        public string? Signer { get; set; }
    }

    public async Task OnGetAsync()
    {
        Input.Year = clock.Today().Year;
        await LoadAsync();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        await LoadAsync();
        if (Current is null)
        {
            return NotFound();
        }
        if (!ModelState.IsValid)
        {
            return Page();
        }
        var now = clock.GetUtcNow().UtcDateTime;
        var plan = new ProvincePlan
        {
            ProvinceId = Current.Id, Year = Input.Year, Title = VietnameseText.Clean(Input.Title)!, Number = VietnameseText.Clean(Input.Number), IssuedOn = Input.IssuedOn,
            Signer = VietnameseText.Clean(Input.Signer), CreatedAtUtc = now, UpdatedAtUtc = now,
        };
        db.ProvincePlans.Add(plan);
        await db.SaveChangesAsync(cancellationToken);
        TempData["Flash"] = l["Đã tạo kế hoạch. Thêm chỉ tiêu, ban hành rồi giao cho các phường, xã."].Value;
        return Redirect($"/province/plans/{plan.Id}");
    }

    private async Task LoadAsync()
    {
        var scope = db.Scope;
        Provinces = await db.Provinces.AsNoTracking().Where(p => scope.Unrestricted || scope.ProvinceIds.Contains(p.Id)).OrderBy(p => p.Name)
            .Select(p => new Choice<int>(p.Id, p.Name)).ToListAsync();
        var chosen = Province ?? (Provinces.Count == 1 ? Provinces[0].Value : null);
        Current = chosen is { } id && Provinces.Any(p => p.Value == id) ? await db.Provinces.AsNoTracking().FirstAsync(p => p.Id == id) : null;
        if (Current is null)
        {
            return;
        }
        Plans = await db.ProvincePlans.AsNoTracking().Where(p => p.ProvinceId == Current.Id).OrderByDescending(p => p.Year).ThenByDescending(p => p.CreatedAtUtc).ToListAsync();
        TargetCounts = await db.ProvinceTargets.Where(t => t.ProvinceId == Current.Id).GroupBy(t => t.PlanId).Select(g => new { g.Key, Count = g.Count() })
            .ToDictionaryAsync(g => g.Key, g => g.Count);
    }
}
