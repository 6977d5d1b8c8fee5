using System.ComponentModel.DataAnnotations;
using CongDongSo.Web.Data;
using CongDongSo.Web.Infrastructure.Auth;
using CongDongSo.Web.Infrastructure.Files;
using CongDongSo.Web.Infrastructure.Localization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace CongDongSo.Web.Features.Training;

/// <summary>
/// A member reports completing an online course, with the day and the certificate (PDF or image,
/// checked by content). A new certificate goes back to the officer for verification.
/// </summary>
[Authorize(Policy = Policies.ViewTraining)]
[RequestFormLimits(MultipartBodyLengthLimit = RequestLimit)]
[RequestSizeLimit(RequestLimit)]
public sealed class CompletionModel(AppDbContext db, TimeProvider clock, PrivateFileStore files, IStringLocalizer<SharedResource> l) : PageModel
{
    /// <summary>One certificate and the form's fields.</summary>
    public const long RequestLimit = 10 * UploadRules.MiB + 64 * 1024;

    public Course Course { get; private set; } = null!;
    public CourseCompletion? Completion { get; private set; }

    [BindProperty]
    [Required(ErrorMessage = "Vui lòng nhập ngày hoàn thành.")]
    [Display(Name = "Ngày hoàn thành")]
    public DateOnly? CompletedOn { get; set; }

    [BindProperty]
    [Display(Name = "Chứng nhận")]
    public IFormFile? Certificate { get; set; }

    public async Task<IActionResult> OnGetAsync(Guid id)
    {
        var member = await LoadAsync(id);
        if (member is null)
        {
            return NotFound();
        }
        CompletedOn = Completion?.CompletedOn;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(Guid id, CancellationToken cancellationToken)
    {
        var member = await LoadAsync(id);
        if (member is null)
        {
            return NotFound();
        }
        var today = clock.Today();
        if (CompletedOn > today)
        {
            ModelState.AddModelError(nameof(CompletedOn), l["Ngày hoàn thành không được sau hôm nay."]);
        }
        CheckedUpload? upload = null;
        if (Certificate is null)
        {
            if (Completion?.CertificateKey is null || Completion.Review == CompletionReview.Rejected)
            {
                ModelState.AddModelError(nameof(Certificate), l["Vui lòng tải lên chứng nhận (PDF hoặc ảnh)."]);
            }
        }
        else
        {
            await using var stream = Certificate.OpenReadStream();
            var (checkedUpload, error) = await Uploads.CheckAsync(stream, Certificate.FileName, l["Chứng nhận"], UploadRules.Certificate, l, cancellationToken);
            if (error is not null)
            {
                ModelState.AddModelError(nameof(Certificate), error);
            }
            upload = checkedUpload;
        }
        if (!ModelState.IsValid)
        {
            return Page();
        }
        var now = clock.GetUtcNow().UtcDateTime;
        var key = upload is null ? null : await files.SaveAsync(Course.CommuneId, upload, cancellationToken);
        var replaced = Completion?.CertificateKey;
        var row = Completion is null ? null : await db.CourseCompletions.FirstAsync(c => c.Id == Completion.Id, cancellationToken);
        if (row is null)
        {
            row = new CourseCompletion { CommuneId = Course.CommuneId, CourseId = Course.Id, MemberId = member.Id, TeamId = member.TeamId };
            db.CourseCompletions.Add(row);
        }
        row.CompletedOn = CompletedOn!.Value;
        row.RecordedAtUtc = now;
        if (key is not null)
        {
            row.CertificateKey = key;
            row.CertificateType = upload!.ContentType;
            row.Review = CompletionReview.Pending;
            row.ReviewNote = null;
            row.ReviewedAtUtc = null;
            row.ReviewedByUserId = null;
        }
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch
        {
            if (key is not null)
            {
                files.Delete(key); // nothing half-saved: no file without its row
            }
            throw;
        }
        if (key is not null && replaced is not null)
        {
            files.Delete(replaced);
        }
        TempData["Flash"] = l["Đã ghi nhận hoàn thành khóa học. Cán bộ phường/xã sẽ xác nhận chứng nhận."].Value;
        return Redirect($"/training/{id}/completion");
    }

    /// <summary>The course and the signed-in member, when the course takes completions and is for them.</summary>
    private async Task<Member?> LoadAsync(Guid id)
    {
        var course = await db.Courses.AsNoTracking().FirstOrDefaultAsync(c => c.Id == id);
        if (course is null || !course.TakesCompletions || db.Scope.UserId is not { } userId)
        {
            return null;
        }
        Course = course;
        var member = await TrainingQueries.Expected(db, course).AsNoTracking().FirstOrDefaultAsync(m => m.UserId == userId);
        if (member is not null)
        {
            Completion = await db.CourseCompletions.AsNoTracking().FirstOrDefaultAsync(c => c.CourseId == id && c.MemberId == member.Id);
        }
        return member;
    }
}
