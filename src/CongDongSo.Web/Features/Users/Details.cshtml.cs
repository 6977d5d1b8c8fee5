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
/// One account and what an officer does to it: reset the password, disable or enable, unlock,
/// reset two-factor, change role and area. Each change ends the account's sessions at once.
/// </summary>
[Authorize(Policy = Policies.ManageUsers)]
public sealed class DetailsModel(AppDbContext db, UserManager<AppUser> users, SignInThrottle throttle, TimeProvider clock, IStringLocalizer<SharedResource> l) : PageModel
{
    public AppUser Account { get; private set; } = null!;
    public string? Area { get; private set; }
    public string? LinkedMember { get; private set; }
    public DateTime? LastSignInUtc { get; private set; }
    public DateTime? LockedUntilUtc { get; private set; }
    public bool IsSelf { get; private set; }
    public bool ShowPhone { get; private set; }
    public AccountScopeChoices Choices { get; private set; } = null!;

    public ResetPasswordInput Reset { get; set; } = new();
    public ChangeScopeInput Change { get; set; } = new();

    public async Task<IActionResult> OnGetAsync(Guid id, int? provinceId, int? communeId)
    {
        var user = await FindAsync(id);
        if (user is null)
        {
            return NotFound();
        }
        Change = ChangeScopeInput.From(user);
        if (communeId is not null || provinceId is not null)
        {
            Change.CommuneId = communeId;
        }
        await ShowAsync(user, provinceId, communeId ?? user.ScopeCommuneId);
        return Page();
    }

    public async Task<IActionResult> OnPostResetPasswordAsync(Guid id, [Bind(Prefix = nameof(Reset))] ResetPasswordInput reset)
    {
        var user = await FindAsync(id);
        if (user is null)
        {
            return NotFound();
        }
        Reset = reset;
        if (!RefuseSelf(user, nameof(Reset) + "." + nameof(ResetPasswordInput.NewPassword)) || !ModelState.IsValid)
        {
            return await ShowAgainAsync(user);
        }
        await using var transaction = await db.Database.BeginTransactionAsync(HttpContext.RequestAborted);
        var token = await users.GeneratePasswordResetTokenAsync(user);
        var result = await users.ResetPasswordAsync(user, token, reset.NewPassword!);
        if (!result.Succeeded)
        {
            foreach (var error in result.Errors)
            {
                ModelState.AddModelError("Reset.NewPassword", IdentityErrorText.Vietnamese(error, l));
            }
            return await ShowAgainAsync(user);
        }
        await FinishAsync(user, transaction, $"Đặt lại mật khẩu của {user.UserName}; các phiên đăng nhập đã kết thúc.");
        return Done(user, l["Đã đặt lại mật khẩu. Các phiên đăng nhập của người dùng đã kết thúc."]);
    }

    public async Task<IActionResult> OnPostDisableAsync(Guid id)
    {
        var user = await FindAsync(id);
        if (user is null)
        {
            return NotFound();
        }
        if (user.Id == db.Scope.UserId)
        {
            ModelState.AddModelError(string.Empty, l["Bạn không thể tự vô hiệu hóa tài khoản của mình."]);
            return await ShowAgainAsync(user);
        }
        if (!user.IsDisabled)
        {
            await using var transaction = await db.Database.BeginTransactionAsync(HttpContext.RequestAborted);
            user.IsDisabled = true;
            await FinishAsync(user, transaction, $"Vô hiệu hóa tài khoản {user.UserName}; các phiên đăng nhập đã kết thúc.");
        }
        return Done(user, l["Đã vô hiệu hóa tài khoản. Người dùng đã bị đăng xuất."]);
    }

    public async Task<IActionResult> OnPostEnableAsync(Guid id)
    {
        var user = await FindAsync(id);
        if (user is null)
        {
            return NotFound();
        }
        if (user.IsDisabled)
        {
            user.IsDisabled = false;
            db.Audit(AuditAction.Security, nameof(AppUser), user.Id.ToString(), user.ScopeCommuneId, $"Kích hoạt lại tài khoản {user.UserName}.");
            await db.SaveChangesAsync(HttpContext.RequestAborted);
        }
        return Done(user, l["Đã kích hoạt lại tài khoản."]);
    }

    public async Task<IActionResult> OnPostUnlockAsync(Guid id)
    {
        var user = await FindAsync(id);
        if (user is null)
        {
            return NotFound();
        }
        if (user.LockoutEnd is not null || user.AccessFailedCount > 0 || throttle.BlockedUntil(user.Id.ToString()) is not null)
        {
            throttle.Forget(user.Id.ToString());
            user.LockoutEnd = null;
            user.AccessFailedCount = 0;
            db.Audit(AuditAction.Security, nameof(AppUser), user.Id.ToString(), user.ScopeCommuneId, $"Mở khóa đăng nhập của {user.UserName}.");
            await db.SaveChangesAsync(HttpContext.RequestAborted);
        }
        return Done(user, l["Đã mở khóa đăng nhập."]);
    }

    public async Task<IActionResult> OnPostResetTwoFactorAsync(Guid id)
    {
        var user = await FindAsync(id);
        if (user is null)
        {
            return NotFound();
        }
        if (!RefuseSelf(user, string.Empty))
        {
            return await ShowAgainAsync(user);
        }
        await using var transaction = await db.Database.BeginTransactionAsync(HttpContext.RequestAborted);
        await users.SetTwoFactorEnabledAsync(user, false);
        // A new key makes the old authenticator entry worthless; the user enrols again.
        await users.ResetAuthenticatorKeyAsync(user);
        user.LastTotpTimeStep = null;
        await FinishAsync(user, transaction, $"Đặt lại xác thực hai bước của {user.UserName}; các phiên đăng nhập đã kết thúc.");
        return Done(user, l["Đã tắt xác thực hai bước. Người dùng sẽ phải đăng ký lại ứng dụng xác thực."]);
    }

    public async Task<IActionResult> OnPostChangeRoleAsync(Guid id, [Bind(Prefix = nameof(Change))] ChangeScopeInput change)
    {
        var user = await FindAsync(id);
        if (user is null)
        {
            return NotFound();
        }
        Change = change;
        if (!RefuseSelf(user, "Change.Role"))
        {
            return await ShowAgainAsync(user);
        }
        var scope = await AccountScope.ValidateAsync(db, change, nameof(Change), ModelState, l, HttpContext.RequestAborted);
        if (scope is null || !ModelState.IsValid)
        {
            return await ShowAgainAsync(user);
        }
        if (scope == new GrantedScope(user.Role, user.ScopeProvinceId, user.ScopeCommuneId, user.ScopeTeamId))
        {
            return Done(user, l["Vai trò và địa bàn không thay đổi."]);
        }
        await using var transaction = await db.Database.BeginTransactionAsync(HttpContext.RequestAborted);
        var after = new AppUser { FullName = "", Role = scope.Role, ScopeProvinceId = scope.ProvinceId, ScopeCommuneId = scope.CommuneId, ScopeTeamId = scope.TeamId };
        var areas = await ListUsers.AreaNamesAsync(db, [user, after], HttpContext.RequestAborted);
        // Filed under the old commune, so the ward the account leaves sees it go; the row change
        // itself is filed under the new one.
        db.Audit(AuditAction.Security, nameof(AppUser), user.Id.ToString(), user.ScopeCommuneId,
            $"Đổi vai trò/địa bàn của {user.UserName}: {RoleText.Of(user.Role)} {areas.GetValueOrDefault(user.Id)} → {RoleText.Of(scope.Role)} {areas.GetValueOrDefault(after.Id)}.");
        user.Role = scope.Role;
        user.ScopeProvinceId = scope.ProvinceId;
        user.ScopeCommuneId = scope.CommuneId;
        user.ScopeTeamId = scope.TeamId;
        await FinishAsync(user, transaction, null);
        return Done(user, l["Đã đổi vai trò và địa bàn. Người dùng phải đăng nhập lại."]);
    }

    private Task<AppUser?> FindAsync(Guid id) => db.UsersInScope().FirstOrDefaultAsync(u => u.Id == id, HttpContext.RequestAborted);

    /// <summary>An officer manages their own account on /account, where the current password is asked.</summary>
    private bool RefuseSelf(AppUser user, string field)
    {
        if (user.Id != db.Scope.UserId)
        {
            return true;
        }
        ModelState.AddModelError(field, l["Đây là tài khoản của bạn: hãy dùng trang Tài khoản của tôi."]);
        return false;
    }

    /// <summary>Saves the change with its audit line and ends every session, all in one transaction.</summary>
    private async Task FinishAsync(AppUser user, Microsoft.EntityFrameworkCore.Storage.IDbContextTransaction transaction, string? summary)
    {
        if (summary is not null)
        {
            db.Audit(AuditAction.Security, nameof(AppUser), user.Id.ToString(), user.ScopeCommuneId, summary);
        }
        await db.SaveChangesAsync(HttpContext.RequestAborted);
        await db.EndAllAsync(user.Id);
        await transaction.CommitAsync(HttpContext.RequestAborted);
    }

    private RedirectResult Done(AppUser user, string flash)
    {
        TempData["Flash"] = flash;
        return Redirect($"/users/{user.Id}");
    }

    private async Task<IActionResult> ShowAgainAsync(AppUser user)
    {
        await ShowAsync(user, null, Change.CommuneId ?? user.ScopeCommuneId);
        return Page();
    }

    private async Task ShowAsync(AppUser user, int? provinceId, int? communeId)
    {
        var cancellationToken = HttpContext.RequestAborted;
        Account = user;
        IsSelf = user.Id == db.Scope.UserId;
        ShowPhone = Policies.Allows(Policies.ManageRoster, db.Scope.Role ?? Role.TeamMember);
        Area = (await ListUsers.AreaNamesAsync(db, [user], cancellationToken)).GetValueOrDefault(user.Id);
        LastSignInUtc = (await ListUsers.LastSignInsAsync(db, [user.Id], cancellationToken)).GetValueOrDefault(user.Id.ToString());
        // Blocked by wrong authenticator codes (Identity's lockout) or by wrong passwords from some place (the throttle).
        var locked = new[] { user.LockoutEnd, throttle.BlockedUntil(user.Id.ToString()) }.Where(e => e > clock.GetUtcNow()).Max();
        LockedUntilUtc = locked?.UtcDateTime;
        LinkedMember = await db.Members.Where(m => m.UserId == user.Id)
            .Select(m => m.FullName + " · " + m.Team!.Name).FirstOrDefaultAsync(cancellationToken);
        Choices = await AccountScope.LoadChoicesAsync(db, provinceId, communeId, cancellationToken);
        ViewData[AccountScopeChoices.ViewDataKey] = Choices;
    }

    public string Login => !ShowPhone && VietnamesePhone.NormaliseMobile(Account.UserName) is not null
        ? PersonalData.Mask(Account.UserName)
        : Account.UserName ?? "";
}

public sealed class ResetPasswordInput
{
    [Required(ErrorMessage = "Vui lòng nhập mật khẩu mới.")]
    [Display(Name = "Mật khẩu mới")]
    [StringLength(ContextPasswordValidator.MaxLength, MinimumLength = 8, ErrorMessage = "Mật khẩu mới dài từ 8 đến 128 ký tự.")]
    public string? NewPassword { get; set; }
}

public sealed class ChangeScopeInput : IAccountScopeInput
{
    [Required(ErrorMessage = "Vui lòng chọn vai trò.")]
    [Display(Name = "Vai trò")]
    public Role? Role { get; set; }

    [Display(Name = "Tỉnh/thành phố")]
    public int? ProvinceId { get; set; }

    [Display(Name = "Phường/xã")]
    public int? CommuneId { get; set; }

    [Display(Name = "Tổ CNSCĐ")]
    public Guid? TeamId { get; set; }

    public static ChangeScopeInput From(AppUser user) => new()
    {
        Role = user.Role,
        ProvinceId = user.ScopeProvinceId,
        CommuneId = user.ScopeCommuneId,
        TeamId = user.ScopeTeamId,
    };
}
