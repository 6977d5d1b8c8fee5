using System.Globalization;

namespace CongDongSo.Web.Infrastructure.Localization;

/// <summary>
/// Vietnam's civil time (UTC+7 all year, no daylight saving). Fixed rather than read from the
/// server's zone, which is often UTC in a data centre.
/// </summary>
public static class VietnamTime
{
    public static readonly TimeSpan Offset = TimeSpan.FromHours(7);

    public static DateTime FromUtc(DateTime utc) => DateTime.SpecifyKind(utc, DateTimeKind.Unspecified) + Offset;

    /// <summary>The UTC instant a Vietnamese calendar day starts.</summary>
    public static DateTime StartOfDayUtc(DateOnly day) => day.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc) - Offset;

    /// <summary>"dd/MM/yyyy HH:mm:ss" in Vietnam time.</summary>
    public static string Format(DateTime utc) => FromUtc(utc).ToString("dd/MM/yyyy HH:mm:ss", CultureInfo.InvariantCulture);

    public static string FormatMinutes(DateTime utc) => FromUtc(utc).ToString("dd/MM/yyyy HH:mm", CultureInfo.InvariantCulture);

    /// <summary>
    /// Today in Vietnam, by the app's one clock (the registered <see cref="TimeProvider"/>, which tests
    /// move by hand), whatever the server's time zone. The one notion of "today" of the app.
    /// </summary>
    public static DateOnly Today(this TimeProvider clock) => DateOnly.FromDateTime(FromUtc(clock.GetUtcNow().UtcDateTime));

    /// <summary>A stored UTC moment as people in Vietnam read it.</summary>
    public static DateTime InVietnam(this DateTime utc) => FromUtc(utc);
}
