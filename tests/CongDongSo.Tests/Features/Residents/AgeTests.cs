using CongDongSo.Web.Infrastructure.Rules;

namespace CongDongSo.Tests.Features.Residents;

public sealed class AgeTests
{
    private static readonly DateOnly s_at = new(2026, 11, 20);

    [Theory]
    [InlineData("2008-11-20", null, 18, true)]
    [InlineData("2008-11-21", null, 18, false)]
    [InlineData("2008-11-21", null, 15, true)]
    [InlineData("2011-11-20", null, 15, true)]
    [InlineData("2011-11-21", null, 15, false)]
    [InlineData(null, 2008, 18, true)]
    [InlineData(null, 2009, 18, false)]
    [InlineData(null, 2011, 15, true)]
    [InlineData(null, 2012, 15, false)]
    [InlineData(null, null, 15, false)]
    public void Adults_are_counted_by_birth_date_or_by_year_when_only_the_year_is_known(string? birthDate, int? birthYear, int minAge, bool adult)
    {
        var date = birthDate is null ? (DateOnly?)null : DateOnly.Parse(birthDate, System.Globalization.CultureInfo.InvariantCulture);

        Assert.Equal(adult, Age.IsAdult(date, birthYear, s_at, minAge));
    }

    [Fact]
    public void A_leap_day_birthday_counts_from_the_28th_in_other_years()
    {
        Assert.Equal(18, Age.Years(new DateOnly(2008, 2, 29), 2008, new DateOnly(2026, 2, 28)));
        Assert.Equal(17, Age.Years(new DateOnly(2008, 2, 29), 2008, new DateOnly(2026, 2, 27)));
    }
}
