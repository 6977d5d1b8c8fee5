using CongDongSo.Web.Data;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc;

namespace CongDongSo.Web.Features.Account;

/// <summary>Ends the server-side session: the old cookie is worthless from this moment.</summary>
public sealed class SignOutModel(SignInManager<AppUser> signIn, AppDbContext db) : PageModel
{
    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync()
    {
        if (db.Scope.UserId is { } userId)
        {
            db.Audit(AuditAction.SignOut, nameof(AppUser), userId.ToString(), null, db.Scope.UserName);
            await db.SaveChangesAsync();
        }
        await signIn.SignOutAsync();
        return RedirectToPage("/Account/SignIn");
    }
}
