using CongDongSo.Web.Data;
using CongDongSo.Web.Infrastructure.Auth;
using CongDongSo.Web.Infrastructure.Localization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace CongDongSo.Web.Features.Members;

/// <summary>A member's full record and history. Reading it is audited.</summary>
[Authorize(Policy = Policies.SignedIn)]
public sealed class DetailModel(AppDbContext db, IStringLocalizer<SharedResource> l) : PageModel
{
    public Member Member { get; private set; } = null!;
    public string TeamName { get; private set; } = "";
    public string Neighbourhood { get; private set; } = "";
    public string Affiliation { get; private set; } = "";
    public string? Phone { get; private set; }
    public bool ManagesRoster { get; private set; }
    public List<HistoryLine> History { get; private set; } = [];
    public List<Training.TrainingRecordLine> Training { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(Guid id)
    {
        var found = await db.Members.AsNoTracking().Where(m => m.Id == id)
            .Select(m => new { Member = m, Team = m.Team!.Name, Neighbourhood = m.Team.Neighbourhood!.Name, Affiliation = m.Affiliation!.Name })
            .FirstOrDefaultAsync();
        if (found is null)
        {
            return NotFound();
        }
        Member = found.Member;
        TeamName = found.Team;
        Neighbourhood = found.Neighbourhood;
        Affiliation = found.Affiliation;
        ManagesRoster = db.Scope.ManagesRoster(Member.TeamId);
        Phone = db.Scope.PhoneFor(Member.TeamId, Member.Phone);
        History = await MemberHistory.LoadAsync(db, Member, ManagesRoster, l);
        Training = await Features.Training.TrainingQueries.RecordOfAsync(db, Member.Id);
        db.Audit(AuditAction.Read, nameof(Data.Member), Member.Id.ToString(), Member.CommuneId, null);
        await db.SaveChangesAsync();
        return Page();
    }
}
