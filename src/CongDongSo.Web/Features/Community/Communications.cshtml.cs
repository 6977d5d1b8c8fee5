using System.Globalization;
using CongDongSo.Web.Data;
using CongDongSo.Web.Infrastructure.Auth;
using CongDongSo.Web.Infrastructure.Files;
using CongDongSo.Web.Infrastructure.Localization;
using CongDongSo.Web.Infrastructure.Text;
using CongDongSo.Web.Infrastructure.Web;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace CongDongSo.Web.Features.Community;

/// <summary>
/// Communication items (news posts, broadcasts, Zalo posts…) by kind and month, and a form to add
/// one with a link or a file: what "at least one news item a month" is measured against.
/// </summary>
[Authorize(Policy = Policies.ViewCommunity)]
[RequestFormLimits(MultipartBodyLengthLimit = RequestLimit)]
[RequestSizeLimit(RequestLimit)]
public sealed class CommunicationsModel(AppDbContext db, TimeProvider clock, PrivateFileStore files, IStringLocalizer<SharedResource> l) : PageModel
{
    public const long RequestLimit = 10 * UploadRules.MiB + 64 * 1024;

    [BindProperty(SupportsGet = true)]
    public CommunicationKind? Kind { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Month { get; set; }

    [BindProperty]
    public CommunicationInput Input { get; set; } = new();

    [BindProperty]
    public IFormFile? Attachment { get; set; }

    public bool Records => db.Scope.Role is { } role && Policies.Allows(Policies.RecordCommunity, role);
    public bool PicksCommune => db.Scope.HomeCommuneId is null;
    public List<Choice<int>> Communes { get; private set; } = [];
    [BindProperty]
    public int? CommuneId { get; set; }
    public List<Choice<Guid>> Neighbourhoods { get; private set; } = [];
    public List<CommunicationRow> Rows { get; private set; } = [];

    public async Task OnGetAsync()
    {
        Input.PublishedOn = clock.Today();
        await LoadAsync();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        if (!Records)
        {
            return Forbid();
        }
        var communeId = db.Scope.HomeCommuneId ?? CommuneId;
        if (communeId is null || !await db.Communes.AnyAsync(c => c.Id == communeId, cancellationToken))
        {
            ModelState.AddModelError(nameof(CommuneId), l["Vui lòng chọn phường/xã."]);
        }
        else
        {
            foreach (var error in await CommunicationRules.CheckAsync(db, l, communeId.Value, Input, clock.Today(), annotations: false))
            {
                ModelState.AddModelError("Input." + error.Field, error.Message);
            }
        }
        CheckedUpload? upload = null;
        if (Attachment is not null)
        {
            await using var stream = Attachment.OpenReadStream();
            var (checkedUpload, error) = await Uploads.CheckAsync(stream, Attachment.FileName, l["Tệp"], UploadRules.Certificate, l, cancellationToken);
            if (error is not null)
            {
                ModelState.AddModelError(nameof(Attachment), error);
            }
            upload = checkedUpload;
        }
        if (!ModelState.IsValid)
        {
            await LoadAsync();
            return Page();
        }
        var item = CommunicationRules.NewItem(db, communeId!.Value, Input, clock.GetUtcNow().UtcDateTime);
        db.CommunicationItems.Add(item);
        if (upload is null)
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        else
        {
            item.FileType = upload.ContentType;
            await files.SaveWithAsync(item.CommuneId, upload, key =>
            {
                item.FileKey = key;
                return db.SaveChangesAsync(cancellationToken);
            }, cancellationToken);
        }
        TempData["Flash"] = l["Đã ghi tin bài {0}.", item.Title].Value;
        return Redirect("/communications");
    }

    /// <summary>The file attached to an item, within the area.</summary>
    public async Task<IActionResult> OnGetFileAsync(Guid id)
    {
        var item = await db.CommunicationItems.AsNoTracking().Where(c => c.Id == id).Select(c => new { c.FileKey, c.FileType }).FirstOrDefaultAsync();
        var stream = item?.FileKey is { } key ? files.OpenRead(key) : null;
        return stream is null ? NotFound() : File(stream, item!.FileType ?? "application/octet-stream");
    }

    private async Task LoadAsync()
    {
        if (PicksCommune)
        {
            Communes = await TeamQueries.CommunesWithNeighbourhoodsAsync(db);
        }
        Neighbourhoods = [.. (await db.Neighbourhoods.AsNoTracking().Where(n => n.EffectiveTo == null).Select(n => new Choice<Guid>(n.Id, n.Name)).Take(500).ToListAsync())
            .OrderBy(n => n.Text, NaturalOrder.Comparer)];
        var items = db.CommunicationItems.AsNoTracking();
        if (Kind is { } kind)
        {
            items = items.Where(c => c.Kind == kind);
        }
        if (DateOnly.TryParseExact(Month + "-01", "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var start))
        {
            var end = start.AddMonths(1);
            items = items.Where(c => c.PublishedOn >= start && c.PublishedOn < end);
        }
        else
        {
            Month = null;
        }
        Rows = await items.OrderByDescending(c => c.PublishedOn).ThenByDescending(c => c.CreatedAtUtc).Take(300)
            .Select(c => new CommunicationRow(c.Id, c.Kind, c.PublishedOn, c.Title, c.Channel, c.Url, c.FileKey != null,
                db.Neighbourhoods.Where(n => n.Id == c.NeighbourhoodId).Select(n => n.Name).FirstOrDefault(), c.MadeBy, c.Reach))
            .ToListAsync();
    }
}

public sealed record CommunicationRow(Guid Id, CommunicationKind Kind, DateOnly PublishedOn, string Title, string? Channel, string? Url, bool HasFile,
    string? Neighbourhood, string? MadeBy, int? Reach);
