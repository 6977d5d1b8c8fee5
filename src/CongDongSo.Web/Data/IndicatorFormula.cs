using System.Text.Json;
using System.Text.Json.Serialization;

namespace CongDongSo.Web.Data;

/// <summary>What an indicator counts: the parts of the plan file's "formula" object (plan.schema.json).</summary>
public enum FormulaKind
{
    Residents = 1,
    Households = 2,
    Businesses = 3,
    HouseholdsReached = 4,
    MembersTrained = 5,
    CourseCompleted = 6,
    Events = 7,
    Communications = 8,
    External = 9,
}

public enum FormulaMeasure
{
    Share = 1,
    Count = 2,
}

public enum FormulaBusinessKind
{
    HouseholdBusiness = 1,
    Cooperative = 2,
    Enterprise = 3,
}

public enum FormulaCommunicationKind
{
    PortalNews = 1,
    Broadcast = 2,
    ZaloPost = 3,
    Infographic = 4,
    Poster = 5,
    Video = 6,
    LangSoStory = 7,
    Other = 9,
}

public enum ValueUnit
{
    Percent = 1,
    Count = 2,
}

/// <summary>A readiness item and the values that count (none: the item's own "achieved" values).</summary>
public sealed record FormulaCondition(string Item, IReadOnlyList<string>? Values = null);

/// <summary>
/// An indicator's formula. Shares are numerator over denominator in percent; counts are the
/// numerator. Every part is optional but <see cref="Kind"/>; which parts a kind reads is in the schema.
/// </summary>
public sealed record IndicatorFormula
{
    public required FormulaKind Kind { get; init; }
    public FormulaMeasure Measure { get; init; } = FormulaMeasure.Share;
    public int? MinAge { get; init; }
    public int? MaxAge { get; init; }
    public IReadOnlyList<FormulaCondition> Having { get; init; } = [];
    public IReadOnlyList<FormulaCondition> Among { get; init; } = [];
    public IReadOnlyList<FormulaBusinessKind> BusinessKinds { get; init; } = [];
    public bool OcopOnly { get; init; }
    public IReadOnlyList<string> Activities { get; init; } = [];
    public IReadOnlyList<string> Topics { get; init; } = [];
    public bool LeadersOnly { get; init; }
    public IReadOnlyList<string> Models { get; init; } = [];
    public IReadOnlyList<FormulaCommunicationKind> CommunicationKinds { get; init; } = [];
    public ValueUnit? ValueUnit { get; init; }

    public static readonly JsonSerializerOptions Json = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingDefault,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower, allowIntegerValues: false) },
        WriteIndented = false,
    };

    /// <summary>The unit its values are in: percent for shares (and external shares), a count otherwise.</summary>
    [JsonIgnore]
    public ValueUnit Unit => Kind switch
    {
        FormulaKind.External => ValueUnit ?? Data.ValueUnit.Percent,
        FormulaKind.Events or FormulaKind.Communications => Data.ValueUnit.Count,
        _ => Measure == FormulaMeasure.Count ? Data.ValueUnit.Count : Data.ValueUnit.Percent,
    };

    /// <summary>Counts of things that happen in a period (sessions, events, news items) restart each period.</summary>
    [JsonIgnore]
    public bool IsPeriodic => Kind is FormulaKind.HouseholdsReached or FormulaKind.Events or FormulaKind.Communications;

    public string ToJson() => JsonSerializer.Serialize(this, Json);

    public static IndicatorFormula Parse(string json) =>
        JsonSerializer.Deserialize<IndicatorFormula>(json, Json) ?? throw new JsonException("Empty formula.");
}
