using System.Globalization;
using CongDongSo.Web.Data;
using CongDongSo.Web.Infrastructure.Privacy;

namespace CongDongSo.Tests.Features.Residents;

/// <summary>Số định danh cá nhân: 3 digits of place, 1 of century and sex, 2 of the birth year, 6 random (TT 07/2016/TT-BCA Art. 7).</summary>
public sealed class CitizenIdTests
{
    private static string Text(Web.Infrastructure.Localization.Notice notice) => string.Format(CultureInfo.InvariantCulture, notice.Key, notice.Args);

    [Theory]
    [InlineData("048090123456", 1990, Gender.Male)]
    [InlineData("048 090 123 456", 1990, Gender.Male)]
    [InlineData("001301654321", 2001, Gender.Female)]
    [InlineData("079190000001", 1990, Gender.Female)]
    [InlineData("048090123456", null, null)]
    public void Valid_numbers_pass(string input, int? birthYear, Gender? gender)
    {
        var check = CitizenId.Check(input, birthYear, gender);

        Assert.Null(check.Error);
        Assert.Empty(check.Warnings);
        Assert.Equal(CitizenId.Normalise(input), check.Number);
    }

    [Theory]
    [InlineData("04809012345", "Số định danh phải có 12 chữ số (ô có 11).")]
    [InlineData("0480901234567", "Số định danh phải có 12 chữ số (ô có 13).")]
    [InlineData("04809012345A", "Số định danh chỉ gồm chữ số (ô có ký tự khác).")]
    [InlineData("048790123456", "Chữ số thứ 4 của số định danh (thế kỷ và giới tính) không hợp lệ.")]
    public void A_number_that_cannot_be_one_is_an_error_naming_the_cause(string number, string message)
    {
        var check = CitizenId.Check(number, 1990, Gender.Male);

        Assert.Null(check.Number);
        Assert.Equal(message, Text(check.Error!));
    }

    [Theory]
    // Century digit 2 means born 2000-2099: 2090 is not 1990.
    [InlineData("048290123456", 1990, Gender.Male, "năm sinh 2090, không khớp năm sinh 1990")]
    [InlineData("048001123456", 2001, Gender.Male, "năm sinh 1901, không khớp năm sinh 2001")]
    [InlineData("048091123456", 1990, Gender.Male, "năm sinh 1991, không khớp năm sinh 1990")]
    // Odd century digit = female: a male born 1990 has 0, a female born 2001 has 3.
    [InlineData("048190123456", 1990, Gender.Male, "Chữ số giới tính của số định danh (nữ) không khớp giới tính nam")]
    [InlineData("048201123456", 2001, Gender.Female, "Chữ số giới tính của số định danh (nam) không khớp giới tính nữ")]
    public void A_number_that_disagrees_with_the_person_is_kept_with_a_warning(string number, int birthYear, Gender gender, string reason)
    {
        var check = CitizenId.Check(number, birthYear, gender);

        Assert.Equal(number, check.Number);
        Assert.Null(check.Error);
        Assert.Contains(reason, Text(Assert.Single(check.Warnings)), StringComparison.Ordinal);
    }

    [Fact]
    public void From_a_spreadsheet_eleven_digits_get_their_leading_zero_back_with_a_warning()
    {
        var repaired = CitizenId.Check("48090123456", 1990, Gender.Male, repairDroppedZero: true);
        var typed = CitizenId.Check("48090123456", 1990, Gender.Male);

        Assert.Equal("048090123456", repaired.Number);
        Assert.StartsWith("Đã thêm số 0", Text(Assert.Single(repaired.Warnings)), StringComparison.Ordinal);
        Assert.Null(typed.Number);
        Assert.Equal("Số định danh phải có 12 chữ số (ô có 11).", Text(typed.Error!));
    }
}
