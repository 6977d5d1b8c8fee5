using System.Text.Json;
using CongDongSo.Web.Data;
using CongDongSo.Web.Infrastructure.Auth;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace CongDongSo.Web.Features.Audit;

/// <summary>One audit line with its before and after values, field by field.</summary>
[Authorize(Policy = Policies.ViewAudit)]
public sealed class DetailsModel(AppDbContext db) : PageModel
{
    public AuditEntry Entry { get; private set; } = null!;
    public List<FieldChange> Changes { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(Guid id)
    {
        var entry = await db.AuditEntries.AsNoTracking().FirstOrDefaultAsync(a => a.Id == id, HttpContext.RequestAborted);
        if (entry is null)
        {
            return NotFound();
        }
        Entry = entry;
        var before = Fields(entry.Before);
        var after = Fields(entry.After);
        Changes = before.Keys.Union(after.Keys).Order(StringComparer.Ordinal)
            .Select(name => new FieldChange(name, before.GetValueOrDefault(name), after.GetValueOrDefault(name)))
            .ToList();
        return Page();
    }

    private static Dictionary<string, string?> Fields(string? json)
    {
        var fields = new Dictionary<string, string?>(StringComparer.Ordinal);
        if (string.IsNullOrEmpty(json))
        {
            return fields;
        }
        using var document = JsonDocument.Parse(json);
        if (document.RootElement.ValueKind != JsonValueKind.Object)
        {
            return fields;
        }
        foreach (var property in document.RootElement.EnumerateObject())
        {
            fields[property.Name] = property.Value.ValueKind switch
            {
                JsonValueKind.Null => null,
                JsonValueKind.String => property.Value.GetString(),
                _ => property.Value.GetRawText(),
            };
        }
        return fields;
    }
}

public sealed record FieldChange(string Field, string? Before, string? After);
