using System.Globalization;
using CongDongSo.Web.Data;
using CongDongSo.Web.Infrastructure.Imports;
using CongDongSo.Web.Infrastructure.Privacy;
using CongDongSo.Web.Infrastructure.Text;

namespace CongDongSo.Web.Features.Imports;

/// <summary>How the values of ward sheets are written, read leniently but never guessed wrong.</summary>
public static class ImportCells
{
    // Excel counts days from 30/12/1899 (its day 60 is a 29/02/1900 that never was; birth dates are far later).
    private static readonly DateOnly s_excelEpoch = new(1899, 12, 30);
    private static readonly string[] s_dates = ["d/M/yyyy", "d-M-yyyy", "d.M.yyyy", "yyyy-M-d", "yyyy/M/d"];
    private static readonly string[] s_dateTimes = ["d/M/yyyy H:mm:ss", "d/M/yyyy H:mm", "yyyy-MM-ddTHH:mm:ss", "yyyy-MM-dd HH:mm:ss", "yyyy-MM-ddTHH:mm:ss.FFFFFFF"];

    /// <summary>A date as wards write it: dd/MM/yyyy, yyyy-MM-dd, an Excel date (a day count) or only the year.</summary>
    /// <returns>False when the text is none of these; <paramref name="date"/> is null when only the year is known.</returns>
    public static bool TryDate(string text, out DateOnly? date, out int year)
    {
        date = null;
        year = 0;
        var t = text.Trim();
        if (t.Length == 4 && int.TryParse(t, NumberStyles.None, CultureInfo.InvariantCulture, out var alone) && alone is >= 1900 and <= 2100)
        {
            year = alone;
            return true;
        }
        if (double.TryParse(t, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var serial))
        {
            // A day count above 2100 (after September 1905) and below 2173: a smaller number is a mistyped year, never a date.
            if (serial is <= 2100 or > 100_000)
            {
                return false;
            }
            date = s_excelEpoch.AddDays((int)Math.Floor(serial));
        }
        else if (DateOnly.TryParseExact(t, s_dates, CultureInfo.InvariantCulture, DateTimeStyles.None, out var d))
        {
            date = d;
        }
        else if (DateTime.TryParseExact(t, s_dateTimes, CultureInfo.InvariantCulture, DateTimeStyles.None, out var dt))
        {
            date = DateOnly.FromDateTime(dt);
        }
        else
        {
            return false;
        }
        year = date.Value.Year;
        return year >= 1900;
    }

    /// <summary>Yes/no as ticked in a sheet: x, có, 1, yes… / không, 0, no…; null when blank or unknown.</summary>
    public static bool? Bool(string? text, out bool known)
    {
        known = true;
        switch (VietnameseText.Fold(text))
        {
            case "":
                return null;
            case "x" or "co" or "c" or "1" or "yes" or "y" or "true" or "dung" or "v":
                return true;
            case "khong" or "k" or "0" or "no" or "n" or "false" or "-" or "sai":
                return false;
            default:
                known = false;
                return null;
        }
    }

    public static Gender? Gender(string? text, out bool known)
    {
        known = true;
        switch (VietnameseText.Fold(text))
        {
            case "":
                return null;
            case "nam" or "m" or "male" or "trai":
                return Data.Gender.Male;
            case "nu" or "f" or "female" or "gai":
                return Data.Gender.Female;
            case "khac" or "other":
                return Data.Gender.Other;
            default:
                known = false;
                return null;
        }
    }

    /// <summary>The relation to the head as written; anything unrecognised is "other", never an error.</summary>
    public static RelationToHead? Relation(string? text)
    {
        var key = SheetReader.HeaderKey(text);
        return key switch
        {
            "" => null,
            "chu ho" or "ch" or "chu" => RelationToHead.Head,
            "vo" or "chong" or "vo chong" => RelationToHead.Spouse,
            // Children-in-law are household members but not the head's children.
            "con dau" or "con re" => RelationToHead.Other,
            _ when key == "con" || key.StartsWith("con ", StringComparison.Ordinal) => RelationToHead.Child,
            "cha" or "bo" or "me" or "cha de" or "bo de" or "me de" or "cha me" or "bo me" => RelationToHead.Parent,
            _ when key == "chau" || key.StartsWith("chau ", StringComparison.Ordinal) => RelationToHead.Grandchild,
            "anh" or "chi" or "em" or "anh trai" or "chi gai" or "em trai" or "em gai" or "anh ruot" or "chi ruot" or "em ruot" => RelationToHead.Sibling,
            _ => RelationToHead.Other,
        };
    }

    public static PovertyStatus? Poverty(string? text, out bool known)
    {
        known = true;
        var key = SheetReader.HeaderKey(text);
        if (key.Length == 0)
        {
            return null;
        }
        if (key.Contains("can ngheo", StringComparison.Ordinal) || key is "cn" or "hcn")
        {
            return PovertyStatus.NearPoor;
        }
        if (key is "ngheo" or "ho ngheo" or "hn" or "x" or "co" or "1")
        {
            return PovertyStatus.Poor;
        }
        if (key is "khong" or "0" or "binh thuong" or "k")
        {
            return PovertyStatus.None;
        }
        known = false;
        return null;
    }

    public static BusinessKind? BusinessKind(string? text, out bool known)
    {
        known = true;
        var key = SheetReader.HeaderKey(text);
        switch (key)
        {
            case "":
                return null;
            case "ho kinh doanh" or "hkd" or "ho kd" or "ho kinh doanh ca the":
                return Data.BusinessKind.HouseholdBusiness;
            case "hop tac xa" or "htx":
                return Data.BusinessKind.Cooperative;
            case "doanh nghiep" or "dn" or "cong ty":
                return Data.BusinessKind.Enterprise;
            default:
                if (key.StartsWith("cong ty", StringComparison.Ordinal) || key.StartsWith("doanh nghiep", StringComparison.Ordinal))
                {
                    return Data.BusinessKind.Enterprise;
                }
                known = false;
                return null;
        }
    }

    public static MemberPosition? Position(string? text, out bool known)
    {
        known = true;
        switch (SheetReader.HeaderKey(text))
        {
            case "":
                return null;
            case "to truong" or "tt":
                return MemberPosition.Leader;
            case "to pho" or "tp":
                return MemberPosition.Deputy;
            case "thanh vien" or "tv":
                return MemberPosition.Member;
            default:
                known = false;
                return null;
        }
    }

    /// <summary>
    /// A citizen ID as typed. Every place-of-registration code starts with 0 (001–096), and a sheet that
    /// stored the number as a number dropped it: 11 digits get it back.
    /// </summary>
    public static string? CitizenIdDigits(string? text)
    {
        var number = CitizenId.Normalise(text?.TrimStart('\''));
        return number is { Length: 11 } && number.All(char.IsAsciiDigit) ? "0" + number : number;
    }

    /// <summary>A mobile number as typed, +84 or not; 9 digits are a number whose leading 0 a spreadsheet dropped (the forms' rule).</summary>
    public static string? Phone(string text) => VietnamesePhone.Check(text, repairDroppedZero: true).Number;
}
