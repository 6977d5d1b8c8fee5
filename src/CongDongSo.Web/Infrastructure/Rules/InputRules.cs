using System.ComponentModel.DataAnnotations;
using CongDongSo.Web.Infrastructure.Web;
using Microsoft.Extensions.Localization;

namespace CongDongSo.Web.Infrastructure.Rules;

/// <summary>Checks shared by the forms and the JSON API.</summary>
public static class InputRules
{
    /// <summary>The DataAnnotations of an input, for callers without model binding (the API), with the pages' messages.</summary>
    public static List<FieldError> Annotations(object input, IStringLocalizer l)
    {
        var results = new List<ValidationResult>();
        Validator.TryValidateObject(input, new ValidationContext(input), results, validateAllProperties: true);
        return [.. results.SelectMany(r => r.MemberNames.Select(n => new FieldError(n, l[r.ErrorMessage ?? ""])))];
    }

    /// <summary>An absolute http(s) address, or null for blank; a "javascript:" link never reaches a page.</summary>
    public static bool IsWebLink(string? value, out string? link)
    {
        link = string.IsNullOrWhiteSpace(value) ? null : value.Trim();
        return link is null
            || (link.Length <= 500 && Uri.TryCreate(link, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp));
    }

    /// <summary>The Vietnam-time day and clock times of a form as UTC instants; the end must follow the start.</summary>
    public static (DateTime Starts, DateTime Ends) UtcRange(DateOnly day, TimeOnly starts, TimeOnly ends) =>
        (Localization.VietnamTime.StartOfDayUtc(day) + starts.ToTimeSpan(), Localization.VietnamTime.StartOfDayUtc(day) + ends.ToTimeSpan());

    /// <summary>Adds <paramref name="message"/> (with the maximum as {0}) when the cleaned value is too long.</summary>
    public static void MaxLength(List<FieldError> errors, IStringLocalizer l, string field, string? value, int max, string message)
    {
        if (value?.Length > max)
        {
            errors.Add(new(field, l[message, max]));
        }
    }

    /// <summary>The days a period filter may name: a day outside (year 0001, 9999) is clamped, so no instant computed from it overflows.</summary>
    public static DateOnly? ClampDay(DateOnly? day) => day is { } d ? new DateOnly(Math.Clamp(d.Year, 2000, 2100), d.Year is < 2000 or > 2100 ? 1 : d.Month, d.Year is < 2000 or > 2100 ? 1 : d.Day) : null;
}
