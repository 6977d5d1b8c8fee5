using System.Globalization;

namespace CongDongSo.Web.Infrastructure.Text;

/// <summary>The order people expect in lists of names and codes.</summary>
public static class NaturalOrder
{
    /// <summary>"Tổ dân phố số 2" before "Tổ dân phố số 10", Vietnamese letters in their order, case ignored.</summary>
    public static readonly StringComparer Comparer =
        StringComparer.Create(CultureInfo.GetCultureInfo("vi-VN"), CompareOptions.IgnoreCase | CompareOptions.NumericOrdering);
}
