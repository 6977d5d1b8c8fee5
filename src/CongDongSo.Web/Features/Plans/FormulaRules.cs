using CongDongSo.Web.Data;
using Microsoft.Extensions.Localization;

namespace CongDongSo.Web.Features.Plans;

/// <summary>What makes a formula countable: the parts its kind needs, and codes that name something in the ward's catalogues.</summary>
public static class FormulaRules
{
    public static IEnumerable<PlanFileError> Check(IndicatorFormula formula, string path, IReadOnlySet<string> items, IReadOnlySet<string> topics,
        IReadOnlySet<string> models, IReadOnlySet<string> activities, IStringLocalizer l)
    {
        var statusKind = formula.Kind is FormulaKind.Residents or FormulaKind.Households or FormulaKind.Businesses;
        if (statusKind && formula.Having.Count == 0 && formula.Measure == FormulaMeasure.Share)
        {
            yield return new PlanFileError($"{path}/having", l["Chọn ít nhất một tình trạng cần có."]);
        }
        if (formula.MinAge is { } min && formula.MaxAge is { } max && min > max)
        {
            yield return new PlanFileError($"{path}/maxAge", l["Tuổi đến phải không nhỏ hơn tuổi từ."]);
        }
        foreach (var (condition, i, part) in formula.Having.Select((c, i) => (c, i, "having")).Concat(formula.Among.Select((c, i) => (c, i, "among"))))
        {
            if (!items.Contains(condition.Item))
            {
                yield return new PlanFileError($"{path}/{part}/{i}/item", l["Tình trạng “{0}” không có trong danh mục tình trạng số.", condition.Item]);
            }
        }
        if (formula.Kind is FormulaKind.MembersTrained or FormulaKind.CourseCompleted)
        {
            foreach (var (topic, i) in formula.Topics.Select((t, i) => (t, i)).Where(t => !topics.Contains(t.t)))
            {
                yield return new PlanFileError($"{path}/topics/{i}", l["Chủ đề “{0}” không có trong danh mục chủ đề tập huấn.", topic]);
            }
        }
        if (formula.Kind == FormulaKind.Events)
        {
            foreach (var (model, i) in formula.Models.Select((m, i) => (m, i)).Where(m => !models.Contains(m.m)))
            {
                yield return new PlanFileError($"{path}/models/{i}", l["Mô hình “{0}” không có trong danh mục mô hình.", model]);
            }
        }
        if (formula.Kind == FormulaKind.HouseholdsReached)
        {
            foreach (var (activity, i) in formula.Activities.Select((a, i) => (a, i)).Where(a => !activities.Contains(a.a)))
            {
                yield return new PlanFileError($"{path}/activities/{i}", l["Việc hỗ trợ “{0}” không có trong danh mục việc hỗ trợ.", activity]);
            }
        }
    }
}
