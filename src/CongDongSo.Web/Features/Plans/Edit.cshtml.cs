using System.ComponentModel.DataAnnotations;
using CongDongSo.Web.Data;
using CongDongSo.Web.Infrastructure.Auth;
using CongDongSo.Web.Infrastructure.Localization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace CongDongSo.Web.Features.Plans;

/// <summary>The plan's header (number, title, date, signer, legal bases, purpose, status) and its task table.</summary>
[Authorize(Policy = Policies.ManagePlans)]
public sealed class EditModel(AppDbContext db, TimeProvider clock, IStringLocalizer<SharedResource> l) : PageModel
{
    public sealed class HeaderInput
    {
        [StringLength(60, ErrorMessage = "Số, ký hiệu tối đa 60 ký tự.")]
        public string? Number { get; set; }

        [Required(ErrorMessage = "Vui lòng nhập trích yếu kế hoạch.")]
        [StringLength(500, ErrorMessage = "Trích yếu tối đa 500 ký tự.")]
        public string? Title { get; set; }

        public DateOnly? IssuedOn { get; set; }

        [StringLength(200, ErrorMessage = "Cơ quan ban hành tối đa 200 ký tự.")]
        public string? Issuer { get; set; }

        [StringLength(150, ErrorMessage = "Người ký tối đa 150 ký tự.")]
        public string? Signer { get; set; }

        [StringLength(150, ErrorMessage = "Chức vụ người ký tối đa 150 ký tự.")]
        public string? SignerTitle { get; set; }

        [StringLength(20000, ErrorMessage = "Căn cứ tối đa 20.000 ký tự.")]
        public string? LegalBases { get; set; }

        [StringLength(8000, ErrorMessage = "Mục đích tối đa 8.000 ký tự.")]
        public string? Purpose { get; set; }

        public PlanStatus Status { get; set; } = PlanStatus.Draft;
    }

    public sealed class TaskInput
    {
        public Guid? TaskId { get; set; }

        [StringLength(2000, ErrorMessage = "Nội dung nhiệm vụ tối đa 2.000 ký tự.")]
        public string? Content { get; set; }

        [StringLength(300, ErrorMessage = "Đơn vị chủ trì tối đa 300 ký tự.")]
        public string? Lead { get; set; }

        [StringLength(2000, ErrorMessage = "Đơn vị phối hợp tối đa 2.000 ký tự.")]
        public string? Partners { get; set; }

        public DateOnly? Deadline { get; set; }
        public bool Ongoing { get; set; }
        public PlanTaskStatus Status { get; set; } = PlanTaskStatus.NotStarted;

        [StringLength(1000, ErrorMessage = "Kết quả, minh chứng tối đa 1.000 ký tự.")]
        public string? Evidence { get; set; }
    }

    [BindProperty]
    public HeaderInput Header { get; set; } = new();

    [BindProperty]
    public TaskInput TaskForm { get; set; } = new();

    public Data.Plan Plan { get; private set; } = null!;
    public List<PlanTask> Tasks { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(Guid id)
    {
        if (!await LoadAsync(id))
        {
            return NotFound();
        }
        Header = new HeaderInput
        {
            Number = Plan.Number, Title = Plan.Title, IssuedOn = Plan.IssuedOn, Issuer = Plan.Issuer, Signer = Plan.Signer, SignerTitle = Plan.SignerTitle,
            LegalBases = Plan.LegalBases, Purpose = Plan.Purpose, Status = Plan.Status,
        };
        return Page();
    }

    public async Task<IActionResult> OnPostHeaderAsync(Guid id, CancellationToken cancellationToken)
    {
        var plan = await db.Plans.FirstOrDefaultAsync(p => p.Id == id, cancellationToken);
        if (plan is null)
        {
            return NotFound();
        }
        foreach (var key in ModelState.Keys.Where(k => k.StartsWith("TaskForm.", StringComparison.Ordinal)).ToList())
        {
            ModelState.Remove(key); // the other form's fields
        }
        if (Header.IssuedOn is { Year: < 2000 or > 2100 })
        {
            ModelState.AddModelError("Header.IssuedOn", l["Ngày ban hành phải trong các năm 2000–2100."]);
        }
        if (!Enum.IsDefined(Header.Status))
        {
            ModelState.AddModelError("Header.Status", l["Chọn tình trạng kế hoạch."]);
        }
        if (!ModelState.IsValid)
        {
            await LoadAsync(id);
            return Page();
        }
        plan.Number = Blank(Header.Number);
        plan.Title = Header.Title!.Trim();
        plan.IssuedOn = Header.IssuedOn;
        plan.Issuer = Blank(Header.Issuer);
        plan.Signer = Blank(Header.Signer);
        plan.SignerTitle = Blank(Header.SignerTitle);
        plan.LegalBases = Blank(Header.LegalBases?.Replace("\r", "", StringComparison.Ordinal));
        plan.Purpose = Blank(Header.Purpose);
        plan.Status = Header.Status;
        plan.UpdatedAtUtc = clock.GetUtcNow().UtcDateTime;
        await db.SaveChangesAsync(cancellationToken);
        TempData["Flash"] = l["Đã lưu kế hoạch."].Value;
        return Redirect($"/plans/{id}");
    }

    /// <summary>Adds a task, or updates one (its status and evidence most often) when an id is given.</summary>
    public async Task<IActionResult> OnPostSaveTaskAsync(Guid id, CancellationToken cancellationToken)
    {
        var plan = await db.Plans.AsNoTracking().FirstOrDefaultAsync(p => p.Id == id, cancellationToken);
        if (plan is null)
        {
            return NotFound();
        }
        foreach (var key in ModelState.Keys.Where(k => k.StartsWith("Header.", StringComparison.Ordinal)).ToList())
        {
            ModelState.Remove(key);
        }
        var task = TaskForm.TaskId is { } taskId ? await db.PlanTasks.FirstOrDefaultAsync(t => t.Id == taskId && t.PlanId == id, cancellationToken) : null;
        if (TaskForm.TaskId is not null && task is null)
        {
            return NotFound();
        }
        if (string.IsNullOrWhiteSpace(TaskForm.Content))
        {
            ModelState.AddModelError("TaskForm.Content", l["Vui lòng nhập nội dung nhiệm vụ."]);
        }
        if (TaskForm.Deadline is { Year: < 2000 or > 2100 })
        {
            ModelState.AddModelError("TaskForm.Deadline", l["Hạn phải trong các năm 2000–2100."]);
        }
        if (!Enum.IsDefined(TaskForm.Status))
        {
            ModelState.AddModelError("TaskForm.Status", l["Chọn tình trạng nhiệm vụ."]);
        }
        if (!ModelState.IsValid)
        {
            await LoadAsync(id);
            return Page();
        }
        if (task is null)
        {
            task = new PlanTask
            {
                CommuneId = plan.CommuneId, PlanId = plan.Id, Content = "",
                SortOrder = (await db.PlanTasks.Where(t => t.PlanId == id).MaxAsync(t => (int?)t.SortOrder, cancellationToken) ?? 0) + 10,
            };
            db.PlanTasks.Add(task);
        }
        task.Content = TaskForm.Content!.Trim();
        task.Lead = Blank(TaskForm.Lead);
        task.Partners = Blank(TaskForm.Partners?.Replace("\r", "", StringComparison.Ordinal));
        task.Deadline = TaskForm.Ongoing ? null : TaskForm.Deadline;
        task.Ongoing = TaskForm.Ongoing || TaskForm.Deadline is null;
        task.Status = TaskForm.Status;
        task.Evidence = Blank(TaskForm.Evidence);
        await db.SaveChangesAsync(cancellationToken);
        TempData["Flash"] = l["Đã lưu nhiệm vụ."].Value;
        return Redirect($"/plans/{id}/edit#task-{task.Id}");
    }

    private async Task<bool> LoadAsync(Guid id)
    {
        var plan = await db.Plans.AsNoTracking().FirstOrDefaultAsync(p => p.Id == id);
        if (plan is null)
        {
            return false;
        }
        Plan = plan;
        Tasks = await db.PlanTasks.AsNoTracking().Where(t => t.PlanId == id).OrderBy(t => t.SortOrder).ToListAsync();
        return true;
    }

    private static string? Blank(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();
}
