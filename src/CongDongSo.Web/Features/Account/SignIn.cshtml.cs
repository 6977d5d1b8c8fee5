using System.ComponentModel.DataAnnotations;
using CongDongSo.Web.Data;
using CongDongSo.Web.Infrastructure.Auth;
using CongDongSo.Web.Infrastructure.Localization;
using CongDongSo.Web.Infrastructure.Text;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace CongDongSo.Web.Features.Account;

[EnableRateLimiting(SecuritySetup.SignInRateLimit)]
public sealed class SignInModel(SignInManager<AppUser> signIn, SignInThrottle throttle, AppDbContext db, IStringLocalizer<SharedResource> l) : PageModel
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
        // Unknown, disabled, blocked and wrong all get one answer after the same work.
        var place = throttle.PlaceOf(HttpContext, user?.Id.ToString() ?? "name:" + userName.ToUpperInvariant());
        if (user is null || user.IsDisabled || throttle.IsBlocked(place))
        {
            _ = signIn.UserManager.PasswordHasher.VerifyHashedPassword(user ?? s_nobody, s_nobodyHash, Input.Password!);
            throttle.Fail(place);
            return await FailAsync(user);
        }
        // Identity's own lockout is not used for passwords: anyone could lock an officer out with it.
        var result = await signIn.PasswordSignInAsync(user, Input.Password!, isPersistent: false, lockoutOnFailure: false);
        if (result.RequiresTwoFactor)
        {
            return RedirectToPage("/Account/TwoFactor", new { ReturnUrl });
        }
        if (!result.Succeeded)
        {
            // Also a lockout by wrong authenticator codes, which only someone with the password can cause.
            throttle.Fail(place);
            return await FailAsync(user);
        }
        throttle.Succeed(HttpContext, place);
        await AuditSignInAsync(user, AuditAction.SignIn);
        return LocalRedirect(Url.IsLocalUrl(ReturnUrl) ? ReturnUrl : "/");
    }

    /// <summary>A hash to verify against when there is no account, so its absence takes as long as a wrong password.</summary>
    private static readonly AppUser s_nobody = new() { UserName = "nobody", FullName = "", Role = Role.TeamMember };
    private static readonly string s_nobodyHash = new PasswordHasher<AppUser>(
        Microsoft.Extensions.Options.Options.Create(new PasswordHasherOptions { IterationCount = SecuritySetup.PasswordHashIterations })).HashPassword(s_nobody, Guid.NewGuid().ToString());

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

    private async Task<IActionResult> FailAsync(AppUser? user)
    {
        if (user is not null)
        {
            await AuditSignInAsync(user, AuditAction.SignInFailed);
        }
        ModelState.AddModelError(string.Empty, l["Không đăng nhập được: tên đăng nhập hoặc mật khẩu không đúng, hoặc đã nhập sai nhiều lần (hãy thử lại sau 15 phút)."]);
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
