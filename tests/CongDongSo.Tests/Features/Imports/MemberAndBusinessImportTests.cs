using CongDongSo.Tests.Infrastructure;
using CongDongSo.Web.Data;
using CongDongSo.Web.Features.Imports;
using Microsoft.EntityFrameworkCore;
using static CongDongSo.Tests.Features.Imports.WardSheets;

namespace CongDongSo.Tests.Features.Imports;

public sealed class MemberAndBusinessImportTests(AppFactory app) : IClassFixture<AppFactory>
{
    private const string MemberHeader = "Tổ,Họ và tên,Chức vụ,Thành phần,Năm sinh,Giới tính,SĐT,Ngày tham gia";

    [DbFact]
    public async Task Members_are_imported_under_the_rosters_own_rules()
    {
        var client = await app.SignInAsync(World.Users.WardHoaXuan);
        var map = await client.UploadAsync(ImportKind.Members, "thanh-vien.csv", Csv(
            MemberHeader,
            $"Tổ dân phố số 1,{Nfd("Võ Thị Mai")},Thành viên,{Nfd("Đoàn Thanh niên")},1998,Nữ,+84 935 000 111,01/09/2025",
            "Tổ CNSCĐ Tổ dân phố số 2,Đặng Văn Nam,Tổ trưởng,Hội Liên hiệp Phụ nữ,1985,Nam,,01/09/2025",
            "Tổ dân phố số 1,Lý Văn Phúc,Thành viên,Câu lạc bộ bóng đá,1990,Nam,,01/09/2025",
            "Tổ dân phố số 1,Bùi Thị Quế,,Đoàn Thanh niên,2015,Nữ,0123,01/09/2025",
            "Tổ dân phố số 1,Nguyễn Văn Hùng,Tổ trưởng,Đoàn Thanh niên,1990,Nam,0905000001,15/08/2025",
            "Tổ dân phố số 9,Phan Văn Tới,Thành viên,Đoàn Thanh niên,1990,Nam,,01/09/2025",
            "Tổ dân phố số 1,Trương Thị Lụa,Thành viên,Khác,1994,Nữ,,"));

        var dry = await client.RunAsync(map, ImportMode.DryRun);

        Assert.Equal((1, 0, 1, 5), dry.Counts);
        Assert.Equal(
        [
            ("3", "Chức vụ", "Tổ đã có tổ trưởng (Trần Minh Quân): mỗi tổ chỉ có một tổ trưởng."),
            ("4", "Thành phần", "Thành phần “Câu lạc bộ bóng đá” không có trong danh mục của phường/xã."),
            ("5", "Năm sinh", "Năm sinh phải là năm có 4 chữ số, từ 1920 đến 2011."),
            ("5", "SĐT", "Số điện thoại không hợp lệ: cần số di động Việt Nam 10 chữ số bắt đầu bằng 03, 05, 07, 08 hoặc 09 (có thể nhập +84)."),
            ("7", "Tổ", "Không tìm thấy tổ CNSCĐ “Tổ dân phố số 9” đang hoạt động trong phường/xã (theo tên tổ hoặc tên tổ dân phố, thôn)."),
            ("8", "Ngày tham gia", "Vui lòng nhập ngày tham gia."),
        ], dry.Errors);

        var run = await client.RunAsync(map, ImportMode.ValidRowsOnly);
        Assert.Equal((1, 0, 1, 5), run.Counts);
        var mai = await app.WithDbAsync(db => db.Members.Include(m => m.Affiliation).SingleAsync(m => m.SearchName == "vo thi mai"));
        Assert.Equal(("Võ Thị Mai", app.World.HxTeam1.Id, MemberPosition.Member, "Đoàn Thanh niên", "0935000111", new DateOnly(2025, 9, 1)),
            (mai.FullName, mai.TeamId, mai.Position, mai.Affiliation!.Name, mai.Phone, mai.JoinedOn));
        Assert.Single(await app.WithDbAsync(db => db.Members.Where(m => m.SearchName == "nguyen van hung").ToListAsync()));

        var again = await client.RunAsync(await client.UploadAsync(ImportKind.Members, "thanh-vien.csv", Csv(MemberHeader,
            $"Tổ dân phố số 1,Võ Thị Mai,Tổ phó,Đoàn Thanh niên,1998,Nữ,0935000111,01/09/2025")), ImportMode.AllOrNothing);
        Assert.Equal((0, 1, 0, 0), again.Counts);
        Assert.Equal(MemberPosition.Deputy, (await app.WithDbAsync(db => db.Members.SingleAsync(m => m.SearchName == "vo thi mai"))).Position);
    }

    [DbFact]
    public async Task Businesses_are_placed_by_their_owner_household_and_reimporting_changes_nothing()
    {
        var client = await app.SignInAsync(World.Users.WardHoaXuan);
        await client.RunAsync(await client.UploadAsync(ImportKind.Households, "ho.csv", Csv(
            "Mã hộ,Địa chỉ,Tổ dân phố,Hộ kinh doanh", "KD-1,9 Phạm Hùng,Tổ dân phố số 2,x")), ImportMode.AllOrNothing);
        byte[] Sheet() => Csv(
            "Tên cơ sở,Loại hình,Mã hộ chủ,Tổ dân phố,Địa chỉ,Ngành nghề,Sản phẩm,OCOP",
            $"{Nfd("Chả bò Bà Tư")},Hộ kinh doanh,KD-1,,9 Phạm Hùng,Chế biến thực phẩm,Chả bò,Chả bò 3 sao",
            "HTX Rau Hòa Xuân,HTX,,Tổ dân phố số 1,,Nông nghiệp,Rau sạch,",
            "Tạp hóa Minh,,KD-7,,,,,",
            "Quán Cơm,,,,,,,");

        var first = await client.RunAsync(await client.UploadAsync(ImportKind.Businesses, "co-so.csv", Sheet()), ImportMode.ValidRowsOnly);

        Assert.Equal((2, 0, 0, 2), first.Counts);
        Assert.Equal(
        [
            ("4", "Mã hộ chủ", "Mã hộ “KD-7” chưa có trong phường/xã: nhập danh sách hộ trước."),
            ("5", "Mã hộ chủ", "Cần mã hộ chủ hoặc tổ dân phố để biết cơ sở thuộc tổ dân phố, thôn nào."),
        ], first.Errors);
        var cha = await app.WithDbAsync(db => db.Businesses.SingleAsync(b => b.SearchName == "cha bo ba tu"));
        Assert.Equal((app.World.HxTdp2.Id, BusinessKind.HouseholdBusiness, true, "Chả bò 3 sao"), (cha.NeighbourhoodId, cha.Kind, cha.IsOcop, cha.OcopProducts));
        var htx = await app.WithDbAsync(db => db.Businesses.SingleAsync(b => b.SearchName == "htx rau hoa xuan"));
        Assert.Equal((app.World.HxTdp1.Id, BusinessKind.Cooperative, false, null as Guid?), (htx.NeighbourhoodId, htx.Kind, htx.IsOcop, htx.OwnerHouseholdId));

        var again = await client.RunAsync(await client.UploadAsync(ImportKind.Businesses, "co-so.csv", Sheet()), ImportMode.ValidRowsOnly);
        Assert.Equal((0, 0, 2, 2), again.Counts);
        Assert.Equal(2, await app.WithDbAsync(db => db.Businesses.CountAsync()));
    }

    [DbFact]
    public async Task A_household_moved_to_another_neighbourhood_takes_its_residents_along()
    {
        var client = await app.SignInAsync(World.Users.WardHoaXuan);
        await client.RunAsync(await client.UploadAsync(ImportKind.Households, "ho.csv", Csv(
            "Mã hộ,Địa chỉ,Tổ dân phố", "MV-1,4 Võ Chí Công,Tổ dân phố số 1")), ImportMode.AllOrNothing);
        await client.RunAsync(await client.UploadAsync(ImportKind.Residents, "nk.csv", Csv(
            "Mã hộ,Họ và tên,Năm sinh", "MV-1,Hồ Văn Sáu,1975", "MV-1,Hồ Thị Bảy,1978")), ImportMode.AllOrNothing);

        var moved = await client.RunAsync(await client.UploadAsync(ImportKind.Households, "ho.csv", Csv(
            "Mã hộ,Địa chỉ,Tổ dân phố", "MV-1,4 Võ Chí Công,Tổ dân phố số 2")), ImportMode.AllOrNothing);

        Assert.Equal((0, 1, 0, 0), moved.Counts);
        Assert.All(await app.WithDbAsync(db => db.Residents.Where(r => r.Household!.Code == "MV-1").ToListAsync()),
            r => Assert.Equal(app.World.HxTdp2.Id, r.NeighbourhoodId));

        // A list without ID numbers finds the same people by household, name and birth year.
        var same = await client.RunAsync(await client.UploadAsync(ImportKind.Residents, "nk.csv", Csv(
            "Mã hộ,Họ và tên,Năm sinh", "MV-1,HỒ VĂN SÁU,1975", "MV-1,Hồ Thị Bảy,1978")), ImportMode.AllOrNothing);
        Assert.Equal((0, 1, 1, 0), same.Counts);
        Assert.Equal(2, await app.WithDbAsync(db => db.Residents.CountAsync(r => r.Household!.Code == "MV-1")));
    }
}
