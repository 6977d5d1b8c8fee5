namespace CongDongSo.Web.Infrastructure.Web;

/// <summary>An option of a select list.</summary>
public sealed record Choice<T>(T Value, string Text);

/// <summary>An error of one field, keyed by the input's property name.</summary>
public sealed record FieldError(string Field, string Message);

public static class FieldErrors
{
    /// <summary>The errors as a 400 problem whose keys are the JSON names of the fields ("teamId", "sessions[0].date").</summary>
    public static Microsoft.AspNetCore.Http.HttpResults.ValidationProblem ToProblem(this IEnumerable<FieldError> errors) =>
        TypedResults.ValidationProblem(errors
            .GroupBy(e => System.Text.Json.JsonNamingPolicy.CamelCase.ConvertName(e.Field))
            .ToDictionary(g => g.Key, g => g.Select(e => e.Message).Distinct().ToArray()));
}
