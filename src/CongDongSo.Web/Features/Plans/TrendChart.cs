using CongDongSo.Web.Data;
using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Html;

namespace CongDongSo.Web.Features.Plans;

/// <summary>
/// A target's trend as inline SVG drawn on the server: no chart script for a phone on 3G. The line
/// breaks where a month has no figure; the dashed line is the target. A data table stands beside it on the page.
/// </summary>
public static class TrendChart
{
    public static HtmlString Svg(IReadOnlyList<TrendPoint> points, decimal target, ValueUnit unit, string label, int width = 320, int height = 120)
    {
        const int left = 34, right = 8, top = 8, bottom = 20;
        var values = points.Where(p => p.Value is not null).Select(p => p.Value!.Value).Append(target).ToList();
        var max = unit == ValueUnit.Percent ? 100m : Math.Max(1m, Math.Ceiling(values.Max() * 1.1m));
        var plotWidth = width - left - right;
        var plotHeight = height - top - bottom;
        string X(int i) => (left + (points.Count <= 1 ? plotWidth / 2m : plotWidth * i / (decimal)(points.Count - 1))).ToString("0.#", CultureInfo.InvariantCulture);
        string Y(decimal v) => (top + plotHeight - (plotHeight * Math.Clamp(v, 0, max) / max)).ToString("0.#", CultureInfo.InvariantCulture);
        var svg = new StringBuilder();
        svg.Append(CultureInfo.InvariantCulture, $"<svg class=\"trend\" viewBox=\"0 0 {width} {height}\" role=\"img\" aria-label=\"{HtmlEncoder.Default.Encode(label)}\" preserveAspectRatio=\"xMidYMid meet\">");
        svg.Append(CultureInfo.InvariantCulture, $"<line class=\"axis\" x1=\"{left}\" y1=\"{top + plotHeight}\" x2=\"{width - right}\" y2=\"{top + plotHeight}\"/>");
        svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{left - 4}\" y=\"{top + 4}\" text-anchor=\"end\">{Label(max, unit)}</text>");
        svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{left - 4}\" y=\"{top + plotHeight}\" text-anchor=\"end\">0</text>");
        svg.Append(CultureInfo.InvariantCulture, $"<line class=\"goal\" x1=\"{left}\" y1=\"{Y(target)}\" x2=\"{width - right}\" y2=\"{Y(target)}\"/>");
        var run = new List<string>();
        void Flush()
        {
            if (run.Count > 1)
            {
                svg.Append(CultureInfo.InvariantCulture, $"<polyline class=\"line\" points=\"{string.Join(' ', run)}\"/>");
            }
            run.Clear();
        }
        for (var i = 0; i < points.Count; i++)
        {
            if (points[i].Value is { } v)
            {
                run.Add($"{X(i)},{Y(v)}");
                svg.Append(CultureInfo.InvariantCulture, $"<circle class=\"dot\" cx=\"{X(i)}\" cy=\"{Y(v)}\" r=\"2.5\"/>");
            }
            else
            {
                Flush();
            }
        }
        Flush();
        if (points.Count > 0)
        {
            svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{left}\" y=\"{height - 4}\">{HtmlEncoder.Default.Encode(points[0].Label)}</text>");
            if (points.Count > 1)
            {
                svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{width - right}\" y=\"{height - 4}\" text-anchor=\"end\">{HtmlEncoder.Default.Encode(points[^1].Label)}</text>");
            }
        }
        svg.Append("</svg>");
        return new HtmlString(svg.ToString());
    }

    private static string Label(decimal value, ValueUnit unit) =>
        unit == ValueUnit.Percent ? value.ToString("0", CultureInfo.InvariantCulture) + "%" : value.ToString("0", CultureInfo.InvariantCulture);
}
