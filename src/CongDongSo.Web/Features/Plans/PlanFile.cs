using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace CongDongSo.Web.Features.Plans;

/// <summary>
/// The plan file (plan.schema.json, format "congdongso.plan/1"): what a plan is exported as, imported
/// from, and what the shipped templates are. Property names and enum spellings are the schema's.
/// </summary>
public sealed record PlanFile
{
    public const string FormatName = "congdongso.plan/1";

    [JsonPropertyName("$schema")]
    public string? Schema { get; init; }
    public string Format { get; init; } = FormatName;
    public required PlanHeaderFile Plan { get; init; }
    public List<ReadinessItemFile>? ReadinessItems { get; init; }
    public List<CommunityModelFile>? CommunityModels { get; init; }
    public List<IndicatorFile>? Indicators { get; init; }
    public List<TargetFile>? Targets { get; init; }
    public List<TaskFile>? Tasks { get; init; }
    public List<ModelFile>? Models { get; init; }
    public List<ReportingFile>? Reporting { get; init; }

    public static readonly JsonSerializerOptions Json = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower, allowIntegerValues: false) },
        WriteIndented = true,
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public static PlanFile Parse(string json) => JsonSerializer.Deserialize<PlanFile>(json, Json) ?? throw new JsonException("Empty plan file.");

    public string ToJson() => JsonSerializer.Serialize(this, Json);

    public static string Date(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    public static DateOnly? ParseDate(string? text) =>
        DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day) ? day : null;
}

public sealed record PlanHeaderFile
{
    public int Year { get; init; }
    public string? Number { get; init; }
    public required string Title { get; init; }
    public string? IssuedOn { get; init; }
    public string? Issuer { get; init; }
    public string? Signer { get; init; }
    public string? SignerTitle { get; init; }
    public List<string>? LegalBases { get; init; }
    public string? Purpose { get; init; }
    public string? Status { get; init; }
}

public sealed record ChoiceFile(string Code, string Label);

public sealed record ReadinessItemFile(string Code, string Name, string Subject, List<ChoiceFile> Choices, List<string> Achieved);

public sealed record CommunityModelFile(string Code, string Name, string? Description = null);

public sealed record IndicatorFile
{
    public required string Code { get; init; }
    public required string NameVi { get; init; }
    public string? NameEn { get; init; }
    public string? Definition { get; init; }
    public required JsonElement Formula { get; init; }
}

public sealed record TargetFile
{
    public string? Code { get; init; }
    public string? Group { get; init; }
    public string? Text { get; init; }
    public required string Indicator { get; init; }
    public required string Comparator { get; init; }
    public decimal Value { get; init; }
    public string? Deadline { get; init; }
    public string? Scope { get; init; }
    public string? Period { get; init; }
}

public sealed record TaskFile
{
    public string? Code { get; init; }
    public string? Group { get; init; }
    public required string Content { get; init; }
    public string? Lead { get; init; }
    public List<string>? Partners { get; init; }
    public string? Deadline { get; init; }
    public bool? Ongoing { get; init; }
    public string? DeadlineText { get; init; }
    public string? Status { get; init; }
    public string? Evidence { get; init; }
}

public sealed record ModelFile
{
    public required string Model { get; init; }
    public required string Cadence { get; init; }
    public int? Times { get; init; }
    public string? Scope { get; init; }
    public string? Note { get; init; }
}

public sealed record ReportingFile
{
    public required string Name { get; init; }
    public string? From { get; init; }
    public string? To { get; init; }
    public required string Period { get; init; }
    public int? DueDay { get; init; }
    public int? DueMonth { get; init; }
    public bool? DueBefore { get; init; }
    public string? DueDate { get; init; }
    public string? Note { get; init; }
    public string? Reporter { get; init; }
    public int? CutoffDay { get; init; }
    public bool? MoveToWorkingDay { get; init; }
}
