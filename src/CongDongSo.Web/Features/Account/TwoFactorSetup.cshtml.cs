using System.ComponentModel.DataAnnotations;
using System.Text.RegularExpressions;
using CongDongSo.Web.Data;
using CongDongSo.Web.Infrastructure.Auth;
using CongDongSo.Web.Infrastructure.Localization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;
using QRCoder;

namespace CongDongSo.Web.Features.Account;

/// <summary>Authenticator enrolment. The QR code is drawn on the server (our own SVG, no user text in it).</summary>
[Authorize(Policy = Policies.SignedIn)]
public sealed partial class TwoFactorSetupModel(UserManager<AppUser> users, SignInManager<AppUser> signIn, AppDbContext db, IConfiguration configuration, IStringLocalizer<SharedResource> l) : PageModel
{
    public string FormattedKey { get; private set; } = "";
    public string QrSvg { get; private set; } = "";
    public bool Required { get; private set; }

    /// <summary>Two-step is on: the current key is never shown again; changing it needs the password.</summary>
    public bool AlreadyEnabled { get; private set; }

    [BindProperty]
    [Display(Name = "Mật khẩu hiện tại")]
    public string? CurrentPassword { get; set; }

    [BindProperty]
    [Required(ErrorMessage = "Vui lòng nhập mã xác thực.")]
    [Display(Name = "Mã 6 số")]
    public string? Code { get; set; }

    public async Task<IActionResult> OnGetAsync()
    {
        var user = await users.GetUserAsync(User);
        if (user is null)
        {
            return Challenge();
        }
        await ShowAsync(user);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync()
    {
        var user = await users.GetUserAsync(User);
        if (user is null)
        {
            return Challenge();
        }
        await ShowAsync(user);
        if (AlreadyEnabled)
        {
            return RedirectToPage();
        }
        if (!ModelState.IsValid)
        {
            return Page();
        }
        var valid = await users.VerifyTwoFactorTokenAsync(user, users.Options.Tokens.AuthenticatorTokenProvider, Code!.Replace(" ", "", StringComparison.Ordinal));
        if (!valid)
        {
            ModelState.AddModelError(nameof(Code), l["Mã xác thực không đúng hoặc đã được dùng."]);
            return Page();
        }
        await users.SetTwoFactorEnabledAsync(user, true);
        // Sessions opened with the password alone end; this one goes on, now with two factors.
        await db.EndOthersAsync(user.Id, HttpContext);
        await signIn.RefreshSignInAsync(user);
        TempData["Flash"] = l["Đã bật xác thực hai bước."].Value;
        return Redirect("/");
    }

    /// <summary>
    /// Changing phones: after the password is confirmed a new key replaces the old one, two-step
    /// is off until the new app's code is verified, and other sessions end.
    /// </summary>
    public async Task<IActionResult> OnPostRestartAsync()
    {
        var user = await users.GetUserAsync(User);
        if (user is null)
        {
            return Challenge();
        }
        ModelState.Remove(nameof(Code));
        if (string.IsNullOrEmpty(CurrentPassword) || !await users.CheckPasswordAsync(user, CurrentPassword))
        {
            await ShowAsync(user);
            ModelState.AddModelError(nameof(CurrentPassword), l["Mật khẩu hiện tại không đúng."]);
            return Page();
        }
        await users.ResetAuthenticatorKeyAsync(user);
        await users.SetTwoFactorEnabledAsync(user, false);
        db.Audit(AuditAction.Security, nameof(AppUser), user.Id.ToString(), user.ScopeCommuneId, "Đổi ứng dụng xác thực / authenticator re-enrolment started");
        await db.SaveChangesAsync();
        await db.EndOthersAsync(user.Id, HttpContext);
        await signIn.RefreshSignInAsync(user);
        return RedirectToPage();
    }

    private async Task ShowAsync(AppUser user)
    {
        Required = user.Role.IsOfficer() && configuration.GetValue("Security:RequireOfficerTwoFactor", true) && !user.TwoFactorEnabled;
        AlreadyEnabled = user.TwoFactorEnabled;
        if (AlreadyEnabled)
        {
            return;
        }
        var key = await users.GetAuthenticatorKeyAsync(user);
        if (string.IsNullOrEmpty(key))
        {
            await users.ResetAuthenticatorKeyAsync(user);
            key = (await users.GetAuthenticatorKeyAsync(user))!;
        }
        FormattedKey = FourLetterGroups().Replace(key.ToLowerInvariant(), "$1 ").Trim();
        var uri = $"otpauth://totp/CongDongSo:{Uri.EscapeDataString(user.UserName!)}?secret={key}&issuer=CongDongSo&digits=6";
        using var data = QRCodeGenerator.GenerateQrCode(uri, QRCodeGenerator.ECCLevel.M);
        QrSvg = new SvgQRCode(data).GetGraphic(4);
    }

    [GeneratedRegex("(.{4})")]
    private static partial Regex FourLetterGroups();
}
