using System.ComponentModel.DataAnnotations;
using CongDongSo.Web.Data;
using CongDongSo.Web.Infrastructure.Files;
using CongDongSo.Web.Infrastructure.Localization;
using CongDongSo.Web.Infrastructure.Rules;
using CongDongSo.Web.Infrastructure.Text;
using CongDongSo.Web.Infrastructure.Web;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace CongDongSo.Web.Features.Community;

/// <summary>A community event as typed in the form or sent to POST /api/v1/activities.</summary>
public sealed class EventInput
{
    [Display(Name = "Mô hình")]
    public int? ModelId { get; set; }

    [Required(ErrorMessage = "Vui lòng nhập tên hoạt động.")]
    [Display(Name = "Tên hoạt động")]
    public string? Title { get; set; }

    [Required(ErrorMessage = "Vui lòng nhập ngày tổ chức.")]
    [Display(Name = "Ngày tổ chức")]
    public DateOnly? Date { get; set; }

    [Required(ErrorMessage = "Vui lòng nhập giờ bắt đầu.")]
    [Display(Name = "Giờ bắt đầu")]
    public TimeOnly? Starts { get; set; }

    [Display(Name = "Giờ kết thúc")]
    public TimeOnly? Ends { get; set; }

    /// <summary>None: the whole ward.</summary>
    [Display(Name = "Tổ dân phố, thôn")]
    public List<Guid> NeighbourhoodIds { get; set; } = [];

    [Display(Name = "Địa điểm")]
    public string? Place { get; set; }

    [Display(Name = "Đơn vị tổ chức")]
    public string? Organisers { get; set; }

    [Display(Name = "Đơn vị phối hợp")]
    public string? Partners { get; set; }

    [Display(Name = "Thành viên tham gia")]
    public List<Guid> MemberIds { get; set; } = [];

    [Display(Name = "Số người tham dự")]
    public int? ParticipantCount { get; set; }

    [Display(Name = "Kết quả")]
    public string? Result { get; set; }

    /// <summary>An officer's choice of the team the event belongs to; a team leader's is always their own.</summary>
    [Display(Name = "Tổ CNSCĐ")]
    public Guid? TeamId { get; set; }

    public static EventInput From(CommunityEvent e) => new()
    {
        ModelId = e.ModelId, Title = e.Title, Date = DateOnly.FromDateTime(e.StartsAtUtc.InVietnam()), Starts = TimeOnly.FromDateTime(e.StartsAtUtc.InVietnam()),
        Ends = e.EndsAtUtc is { } ends ? TimeOnly.FromDateTime(ends.InVietnam()) : null,
        NeighbourhoodIds = [.. e.Neighbourhoods.Select(n => n.NeighbourhoodId)], Place = e.Place, Organisers = e.Organisers, Partners = e.Partners,
        MemberIds = [.. e.Members.Select(m => m.MemberId)], ParticipantCount = e.ParticipantCount, Result = e.Result, TeamId = e.TeamId,
    };
}

/// <summary>The event rules the pages and the API apply alike; every id is looked up through the scoped sets.</summary>
public static class EventRules
{
    public const int MaxPhotosPerRequest = 8;
    public const int MaxParticipants = 1_000_000;

    /// <summary>Eight photos of the size allowed and the form's fields.</summary>
    public const long RequestLimit = MaxPhotosPerRequest * 10 * UploadRules.MiB + 256 * 1024;

    public static async Task<List<FieldError>> CheckAsync(AppDbContext db, IStringLocalizer l, int communeId, EventInput input, DateOnly today, bool annotations = true)
    {
        // The API has no model binding: it checks the attributes here; a page's binder has done so already.
        var errors = annotations ? InputRules.Annotations(input, l) : [];
        input.Title = VietnameseText.Clean(input.Title);
        input.Place = VietnameseText.Clean(input.Place);
        input.Organisers = VietnameseText.Clean(input.Organisers);
        input.Partners = VietnameseText.Clean(input.Partners);
        input.Result = VietnameseText.Clean(input.Result);
        InputRules.MaxLength(errors, l, nameof(EventInput.Title), input.Title, 200, "Tên hoạt động dài tối đa {0} ký tự.");
        InputRules.MaxLength(errors, l, nameof(EventInput.Place), input.Place, 300, "Địa điểm dài tối đa {0} ký tự.");
        InputRules.MaxLength(errors, l, nameof(EventInput.Organisers), input.Organisers, 300, "Đơn vị tổ chức dài tối đa {0} ký tự.");
        InputRules.MaxLength(errors, l, nameof(EventInput.Partners), input.Partners, 300, "Đơn vị phối hợp dài tối đa {0} ký tự.");
        InputRules.MaxLength(errors, l, nameof(EventInput.Result), input.Result, 2000, "Kết quả dài tối đa {0} ký tự.");
        if (input.Date > today.AddYears(1))
        {
            errors.Add(new(nameof(EventInput.Date), l["Ngày tổ chức quá xa (quá một năm tới)."]));
        }
        else if (input.Date < new DateOnly(2020, 1, 1))
        {
            errors.Add(new(nameof(EventInput.Date), l["Ngày tổ chức phải từ năm 2020 trở đi."]));
        }
        if (input.Ends is { } ends && input.Starts is { } starts && ends <= starts)
        {
            errors.Add(new(nameof(EventInput.Ends), l["Giờ kết thúc phải sau giờ bắt đầu."]));
        }
        if (input.ParticipantCount is < 0 or > MaxParticipants)
        {
            errors.Add(new(nameof(EventInput.ParticipantCount), l["Số người tham dự phải từ 0 đến {0}.", MaxParticipants.ToString("N0", System.Globalization.CultureInfo.CurrentCulture)]));
        }
        if (input.ModelId is { } modelId && !await db.CommunityModels.AnyAsync(m => m.Id == modelId && m.IsActive && (m.CommuneId == null || m.CommuneId == communeId)))
        {
            errors.Add(new(nameof(EventInput.ModelId), l["Mô hình không thuộc danh mục của phường/xã."]));
        }
        input.NeighbourhoodIds = [.. input.NeighbourhoodIds.Distinct()];
        if (input.NeighbourhoodIds.Count > 0
            && await db.Neighbourhoods.CountAsync(n => input.NeighbourhoodIds.Contains(n.Id) && n.CommuneId == communeId) != input.NeighbourhoodIds.Count)
        {
            errors.Add(new(nameof(EventInput.NeighbourhoodIds), l["Có tổ dân phố, thôn không thuộc địa bàn của bạn."]));
        }
        input.MemberIds = [.. input.MemberIds.Distinct()];
        if (input.MemberIds.Count > 0
            && await db.Members.CountAsync(m => input.MemberIds.Contains(m.Id) && m.CommuneId == communeId) != input.MemberIds.Count)
        {
            errors.Add(new(nameof(EventInput.MemberIds), l["Có thành viên không thuộc địa bàn của bạn."]));
        }
        // A team role's event is its own team's; an officer may name a team of the ward, or none (the ward's own).
        if (db.Scope.TeamId is { } ownTeam)
        {
            input.TeamId = ownTeam;
        }
        else if (input.TeamId is { } team && !await db.Teams.AnyAsync(t => t.Id == team && t.CommuneId == communeId))
        {
            errors.Add(new(nameof(EventInput.TeamId), l["Không tìm thấy tổ trong địa bàn của bạn."]));
        }
        return errors;
    }

    /// <summary>Writes the fields of <paramref name="input"/> (checked) onto a new or stored event.</summary>
    public static void Apply(CommunityEvent target, EventInput input, DateTime nowUtc)
    {
        var (starts, ends) = InputRules.UtcRange(input.Date!.Value, input.Starts!.Value, input.Ends ?? input.Starts.Value);
        target.ModelId = input.ModelId;
        target.Title = input.Title!;
        target.StartsAtUtc = starts;
        target.EndsAtUtc = input.Ends is null ? null : ends;
        target.Place = input.Place;
        target.Organisers = input.Organisers;
        target.Partners = input.Partners;
        target.ParticipantCount = input.ParticipantCount;
        target.Result = input.Result;
        target.TeamId = input.TeamId;
        target.UpdatedAtUtc = nowUtc;
        target.Neighbourhoods.RemoveAll(n => !input.NeighbourhoodIds.Contains(n.NeighbourhoodId));
        target.Neighbourhoods.AddRange(input.NeighbourhoodIds.Where(id => target.Neighbourhoods.All(n => n.NeighbourhoodId != id))
            .Select(id => new CommunityEventNeighbourhood { CommuneId = target.CommuneId, EventId = target.Id, NeighbourhoodId = id }));
        target.Members.RemoveAll(m => !input.MemberIds.Contains(m.MemberId));
        target.Members.AddRange(input.MemberIds.Where(id => target.Members.All(m => m.MemberId != id))
            .Select(id => new CommunityEventMember { CommuneId = target.CommuneId, EventId = target.Id, MemberId = id }));
    }

    /// <summary>Checks each photo (type by content, size); the messages name the file. Nothing is stored here.</summary>
    public static async Task<(List<CheckedUpload> Photos, List<string> Errors)> CheckPhotosAsync(IReadOnlyList<IFormFile> files, IStringLocalizer<SharedResource> l,
        CancellationToken cancellationToken)
    {
        var photos = new List<CheckedUpload>();
        var errors = new List<string>();
        if (files.Count > MaxPhotosPerRequest)
        {
            errors.Add(l["Ảnh: gửi tối đa {0} ảnh mỗi lần.", MaxPhotosPerRequest]);
            return (photos, errors);
        }
        foreach (var file in files)
        {
            await using var stream = file.OpenReadStream();
            var (upload, error) = await Uploads.CheckAsync(stream, file.FileName, l["Ảnh"], UploadRules.Photo, l, cancellationToken);
            if (error is not null)
            {
                errors.Add(error);
            }
            else
            {
                photos.Add(upload!);
            }
        }
        return (photos, errors);
    }

    /// <summary>
    /// Stores the photos' files, then the event with their rows in one save; when the save fails the
    /// files go too, so nothing is half-written.
    /// </summary>
    public static async Task SaveWithPhotosAsync(AppDbContext db, PrivateFileStore files, CommunityEvent target, IReadOnlyList<CheckedUpload> photos,
        DateTime nowUtc, CancellationToken cancellationToken)
    {
        var keys = new List<string>();
        try
        {
            foreach (var (photo, index) in photos.Select((p, i) => (p, i)))
            {
                var key = await files.SaveAsync(target.CommuneId, photo, cancellationToken);
                keys.Add(key);
                target.Photos.Add(new CommunityEventPhoto
                {
                    CommuneId = target.CommuneId, EventId = target.Id, FileKey = key, ContentType = photo.ContentType, Bytes = photo.Content.Length,
                    // A microsecond apart (the finest both databases keep): the page shows them in the order they were chosen.
                    UploadedAtUtc = nowUtc.AddTicks(index * TimeSpan.TicksPerMicrosecond), UploadedByUserId = db.Scope.UserId ?? Guid.Empty,
                });
            }
            await db.SaveChangesAsync(cancellationToken);
        }
        catch
        {
            foreach (var key in keys)
            {
                files.Delete(key);
            }
            throw;
        }
    }
}
