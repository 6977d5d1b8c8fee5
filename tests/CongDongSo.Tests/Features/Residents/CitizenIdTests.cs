using CongDongSo.Web.Data;
using CongDongSo.Web.Infrastructure.Privacy;

namespace CongDongSo.Tests.Features.Residents;

/// <summary>Số định danh cá nhân: 3 digits of place, 1 of century and sex, 2 of the birth year, 6 random (TT 07/2016/TT-BCA Art. 7).</summary>
public sealed class CitizenIdTests
{
    [Theory]
    [InlineData("048090123456", 1990, Gender.Male)]
    [InlineData("048 090 123 456", 1990, Gender.Male)]
    [InlineData("001301654321", 2001, Gender.Female)]
    [InlineData("079190000001", 1990, Gender.Female)]
    [InlineData("048090123456", null, null)]
    public void Valid_numbers_pass(string input, int? birthYear, Gender? gender)
    {
        var number = CitizenId.Normalise(input)!;

        Assert.Null(CitizenId.Problem(number, birthYear, gender));
    }

    [Theory]
    [InlineData("04809012345", 1990, Gender.Male, "đúng 12 chữ số")]
    [InlineData("0480901234567", 1990, Gender.Male, "đúng 12 chữ số")]
    [InlineData("04809012345A", 1990, Gender.Male, "đúng 12 chữ số")]
    // Century digit 2 means born 2000-2099: 2090 is not 1990.
    [InlineData("048290123456", 1990, Gender.Male, "năm sinh 2090, không khớp năm sinh 1990")]
    [InlineData("048001123456", 2001, Gender.Male, "năm sinh 1901, không khớp năm sinh 2001")]
    [InlineData("048091123456", 1990, Gender.Male, "năm sinh 1991, không khớp năm sinh 1990")]
    // Odd century digit = female: a male born 1990 has 0, a female born 2001 has 3.
    [InlineData("048190123456", 1990, Gender.Male, "giới tính")]
    [InlineData("048201123456", 2001, Gender.Female, "giới tính")]
    public void Wrong_numbers_say_why(string number, int birthYear, Gender gender, string reason)
    {
        var problem = CitizenId.Problem(number, birthYear, gender);

        Assert.NotNull(problem);
        Assert.Contains(reason, problem, StringComparison.Ordinal);
    }
}
