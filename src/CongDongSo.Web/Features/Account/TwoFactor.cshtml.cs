using System.ComponentModel.DataAnnotations;
using CongDongSo.Web.Data;
using CongDongSo.Web.Infrastructure.Auth;
using CongDongSo.Web.Infrastructure.Localization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Localization;

namespace CongDongSo.Web.Features.Account;

[EnableRateLimiting(SecuritySetup.SignInRateLimit)]
public sealed class TwoFactorModel(SignInManager<AppUser> signIn, SignInThrottle throttle, AppDbContext db, IStringLocalizer<SharedResource> l) : PageModel
{
    [BindProperty]
    [Required(ErrorMessage = "Vui lòng nhập mã xác thực.")]
    [Display(Name = "Mã 6 số")]
    [RegularExpression(@"^\s*\d{3}\s?\d{3}\s*$", ErrorMessage = "Mã xác thực gồm 6 chữ số.")]
    public string? Code { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    public async Task<IActionResult> OnGetAsync() =>
        await signIn.GetTwoFactorAuthenticationUserAsync() is null ? RedirectToPage("/Account/SignIn") : Page();

    public async Task<IActionResult> OnPostAsync()
    {
        var user = await signIn.GetTwoFactorAuthenticationUserAsync();
        if (user is null)
        {
            return RedirectToPage("/Account/SignIn");
        }
        if (!ModelState.IsValid)
        {
            return Page();
        }
        var result = await signIn.TwoFactorAuthenticatorSignInAsync(Code!.Replace(" ", "", StringComparison.Ordinal), isPersistent: false, rememberClient: false);
        if (result.Succeeded)
        {
            throttle.Succeed(HttpContext, throttle.PlaceOf(HttpContext, user.Id.ToString()));
            db.Audit(AuditAction.SignIn, nameof(AppUser), user.Id.ToString(), user.ScopeCommuneId, user.UserName + " (2FA)", user);
            await db.SaveChangesAsync();
            return LocalRedirect(Url.IsLocalUrl(ReturnUrl) ? ReturnUrl : "/");
        }
        db.Audit(AuditAction.SignInFailed, nameof(AppUser), user.Id.ToString(), user.ScopeCommuneId, user.UserName + " (2FA)");
        await db.SaveChangesAsync();
        ModelState.AddModelError(nameof(Code), result.IsLockedOut
            ? l["Tài khoản tạm khóa 15 phút vì nhập sai nhiều lần."]
            : l["Mã xác thực không đúng hoặc đã được dùng."]);
        return Page();
    }
}
