using System.Net;
using CongDongSo.Tests.Features.Security;
using CongDongSo.Tests.Infrastructure;
using CongDongSo.Web.Data;
using CongDongSo.Web.Infrastructure.Text;
using Microsoft.EntityFrameworkCore;

namespace CongDongSo.Tests.Features.Users;

public sealed class CreateUserTests(AppFactory app) : IClassFixture<AppFactory>
{
    private const string NewPassword = "mua-xuan-tren-song-han-2026";

    [DbFact]
    public async Task A_ward_officer_makes_an_account_from_the_roster_and_the_member_signs_in_with_their_phone()
    {
        var memberId = await NewMemberAsync("Trần Thị Mỹ Duyên", "0935111222");
        var ward = await app.SignInAsync(World.Users.WardHoaXuan);
        var picker = await ward.GetDocumentAsync("/users/new");
        Assert.Contains(picker.QuerySelectorAll("#memberId option"), o => o.GetAttribute("value") == memberId.ToString());

        var form = await ward.GetDocumentAsync($"/users/new?memberId={memberId}");
        Assert.Equal("Trần Thị Mỹ Duyên", form.QuerySelector("#Input_FullName")!.GetAttribute("value"));
        Assert.Equal("0935111222", form.QuerySelector("#Input_UserName")!.GetAttribute("value"));
        Assert.Equal(nameof(Role.TeamMember), form.QuerySelector("#Input_Role option[selected]")!.GetAttribute("value"));
        Assert.Equal(app.World.HxTeam2.Id.ToString(), form.QuerySelector("#Input_TeamId option[selected]")!.GetAttribute("value"));

        var response = await ward.SubmitFormAsync(form, "/users/new", new Dictionary<string, string?> { ["Input.Password"] = NewPassword });

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var user = await Accounts.FindAsync(app, "0935111222");
        Assert.Equal($"/users/{user.Id}", response.Headers.Location?.OriginalString);
        Assert.Equal((Role.TeamMember, app.World.HoaXuan.Id, app.World.HxTeam2.Id, "0935111222", "Trần Thị Mỹ Duyên"),
            (user.Role, user.ScopeCommuneId, user.ScopeTeamId, user.PhoneNumber, user.FullName));
        Assert.Equal(user.Id, await app.WithDbAsync(db => db.Members.Where(m => m.Id == memberId).Select(m => m.UserId).SingleAsync()));
        Assert.True(await app.WithDbAsync(db => db.AuditEntries.AnyAsync(a =>
            a.Action == AuditAction.Create && a.EntityType == nameof(AppUser) && a.EntityId == user.Id.ToString() && a.UserName == World.Users.WardHoaXuan)));

        // The member, now with an account, is no longer offered.
        var after = await ward.GetDocumentAsync("/users/new");
        Assert.DoesNotContain(after.QuerySelectorAll("#memberId option"), o => o.GetAttribute("value") == memberId.ToString());
        Assert.Equal(HttpStatusCode.NotFound, (await ward.GetAsync($"/users/new?memberId={memberId}")).StatusCode);

        var member = await app.SignInAsync("+84 935 111 222", NewPassword);
        Assert.Equal(HttpStatusCode.OK, (await member.GetAsync("/")).StatusCode);
    }

    [DbFact]
    public async Task An_officer_account_is_created_with_a_typed_login_and_must_enrol_two_factor()
    {
        var ward = await app.SignInAsync(World.Users.WardHoaXuan);

        var response = await ward.SubmitFormAsync("/users/new", new Dictionary<string, string?>
        {
            ["Input.FullName"] = "  Lê   Văn Phong ",
            ["Input.UserName"] = "LanhDao2.HoaXuan",
            ["Input.Role"] = nameof(Role.WardLeader),
            ["Input.CommuneId"] = app.World.HoaXuan.Id.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Input.Password"] = NewPassword,
        });

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var user = await Accounts.FindAsync(app, "lanhdao2.hoaxuan");
        Assert.Equal(("Lê Văn Phong", Role.WardLeader, (int?)app.World.HoaXuan.Id, (Guid?)null, false),
            (user.FullName, user.Role, user.ScopeCommuneId, user.ScopeTeamId, user.TwoFactorEnabled));
        var client = app.NewClient();
        await Accounts.PostSignInAsync(client, "lanhdao2.hoaxuan", NewPassword);
        Assert.Equal("/account/two-factor-setup", (await client.GetAsync("/")).Headers.Location?.OriginalString);
    }

    [DbFact]
    public async Task A_province_officer_picks_one_of_its_communes_then_a_team_of_it()
    {
        var province = await app.SignInAsync(World.Users.ProvinceDaNang);
        var picker = await province.GetDocumentAsync("/users/new");
        var communes = picker.QuerySelectorAll("form.picker select[name=communeId] option").Select(o => o.TextContent.Trim()).ToList();
        Assert.Contains("Phường Hòa Xuân", communes);
        Assert.Contains("Phường Cẩm Lệ", communes);
        Assert.DoesNotContain("Phường Ba Đình", communes);
        Assert.DoesNotContain(picker.QuerySelectorAll("#Input_TeamId option"), o => o.GetAttribute("value") != "");

        var form = await province.GetDocumentAsync($"/users/new?communeId={app.World.CamLe.Id}");
        var teams = form.QuerySelectorAll("#Input_TeamId option").Select(o => o.GetAttribute("value")).Where(v => v != "").ToList();
        Assert.Equal([app.World.ClTeam1.Id.ToString()], teams);
        var response = await province.SubmitFormAsync(form, "/users/new", new Dictionary<string, string?>
        {
            ["Input.FullName"] = "Phạm Quốc Khánh",
            ["Input.UserName"] = "0935 444 555",
            ["Input.Role"] = nameof(Role.TeamLeader),
            ["Input.TeamId"] = app.World.ClTeam1.Id.ToString(),
            ["Input.Password"] = NewPassword,
        });

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var user = await Accounts.FindAsync(app, "0935444555");
        Assert.Equal((Role.TeamLeader, (int?)app.World.CamLe.Id, (Guid?)app.World.ClTeam1.Id), (user.Role, user.ScopeCommuneId, user.ScopeTeamId));

        var provinceOfficer = await province.SubmitFormAsync("/users/new", new Dictionary<string, string?>
        {
            ["Input.FullName"] = "Võ Thị Sáu",
            ["Input.UserName"] = "so2.danang",
            ["Input.Role"] = nameof(Role.ProvinceOfficer),
            ["Input.ProvinceId"] = app.World.HaNoi.Id.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Input.Password"] = NewPassword,
        });
        Assert.Contains("Tỉnh/thành phố không hợp lệ hoặc ngoài địa bàn của bạn.", (await Browser.ParseAsync(provinceOfficer)).Errors());
    }

    [DbFact]
    public async Task Bad_fields_produce_Vietnamese_field_errors_and_nothing_is_saved()
    {
        var memberId = await NewMemberAsync("Phan Văn Khải", "0935111333");
        var ward = await app.SignInAsync(World.Users.WardHoaXuan);
        var before = await app.WithDbAsync(db => db.Users.CountAsync());

        var badPhone = await ward.SubmitFormAsync("/users/new", new Dictionary<string, string?>
        {
            ["Input.FullName"] = "",
            ["Input.UserName"] = "0123 456 789",
            ["Input.Role"] = nameof(Role.TeamMember),
            ["Input.TeamId"] = app.World.HxTeam1.Id.ToString(),
            ["Input.Password"] = "matkhau123",
        });
        var errors = (await Browser.ParseAsync(badPhone)).Errors();
        Assert.Contains("Vui lòng nhập họ và tên.", errors);
        Assert.Contains("Số điện thoại không hợp lệ: cần 10 số, bắt đầu bằng 03, 05, 07, 08 hoặc 09.", errors);
        Assert.Contains("Mật khẩu quá phổ biến hoặc chứa tên, số điện thoại của bạn; hãy chọn cụm từ khác.", errors);

        // From the roster, with the member's own phone as password: refused, the member stays unlinked.
        var ownPhone = await ward.SubmitFormAsync($"/users/new?memberId={memberId}", new Dictionary<string, string?> { ["Input.Password"] = "0935111333" });
        Assert.Equal(HttpStatusCode.OK, ownPhone.StatusCode);
        var document = await Browser.ParseAsync(ownPhone);
        Assert.Contains("Mật khẩu quá phổ biến", document.QuerySelector("[data-valmsg-for='Input.Password']")!.TextContent, StringComparison.Ordinal);

        // A member account must be a team role.
        var wrongRole = await ward.SubmitFormAsync($"/users/new?memberId={memberId}", new Dictionary<string, string?>
        {
            ["Input.Role"] = nameof(Role.WardOfficer),
            ["Input.Password"] = NewPassword,
        });
        Assert.Contains("Tài khoản tạo từ thành viên phải là tổ trưởng hoặc thành viên tổ.", (await Browser.ParseAsync(wrongRole)).Errors());

        // A login already taken.
        var taken = await ward.SubmitFormAsync("/users/new", new Dictionary<string, string?>
        {
            ["Input.FullName"] = "Trùng tên",
            ["Input.UserName"] = World.Users.WardCamLe,
            ["Input.Role"] = nameof(Role.WardLeader),
            ["Input.Password"] = NewPassword,
        });
        Assert.Contains("Tên đăng nhập này đã có người dùng.", (await Browser.ParseAsync(taken)).Errors());

        Assert.Equal(before, await app.WithDbAsync(db => db.Users.CountAsync()));
        Assert.Null(await app.WithDbAsync(db => db.Members.Where(m => m.Id == memberId).Select(m => m.UserId).SingleAsync()));
    }

    [DbFact]
    public async Task The_list_searches_without_diacritics_filters_by_role_and_masks_phones_for_the_province()
    {
        await Accounts.CreateAsync(app, "anh.nguyen", Role.WardLeader, commune: app.World.HoaXuan.Id, fullName: "Nguyễn Thị Ánh");
        await Accounts.CreateAsync(app, "dung.dang", Role.WardOfficer, commune: app.World.HoaXuan.Id, fullName: "Đặng Văn Dũng");
        var ward = await app.SignInAsync(World.Users.WardHoaXuan);

        Assert.Equal(["Nguyễn Thị Ánh"], await NamesAsync(ward, "/users?q=nguyen thi anh"));
        Assert.Equal(["Đặng Văn Dũng"], await NamesAsync(ward, "/users?q=DANG VAN"));
        Assert.Contains("Nguyễn Thị Ánh", await NamesAsync(ward, "/users?q=ANH.NGUYEN"));
        var leaders = await NamesAsync(ward, "/users?role=WardLeader");
        Assert.Contains("Nguyễn Thị Ánh", leaders);
        Assert.Contains("Người dùng " + World.Users.LeaderHoaXuan, leaders);
        Assert.DoesNotContain("Đặng Văn Dũng", leaders);
        Assert.DoesNotContain("Người dùng " + World.Users.WardCamLe, await NamesAsync(ward, "/users"));
        Assert.Contains("Create account", (await ward.GetDocumentAsync("/users?culture=en-US")).Text(), StringComparison.Ordinal);

        // The login line under the name: in full for the ward (it manages the roster), masked for the province.
        var wardLogin = (await ward.GetDocumentAsync("/users?q=" + World.Users.MemberHx1)).QuerySelector("[data-testid=users] li .muted")!.TextContent;
        Assert.StartsWith(World.Users.MemberHx1, wardLogin, StringComparison.Ordinal);
        var province = await app.SignInAsync(World.Users.ProvinceDaNang);
        var provinceLogin = (await province.GetDocumentAsync("/users?q=" + World.Users.MemberHx1)).QuerySelector("[data-testid=users] li .muted")!.TextContent;
        Assert.StartsWith(PersonalData.Mask(World.Users.MemberHx1), provinceLogin, StringComparison.Ordinal);
        Assert.DoesNotContain(World.Users.MemberHx1, provinceLogin, StringComparison.Ordinal);
    }

    private static async Task<string[]> NamesAsync(HttpClient client, string url) =>
        (await client.GetDocumentAsync(url)).QuerySelectorAll("[data-testid=users] li .title").Select(a => a.TextContent.Trim()).ToArray();

    private Task<Guid> NewMemberAsync(string name, string phone) => app.WithDbAsync(async db =>
    {
        var member = new Member
        {
            CommuneId = app.World.HoaXuan.Id, TeamId = app.World.HxTeam2.Id, FullName = name, SearchName = VietnameseText.Fold(name),
            Position = MemberPosition.Member, AffiliationId = app.World.HxTeam2Leader.AffiliationId, Phone = phone, JoinedOn = new DateOnly(2025, 9, 1),
        };
        db.Members.Add(member);
        await db.SaveChangesAsync();
        return member.Id;
    });
}
