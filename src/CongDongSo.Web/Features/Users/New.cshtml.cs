using System.ComponentModel.DataAnnotations;
using CongDongSo.Web.Data;
using CongDongSo.Web.Infrastructure.Auth;
using CongDongSo.Web.Infrastructure.Localization;
using CongDongSo.Web.Infrastructure.Text;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace CongDongSo.Web.Features.Users;

/// <summary>
/// An officer creates an account inside their own area, typing its first password. A team
/// member's account is made from the roster: the phone becomes the login and the member is linked.
/// </summary>
[Authorize(Policy = Policies.ManageUsers)]
public sealed class NewModel(AppDbContext db, UserManager<AppUser> users, TimeProvider clock, IStringLocalizer<SharedResource> l) : PageModel
{
    [BindProperty]
    public NewUserInput Input { get; set; } = new();

    public AccountScopeChoices Choices { get; private set; } = null!;
    public List<MemberChoice> Members { get; private set; } = [];
    public string? MemberName { get; private set; }

    public async Task<IActionResult> OnGetAsync(int? provinceId, int? communeId, Guid? memberId)
    {
        if (memberId is { } id)
        {
            var member = await AvailableMembers().Where(m => m.Id == id)
                .Select(m => new { m.Id, m.FullName, m.Phone, m.Position, m.CommuneId, m.TeamId })
                .FirstOrDefaultAsync(HttpContext.RequestAborted);
            if (member is null)
            {
                return NotFound();
            }
            Input = new NewUserInput
            {
                MemberId = member.Id,
                FullName = member.FullName,
                UserName = member.Phone,
                Role = member.Position == MemberPosition.Leader ? Role.TeamLeader : Role.TeamMember,
                CommuneId = member.CommuneId,
                TeamId = member.TeamId,
            };
            communeId = member.CommuneId;
        }
        else
        {
            Input.CommuneId = communeId ?? db.Scope.HomeCommuneId;
        }
        await LoadAsync(provinceId, communeId);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync()
    {
        var cancellationToken = HttpContext.RequestAborted;
        var fullName = VietnameseText.Clean(Input.FullName);
        var userName = NormaliseLogin(Input.UserName, out var phone);
        if (Input.UserName is not null && userName is null)
        {
            ModelState.AddModelError("Input.UserName", l["Số điện thoại không hợp lệ: cần 10 số, bắt đầu bằng 03, 05, 07, 08 hoặc 09."]);
        }
        var scope = await AccountScope.ValidateAsync(db, Input, "Input", ModelState, l, cancellationToken);

        Member? member = null;
        if (Input.MemberId is { } memberId)
        {
            member = await AvailableMembers().FirstOrDefaultAsync(m => m.Id == memberId, cancellationToken);
            if (member is null)
            {
                ModelState.AddModelError("Input.MemberId", l["Thành viên không còn trong tổ hoặc đã có tài khoản."]);
            }
            else if (scope is not null && !AccountScope.IsTeamRole(scope.Role))
            {
                ModelState.AddModelError("Input.Role", l["Tài khoản tạo từ thành viên phải là tổ trưởng hoặc thành viên tổ."]);
            }
            else if (scope is not null)
            {
                // The member's own team is the account's area, whatever the form said.
                scope = scope with { CommuneId = member.CommuneId, TeamId = member.TeamId };
            }
        }

        var user = new AppUser
        {
            UserName = userName ?? "",
            FullName = fullName ?? "",
            PhoneNumber = phone,
            Role = scope?.Role ?? Role.TeamMember,
            ScopeProvinceId = scope?.ProvinceId,
            ScopeCommuneId = scope?.CommuneId,
            ScopeTeamId = scope?.TeamId,
            CreatedAtUtc = clock.GetUtcNow().UtcDateTime,
        };
        // Every rule is checked before anything is written, so all errors show at once.
        if (userName is not null)
        {
            foreach (var validator in users.UserValidators)
            {
                var result = await validator.ValidateAsync(users, user);
                AddErrors(result, "Input.UserName");
            }
        }
        if (!string.IsNullOrEmpty(Input.Password) && ModelState.GetFieldValidationState("Input.Password") != Microsoft.AspNetCore.Mvc.ModelBinding.ModelValidationState.Invalid)
        {
            foreach (var validator in users.PasswordValidators)
            {
                var result = await validator.ValidateAsync(users, user, Input.Password);
                AddErrors(result, "Input.Password");
            }
        }
        if (!ModelState.IsValid || scope is null || fullName is null || userName is null)
        {
            await LoadAsync(null, Input.CommuneId);
            return Page();
        }

        await using (var transaction = await db.Database.BeginTransactionAsync(cancellationToken))
        {
            var created = await users.CreateAsync(user, Input.Password!);
            if (!created.Succeeded)
            {
                AddErrors(created, "Input.UserName");
                await LoadAsync(null, Input.CommuneId);
                return Page();
            }
            if (member is not null)
            {
                member.UserId = user.Id;
                await db.SaveChangesAsync(cancellationToken);
            }
            await transaction.CommitAsync(cancellationToken);
        }
        TempData["Flash"] = l["Đã tạo tài khoản. Hãy trao mật khẩu ban đầu cho người dùng một cách an toàn."].Value;
        return Redirect($"/users/{user.Id}");
    }

    /// <summary>A login that looks like a phone number becomes the normalised mobile number; others are lower case.</summary>
    internal static string? NormaliseLogin(string? typed, out string? phone)
    {
        phone = null;
        var text = typed?.Trim();
        if (string.IsNullOrEmpty(text))
        {
            return null;
        }
        if (text.All(c => char.IsAsciiDigit(c) || c is '+' or ' ' or '.' or '-' or '(' or ')'))
        {
            phone = VietnamesePhone.NormaliseMobile(text);
            return phone;
        }
        return text.ToLowerInvariant();
    }

    private IQueryable<Member> AvailableMembers() =>
        db.Members.Where(m => m.UserId == null && m.LeftOn == null);

    private async Task LoadAsync(int? provinceId, int? communeId)
    {
        Choices = await AccountScope.LoadChoicesAsync(db, provinceId, communeId, HttpContext.RequestAborted);
        ViewData[AccountScopeChoices.ViewDataKey] = Choices;
        if (Choices.CommuneId is { } chosen)
        {
            var showPhones = Policies.Allows(Policies.ManageRoster, db.Scope.Role ?? Role.TeamMember);
            var rows = await AvailableMembers().Where(m => m.CommuneId == chosen)
                .OrderBy(m => m.Team!.Name).ThenBy(m => m.FullName)
                .Select(m => new { m.Id, m.FullName, m.Phone, Team = m.Team!.Name })
                .ToListAsync(HttpContext.RequestAborted);
            Members = rows.Select(m => new MemberChoice(m.Id, $"{m.FullName} · {m.Team}" + (m.Phone is null ? "" : " · " + (showPhones ? m.Phone : PersonalData.Mask(m.Phone))))).ToList();
        }
        if (Input.MemberId is { } memberId)
        {
            MemberName = await db.Members.Where(m => m.Id == memberId).Select(m => m.FullName).FirstOrDefaultAsync(HttpContext.RequestAborted);
        }
    }

    private void AddErrors(IdentityResult result, string field)
    {
        foreach (var error in result.Errors)
        {
            var key = error.Code.StartsWith("Password", StringComparison.Ordinal) ? "Input.Password" : field;
            ModelState.AddModelError(key, IdentityErrorText.Vietnamese(error, l));
        }
    }
}

public sealed record MemberChoice(Guid Id, string Label);

public sealed class NewUserInput : IAccountScopeInput
{
    public Guid? MemberId { get; set; }

    [Required(ErrorMessage = "Vui lòng nhập họ và tên.")]
    [Display(Name = "Họ và tên")]
    [StringLength(150, ErrorMessage = "Họ và tên dài tối đa 150 ký tự.")]
    public string? FullName { get; set; }

    [Required(ErrorMessage = "Vui lòng nhập tên đăng nhập hoặc số điện thoại.")]
    [Display(Name = "Tên đăng nhập")]
    [StringLength(64, ErrorMessage = "Tên đăng nhập dài tối đa 64 ký tự.")]
    public string? UserName { get; set; }

    [Required(ErrorMessage = "Vui lòng chọn vai trò.")]
    [Display(Name = "Vai trò")]
    public Role? Role { get; set; }

    [Display(Name = "Tỉnh/thành phố")]
    public int? ProvinceId { get; set; }

    [Display(Name = "Phường/xã")]
    public int? CommuneId { get; set; }

    [Display(Name = "Tổ CNSCĐ")]
    public Guid? TeamId { get; set; }

    [Required(ErrorMessage = "Vui lòng nhập mật khẩu ban đầu.")]
    [Display(Name = "Mật khẩu ban đầu")]
    [StringLength(ContextPasswordValidator.MaxLength, MinimumLength = 8, ErrorMessage = "Mật khẩu dài từ 8 đến 128 ký tự.")]
    public string? Password { get; set; }
}
