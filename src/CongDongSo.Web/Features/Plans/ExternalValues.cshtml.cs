using System.Globalization;
using CongDongSo.Web.Data;
using CongDongSo.Web.Infrastructure.Auth;
using CongDongSo.Web.Infrastructure.Localization;
using CongDongSo.Web.Infrastructure.Text;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace CongDongSo.Web.Features.Plans;

/// <summary>
/// Figures supplied from outside (the one-stop shop's share of dossiers filed online, the police's
/// e-ID activations, the schools' students with digital skills): entered one by one or pasted as
/// lines, each with its period, area, source and the date it was reported. A pasted block is stored
/// whole or not at all, each bad line named.
/// </summary>
[Authorize(Policy = Policies.ManagePlans)]
public sealed class ExternalValuesModel(AppDbContext db, TimeProvider clock, IStringLocalizer<SharedResource> l) : PageModel
{
    public const int MaxLines = 2000;

    [BindProperty(SupportsGet = true)]
    public int? Commune { get; set; }

    [BindProperty]
    public int? IndicatorId { get; set; }

    [BindProperty]
    public Guid? NeighbourhoodId { get; set; }

    [BindProperty]
    public DateOnly? PeriodStart { get; set; }

    [BindProperty]
    public DateOnly? PeriodEnd { get; set; }

    [BindProperty]
    public string? Value { get; set; }

    [BindProperty]
    public string? Source { get; set; }

    [BindProperty]
    public DateOnly? ReportedOn { get; set; }

    [BindProperty]
    public string? Lines { get; set; }

    public Commune? Current { get; private set; }
    public List<Indicator> Indicators { get; private set; } = [];
    public List<Neighbourhood> Neighbourhoods { get; private set; } = [];
    public List<ExternalValue> Values { get; private set; } = [];
    public List<string> LineErrors { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync() => await LoadAsync() ? Page() : NotFound();

    public async Task<IActionResult> OnPostAddAsync(CancellationToken cancellationToken)
    {
        if (!await LoadAsync())
        {
            return NotFound();
        }
        var indicator = Indicators.FirstOrDefault(i => i.Id == IndicatorId);
        var value = TargetRules.ParseNumber(Value);
        var errors = Check(indicator, NeighbourhoodId, PeriodStart, PeriodEnd, value, Source, ReportedOn);
        foreach (var (field, message) in errors)
        {
            ModelState.AddModelError(field, message);
        }
        if (errors.Count > 0)
        {
            return Page();
        }
        db.ExternalValues.Add(New(indicator!, NeighbourhoodId, PeriodStart!.Value, PeriodEnd!.Value, value!.Value, Source!, ReportedOn!.Value));
        await db.SaveChangesAsync(cancellationToken);
        TempData["Flash"] = l["Đã ghi số liệu."].Value;
        return Redirect($"/indicators/external?commune={Current!.Id}");
    }

    /// <summary>Lines "code;from;to;value;source;reported on[;neighbourhood]", dates dd/mm/yyyy or yyyy-mm-dd: all stored, or none.</summary>
    public async Task<IActionResult> OnPostPasteAsync(CancellationToken cancellationToken)
    {
        if (!await LoadAsync())
        {
            return NotFound();
        }
        var lines = (Lines ?? "").Split('\n').Select(x => x.Trim()).Select((text, i) => (text, number: i + 1)).Where(x => x.text.Length > 0).ToList();
        if (lines.Count == 0 || lines.Count > MaxLines)
        {
            LineErrors.Add(lines.Count == 0 ? l["Dán ít nhất một dòng."] : l["Tối đa {0} dòng một lần.", MaxLines]);
            return Page();
        }
        var byCode = Indicators.ToDictionary(i => i.Code, StringComparer.OrdinalIgnoreCase);
        var byName = Neighbourhoods.ToDictionary(n => VietnameseText.Fold(n.Name), n => n.Id);
        var rows = new List<ExternalValue>();
        foreach (var (text, number) in lines)
        {
            var cells = text.Split(text.Contains('\t', StringComparison.Ordinal) ? '\t' : ';').Select(c => c.Trim()).ToArray();
            if (cells.Length is < 6 or > 7)
            {
                LineErrors.Add(l["Dòng {0}: cần 6 hoặc 7 cột (mã chỉ số; từ ngày; đến ngày; giá trị; nguồn; ngày báo cáo; tổ dân phố nếu có).", number]);
                continue;
            }
            var indicator = byCode.GetValueOrDefault(cells[0]);
            Guid? neighbourhood = null;
            if (cells.Length == 7 && cells[6].Length > 0)
            {
                neighbourhood = byName.TryGetValue(VietnameseText.Fold(cells[6]), out var found) ? found : Guid.Empty;
            }
            var value = TargetRules.ParseNumber(cells[3]);
            var errors = Check(indicator, neighbourhood, ParseDate(cells[1]), ParseDate(cells[2]), value, cells[4], ParseDate(cells[5]));
            if (indicator is null)
            {
                errors.Insert(0, (nameof(IndicatorId), l["không có chỉ số “{0}” lấy từ nguồn ngoài trong danh mục", cells[0]]));
            }
            if (errors.Count > 0)
            {
                LineErrors.Add(l["Dòng {0}: {1}", number, string.Join("; ", errors.Select(e => e.Message).Distinct())]);
                continue;
            }
            rows.Add(New(indicator!, neighbourhood, ParseDate(cells[1])!.Value, ParseDate(cells[2])!.Value, value!.Value, cells[4], ParseDate(cells[5])!.Value));
        }
        if (LineErrors.Count > 0)
        {
            return Page();
        }
        db.ExternalValues.AddRange(rows);
        await db.SaveChangesAsync(cancellationToken);
        TempData["Flash"] = l["Đã ghi {0} số liệu.", rows.Count].Value;
        return Redirect($"/indicators/external?commune={Current!.Id}");
    }

    public async Task<IActionResult> OnPostDeleteAsync(Guid valueId, CancellationToken cancellationToken)
    {
        if (!await LoadAsync())
        {
            return NotFound();
        }
        var value = await db.ExternalValues.FirstOrDefaultAsync(v => v.Id == valueId && v.CommuneId == Current!.Id, cancellationToken);
        if (value is null)
        {
            return NotFound();
        }
        db.ExternalValues.Remove(value);
        await db.SaveChangesAsync(cancellationToken);
        TempData["Flash"] = l["Đã xóa số liệu."].Value;
        return Redirect($"/indicators/external?commune={Current!.Id}");
    }

    public string IndicatorName(int id) => Indicators.FirstOrDefault(i => i.Id == id)?.Name ?? "";

    public string NeighbourhoodName(Guid? id) => id is null ? l["Toàn phường, xã"] : Neighbourhoods.FirstOrDefault(n => n.Id == id)?.Name ?? "";

    private List<(string Field, string Message)> Check(Indicator? indicator, Guid? neighbourhood, DateOnly? from, DateOnly? to, decimal? value,
        string? source, DateOnly? reportedOn)
    {
        var errors = new List<(string, string)>();
        if (indicator is null)
        {
            errors.Add((nameof(IndicatorId), l["Chọn chỉ số lấy từ nguồn ngoài."]));
        }
        if (neighbourhood is { } n && Neighbourhoods.All(x => x.Id != n))
        {
            errors.Add((nameof(NeighbourhoodId), l["Tổ dân phố, thôn không thuộc phường, xã."]));
        }
        if (from is null || to is null || from > to || from.Value.Year < 2000 || to.Value.Year > 2100)
        {
            errors.Add((nameof(PeriodEnd), l["Kỳ số liệu: nhập từ ngày và đến ngày (từ ngày không sau đến ngày)."]));
        }
        if (value is null)
        {
            errors.Add((nameof(Value), l["Giá trị phải là một số (ví dụ 35,4)."]));
        }
        else if (indicator is not null && TargetRules.ValueError(value.Value, IndicatorFormula.Parse(indicator.FormulaJson).Unit, l) is { } error)
        {
            errors.Add((nameof(Value), error));
        }
        if (string.IsNullOrWhiteSpace(source) || source.Trim().Length > 300)
        {
            errors.Add((nameof(Source), l["Ghi nguồn số liệu (ví dụ Bộ phận một cửa, Công an phường), tối đa 300 ký tự."]));
        }
        if (reportedOn is null || reportedOn > clock.Today())
        {
            errors.Add((nameof(ReportedOn), l["Ngày báo cáo phải có và không sau hôm nay."]));
        }
        return errors;
    }

    private ExternalValue New(Indicator indicator, Guid? neighbourhood, DateOnly from, DateOnly to, decimal value, string source, DateOnly reportedOn) => new()
    {
        CommuneId = Current!.Id, IndicatorId = indicator.Id, NeighbourhoodId = neighbourhood, PeriodStart = from, PeriodEnd = to, Value = value,
        Source = VietnameseText.Clean(source)!, ReportedOn = reportedOn, RecordedAtUtc = clock.GetUtcNow().UtcDateTime, RecordedByUserId = db.Scope.UserId,
    };

    private static DateOnly? ParseDate(string text) =>
        DateOnly.TryParseExact(text, ["dd/MM/yyyy", "d/M/yyyy", "yyyy-MM-dd"], CultureInfo.InvariantCulture, DateTimeStyles.None, out var day) ? day : null;

    private async Task<bool> LoadAsync()
    {
        Current = await PopulationQueries.CommuneAsync(db, Commune);
        if (Current is null)
        {
            return false;
        }
        Indicators = [.. (await IndicatorQueries.ChoicesAsync(db, Current.Id)).Where(i => IndicatorFormula.Parse(i.FormulaJson).Kind == FormulaKind.External)];
        Neighbourhoods = [.. (await db.Neighbourhoods.AsNoTracking().Where(n => n.CommuneId == Current.Id && n.EffectiveTo == null).ToListAsync())
            .OrderBy(n => n.Name, NaturalOrder.Comparer)];
        Values = await db.ExternalValues.AsNoTracking().Where(v => v.CommuneId == Current.Id).OrderByDescending(v => v.PeriodEnd).ThenByDescending(v => v.RecordedAtUtc)
            .Take(200).ToListAsync();
        return true;
    }
}
