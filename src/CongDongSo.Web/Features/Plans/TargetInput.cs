using System.ComponentModel.DataAnnotations;
using System.Globalization;
using System.Text.RegularExpressions;
using CongDongSo.Web.Data;
using CongDongSo.Web.Infrastructure.Web;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace CongDongSo.Web.Features.Plans;

/// <summary>A target as typed in the form; the value accepts "35,4" and "35.4".</summary>
public sealed class TargetInput
{
    [StringLength(20, ErrorMessage = "Mã tối đa 20 ký tự.")]
    public string? Code { get; set; }

    [StringLength(200, ErrorMessage = "Nhóm tối đa 200 ký tự.")]
    public string? Group { get; set; }

    [StringLength(1000, ErrorMessage = "Nội dung chỉ tiêu tối đa 1.000 ký tự.")]
    public string? Text { get; set; }

    [Required(ErrorMessage = "Vui lòng chọn chỉ số.")]
    public int? IndicatorId { get; set; }

    public Comparator Comparator { get; set; } = Comparator.AtLeast;

    [Required(ErrorMessage = "Vui lòng nhập giá trị chỉ tiêu.")]
    public string? Value { get; set; }

    [Required(ErrorMessage = "Vui lòng nhập hạn.")]
    public DateOnly? Deadline { get; set; }

    public TargetScope Scope { get; set; } = TargetScope.Commune;

    public Cadence? Period { get; set; }

    public static TargetInput From(PlanTarget t) => new()
    {
        Code = t.Code, Group = t.Group, Text = t.Text, IndicatorId = t.IndicatorId, Comparator = t.Comparator,
        Value = t.Value.ToString("0.####", CultureInfo.GetCultureInfo("vi-VN")), Deadline = t.Deadline, Scope = t.Scope, Period = t.Period,
    };
}

public static partial class TargetRules
{
    public static readonly Cadence[] Periods = [Cadence.Month, Cadence.Quarter, Cadence.HalfYear, Cadence.Year];

    /// <summary>
    /// A number as a Vietnamese officer types it: "35,4" (decimal comma), "35.4", "1.000" (thousands);
    /// null when it is not one.
    /// </summary>
    public static decimal? ParseNumber(string? text)
    {
        var s = text?.Trim().Replace(" ", "", StringComparison.Ordinal).TrimEnd('%');
        if (string.IsNullOrEmpty(s))
        {
            return null;
        }
        if (s.Contains(',', StringComparison.Ordinal))
        {
            s = s.Replace(".", "", StringComparison.Ordinal).Replace(',', '.');
        }
        else if (Thousands().IsMatch(s))
        {
            s = s.Replace(".", "", StringComparison.Ordinal);
        }
        return decimal.TryParse(s, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var value) ? value : null;
    }

    [GeneratedRegex(@"^\d{1,3}(\.\d{3})+$")]
    private static partial Regex Thousands();

    /// <summary>Checks a target against the plan and the catalogue; fills <paramref name="target"/> when there is no error.</summary>
    public static async Task<List<FieldError>> CheckAsync(AppDbContext db, Data.Plan plan, TargetInput input, PlanTarget target, IStringLocalizer l)
    {
        if (target.ParentTargetId is not null)
        {
            // Handed down by the province: what is measured, against what and by when is the province's
            // to change; the ward words it, numbers it and chooses its scope.
            input.IndicatorId = target.IndicatorId;
            input.Comparator = target.Comparator;
            input.Value = target.Value.ToString(CultureInfo.InvariantCulture);
            input.Deadline = target.Deadline;
        }
        var (errors, indicator, value) = await CheckMeasureAsync(db, plan.CommuneId, plan.Year, input, l);
        if (!Enum.IsDefined(input.Scope))
        {
            errors.Add(new FieldError(nameof(input.Scope), l["Chọn phạm vi."]));
        }
        if (input.Period is { } period && !Periods.Contains(period))
        {
            errors.Add(new FieldError(nameof(input.Period), l["Kỳ chỉ là tháng, quý, 6 tháng hoặc năm."]));
        }
        if (errors.Count > 0 || indicator is null || value is null || input.Deadline is null)
        {
            return errors;
        }
        target.Code = Blank(input.Code);
        target.Group = Blank(input.Group);
        target.Text = Blank(input.Text);
        target.IndicatorId = indicator.Id;
        target.Comparator = input.Comparator;
        target.Value = value.Value;
        target.Deadline = input.Deadline.Value;
        target.Scope = input.Scope;
        target.Period = input.Period;
        return errors;
    }

    /// <summary>
    /// What every target states, at any level: an indicator of the catalogue (<paramref name="communeId"/>
    /// null: national ones only), a number the indicator's unit allows, a deadline near the plan's year, a comparator.
    /// </summary>
    public static async Task<(List<FieldError> Errors, Indicator? Indicator, decimal? Value)> CheckMeasureAsync(AppDbContext db, int? communeId, int year,
        TargetInput input, IStringLocalizer l)
    {
        var errors = new List<FieldError>();
        var indicator = input.IndicatorId is { } id
            ? await db.Indicators.AsNoTracking().FirstOrDefaultAsync(i => i.Id == id && i.IsActive && (i.CommuneId == null || i.CommuneId == communeId))
            : null;
        if (input.IndicatorId is not null && indicator is null)
        {
            errors.Add(new FieldError(nameof(input.IndicatorId), l["Chỉ số không có trong danh mục."]));
        }
        var value = ParseNumber(input.Value);
        if (input.Value is not null && value is null)
        {
            errors.Add(new FieldError(nameof(input.Value), l["Giá trị chỉ tiêu phải là một số (ví dụ 35,4)."]));
        }
        else if (value is { } v && indicator is not null && ValueError(v, IndicatorFormula.Parse(indicator.FormulaJson).Unit, l) is { } error)
        {
            errors.Add(new FieldError(nameof(input.Value), error));
        }
        if (input.Deadline is { } deadline && (deadline.Year < year - 1 || deadline.Year > year + 10))
        {
            errors.Add(new FieldError(nameof(input.Deadline), l["Hạn phải trong khoảng năm {0}–{1}.", year - 1, year + 10]));
        }
        if (!Enum.IsDefined(input.Comparator))
        {
            errors.Add(new FieldError(nameof(input.Comparator), l["Chọn phép so sánh."]));
        }
        return (errors, indicator, value);
    }

    /// <summary>Why a value cannot be a target of this unit (a share above 100 %, a negative number), or null.</summary>
    public static string? ValueError(decimal value, ValueUnit unit, IStringLocalizer l) =>
        value < 0 ? l["Giá trị chỉ tiêu không được âm."].Value
        : value > MaxValue ? l["Giá trị quá lớn (tối đa 1.000.000.000.000)."].Value
        : unit == ValueUnit.Percent && value > 100 ? l["Tỷ lệ phải từ 0 đến 100 %."].Value
        : null;

    /// <summary>The largest value a target or a supplied figure may hold: the columns keep 14 digits before the point.</summary>
    public const decimal MaxValue = 1_000_000_000_000m;

    /// <summary>Trimmed text, or null for blank.</summary>
    public static string? Blank(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();
}
