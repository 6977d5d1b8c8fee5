using System.ComponentModel.DataAnnotations;
using CongDongSo.Web.Data;
using CongDongSo.Web.Infrastructure.Auth;
using CongDongSo.Web.Infrastructure.Localization;
using CongDongSo.Web.Infrastructure.Text;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace CongDongSo.Web.Features.Account;

[EnableRateLimiting(SecuritySetup.SignInRateLimit)]
public sealed class SignInModel(SignInManager<AppUser> signIn, AppDbContext db, IStringLocalizer<SharedResource> l) : PageModel
{
    [BindProperty]
    public SignInInput Input { get; set; } = new();

    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync()
    {
        if (!ModelState.IsValid)
        {
            return Page();
        }
        var userName = await ResolveUserNameAsync(Input.UserName!.Trim());
        var user = await signIn.UserManager.FindByNameAsync(userName);
        if (user is null || user.IsDisabled)
        {
            return await FailAsync(user, l["Tên đăng nhập hoặc mật khẩu không đúng."]);
        }
        var result = await signIn.PasswordSignInAsync(user, Input.Password!, isPersistent: false, lockoutOnFailure: true);
        if (result.RequiresTwoFactor)
        {
            return RedirectToPage("/Account/TwoFactor", new { ReturnUrl });
        }
        if (result.IsLockedOut)
        {
            return await FailAsync(user, l["Tài khoản tạm khóa 15 phút vì nhập sai nhiều lần."]);
        }
        if (!result.Succeeded)
        {
            return await FailAsync(user, l["Tên đăng nhập hoặc mật khẩu không đúng."]);
        }
        await AuditSignInAsync(user, AuditAction.SignIn);
        return LocalRedirect(Url.IsLocalUrl(ReturnUrl) ? ReturnUrl : "/");
    }

    /// <summary>A member may type their phone in any usual form (+84…, spaces).</summary>
    private async Task<string> ResolveUserNameAsync(string typed)
    {
        var phone = VietnamesePhone.NormaliseMobile(typed);
        if (phone is null)
        {
            return typed;
        }
        return await db.Users.Where(u => u.UserName == phone || u.PhoneNumber == phone)
            .Select(u => u.UserName!).FirstOrDefaultAsync() ?? typed;
    }

    private async Task<IActionResult> FailAsync(AppUser? user, string message)
    {
        if (user is not null)
        {
            await AuditSignInAsync(user, AuditAction.SignInFailed);
        }
        ModelState.AddModelError(string.Empty, message);
        return Page();
    }

    private async Task AuditSignInAsync(AppUser user, AuditAction action)
    {
        db.Scope.Ip = HttpContext.Connection.RemoteIpAddress?.ToString();
        // A failed attempt is not the account holder's act: only a success names them as the actor.
        db.Audit(action, nameof(AppUser), user.Id.ToString(), user.ScopeCommuneId, user.UserName, action == AuditAction.SignIn ? user : null);
        await db.SaveChangesAsync();
    }
}

public sealed class SignInInput
{
    [Required(ErrorMessage = "Vui lòng nhập tên đăng nhập.")]
    [Display(Name = "Tên đăng nhập")]
    [StringLength(256)]
    public string? UserName { get; set; }

    [Required(ErrorMessage = "Vui lòng nhập mật khẩu.")]
    [Display(Name = "Mật khẩu")]
    [StringLength(ContextPasswordValidator.MaxLength)]
    public string? Password { get; set; }
}
