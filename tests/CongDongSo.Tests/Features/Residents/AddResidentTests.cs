using System.Net;
using System.Text;
using CongDongSo.Tests.Infrastructure;
using CongDongSo.Web.Data;
using Microsoft.EntityFrameworkCore;
using static CongDongSo.Tests.Features.Households.PopulationKit;

namespace CongDongSo.Tests.Features.Residents;

public sealed class AddResidentTests(AppFactory app) : IClassFixture<AppFactory>
{
    private static Dictionary<string, string?> Valid(string name) => new()
    {
        ["Input.FullName"] = name,
        ["Input.BirthDate"] = "12/03/1990",
        ["Input.Gender"] = "Male",
        ["Input.Relation"] = "Child",
        ["Input.CitizenId"] = "",
        ["Input.Phone"] = "",
    };

    [DbFact]
    public async Task A_plus84_phone_is_stored_encrypted_and_shown_masked_in_the_household_list()
    {
        var household = await HouseholdAsync(app, app.World.HxTdp1, "AR-001");
        var client = await app.SignInAsync(World.Users.TeamLeadHx1);
        var fields = Valid("Trần Minh Khôi".Normalize(NormalizationForm.FormD));
        fields["Input.Phone"] = "+84 905 123 456";
        fields["Input.CitizenId"] = "048 090 123 456";

        var response = await client.SubmitFormAsync($"/households/{household.Id}/residents/new", fields);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var resident = await app.WithDbAsync(db => db.Residents.SingleAsync(r => r.HouseholdId == household.Id));
        Assert.Equal("Trần Minh Khôi", resident.FullName);
        Assert.True(resident.FullName.IsNormalized(NormalizationForm.FormC));
        Assert.Equal("tran minh khoi", resident.SearchName);
        Assert.Equal(new DateOnly(1990, 3, 12), resident.BirthDate);
        Assert.Equal(1990, resident.BirthYear);
        Assert.Equal("456", resident.PhoneTail);
        Assert.Equal("456", resident.CitizenIdTail);
        Assert.DoesNotContain("0905123456", Encoding.UTF8.GetString(resident.PhoneCipher!), StringComparison.Ordinal);
        Assert.Equal("0905123456", Protector(app).Decrypt(resident.PhoneCipher));
        Assert.Equal("048090123456", Protector(app).Decrypt(resident.CitizenIdCipher));
        Assert.Equal(Protector(app).LookupHash("0905123456"), resident.PhoneHash);

        var list = await client.GetDocumentAsync($"/households/{household.Id}");
        var line = list.QuerySelector($"[data-resident='{resident.Id}']")!.TextContent;
        Assert.Contains("0*******56", line, StringComparison.Ordinal);
        Assert.Contains("*********456", line, StringComparison.Ordinal);
        Assert.DoesNotContain("0905123456", list.DocumentElement.OuterHtml, StringComparison.Ordinal);
        Assert.DoesNotContain("048090123456", list.DocumentElement.OuterHtml, StringComparison.Ordinal);

        // The team leader keeps the roster: the full phone on the resident page, as a tel: link; the ID masked.
        var page = await client.GetDocumentAsync($"/residents/{resident.Id}");
        Assert.Equal("tel:0905123456", page.QuerySelector("[data-testid=phone] a")!.GetAttribute("href"));
        Assert.DoesNotContain("048090123456", page.DocumentElement.OuterHtml, StringComparison.Ordinal);
        // The ward leader reads but does not keep the roster: masked.
        var leader = await app.SignInAsync(World.Users.LeaderHoaXuan);
        var masked = await leader.GetDocumentAsync($"/residents/{resident.Id}");
        Assert.Equal("0*******56", masked.QuerySelector("[data-testid=phone]")!.TextContent.Trim());
    }

    [DbTheory]
    [InlineData("04809012345", "1990", "Male", "Số định danh phải có 12 chữ số (ô có 11).")]
    [InlineData("048290123456", "1990", "Male", "Số định danh ứng với năm sinh 2090, không khớp năm sinh 1990: cần kiểm tra lại.")]
    [InlineData("048190123456", "1990", "Male", "Chữ số giới tính của số định danh (nữ) không khớp giới tính nam: cần kiểm tra lại.")]
    [InlineData("048301123456", "2001", "Male", "Chữ số giới tính của số định danh (nữ) không khớp giới tính nam: cần kiểm tra lại.")]
    public async Task An_inconsistent_citizen_id_is_a_field_error_and_nothing_is_saved(string id, string year, string gender, string error)
    {
        var household = await HouseholdAsync(app, app.World.HxTdp1, "AR-" + Guid.NewGuid().ToString("N")[..8]);
        var client = await app.SignInAsync(World.Users.WardHoaXuan);
        var fields = Valid("Huỳnh Văn Phú");
        fields["Input.BirthDate"] = "";
        fields["Input.BirthYear"] = year;
        fields["Input.Gender"] = gender;
        fields["Input.CitizenId"] = id;

        var response = await client.SubmitFormAsync($"/households/{household.Id}/residents/new", fields);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await Browser.ParseAsync(response);
        Assert.Equal(error, page.QuerySelector("[data-valmsg-for='Input.CitizenId']")!.TextContent.Trim());
        Assert.DoesNotContain(id, page.QuerySelector("[name='Input.CitizenId']")!.OuterHtml, StringComparison.Ordinal);
        Assert.False(await app.WithDbAsync(db => db.Residents.AnyAsync(r => r.HouseholdId == household.Id)));
    }

    [DbFact]
    public async Task A_citizen_id_already_used_in_the_commune_is_a_field_error_naming_the_household_only_to_who_can_see_it()
    {
        var id = ValidId(1985, Gender.Female, 777001);
        var other = await HouseholdAsync(app, app.World.HxTdp2, "AR-TDP2");
        await ResidentAsync(app, other, "Ngô Thị Hoa", 1985, Gender.Female, citizenId: id);
        var mine = await HouseholdAsync(app, app.World.HxTdp1, "AR-TDP1");
        var fields = Valid("Ngô Thị Hoa");
        fields["Input.BirthDate"] = "01/05/1985";
        fields["Input.Gender"] = "Female";
        fields["Input.CitizenId"] = id;

        var officer = await app.SignInAsync(World.Users.WardHoaXuan);
        var seen = await Browser.ParseAsync(await officer.SubmitFormAsync($"/households/{mine.Id}/residents/new", fields));
        Assert.Equal("Số định danh này đã có ở một người khác, thuộc hộ AR-TDP2.", seen.QuerySelector("[data-valmsg-for='Input.CitizenId']")!.TextContent.Trim());

        // The team leader of Tổ dân phố số 1 cannot see Tổ dân phố số 2: told only that the number is taken.
        var leader = await app.SignInAsync(World.Users.TeamLeadHx1);
        var unseen = await Browser.ParseAsync(await leader.SubmitFormAsync($"/households/{mine.Id}/residents/new", fields));
        Assert.Equal("Số định danh này đã có ở một người khác trong phường/xã.", unseen.QuerySelector("[data-valmsg-for='Input.CitizenId']")!.TextContent.Trim());
        Assert.DoesNotContain("AR-TDP2", unseen.DocumentElement.OuterHtml, StringComparison.Ordinal);

        Assert.False(await app.WithDbAsync(db => db.Residents.AnyAsync(r => r.HouseholdId == mine.Id)));
        // Another ward may hold the same number: uniqueness is per commune.
        var camLe = await HouseholdAsync(app, app.World.ClTdp1, "AR-CL");
        var camLeOfficer = await app.SignInAsync(World.Users.WardCamLe);
        Assert.Equal(HttpStatusCode.Redirect, (await camLeOfficer.SubmitFormAsync($"/households/{camLe.Id}/residents/new", fields)).StatusCode);
    }

    [DbFact]
    public async Task Consent_is_never_pre_ticked_recorded_with_its_time_and_withdrawing_it_is_audited()
    {
        var household = await HouseholdAsync(app, app.World.HxTdp1, "AR-002");
        var client = await app.SignInAsync(World.Users.MemberHx1);
        var form = await client.GetDocumentAsync($"/households/{household.Id}/residents/new");
        Assert.NotNull(form.QuerySelector("input[type=checkbox][name='Input.Consent']"));
        Assert.Null(form.QuerySelector("input[type=checkbox][name='Input.Consent'][checked]"));

        var fields = Valid("Đặng Ngọc Hân");
        fields["Input.Gender"] = "Female";
        fields["Input.Consent"] = "true";
        var missingNote = await Browser.ParseAsync(await client.SubmitFormAsync(form, $"/households/{household.Id}/residents/new", fields));
        Assert.Contains("Vui lòng ghi cách người dân đồng ý (ví dụ: ký phiếu đồng ý).", missingNote.Errors());

        fields["Input.ConsentNote"] = "Ký phiếu đồng ý";
        Assert.Equal(HttpStatusCode.Redirect, (await client.SubmitFormAsync($"/households/{household.Id}/residents/new", fields)).StatusCode);
        var resident = await app.WithDbAsync(db => db.Residents.SingleAsync(r => r.HouseholdId == household.Id));
        Assert.Equal(app.Clock.GetUtcNow().UtcDateTime, resident.ConsentAtUtc!.Value, TimeSpan.FromSeconds(1));
        Assert.Equal("Ký phiếu đồng ý", resident.ConsentNote);

        var edit = await client.GetDocumentAsync($"/residents/{resident.Id}/edit");
        Assert.Null(edit.QuerySelector("input[type=checkbox][name='Input.WithdrawConsent'][checked]"));
        Assert.Null(edit.QuerySelector("input[type=checkbox][checked]"));
        var withdrawn = await client.SubmitFormAsync(edit, $"/residents/{resident.Id}/edit", new Dictionary<string, string?> { ["Input.WithdrawConsent"] = "true" });
        Assert.Equal(HttpStatusCode.Redirect, withdrawn.StatusCode);
        var after = await app.WithDbAsync(db => db.Residents.SingleAsync(r => r.Id == resident.Id));
        Assert.Null(after.ConsentAtUtc);
        Assert.Null(after.ConsentNote);
        var audit = await app.WithDbAsync(db => db.AuditEntries.Where(a => a.EntityType == "Resident" && a.EntityId == resident.Id.ToString() && a.Action == AuditAction.Update).ToListAsync());
        var line = Assert.Single(audit);
        Assert.Contains("ConsentAtUtc", line.Before, StringComparison.Ordinal);
        Assert.Contains("\"ConsentAtUtc\":null", line.After, StringComparison.Ordinal);
    }

    [DbFact]
    public async Task The_head_sets_the_households_head_and_search_text_and_a_second_head_is_refused()
    {
        var household = await HouseholdAsync(app, app.World.HxTdp1, "AR-003", address: "12 Minh Mạng");
        var client = await app.SignInAsync(World.Users.WardHoaXuan);
        var form = await client.GetDocumentAsync($"/households/{household.Id}/residents/new");
        Assert.Equal("Head", form.FieldValue("Input.Relation"));
        var head = Valid("Lê Văn Tám");
        head["Input.Relation"] = "Head";
        head["Input.BirthDate"] = "";
        head["Input.BirthYear"] = "1955";
        Assert.Equal(HttpStatusCode.Redirect, (await client.SubmitFormAsync($"/households/{household.Id}/residents/new", head)).StatusCode);

        var saved = await app.WithDbAsync(db => db.Households.SingleAsync(h => h.Id == household.Id));
        var headId = await app.WithDbAsync(db => db.Residents.Where(r => r.HouseholdId == household.Id).Select(r => r.Id).SingleAsync());
        Assert.Equal(headId, saved.HeadResidentId);
        Assert.Equal("ar-003 12 minh mang le van tam", saved.SearchText);
        var found = await client.GetDocumentAsync("/households?q=LE VAN TAM");
        Assert.Contains("AR-003", found.QuerySelector("[data-testid=households]")!.TextContent, StringComparison.Ordinal);

        var second = Valid("Phạm Thị Sen");
        second["Input.Relation"] = "Head";
        second["Input.Gender"] = "Female";
        var refused = await Browser.ParseAsync(await client.SubmitFormAsync($"/households/{household.Id}/residents/new", second));
        Assert.Equal("Hộ đã có chủ hộ (Lê Văn Tám): mỗi hộ một chủ hộ; sửa quan hệ của người đó trước.",
            refused.QuerySelector("[data-valmsg-for='Input.Relation']")!.TextContent.Trim());

        // No longer the head: the household has none until someone else is made head.
        var edit = await client.GetDocumentAsync($"/residents/{headId}/edit");
        Assert.Equal("1955", edit.FieldValue("Input.BirthYear"));
        Assert.Equal(HttpStatusCode.Redirect, (await client.SubmitFormAsync(edit, $"/residents/{headId}/edit", new Dictionary<string, string?> { ["Input.Relation"] = "Parent" })).StatusCode);
        var after = await app.WithDbAsync(db => db.Households.SingleAsync(h => h.Id == household.Id));
        Assert.Null(after.HeadResidentId);
        Assert.Equal("ar-003 12 minh mang", after.SearchText);
    }

    [DbTheory]
    [InlineData("Input.Phone", "0236 123 456", "Số điện thoại không hợp lệ")]
    [InlineData("Input.BirthDate", "31/02/1990", "Ngày sinh không hợp lệ; nhập theo dạng dd/MM/yyyy.")]
    [InlineData("Input.BirthDate", "01/01/2027", "Ngày sinh phải từ năm 1900 đến hôm nay.")]
    [InlineData("Input.BirthYear", "1991", "Năm sinh không khớp ngày sinh.")]
    [InlineData("Input.FullName", "  ", "Vui lòng nhập họ và tên.")]
    [InlineData("Input.Relation", "", "Vui lòng chọn quan hệ với chủ hộ.")]
    public async Task An_invalid_field_is_a_field_error(string field, string value, string error)
    {
        var household = await HouseholdAsync(app, app.World.HxTdp1, "AR-" + Guid.NewGuid().ToString("N")[..8]);
        var client = await app.SignInAsync(World.Users.WardHoaXuan);
        var fields = Valid("Lưu Văn Khoa");
        fields[field] = value;

        var page = await Browser.ParseAsync(await client.SubmitFormAsync($"/households/{household.Id}/residents/new", fields));

        Assert.Contains(error, page.QuerySelector($"[data-valmsg-for='{field}']")!.TextContent, StringComparison.Ordinal);
        Assert.False(await app.WithDbAsync(db => db.Residents.AnyAsync(r => r.HouseholdId == household.Id)));
    }
}
