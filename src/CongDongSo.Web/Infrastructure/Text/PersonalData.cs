namespace CongDongSo.Web.Infrastructure.Text;

/// <summary>Masking of personal values for lists, exports and the audit log.</summary>
public static class PersonalData
{
    /// <summary>Keeps the first three and last three characters: "0905123456" → "090****456".</summary>
    public static string Mask(string? value)
    {
        if (string.IsNullOrEmpty(value))
        {
            return "";
        }
        if (value.Length <= 6)
        {
            return new string('*', value.Length);
        }
        return string.Concat(value.AsSpan(0, 3), new string('*', value.Length - 6), value.AsSpan(value.Length - 3));
    }
}
