using System.ComponentModel.DataAnnotations;
using CongDongSo.Web.Data;
using CongDongSo.Web.Infrastructure.Auth;
using CongDongSo.Web.Infrastructure.Localization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;

namespace CongDongSo.Web.Features.Account;

[Authorize(Policy = Policies.SignedIn)]
public sealed class IndexModel(UserManager<AppUser> users, SignInManager<AppUser> signIn, AppDbContext db, IStringLocalizer<SharedResource> l) : PageModel
{
    public string FullName { get; private set; } = "";
    public string UserName { get; private set; } = "";
    public Role Role { get; private set; }
    public bool TwoFactorEnabled { get; private set; }

    [BindProperty]
    public ChangePasswordInput Input { get; set; } = new();

    public async Task<IActionResult> OnGetAsync()
    {
        var user = await users.GetUserAsync(User);
        if (user is null)
        {
            return Challenge();
        }
        Show(user);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync()
    {
        var user = await users.GetUserAsync(User);
        if (user is null)
        {
            return Challenge();
        }
        Show(user);
        if (!ModelState.IsValid)
        {
            return Page();
        }
        var result = await users.ChangePasswordAsync(user, Input.CurrentPassword!, Input.NewPassword!);
        if (!result.Succeeded)
        {
            foreach (var error in result.Errors)
            {
                var field = error.Code == "PasswordMismatch" ? "Input.CurrentPassword" : "Input.NewPassword";
                ModelState.AddModelError(field, error.Code == "PasswordMismatch" ? l["Mật khẩu hiện tại không đúng."] : IdentityErrorText.Vietnamese(error, l));
            }
            return Page();
        }
        // A changed password ends every other session; this one goes on with the new security stamp.
        await db.EndOthersAsync(user.Id, HttpContext);
        await signIn.RefreshSignInAsync(user);
        TempData["Flash"] = l["Đã đổi mật khẩu. Các phiên đăng nhập khác đã kết thúc."].Value;
        return RedirectToPage();
    }

    private void Show(AppUser user)
    {
        FullName = user.FullName;
        UserName = user.UserName ?? "";
        Role = user.Role;
        TwoFactorEnabled = user.TwoFactorEnabled;
    }
}

public sealed class ChangePasswordInput
{
    [Required(ErrorMessage = "Vui lòng nhập mật khẩu hiện tại.")]
    [Display(Name = "Mật khẩu hiện tại")]
    public string? CurrentPassword { get; set; }

    [Required(ErrorMessage = "Vui lòng nhập mật khẩu mới.")]
    [Display(Name = "Mật khẩu mới")]
    [StringLength(ContextPasswordValidator.MaxLength, MinimumLength = 8, ErrorMessage = "Mật khẩu mới dài từ 8 đến 128 ký tự.")]
    public string? NewPassword { get; set; }
}
