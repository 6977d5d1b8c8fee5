using CongDongSo.Web.Infrastructure.Text;

namespace CongDongSo.Tests.Features.Teams;

public sealed class ZaloGroupNameTests
{
    [Fact]
    public void The_ward_pattern_fills_neighbourhood_and_commune() =>
        Assert.Equal("CNSCĐ-Tổ dân phố số 1-Phường Hòa Xuân",
            ZaloGroupName.Name("CNSCĐ-{neighbourhood}-{commune}", "Tổ dân phố số 1", "Phường Hòa Xuân", "Tổ CNSCĐ Tổ dân phố số 1"));

    [Fact]
    public void The_team_placeholder_and_a_blank_pattern_work()
    {
        Assert.Equal("Zalo Tổ CNSCĐ Thôn 3 (Xã A)", ZaloGroupName.Name("Zalo {team} ({commune})", "Thôn 3", "Xã A", "Tổ CNSCĐ Thôn 3"));
        Assert.Equal("CNSCĐ-Thôn 3-Xã A", ZaloGroupName.Name("  ", "Thôn 3", "Xã A", null));
    }

    [Fact]
    public void The_suggestion_is_NFC_and_at_most_200_characters()
    {
        var decomposed = "Tổ dân phố".Normalize(System.Text.NormalizationForm.FormD);
        var name = ZaloGroupName.Name("{neighbourhood} {commune}", decomposed, new string('x', 300), null);
        Assert.True(name.IsNormalized(System.Text.NormalizationForm.FormC));
        Assert.StartsWith("Tổ dân phố x", name, StringComparison.Ordinal);
        Assert.Equal(200, name.Length);
    }

    [Fact]
    public void The_pattern_page_and_the_team_pages_give_one_name_for_one_pattern()
    {
        // Placeholders in any case, spaces around the values: the example and the suggestion were two rules once.
        var name = ZaloGroupName.Name("CNSCĐ – {Neighbourhood} – {COMMUNE}", " Tổ dân phố  số 1 ", "Phường Hòa Xuân", null);

        Assert.Equal("CNSCĐ – Tổ dân phố số 1 – Phường Hòa Xuân", name);
    }
}
