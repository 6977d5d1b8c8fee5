using System.Globalization;
using CongDongSo.Web.Data;
using CongDongSo.Web.Infrastructure.Auth;
using CongDongSo.Web.Infrastructure.Exports;
using CongDongSo.Web.Infrastructure.Localization;
using CongDongSo.Web.Infrastructure.Text;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using QRCoder;

namespace CongDongSo.Web.Features.Training;

/// <summary>
/// The attendance list of one sitting: ticked on a phone, or filled by members checking in with the
/// QR code shown here. A team leader sees and ticks their own team's members only. The list exports
/// as a sheet to print and sign.
/// </summary>
[Authorize(Policy = Policies.RecordAttendance)]
public sealed class SessionModel(AppDbContext db, TimeProvider clock, IStringLocalizer<SharedResource> l) : PageModel
{
    public TrainingSession Session { get; private set; } = null!;
    public Course Course { get; private set; } = null!;
    public List<AttendanceLine> Lines { get; private set; } = [];
    public bool ShowsCheckIn => db.Scope.Role is { } role && Policies.Allows(Policies.ManageTraining, role);
    public string CheckInUrl { get; private set; } = "";
    public string QrSvg { get; private set; } = "";
    public bool IsOpen { get; private set; }

    [BindProperty]
    public List<AttendanceMark> Marks { get; set; } = [];

    public async Task<IActionResult> OnGetAsync(Guid id) => await LoadAsync(id) ? Page() : NotFound();

    public async Task<IActionResult> OnPostAsync(Guid id)
    {
        if (!await LoadAsync(id))
        {
            return NotFound();
        }
        var lines = Lines.ToDictionary(x => x.MemberId);
        for (var i = 0; i < Marks.Count; i++)
        {
            var mark = Marks[i];
            mark.Reason = VietnameseText.Clean(mark.Reason);
            if (!lines.ContainsKey(mark.MemberId))
            {
                return NotFound(); // a member outside the list (another team's): not here
            }
            if (mark.Status is not (null or "present" or "absent"))
            {
                ModelState.AddModelError($"Marks[{i}].Status", l["Dòng {0}: chọn Có mặt hoặc Vắng.", i + 1]);
            }
            if (mark.Reason?.Length > 300)
            {
                ModelState.AddModelError($"Marks[{i}].Reason", l["Dòng {0}: lý do vắng dài tối đa 300 ký tự.", i + 1]);
            }
        }
        if (!ModelState.IsValid)
        {
            return Page();
        }
        var now = clock.GetUtcNow().UtcDateTime;
        var stored = await db.Attendances.Where(a => a.SessionId == id).ToDictionaryAsync(a => a.MemberId);
        foreach (var mark in Marks)
        {
            stored.TryGetValue(mark.MemberId, out var row);
            if (mark.Status is null)
            {
                if (row is not null && !row.SelfCheckIn)
                {
                    db.Attendances.Remove(row); // un-ticked
                }
                continue;
            }
            var present = mark.Status == "present";
            if (row is null)
            {
                db.Attendances.Add(new Attendance
                {
                    CommuneId = Session.CommuneId, SessionId = id, MemberId = mark.MemberId, TeamId = lines[mark.MemberId].TeamId,
                    Present = present, AbsenceReason = present ? null : mark.Reason, RecordedAtUtc = now, RecordedByUserId = db.Scope.UserId,
                });
            }
            else if (row.Present != present || (!present && row.AbsenceReason != mark.Reason))
            {
                row.Present = present;
                row.AbsenceReason = present ? null : mark.Reason;
                row.SelfCheckIn = row.SelfCheckIn && present;
                row.RecordedAtUtc = now;
                row.RecordedByUserId = db.Scope.UserId;
            }
        }
        await db.SaveChangesAsync();
        TempData["Flash"] = l["Đã lưu điểm danh."].Value;
        return Redirect($"/training/sessions/{id}");
    }

    /// <summary>The list as a sheet to print and sign at the venue.</summary>
    public async Task<IActionResult> OnGetSheetAsync(Guid id)
    {
        if (!await LoadAsync(id))
        {
            return NotFound();
        }
        var starts = Session.StartsAtUtc.InVietnam();
        string[] heading =
        [
            l["DANH SÁCH ĐIỂM DANH"].Value,
            Course.Title,
            l["Buổi học: {0}, {1} – {2}", starts.ToString("dd/MM/yyyy", CultureInfo.InvariantCulture), starts.ToString("HH:mm", CultureInfo.InvariantCulture), Session.EndsAtUtc.InVietnam().ToString("HH:mm", CultureInfo.InvariantCulture)].Value,
            l["Địa điểm: {0}", Session.Place ?? Course.Place ?? "—"].Value,
        ];
        string[] header = [l["STT"], l["Họ và tên"], l["Tổ CNSCĐ"], l["Chức vụ"], l["Có mặt"], l["Lý do vắng"], l["Ký tên"]];
        var rows = Lines.Select((x, i) => (IReadOnlyList<object?>)
        [
            i + 1, x.FullName, x.Team, l[RoleText.Of(x.Position)].Value,
            x.Present switch { true => "x", false => l["Vắng"].Value, _ => null }, x.Reason, null,
        ]).ToList();
        db.Audit(AuditAction.Export, nameof(TrainingSession), id.ToString(), Session.CommuneId, $"attendance sheet, {rows.Count} rows");
        await db.SaveChangesAsync();
        return File(XlsxWriter.WriteSignSheet(l["Điểm danh"], heading, header, rows), XlsxWriter.ContentType,
            $"diem-danh-{starts:yyyy-MM-dd-HHmm}.xlsx");
    }

    private async Task<bool> LoadAsync(Guid id)
    {
        var session = await db.TrainingSessions.AsNoTracking().Include(s => s.Course).FirstOrDefaultAsync(s => s.Id == id);
        if (session is null)
        {
            return false;
        }
        Session = session;
        Course = session.Course!;
        IsOpen = TrainingQueries.IsOpen(session, clock.GetUtcNow().UtcDateTime);
        var attendance = await db.Attendances.AsNoTracking().Where(a => a.SessionId == id).ToDictionaryAsync(a => a.MemberId);
        var expected = TrainingQueries.Expected(db, Course).Select(m => m.Id);
        // The expected members, and anyone else who came (checked in though not on the list).
        var members = await db.Members.AsNoTracking()
            .Where(m => expected.Contains(m.Id) || db.Attendances.Any(a => a.SessionId == id && a.MemberId == m.Id))
            .Select(m => new { m.Id, m.FullName, m.TeamId, Team = m.Team!.Name, m.Position })
            .ToListAsync();
        Lines = [.. members
            .OrderBy(m => m.Team, NaturalOrder.Comparer).ThenBy(m => m.Position).ThenBy(m => m.FullName, NaturalOrder.Comparer)
            .Select(m =>
            {
                attendance.TryGetValue(m.Id, out var a);
                return new AttendanceLine(m.Id, m.FullName, m.TeamId, m.Team, m.Position, a?.Present, a?.AbsenceReason, a?.SelfCheckIn == true);
            })];
        if (ShowsCheckIn)
        {
            CheckInUrl = $"{Request.Scheme}://{Request.Host}/training/check-in/{session.CheckInToken}";
            using var data = QRCodeGenerator.GenerateQrCode(CheckInUrl, QRCodeGenerator.ECCLevel.M);
            QrSvg = new SvgQRCode(data).GetGraphic(6);
        }
        return true;
    }
}

public sealed record AttendanceLine(Guid MemberId, string FullName, Guid TeamId, string Team, MemberPosition Position, bool? Present, string? Reason, bool SelfCheckIn);

/// <summary>One line of the posted list: "present", "absent" or nothing (not recorded).</summary>
public sealed class AttendanceMark
{
    public Guid MemberId { get; set; }
    public string? Status { get; set; }
    public string? Reason { get; set; }
}
