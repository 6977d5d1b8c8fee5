using CongDongSo.Web.Data;
using CongDongSo.Web.Infrastructure.Auth;
using CongDongSo.Web.Infrastructure.Localization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace CongDongSo.Web.Features.Readiness;

/// <summary>A business's readiness by hand (QR payment, e-commerce…).</summary>
[Authorize(Policy = Policies.ManagePopulation)]
public sealed class BusinessReadinessModel(AppDbContext db, TimeProvider clock, IStringLocalizer<SharedResource> l) : ReadinessPageModel(db, clock, l)
{
    public Business Business { get; private set; } = null!;
    public override string PagePath => $"/businesses/{Business.Id}/readiness";
    public override string SubjectPath => $"/businesses/{Business.Id}";

    protected override async Task<ReadinessSubjectRef?> LoadSubjectAsync(Guid id)
    {
        if (await Db.Businesses.AsNoTracking().FirstOrDefaultAsync(b => b.Id == id) is not { } business)
        {
            return null;
        }
        Business = business;
        return new(ReadinessSubject.Business, business.Id, business.CommuneId, business.NeighbourhoodId);
    }
}
