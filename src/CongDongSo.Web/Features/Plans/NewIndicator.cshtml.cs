using CongDongSo.Web.Data;
using CongDongSo.Web.Infrastructure.Rules;
using CongDongSo.Web.Infrastructure.Auth;
using CongDongSo.Web.Infrastructure.Localization;
using CongDongSo.Web.Infrastructure.Web;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace CongDongSo.Web.Features.Plans;

/// <summary>
/// The indicator builder: a formula made of parts picked in a form (what is counted, over which
/// population, having which statuses, among whom), never code. Saved as the ward's own indicator.
/// </summary>
[Authorize(Policy = Policies.ManagePlans)]
public sealed class NewIndicatorModel(AppDbContext db, IStringLocalizer<SharedResource> l) : PageModel
{
    [BindProperty]
    public IndicatorInput Input { get; set; } = new();

    [BindProperty(SupportsGet = true)]
    public int? Commune { get; set; }

    public Commune? Current { get; private set; }
    public List<ReadinessItem> ResidentItems { get; private set; } = [];
    public List<ReadinessItem> BusinessItems { get; private set; } = [];
    public List<Choice<string>> Activities { get; private set; } = [];
    public List<Choice<string>> Topics { get; private set; } = [];
    public List<Choice<string>> Models { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync() => await LoadAsync() ? Page() : NotFound();

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        if (!await LoadAsync())
        {
            return NotFound();
        }
        var code = CatalogueCode.Normalise(Input.Code);
        var taken = await db.Indicators.AsNoTracking().Where(i => i.CommuneId == null || i.CommuneId == Current!.Id).Select(i => i.Code).ToListAsync(cancellationToken);
        if (CatalogueCode.Problem(code, taken, l, "Mã “{0}” đã có trong danh mục chỉ số.") is { } problem)
        {
            ModelState.AddModelError("Input.Code", problem);
        }
        var formula = Input.ToFormula();
        var (items, topics, models, activities) = await PlanQueries.CodesAsync(db, Current!.Id);
        foreach (var error in FormulaRules.Check(formula, "", items, topics, models, activities, l))
        {
            var field = error.Path.TrimStart('/').Split('/')[0] switch
            {
                "having" => "Having",
                "among" => "Among",
                "maxAge" => "MaxAge",
                "topics" => "Topics",
                "models" => "Models",
                "activities" => "Activities",
                _ => "Kind",
            };
            ModelState.AddModelError("Input." + field, error.Message);
        }
        if (!ModelState.IsValid)
        {
            return Page();
        }
        var indicator = new Indicator
        {
            CommuneId = Current.Id, Code = code!, Name = Input.Name!.Trim(), NameEn = string.IsNullOrWhiteSpace(Input.NameEn) ? null : Input.NameEn.Trim(),
            Description = string.IsNullOrWhiteSpace(Input.Definition) ? null : Input.Definition.Trim(), FormulaJson = formula.ToJson(), SortOrder = 1000,
        };
        db.Indicators.Add(indicator);
        await db.SaveChangesAsync(cancellationToken);
        TempData["Flash"] = l["Đã tạo chỉ số {0}.", indicator.Name].Value;
        return Redirect("/indicators");
    }

    private async Task<bool> LoadAsync()
    {
        Current = await PopulationQueries.CommuneAsync(db, Commune);
        if (Current is null)
        {
            return false;
        }
        var items = await ReadinessStatus.ActiveItems(db, Current.Id, ReadinessSubject.Resident).AsNoTracking().ToListAsync();
        ResidentItems = items;
        BusinessItems = await ReadinessStatus.ActiveItems(db, Current.Id, ReadinessSubject.Business).AsNoTracking().ToListAsync();
        Activities = await db.SupportActivities.AsNoTracking().Where(a => a.IsActive && (a.CommuneId == null || a.CommuneId == Current.Id))
            .OrderBy(a => a.SortOrder).Select(a => new Choice<string>(a.Code, a.Name)).ToListAsync();
        Topics = await db.TrainingTopics.AsNoTracking().Where(a => a.IsActive && (a.CommuneId == null || a.CommuneId == Current.Id))
            .OrderBy(a => a.SortOrder).Select(a => new Choice<string>(a.Code, a.Name)).ToListAsync();
        Models = await db.CommunityModels.AsNoTracking().Where(a => a.IsActive && (a.CommuneId == null || a.CommuneId == Current.Id))
            .OrderBy(a => a.SortOrder).Select(a => new Choice<string>(a.Code, a.Name)).ToListAsync();
        return true;
    }

    public static string KindText(FormulaKind kind) => kind switch
    {
        FormulaKind.Residents => "Tỷ lệ người dân (theo độ tuổi) có tình trạng",
        FormulaKind.Households => "Tỷ lệ hộ có ít nhất một thành viên có tình trạng",
        FormulaKind.Businesses => "Tỷ lệ cơ sở kinh doanh, HTX, sản phẩm OCOP có tình trạng",
        FormulaKind.HouseholdsReached => "Tỷ lệ hộ được tuyên truyền, đến thăm, hỗ trợ trong kỳ",
        FormulaKind.MembersTrained => "Tỷ lệ thành viên tổ được tập huấn theo chủ đề",
        FormulaKind.CourseCompleted => "Tỷ lệ thành viên hoàn thành khóa học trực tuyến đúng hạn",
        FormulaKind.Events => "Số hoạt động của mô hình trong kỳ",
        FormulaKind.Communications => "Số tin bài, truyền thông theo loại trong kỳ",
        _ => "Số liệu do đơn vị khác cung cấp (một cửa, công an, trường học…)",
    };

    public static string CommunicationText(FormulaCommunicationKind kind) => kind switch
    {
        FormulaCommunicationKind.PortalNews => "Tin bài trên cổng thông tin điện tử",
        FormulaCommunicationKind.Broadcast => "Phát thanh, loa truyền thanh",
        FormulaCommunicationKind.ZaloPost => "Bài đăng Zalo",
        FormulaCommunicationKind.Infographic => "Infographic",
        FormulaCommunicationKind.Poster => "Áp phích, tờ rơi",
        FormulaCommunicationKind.Video => "Video",
        FormulaCommunicationKind.LangSoStory => "Câu chuyện trên Làng số",
        _ => "Khác",
    };

    public static string BusinessKindText(FormulaBusinessKind kind) => kind switch
    {
        FormulaBusinessKind.HouseholdBusiness => "Hộ kinh doanh",
        FormulaBusinessKind.Cooperative => "Hợp tác xã",
        _ => "Doanh nghiệp",
    };
}
