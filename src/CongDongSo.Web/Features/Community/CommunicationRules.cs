using System.ComponentModel.DataAnnotations;
using System.Text.Json.Serialization;
using CongDongSo.Web.Data;
using CongDongSo.Web.Infrastructure.Rules;
using CongDongSo.Web.Infrastructure.Text;
using CongDongSo.Web.Infrastructure.Web;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace CongDongSo.Web.Features.Community;

/// <summary>A communication item as typed in the form or sent to POST /api/v1/communications.</summary>
public sealed class CommunicationInput
{
    [Required(ErrorMessage = "Vui lòng chọn loại tin bài.")]
    [Display(Name = "Loại")]
    [JsonConverter(typeof(JsonStringEnumConverter))]
    public CommunicationKind? Kind { get; set; }

    [Required(ErrorMessage = "Vui lòng nhập ngày đăng, phát.")]
    [Display(Name = "Ngày đăng, phát")]
    public DateOnly? PublishedOn { get; set; }

    [Required(ErrorMessage = "Vui lòng nhập tiêu đề.")]
    [Display(Name = "Tiêu đề")]
    public string? Title { get; set; }

    [Display(Name = "Kênh")]
    public string? Channel { get; set; }

    [Display(Name = "Liên kết")]
    public string? Url { get; set; }

    /// <summary>None: the whole ward.</summary>
    [Display(Name = "Tổ dân phố, thôn")]
    public Guid? NeighbourhoodId { get; set; }

    [Display(Name = "Người thực hiện")]
    public string? MadeBy { get; set; }

    [Display(Name = "Lượt tiếp cận")]
    public int? Reach { get; set; }
}

public static class CommunicationRules
{
    public static readonly CommunicationKind[] Kinds =
    [
        CommunicationKind.PortalNews, CommunicationKind.Broadcast, CommunicationKind.ZaloPost, CommunicationKind.Infographic,
        CommunicationKind.Poster, CommunicationKind.Video, CommunicationKind.LangSoStory, CommunicationKind.Other,
    ];

    public static string Of(CommunicationKind kind) => kind switch
    {
        CommunicationKind.PortalNews => "Tin bài trên cổng thông tin phường/xã",
        CommunicationKind.Broadcast => "Phát thanh, loa truyền thanh",
        CommunicationKind.ZaloPost => "Bài đăng Zalo",
        CommunicationKind.Infographic => "Infographic",
        CommunicationKind.Poster => "Áp phích, pa nô",
        CommunicationKind.Video => "Video",
        CommunicationKind.LangSoStory => "Câu chuyện trên Làng số",
        _ => "Khác",
    };

    public static async Task<List<FieldError>> CheckAsync(AppDbContext db, IStringLocalizer l, int communeId, CommunicationInput input, DateOnly today, bool annotations = true)
    {
        // The API has no model binding: it checks the attributes here; a page's binder has done so already.
        var errors = annotations ? InputRules.Annotations(input, l) : [];
        input.Title = VietnameseText.Clean(input.Title);
        input.Channel = VietnameseText.Clean(input.Channel);
        input.MadeBy = VietnameseText.Clean(input.MadeBy);
        InputRules.MaxLength(errors, l, nameof(CommunicationInput.Title), input.Title, 300, "Tiêu đề dài tối đa {0} ký tự.");
        InputRules.MaxLength(errors, l, nameof(CommunicationInput.Channel), input.Channel, 200, "Kênh dài tối đa {0} ký tự.");
        InputRules.MaxLength(errors, l, nameof(CommunicationInput.MadeBy), input.MadeBy, 200, "Người thực hiện dài tối đa {0} ký tự.");
        if (input.Kind is { } kind && !Enum.IsDefined(kind))
        {
            errors.Add(new(nameof(CommunicationInput.Kind), l["Loại tin bài không hợp lệ."]));
        }
        if (input.PublishedOn > today)
        {
            errors.Add(new(nameof(CommunicationInput.PublishedOn), l["Ngày đăng, phát không được sau hôm nay."]));
        }
        else if (input.PublishedOn < new DateOnly(2020, 1, 1))
        {
            errors.Add(new(nameof(CommunicationInput.PublishedOn), l["Ngày đăng, phát phải từ năm 2020 trở đi."]));
        }
        if (!InputRules.IsWebLink(input.Url, out var link))
        {
            errors.Add(new(nameof(CommunicationInput.Url), l["Liên kết phải bắt đầu bằng https:// hoặc http://."]));
        }
        input.Url = link;
        if (input.Reach is < 0)
        {
            errors.Add(new(nameof(CommunicationInput.Reach), l["Lượt tiếp cận không được âm."]));
        }
        if (input.NeighbourhoodId is { } neighbourhood && !await db.Neighbourhoods.AnyAsync(n => n.Id == neighbourhood && n.CommuneId == communeId))
        {
            errors.Add(new(nameof(CommunicationInput.NeighbourhoodId), l["Không tìm thấy tổ dân phố, thôn trong địa bàn của bạn."]));
        }
        return errors;
    }

    public static CommunicationItem NewItem(AppDbContext db, int communeId, CommunicationInput input, DateTime nowUtc) => new()
    {
        CommuneId = communeId, TeamId = db.Scope.TeamId, Kind = input.Kind!.Value, PublishedOn = input.PublishedOn!.Value, Title = input.Title!,
        Channel = input.Channel, Url = input.Url, NeighbourhoodId = input.NeighbourhoodId, MadeBy = input.MadeBy, Reach = input.Reach,
        RecordedByUserId = db.Scope.UserId ?? Guid.Empty, CreatedAtUtc = nowUtc,
    };
}
