using System.Net;
using System.Text;
using CongDongSo.Tests.Infrastructure;
using CongDongSo.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace CongDongSo.Tests.Features.Members;

public sealed class AddMemberTests(AppFactory app) : IClassFixture<AppFactory>
{
    private async Task<Dictionary<string, string?>> ValidAsync(string name) => new()
    {
        ["Input.FullName"] = name,
        ["Input.Position"] = "Member",
        ["Input.AffiliationId"] = (await app.WithDbAsync(db => db.Affiliations.Where(a => a.Name == "Đoàn Thanh niên" && a.CommuneId == null).Select(a => a.Id).SingleAsync()))
            .ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["Input.BirthYear"] = "1995",
        ["Input.Gender"] = "Female",
        ["Input.Phone"] = "",
        ["Input.JoinedOn"] = "2026-11-02",
    };

    [DbFact]
    public async Task Ward_officer_adds_a_member_with_a_plus84_phone_stored_normalised_and_a_history_row()
    {
        var client = await app.SignInAsync(World.Users.WardHoaXuan);
        var form = await client.GetDocumentAsync($"/teams/{app.World.HxTeam1.Id}/members/new");
        Assert.Null(form.QuerySelector("[name='Input.PublishContactConsent'][checked]"));
        Assert.Equal("2026-11-20", form.FieldValue("Input.JoinedOn"));

        var fields = await ValidAsync("Phan Thị Thanh Tâm".Normalize(NormalizationForm.FormD));
        fields["Input.Phone"] = "+84 905 123 456";
        fields["Input.Skills"] = "VNeID,  dịch vụ công";
        var response = await client.SubmitFormAsync(form, $"/teams/{app.World.HxTeam1.Id}/members/new", fields);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var member = await app.WithDbAsync(db => db.Members.SingleAsync(m => m.SearchName == "phan thi thanh tam"));
        Assert.Equal("Phan Thị Thanh Tâm", member.FullName);
        Assert.True(member.FullName.IsNormalized(NormalizationForm.FormC));
        Assert.Equal("0905123456", member.Phone);
        Assert.Equal("VNeID, dịch vụ công", member.Skills);
        Assert.Equal(app.World.HxTeam1.Id, member.TeamId);
        Assert.Equal(app.World.HoaXuan.Id, member.CommuneId);
        Assert.False(member.PublishContactConsent);
        Assert.Null(member.PublishContactConsentAtUtc);

        var detail = await client.GetDocumentAsync($"/members/{member.Id}");
        Assert.Contains("0905123456", detail.QuerySelector(".phone")!.TextContent, StringComparison.Ordinal);
        var history = detail.QuerySelectorAll("[data-testid=history] > li").ToList();
        var created = Assert.Single(history);
        Assert.Contains("Thêm vào tổ", created.TextContent, StringComparison.Ordinal);
        Assert.Contains(World.Users.WardHoaXuan, created.TextContent, StringComparison.Ordinal);
    }

    [DbTheory]
    [InlineData("Input.Phone", "0236 123 456", "Số điện thoại không hợp lệ")]
    [InlineData("Input.Phone", "09051234567", "Số điện thoại không hợp lệ")]
    [InlineData("Input.BirthYear", "1890", "Năm sinh phải là năm có 4 chữ số, từ 1920 đến 2011")]
    [InlineData("Input.BirthYear", "2026", "Năm sinh phải là năm có 4 chữ số, từ 1920 đến 2011")]
    [InlineData("Input.BirthYear", "199x", "Giá trị '199x' không hợp lệ cho Năm sinh")]
    [InlineData("Input.FullName", "   ", "Vui lòng nhập họ và tên.")]
    [InlineData("Input.JoinedOn", "2026-12-01", "Ngày tham gia không được sau hôm nay.")]
    public async Task An_invalid_field_is_a_field_error_and_nothing_is_saved(string field, string value, string error)
    {
        var client = await app.SignInAsync(World.Users.WardHoaXuan);
        var before = await app.WithDbAsync(db => db.Members.CountAsync());
        var fields = await ValidAsync("Lưu Văn Khoa");
        fields[field] = value;

        var response = await client.SubmitFormAsync($"/teams/{app.World.HxTeam1.Id}/members/new", fields);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await Browser.ParseAsync(response);
        var id = field.Replace('.', '_');
        Assert.Contains(error, page.QuerySelector($"[data-valmsg-for='{field}']")!.TextContent, StringComparison.Ordinal);
        Assert.NotNull(page.QuerySelector($"#{id}.input-validation-error"));
        Assert.Equal(before, await app.WithDbAsync(db => db.Members.CountAsync()));
    }

    [DbFact]
    public async Task A_second_leader_is_refused_on_the_position_field()
    {
        var client = await app.SignInAsync(World.Users.WardHoaXuan);
        var fields = await ValidAsync("Tạ Quang Bửu");
        fields["Input.Position"] = "Leader";
        var response = await client.SubmitFormAsync($"/teams/{app.World.HxTeam1.Id}/members/new", fields);

        var page = await Browser.ParseAsync(response);
        Assert.Contains("Tổ đã có tổ trưởng (Nguyễn Văn Hùng): mỗi tổ chỉ có một tổ trưởng.", page.QuerySelector("[data-valmsg-for='Input.Position']")!.TextContent, StringComparison.Ordinal);
        Assert.False(await app.WithDbAsync(db => db.Members.AnyAsync(m => m.FullName == "Tạ Quang Bửu")));
    }

    [DbFact]
    public async Task Team_leader_adds_to_their_own_team_with_consent_recorded()
    {
        var client = await app.SignInAsync(World.Users.TeamLeadHx1);
        var fields = await ValidAsync("Mai Anh Đào");
        fields["Input.PublishContactConsent"] = "true";
        var response = await client.SubmitFormAsync($"/teams/{app.World.HxTeam1.Id}/members/new", fields);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var member = await app.WithDbAsync(db => db.Members.SingleAsync(m => m.FullName == "Mai Anh Đào"));
        Assert.True(member.PublishContactConsent);
        Assert.Equal(app.Clock.GetUtcNow().UtcDateTime, member.PublishContactConsentAtUtc!.Value, TimeSpan.FromSeconds(1));
    }

    [DbFact]
    public async Task Another_wards_own_affiliation_is_refused()
    {
        var foreign = await app.WithDbAsync(async db =>
        {
            var affiliation = new Affiliation { CommuneId = app.World.CamLe.Id, Name = "Hội Khuyến học Cẩm Lệ", SortOrder = 1000 };
            db.Affiliations.Add(affiliation);
            await db.SaveChangesAsync();
            return affiliation.Id;
        });
        var client = await app.SignInAsync(World.Users.WardHoaXuan);
        var fields = await ValidAsync("Kiều Văn Nam");
        fields["Input.AffiliationId"] = foreign.ToString(System.Globalization.CultureInfo.InvariantCulture);
        var response = await client.SubmitFormAsync($"/teams/{app.World.HxTeam1.Id}/members/new", fields);
        Assert.Contains("Thành phần không có trong danh mục của phường/xã.", (await Browser.ParseAsync(response)).Errors());
    }
}
