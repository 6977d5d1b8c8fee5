using System.Globalization;
using System.Text.Json;
using CongDongSo.Web.Data;
using CongDongSo.Web.Infrastructure.Auth;
using CongDongSo.Web.Infrastructure.Localization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace CongDongSo.Web.Features.Audit;

/// <summary>
/// The audit log of the officer's area, newest first. The AuditEntry query filter bounds it to the
/// area; reading the log is not itself logged.
/// </summary>
[Authorize(Policy = Policies.ViewAudit)]
public sealed class IndexModel(AppDbContext db, IStringLocalizer<SharedResource> l) : PageModel
{
    public const int PageSize = 50;
    private static readonly string[] s_dateFormats = ["yyyy-MM-dd", "dd/MM/yyyy", "d/M/yyyy"];

    [BindProperty(SupportsGet = true)]
    public string? From { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? To { get; set; }

    [BindProperty(SupportsGet = true, Name = "user")]
    public string? UserFilter { get; set; }

    [BindProperty(SupportsGet = true, Name = "action")]
    public AuditAction? ActionFilter { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? EntityType { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? EntityId { get; set; }

    [BindProperty(SupportsGet = true, Name = "p")]
    public int PageNumber { get; set; } = 1;

    public List<AuditRow> Rows { get; private set; } = [];
    public bool HasNext { get; private set; }
    public string[] EntityTypes { get; private set; } = [];

    public async Task OnGetAsync()
    {
        PageNumber = Math.Max(PageNumber, 1);
        // The model's record types, minus the log itself, sessions and Identity tables the app does not use.
        EntityTypes = [.. db.Model.GetEntityTypes().Select(t => t.ClrType.Name)
            .Where(n => n is not (nameof(AuditEntry) or nameof(UserSession)) && (!n.Contains('`', StringComparison.Ordinal) || AuditText.EntityNames.ContainsKey(n)))
            .Distinct().Order()];
        var from = ParseDate(From, nameof(From), l["Từ ngày không hợp lệ; nhập theo dạng dd/MM/yyyy."]);
        var to = ParseDate(To, nameof(To), l["Đến ngày không hợp lệ; nhập theo dạng dd/MM/yyyy."]);
        if (!ModelState.IsValid)
        {
            return;
        }
        From = from?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        To = to?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

        var query = db.AuditEntries.AsNoTracking();
        if (from is { } f)
        {
            var fromUtc = VietnamTime.StartOfDayUtc(f);
            query = query.Where(a => a.AtUtc >= fromUtc);
        }
        if (to is { } t)
        {
            var toUtc = VietnamTime.StartOfDayUtc(t.AddDays(1));
            query = query.Where(a => a.AtUtc < toUtc);
        }
        if (!string.IsNullOrWhiteSpace(UserFilter))
        {
            var pattern = "%" + EscapeLike(UserFilter.Trim().ToLowerInvariant()) + "%";
#pragma warning disable CA1304, CA1311 // Translated to SQL lower(); no .NET culture is involved.
            query = query.Where(a => a.UserName != null && EF.Functions.Like(a.UserName.ToLower(), pattern, "\\"));
#pragma warning restore CA1304, CA1311
        }
        if (ActionFilter is { } action)
        {
            query = query.Where(a => a.Action == action);
        }
        if (!string.IsNullOrWhiteSpace(EntityType))
        {
            var type = EntityType.Trim();
            query = query.Where(a => a.EntityType == type);
        }
        if (!string.IsNullOrWhiteSpace(EntityId))
        {
            var id = EntityId.Trim();
            query = query.Where(a => a.EntityId == id);
        }
        var rows = await query.OrderByDescending(a => a.AtUtc).ThenByDescending(a => a.Id)
            .Skip((PageNumber - 1) * PageSize).Take(PageSize + 1)
            .Select(a => new { a.Id, a.AtUtc, a.UserName, a.Ip, a.Action, a.EntityType, a.EntityId, a.Summary, a.Before, a.After })
            .ToListAsync(HttpContext.RequestAborted);
        HasNext = rows.Count > PageSize;
        Rows = rows.Take(PageSize)
            .Select(a => new AuditRow(a.Id, a.AtUtc, a.UserName, a.Ip, a.Action, a.EntityType, a.EntityId,
                a.Summary ?? ChangedFields(a.Before, a.After)))
            .ToList();
    }

    public string PageUrl(int page) =>
        QueryString.Create(new Dictionary<string, string?>
        {
            ["from"] = From,
            ["to"] = To,
            ["user"] = UserFilter,
            ["action"] = ActionFilter?.ToString(),
            ["entityType"] = EntityType,
            ["entityId"] = EntityId,
            ["p"] = page.ToString(CultureInfo.InvariantCulture),
        }.Where(p => !string.IsNullOrWhiteSpace(p.Value))).ToUriComponent();

    private DateOnly? ParseDate(string? text, string field, string error)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }
        if (DateOnly.TryParseExact(text.Trim(), s_dateFormats, CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            return date;
        }
        ModelState.AddModelError(field, error);
        return null;
    }

    private static string EscapeLike(string text) =>
        text.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("%", "\\%", StringComparison.Ordinal).Replace("_", "\\_", StringComparison.Ordinal);

    /// <summary>For a row change without a summary: the names of the fields it touched.</summary>
    internal static string? ChangedFields(string? before, string? after)
    {
        var names = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var json in new[] { before, after })
        {
            if (string.IsNullOrEmpty(json))
            {
                continue;
            }
            using var document = JsonDocument.Parse(json);
            if (document.RootElement.ValueKind == JsonValueKind.Object)
            {
                foreach (var property in document.RootElement.EnumerateObject())
                {
                    names.Add(property.Name);
                }
            }
        }
        return names.Count == 0 ? null : string.Join(", ", names);
    }
}

public sealed record AuditRow(Guid Id, DateTime AtUtc, string? UserName, string? Ip, AuditAction Action, string EntityType, string? EntityId, string? Summary);
