using CongDongSo.Tests.Infrastructure;
using CongDongSo.Web.Data;

namespace CongDongSo.Tests.Features.Security;

/// <summary>The plans of the matrix: {xPlan} with one target {xTarget} on a ward's own indicator. Own: Hòa Xuân's; other: Cẩm Lệ's (Ba Đình's for the province officer).</summary>
public sealed partial class MatrixPlaces
{
    private async Task AddPlansAsync(AppFactory app)
    {
        var w = app.World;
        var now = app.Clock.GetUtcNow().UtcDateTime;
        await app.WithDbAsync(async db =>
        {
            foreach (var (places, commune) in new[] { (_own, w.HoaXuan.Id), (_otherCommune, w.CamLe.Id), (_otherProvince, w.BaDinh.Id) })
            {
                var indicator = new Indicator
                {
                    CommuneId = commune, Code = "matrix_signature", Name = "Người từ 18 tuổi có chữ ký số",
                    FormulaJson = """{"kind":"residents","minAge":18,"having":[{"item":"signature"}]}""",
                };
                db.Indicators.Add(indicator);
                await db.SaveChangesAsync();
                var plan = new Plan { CommuneId = commune, Year = 2026, Title = "Kế hoạch ma trận", CreatedAtUtc = now, UpdatedAtUtc = now };
                var target = new PlanTarget { CommuneId = commune, PlanId = plan.Id, IndicatorId = indicator.Id, Value = 35.4m, Deadline = new DateOnly(2026, 12, 31) };
                plan.Targets.Add(target);
                db.Plans.Add(plan);
                places["Plan"] = plan.Id.ToString();
                places["Target"] = target.Id.ToString();
            }
            await db.SaveChangesAsync();
        });
    }
}
