using System.Text.Json;
using CongDongSo.Web.Data;
using CongDongSo.Web.Infrastructure.Auth;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace CongDongSo.Web.Features.FieldApp;

/// <summary>
/// The member's offline field app: only the shell is rendered here. Households and residents come
/// from GET /api/v1/field/package into the phone's IndexedDB (wwwroot/js/field.js), so the page
/// itself holds no one's personal data and the service worker may keep a copy for offline starts.
/// </summary>
[Authorize(Policy = Policies.RecordFieldWork)]
public sealed class IndexModel(AppDbContext db) : PageModel
{
    /// <summary>The places of SupportPlace, in the order a member meets them (the API takes the names).</summary>
    public static readonly (SupportPlace Place, string Label)[] Places =
    [
        (SupportPlace.DoorToDoor, "Tại nhà dân"),
        (SupportPlace.CommunityHouse, "Nhà văn hóa"),
        (SupportPlace.OneStopShop, "Bộ phận một cửa"),
        (SupportPlace.Event, "Sự kiện, ngày hội"),
        (SupportPlace.Other, "Nơi khác"),
    ];

    /// <summary>Readiness item code → name, for the "still missing" tags (a catalogue, not personal data).</summary>
    public string ItemNamesJson { get; private set; } = "{}";

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        var items = await db.ReadinessItems
            .Where(i => i.IsActive)
            .OrderBy(i => i.CommuneId != null).ThenBy(i => i.SortOrder)
            .Select(i => new { i.Code, i.Name })
            .ToListAsync(cancellationToken);
        // A ward's own item may share a national code: the ward's name wins (it comes last).
        var names = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var item in items)
        {
            names[item.Code] = item.Name;
        }
        ItemNamesJson = JsonSerializer.Serialize(names);
    }
}
