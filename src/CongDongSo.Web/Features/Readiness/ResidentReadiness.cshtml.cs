using CongDongSo.Web.Data;
using CongDongSo.Web.Infrastructure.Auth;
using CongDongSo.Web.Infrastructure.Localization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace CongDongSo.Web.Features.Readiness;

/// <summary>A resident's readiness by hand; an erased resident takes no more events.</summary>
[Authorize(Policy = Policies.ManagePopulation)]
public sealed class ResidentReadinessModel(AppDbContext db, TimeProvider clock, IStringLocalizer<SharedResource> l) : ReadinessPageModel(db, clock, l)
{
    public Resident Resident { get; private set; } = null!;
    public override string PagePath => $"/residents/{Resident.Id}/readiness";
    public override string SubjectPath => $"/residents/{Resident.Id}";
    protected override bool Closed => Resident.ErasedAtUtc is not null;

    protected override async Task<ReadinessSubjectRef?> LoadSubjectAsync(Guid id)
    {
        if (await Db.Residents.AsNoTracking().FirstOrDefaultAsync(r => r.Id == id) is not { } resident)
        {
            return null;
        }
        Resident = resident;
        return new(ReadinessSubject.Resident, resident.Id, resident.CommuneId, resident.NeighbourhoodId);
    }
}
