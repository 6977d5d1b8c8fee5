using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using CongDongSo.Tests.Infrastructure;
using CongDongSo.Web.Data;
using CongDongSo.Web.Infrastructure.Files;

namespace CongDongSo.Tests.Features.Security;

/// <summary>The plans of the matrix: {xPlan} with one target {xTarget} on a ward's own indicator and a task {xPlanTask} with a file as evidence {xTaskFile}. Own: Hòa Xuân's; other: Cẩm Lệ's (Ba Đình's for the province officer).</summary>
public sealed partial class MatrixPlaces
{
    private async Task AddPlansAsync(AppFactory app)
    {
        var w = app.World;
        var now = app.Clock.GetUtcNow().UtcDateTime;
        var files = app.Services.GetRequiredService<PrivateFileStore>();
        var pdf = new CheckedUpload("%PDF-1.4\n%%EOF\n"u8.ToArray(), UploadKind.Pdf);
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
                var task = new PlanTask { CommuneId = commune, PlanId = plan.Id, Content = "Nhiệm vụ ma trận", Ongoing = true };
                plan.Tasks.Add(task);
                var evidence = new PlanTaskEvidence
                {
                    CommuneId = commune, TaskId = task.Id, Kind = EvidenceKind.File, FileKey = await files.SaveAsync(commune, pdf), FileType = pdf.ContentType, Title = "Báo cáo đã ký", AddedAtUtc = now,
                };
                db.TaskEvidence.Add(evidence);
                places["PlanTask"] = task.Id.ToString();
                places["TaskFile"] = evidence.Id.ToString();
                places["Plan"] = plan.Id.ToString();
                places["Target"] = target.Id.ToString();
            }
            await db.SaveChangesAsync();

            // Province plans, {xProvincePlan} with {xProvinceTarget}: Đà Nẵng's own; Hà Nội's on the other side (for a ward role too: no ward role reaches them).
            var national = await db.Indicators.Where(i => i.CommuneId == null && i.Code == "adults18_signature").Select(i => i.Id).FirstAsync();
            foreach (var (sides, province) in new[] { (new[] { _own }, w.DaNang.Id), (new[] { _otherCommune, _otherProvince }, w.HaNoi.Id) })
            {
                var plan = new ProvincePlan { ProvinceId = province, Year = 2026, Title = "Kế hoạch ma trận cấp tỉnh", CreatedAtUtc = now, UpdatedAtUtc = now };
                var target = new ProvinceTarget { PlanId = plan.Id, ProvinceId = province, IndicatorId = national, Value = 50m, Deadline = new DateOnly(2026, 12, 31) };
                plan.Targets.Add(target);
                db.ProvincePlans.Add(plan);
                foreach (var places in sides)
                {
                    places["New"] = "new"; // the new-target form shares the target page's route

                    places["ProvincePlan"] = plan.Id.ToString();
                    places["ProvinceTarget"] = target.Id.ToString();
                }
            }
            await db.SaveChangesAsync();
        });
    }
}
