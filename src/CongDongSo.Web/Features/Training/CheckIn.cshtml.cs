using CongDongSo.Web.Data;
using CongDongSo.Web.Infrastructure.Auth;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace CongDongSo.Web.Features.Training;

/// <summary>
/// Where the venue's QR code leads: a signed-in member taps once to be counted. A POST, not the
/// GET of the scan, checks in, so a link preview or a prefetch never counts anyone.
/// </summary>
[Authorize(Policy = Policies.SignedIn)]
public sealed class CheckInModel(AppDbContext db, TimeProvider clock) : PageModel
{
    public TrainingSession? Session { get; private set; }
    public CheckInResult? Result { get; private set; }
    /// <summary>What a tap would answer now (open, closed, not a member…), shown before the tap.</summary>
    public CheckInResult? Blocked { get; private set; }

    public async Task OnGetAsync(string token)
    {
        (Blocked, Session, _) = await TrainingQueries.AssessAsync(db, token, db.Scope.UserId ?? Guid.Empty, clock.GetUtcNow().UtcDateTime);
        if (Session is null)
        {
            Response.StatusCode = StatusCodes.Status404NotFound; // another ward's code: not in this area
        }
    }

    public async Task OnPostAsync(string token)
    {
        (Result, Session) = await TrainingQueries.CheckInAsync(db, token, db.Scope.UserId!.Value, clock.GetUtcNow().UtcDateTime);
        if (Result is not CheckInResult.CheckedIn)
        {
            Response.StatusCode = Result == CheckInResult.UnknownCode ? StatusCodes.Status404NotFound : StatusCodes.Status409Conflict;
        }
        if (Result == CheckInResult.AlreadyCheckedIn)
        {
            Response.StatusCode = StatusCodes.Status200OK; // twice is fine: counted once
        }
    }
}
