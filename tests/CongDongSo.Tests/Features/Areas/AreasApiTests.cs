using System.Net;
using System.Net.Http.Json;
using CongDongSo.Tests.Infrastructure;
using CongDongSo.Web.Features.Areas;

namespace CongDongSo.Tests.Features.Areas;

public sealed class AreasApiTests(AppFactory app) : IClassFixture<AppFactory>
{
    [DbFact]
    public async Task Provinces_are_bounded_by_the_callers_area()
    {
        var admin = (await (await app.SignInAsync(World.Users.Admin)).GetFromJsonAsync<ProvinceDto[]>("/api/v1/provinces"))!;
        Assert.Equal(["01", "48"], admin.Select(p => p.Code));
        Assert.Equal(2, admin.Single(p => p.Code == "48").Communes);

        var ward = await (await app.SignInAsync(World.Users.WardHoaXuan)).GetFromJsonAsync<ProvinceDto[]>("/api/v1/provinces");
        Assert.Equal("Thành phố Đà Nẵng", Assert.Single(ward!).Name);
        Assert.Equal(1, ward![0].Communes);
    }

    [DbFact]
    public async Task A_commune_and_its_neighbourhoods_are_answered_inside_the_area_and_404_outside()
    {
        var client = await app.SignInAsync(World.Users.WardHoaXuan);
        var commune = await client.GetFromJsonAsync<CommuneDto>($"/api/v1/communes/{app.World.HoaXuan.Id}");
        Assert.Equal(("20314", "Phường Hòa Xuân", "Phuong", "48"), (commune!.Code, commune.Name, commune.Level, commune.ProvinceCode));
        var neighbourhoods = await client.GetFromJsonAsync<NeighbourhoodDto[]>($"/api/v1/communes/{app.World.HoaXuan.Id}/neighbourhoods");
        Assert.Equal(["Tổ dân phố số 1", "Tổ dân phố số 2"], neighbourhoods!.Select(n => n.Name));

        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/api/v1/communes/{app.World.CamLe.Id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/api/v1/communes/{app.World.BaDinh.Id}/neighbourhoods")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/api/v1/communes/999999")).StatusCode);
    }

    [DbFact]
    public async Task Team_members_and_anonymous_callers_are_not_admitted()
    {
        Assert.Equal(HttpStatusCode.Unauthorized, (await app.NewClient().GetAsync("/api/v1/provinces")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await (await app.SignInAsync(World.Users.MemberHx1)).GetAsync($"/api/v1/communes/{app.World.HoaXuan.Id}")).StatusCode);
    }
}
