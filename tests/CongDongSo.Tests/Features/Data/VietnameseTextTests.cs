using System.Text;
using CongDongSo.Web.Infrastructure.Text;

namespace CongDongSo.Tests.Features.Data;

public sealed class VietnameseTextTests
{
    [Theory]
    [InlineData("Nguyễn Văn A", "nguyen van a")]
    [InlineData("ĐẶNG THỊ ĐÀO", "dang thi dao")]
    [InlineData("  Tổ   dân phố  số 1 ", "to dan pho so 1")]
    public void Fold_removes_diacritics_and_case(string text, string folded) => Assert.Equal(folded, VietnameseText.Fold(text));

    [Fact]
    public void Clean_turns_decomposed_text_into_NFC()
    {
        var decomposed = "Nguyễn Thị Hằng".Normalize(NormalizationForm.FormD);
        var cleaned = VietnameseText.Clean("  " + decomposed + "  ")!;
        Assert.True(cleaned.IsNormalized(NormalizationForm.FormC));
        Assert.Equal("Nguyễn Thị Hằng", cleaned);
        Assert.Equal(VietnameseText.Fold("Nguyễn Thị Hằng"), VietnameseText.Fold(decomposed));
    }

    [Theory]
    [InlineData("0905123456", "0905123456")]
    [InlineData("+84 905 123 456", "0905123456")]
    [InlineData("84905123456", "0905123456")]
    [InlineData("+84 (0)905.123.456", "0905123456")]
    [InlineData("0355-123-456", "0355123456")]
    [InlineData("0236123456", null)]
    [InlineData("0123456789", null)]
    [InlineData("090512345", null)]
    [InlineData("09051234567", null)]
    [InlineData("09051234a6", null)]
    public void Mobile_numbers_are_normalised_or_refused(string input, string? expected) =>
        Assert.Equal(expected, VietnamesePhone.NormaliseMobile(input));
}
