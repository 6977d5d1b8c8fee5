using CongDongSo.Web.Infrastructure.Localization;

namespace CongDongSo.Web.Data;

/// <summary>A readiness item as a formula reads it: its id and the values that count as achieved.</summary>
public sealed record ItemRule(int Id, string AchievedValues)
{
    public bool IsAchieved(string? value) =>
        value is not null && AchievedValues.Split(',', StringSplitOptions.TrimEntries).Contains(value);
}

/// <summary>
/// The rules that decide whether one resident, household or business is in an indicator's base,
/// its numerator, and surveyed, on a day. The indicator engine (every subject at a date) and the
/// counter (one subject over all dates) both call these, so the two can only agree.
/// </summary>
public static class SubjectRules
{
    /// <summary>Whether every condition holds; <paramref name="valueOf"/> gives the subject's value of an item on the day (null: none recorded).</summary>
    public static bool Holds(IReadOnlyDictionary<string, ItemRule> items, Func<int, string?> valueOf, IReadOnlyList<FormulaCondition> conditions)
    {
        foreach (var condition in conditions)
        {
            if (!items.TryGetValue(condition.Item, out var item))
            {
                return false;
            }
            var value = valueOf(item.Id);
            var ok = condition.Values is { Count: > 0 } values ? value is not null && values.Contains(value) : item.IsAchieved(value);
            if (!ok)
            {
                return false;
            }
        }
        return true;
    }

    /// <summary>Surveyed: a status is recorded on any item the formula names.</summary>
    public static bool HasAnyRecord(IReadOnlyDictionary<string, ItemRule> items, Func<int, string?> valueOf, IndicatorFormula formula)
    {
        foreach (var condition in formula.Having.Concat(formula.Among))
        {
            if (items.TryGetValue(condition.Item, out var item) && valueOf(item.Id) is not null)
            {
                return true;
            }
        }
        return false;
    }

    /// <summary>
    /// Lives in the commune on <paramref name="at"/>: unless the latest fact on or before it is a departure
    /// or a death; one whose first fact is an arrival lives there only from it. Facts in date order.
    /// </summary>
    public static bool LivesHere(IReadOnlyList<(DateOnly On, ResidenceChange Change)> facts, DateOnly at)
    {
        if (facts.Count == 0)
        {
            return true;
        }
        (DateOnly On, ResidenceChange Change)? last = null;
        foreach (var fact in facts)
        {
            if (fact.On > at)
            {
                break;
            }
            last = fact;
        }
        return last is { } l ? l.Change == ResidenceChange.MovedIn : facts[0].Change != ResidenceChange.MovedIn;
    }

    public static bool InAgeBand(DateOnly? birthDate, int? birthYear, IndicatorFormula formula, DateOnly at)
    {
        if (formula.MinAge is null && formula.MaxAge is null)
        {
            return true;
        }
        var age = Infrastructure.Rules.Age.Years(birthDate, birthYear, at);
        return age is { } a && (formula.MinAge is not { } min || a >= min) && (formula.MaxAge is not { } max || a <= max);
    }

    /// <summary>The days on which a resident's age crosses the formula's band (enters at the minimum, leaves past the maximum).</summary>
    public static IEnumerable<DateOnly> AgeBandDays(DateOnly? birthDate, int? birthYear, IndicatorFormula formula)
    {
        foreach (var years in new[] { formula.MinAge, formula.MaxAge + 1 })
        {
            if (years is not { } y || y < 0)
            {
                continue;
            }
            if (birthDate is { } born && born.Year + y <= 9999)
            {
                yield return born.AddYears(y);
            }
            else if (birthDate is null && birthYear is { } year && year + y is >= 1 and <= 9999)
            {
                yield return new DateOnly(year + y, 1, 1);
            }
        }
    }

    /// <summary>The day (Vietnam time) an instant falls on.</summary>
    public static DateOnly DayOf(DateTime utc) => DateOnly.FromDateTime(utc.InVietnam());
}

/// <summary>
/// One subject's statuses over time, item by item: the value that decides each day, by the rule of
/// <see cref="ReadinessStatus.Reduce"/> (latest happened by the end of the day, then latest recorded,
/// then larger id; corrected events void). Built once per subject, read at any day.
/// </summary>
public sealed class StatusTimeline
{
    private readonly Dictionary<int, List<(DateOnly Day, string Value)>> _steps = [];

    public StatusTimeline(IEnumerable<ReadinessState> events)
    {
        var list = events as IReadOnlyCollection<ReadinessState> ?? [.. events];
        var corrected = list.Where(e => e.CorrectsEventId is not null).Select(e => e.CorrectsEventId!.Value).ToHashSet();
        foreach (var byItem in list.Where(e => !corrected.Contains(e.EventId)).GroupBy(e => e.ItemId))
        {
            var steps = new List<(DateOnly Day, string Value)>();
            foreach (var e in byItem.OrderBy(e => e.OccurredAtUtc).ThenBy(e => e.RecordedAtUtc).ThenBy(e => e.EventId.ToString("N"), StringComparer.Ordinal))
            {
                var day = SubjectRules.DayOf(e.OccurredAtUtc);
                if (steps.Count > 0 && steps[^1].Day == day)
                {
                    steps[^1] = (day, e.Value);
                }
                else
                {
                    steps.Add((day, e.Value));
                }
            }
            _steps[byItem.Key] = steps;
        }
    }

    /// <summary>The value of an item at the end of <paramref name="day"/>; null when none was recorded by then.</summary>
    public string? ValueAt(int itemId, DateOnly day)
    {
        if (!_steps.TryGetValue(itemId, out var steps))
        {
            return null;
        }
        string? value = null;
        foreach (var step in steps)
        {
            if (step.Day > day)
            {
                break;
            }
            value = step.Value;
        }
        return value;
    }

    /// <summary>The days on which an item's value can change.</summary>
    public IEnumerable<DateOnly> ChangeDays(int itemId) =>
        _steps.TryGetValue(itemId, out var steps) ? steps.Select(s => s.Day) : [];
}
