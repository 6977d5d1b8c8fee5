using AngleSharp.Dom;
using AngleSharp.Html.Dom;

namespace CongDongSo.Tests.Infrastructure;

/// <summary>Small readers of rendered pages and responses.</summary>
public static class Pages
{
    /// <summary>The value a form field shows: input, select (its selected option) or textarea.</summary>
    public static string? FieldValue(this IDocument document, string name) =>
        document.QuerySelector($"[name='{name}']") switch
        {
            IHtmlInputElement input => input.Value,
            IHtmlSelectElement select => select.Value,
            IHtmlTextAreaElement area => area.Value,
            _ => null,
        };

    /// <summary>A Location header's path and query, whether the server sent it absolute or relative.</summary>
    public static string PathAndQuery(this Uri location) =>
        location.IsAbsoluteUri ? location.PathAndQuery : location.OriginalString;
}
