using System.Globalization;
using System.Text;

namespace CongDongSo.Web.Infrastructure.Text;

/// <summary>Vietnamese text handling: NFC on the way in, a folded form for diacritic-free search.</summary>
public static class VietnameseText
{
    /// <summary>Trims, collapses inner white space and normalises to Unicode NFC; null for blank.</summary>
    public static string? Clean(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }
        var collapsed = string.Join(' ', text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
        return collapsed.Normalize(NormalizationForm.FormC);
    }

    /// <summary>
    /// Lower case without diacritics, so "nguyen van a" finds "Nguyễn Văn A".
    /// Đ/đ are letters of their own, not a D with a mark, so they are mapped by hand.
    /// </summary>
    public static string Fold(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return "";
        }
        var decomposed = text.Trim().Normalize(NormalizationForm.FormD);
        var builder = new StringBuilder(decomposed.Length);
        var lastWasSpace = false;
        foreach (var c in decomposed)
        {
            if (CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.NonSpacingMark)
            {
                continue;
            }
            if (char.IsWhiteSpace(c))
            {
                if (!lastWasSpace)
                {
                    builder.Append(' ');
                }
                lastWasSpace = true;
                continue;
            }
            lastWasSpace = false;
            builder.Append(c switch
            {
                'đ' or 'Đ' => 'd',
                _ => char.ToLowerInvariant(c),
            });
        }
        return builder.ToString();
    }
}
