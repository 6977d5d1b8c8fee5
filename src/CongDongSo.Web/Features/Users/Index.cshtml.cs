using CongDongSo.Web.Data;
using CongDongSo.Web.Infrastructure.Auth;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc;

namespace CongDongSo.Web.Features.Users;

/// <summary>The accounts of the officer's area.</summary>
[Authorize(Policy = Policies.ManageUsers)]
public sealed class IndexModel(AppDbContext db, TimeProvider clock) : PageModel
{
    [BindProperty(SupportsGet = true, Name = "q")]
    public string? Search { get; set; }

    [BindProperty(SupportsGet = true, Name = "role")]
    public Role? RoleFilter { get; set; }

    [BindProperty(SupportsGet = true, Name = "p")]
    public int PageNumber { get; set; } = 1;

    public UserPage Result { get; private set; } = new([], 1, false);
    public Role[] Roles { get; private set; } = [];
    /// <summary>Logins that are phone numbers are masked for officers who do not manage the roster.</summary>
    public bool ShowPhones { get; private set; }

    public async Task OnGetAsync()
    {
        var role = db.Scope.Role ?? Role.TeamMember;
        Roles = role.Grantable();
        ShowPhones = Policies.Allows(Policies.ManageRoster, role);
        Result = await ListUsers.RunAsync(db, clock, Search, RoleFilter, PageNumber, HttpContext.RequestAborted);
    }

    public string PageUrl(int page) =>
        QueryString.Create(new Dictionary<string, string?>
        {
            ["q"] = string.IsNullOrWhiteSpace(Search) ? null : Search,
            ["role"] = RoleFilter?.ToString(),
            ["p"] = page.ToString(System.Globalization.CultureInfo.InvariantCulture),
        }.Where(p => p.Value is not null)).ToUriComponent();
}
