using System.Text.RegularExpressions;
using Microsoft.Extensions.Localization;

namespace CongDongSo.Web.Infrastructure.Rules;

/// <summary>The code of a ward's own catalogue row: lower-case ASCII, digits and underscores, unique in its list.</summary>
public static partial class CatalogueCode
{
    /// <summary>The normalised code (trimmed, lower case), or null when blank.</summary>
    public static string? Normalise(string? code) => string.IsNullOrWhiteSpace(code) ? null : code.Trim().ToLowerInvariant();

    /// <summary>What is wrong with <paramref name="code"/>, or null; <paramref name="takenMessage"/> takes the code as {0}.</summary>
    public static string? Problem(string? code, IEnumerable<string> taken, IStringLocalizer l, string takenMessage) => code switch
    {
        null => null,
        _ when !Shape().IsMatch(code) => l["Mã chỉ gồm chữ thường không dấu, số và dấu gạch dưới, từ 2 đến 40 ký tự."].Value,
        _ when taken.Contains(code, StringComparer.Ordinal) => l[takenMessage, code].Value,
        _ => null,
    };

    [GeneratedRegex("^[a-z0-9_]{2,40}$")]
    private static partial Regex Shape();
}
