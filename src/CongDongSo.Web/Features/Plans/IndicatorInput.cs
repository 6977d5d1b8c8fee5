using CongDongSo.Web.Data;
using System.ComponentModel.DataAnnotations;

namespace CongDongSo.Web.Features.Plans;

/// <summary>
/// The indicator builder's form: each part of a formula as a field. For a readiness item,
/// "achieved" uses the item's own "has it" values; a choice code narrows it to that value.
/// </summary>
public sealed class IndicatorInput
{
    [Required(ErrorMessage = "Vui lòng nhập mã chỉ số.")]
    public string? Code { get; set; }

    [Required(ErrorMessage = "Vui lòng nhập tên chỉ số.")]
    [StringLength(300, ErrorMessage = "Tên tối đa 300 ký tự.")]
    public string? Name { get; set; }

    [StringLength(300, ErrorMessage = "Tên tiếng Anh tối đa 300 ký tự.")]
    public string? NameEn { get; set; }

    [StringLength(2000, ErrorMessage = "Định nghĩa tối đa 2.000 ký tự.")]
    public string? Definition { get; set; }

    public FormulaKind Kind { get; set; } = FormulaKind.Residents;
    public FormulaMeasure Measure { get; set; } = FormulaMeasure.Share;

    [Range(0, 150, ErrorMessage = "Tuổi phải từ 0 đến 150.")]
    public int? MinAge { get; set; }

    [Range(0, 150, ErrorMessage = "Tuổi phải từ 0 đến 150.")]
    public int? MaxAge { get; set; }

    /// <summary>Item code → "" (not used), "*" (achieved) or a choice code.</summary>
    public Dictionary<string, string> Having { get; set; } = [];
    public Dictionary<string, string> Among { get; set; } = [];
    public List<FormulaBusinessKind> BusinessKinds { get; set; } = [];
    public bool OcopOnly { get; set; }
    public List<string> Activities { get; set; } = [];
    public List<string> Topics { get; set; } = [];
    public bool LeadersOnly { get; set; }
    public List<string> Models { get; set; } = [];
    public List<FormulaCommunicationKind> CommunicationKinds { get; set; } = [];
    public ValueUnit ValueUnit { get; set; } = ValueUnit.Percent;

    public IndicatorFormula ToFormula() => new()
    {
        Kind = Kind,
        Measure = Measure,
        MinAge = MinAge,
        MaxAge = MaxAge,
        Having = Conditions(Having),
        Among = Conditions(Among),
        BusinessKinds = Kind == FormulaKind.Businesses ? BusinessKinds : [],
        OcopOnly = Kind == FormulaKind.Businesses && OcopOnly,
        Activities = Kind == FormulaKind.HouseholdsReached ? Activities : [],
        Topics = Kind is FormulaKind.MembersTrained or FormulaKind.CourseCompleted ? Topics : [],
        LeadersOnly = Kind is FormulaKind.MembersTrained or FormulaKind.CourseCompleted && LeadersOnly,
        Models = Kind == FormulaKind.Events ? Models : [],
        CommunicationKinds = Kind == FormulaKind.Communications ? CommunicationKinds : [],
        ValueUnit = Kind == FormulaKind.External ? ValueUnit : null,
    };

    private List<FormulaCondition> Conditions(Dictionary<string, string> picked) =>
        Kind is FormulaKind.Residents or FormulaKind.Households or FormulaKind.Businesses
            ? [.. picked.Where(p => !string.IsNullOrEmpty(p.Value)).OrderBy(p => p.Key, StringComparer.Ordinal)
                .Select(p => new FormulaCondition(p.Key, p.Value == "*" ? null : [p.Value]))]
            : [];
}
