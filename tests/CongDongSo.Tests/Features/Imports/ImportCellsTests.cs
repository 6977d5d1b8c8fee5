using CongDongSo.Web.Data;
using CongDongSo.Web.Features.Imports;

namespace CongDongSo.Tests.Features.Imports;

/// <summary>How the cells of ward sheets are read.</summary>
public sealed class ImportCellsTests
{
    [Theory]
    [InlineData("15/03/1985", "1985-03-15", 1985)]
    [InlineData("5/3/1985", "1985-03-05", 1985)]
    [InlineData("05-03-1985", "1985-03-05", 1985)]
    [InlineData("1985-03-15", "1985-03-15", 1985)]
    [InlineData("1985-03-15T00:00:00", "1985-03-15", 1985)]
    [InlineData("31121", "1985-03-15", 1985)]
    [InlineData("31121.0", "1985-03-15", 1985)]
    [InlineData("1987", null, 1987)]
    [InlineData("7400", "1920-04-04", 1920)]
    public void Dates_are_read_as_wards_write_them(string text, string? date, int year)
    {
        Assert.True(ImportCells.TryDate(text, out var parsed, out var parsedYear));
        Assert.Equal(date is null ? null : DateOnly.Parse(date, System.Globalization.CultureInfo.InvariantCulture), parsed);
        Assert.Equal(year, parsedYear);
    }

    [Theory]
    [InlineData("31/02/1990")]
    [InlineData("1985/15/03")]
    [InlineData("abc")]
    [InlineData("12")]
    [InlineData("1850")]
    public void Impossible_dates_are_refused(string text) => Assert.False(ImportCells.TryDate(text, out _, out _));

    [Theory]
    [InlineData("048085000123", "048085000123")]
    [InlineData("48085000123", "048085000123")]
    [InlineData("'048 085 000 123", "048085000123")]
    [InlineData("048.085.000.123", "048085000123")]
    [InlineData("12345", "12345")]
    public void Citizen_ids_get_back_the_leading_zero_a_spreadsheet_dropped(string text, string expected) =>
        Assert.Equal(expected, ImportCells.CitizenIdDigits(text));

    [Theory]
    [InlineData("+84 905 111 222", "0905111222")]
    [InlineData("84905111222", "0905111222")]
    [InlineData("905111222", "0905111222")]
    [InlineData("0905.111.222", "0905111222")]
    [InlineData("0123 456", null)]
    [InlineData("0241234567", null)]
    public void Phones_are_normalised_to_ten_digits(string text, string? expected) => Assert.Equal(expected, ImportCells.Phone(text));

    [Theory]
    [InlineData("Chủ hộ", RelationToHead.Head)]
    [InlineData("chu ho", RelationToHead.Head)]
    [InlineData("Vợ", RelationToHead.Spouse)]
    [InlineData("Con trai", RelationToHead.Child)]
    [InlineData("Con dâu", RelationToHead.Other)]
    [InlineData("Mẹ", RelationToHead.Parent)]
    [InlineData("Cháu nội", RelationToHead.Grandchild)]
    [InlineData("Em gái", RelationToHead.Sibling)]
    [InlineData("Người ở nhờ", RelationToHead.Other)]
    public void Relations_are_read_leniently(string text, RelationToHead expected) => Assert.Equal(expected, ImportCells.Relation(text));

    [Theory]
    [InlineData("x", true)]
    [InlineData("Có", true)]
    [InlineData("1", true)]
    [InlineData("Không", false)]
    [InlineData("", null)]
    public void Ticks_are_yes_and_no(string text, bool? expected)
    {
        Assert.Equal(expected, ImportCells.Bool(text, out var known));
        Assert.True(known);
    }

    [Fact]
    public void An_unknown_tick_is_an_error_not_a_guess()
    {
        Assert.Null(ImportCells.Bool("có lẽ", out var known));
        Assert.False(known);
        Assert.Null(ImportCells.Gender("Ông", out known));
        Assert.False(known);
    }
}
