using System.Net;
using CongDongSo.Tests.Infrastructure;
using CongDongSo.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace CongDongSo.Tests.Features.Areas;

/// <summary>The official list of provinces and communes ships with the product: set up on any machine without a file.</summary>
public sealed class OfficialListTests(AppFactory app) : IClassFixture<AppFactory>
{
    [DbFact]
    public async Task The_administrator_loads_the_shipped_official_list_dry_run_first()
    {
        var client = await app.SignInAsync(World.Users.Admin);

        var dry = await client.SubmitFormAsync("/areas/import", new Dictionary<string, string?>(), "form[data-testid=official-list]");
        Assert.Equal(HttpStatusCode.OK, dry.StatusCode);
        Assert.Contains("Kết quả chạy thử", (await Browser.ParseAsync(dry)).Text(), StringComparison.Ordinal);
        Assert.Equal(3, await app.WithDbAsync(db => db.Communes.CountAsync()));

        var real = await client.SubmitFormAsync("/areas/import", new Dictionary<string, string?> { ["Input.DryRun"] = "false" },
            "form[data-testid=official-list]");

        Assert.Empty((await Browser.ParseAsync(real)).Errors());
        Assert.Equal(3321, await app.WithDbAsync(db => db.Communes.CountAsync()));
        Assert.Equal(34, await app.WithDbAsync(db => db.Provinces.CountAsync()));
        Assert.True(await app.WithDbAsync(db => db.AuditEntries.AnyAsync(a => a.Action == AuditAction.Import && a.Summary!.Contains(RealAdminList.FileName))));
    }
}
