using System.ComponentModel.DataAnnotations;
using System.Text.Json.Serialization;
using CongDongSo.Web.Data;
using CongDongSo.Web.Infrastructure.Rules;
using CongDongSo.Web.Infrastructure.Text;
using CongDongSo.Web.Infrastructure.Web;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace CongDongSo.Web.Features.Training;

/// <summary>A course as typed in the form or sent to POST /api/v1/training/courses.</summary>
public sealed class CourseInput
{
    [Required(ErrorMessage = "Vui lòng nhập tên khóa học.")]
    [Display(Name = "Tên khóa học")]
    public string? Title { get; set; }

    [Display(Name = "Đơn vị tổ chức")]
    [JsonConverter(typeof(JsonStringEnumConverter))]
    public CourseOrganiser Organiser { get; set; } = CourseOrganiser.Ward;

    [Display(Name = "Tên đơn vị tổ chức")]
    public string? OrganiserName { get; set; }

    [Display(Name = "Hình thức")]
    [JsonConverter(typeof(JsonStringEnumConverter))]
    public CourseForm Form { get; set; } = CourseForm.InPerson;

    [Display(Name = "Chủ đề")]
    public List<int> TopicIds { get; set; } = [];

    [Display(Name = "Giảng viên, người hướng dẫn")]
    public string? Trainers { get; set; }

    [Display(Name = "Địa điểm")]
    public string? Place { get; set; }

    [Display(Name = "Đối tượng tham gia")]
    [JsonConverter(typeof(JsonStringEnumConverter))]
    public CourseAudience Audience { get; set; } = CourseAudience.AllMembers;

    [Display(Name = "Tổ tham gia")]
    public Guid? AudienceTeamId { get; set; }

    [Display(Name = "Thành viên được chọn")]
    public List<Guid> InviteeIds { get; set; } = [];

    [Display(Name = "Địa chỉ học trực tuyến")]
    public string? OnlineUrl { get; set; }

    [Display(Name = "Hạn hoàn thành")]
    public DateOnly? CompleteBy { get; set; }

    [Display(Name = "Ghi chú")]
    public string? Description { get; set; }

    /// <summary>The sittings; an online course may have none.</summary>
    public List<TrainingSessionInput> Sessions { get; set; } = [];
}

/// <summary>One sitting: a day and its clock times in Vietnam.</summary>
public sealed class TrainingSessionInput
{
    [Display(Name = "Ngày học")]
    public DateOnly? Date { get; set; }

    [Display(Name = "Giờ bắt đầu")]
    public TimeOnly? Starts { get; set; }

    [Display(Name = "Giờ kết thúc")]
    public TimeOnly? Ends { get; set; }

    [Display(Name = "Địa điểm")]
    public string? Place { get; set; }

    public bool IsBlank => Date is null && Starts is null && Ends is null && string.IsNullOrWhiteSpace(Place);
}

/// <summary>The course rules the form and the API apply alike.</summary>
public static class CourseRules
{
    /// <summary>Cleans <paramref name="input"/> in place and lists what is wrong, each error naming its field.</summary>
    public static async Task<List<FieldError>> CheckAsync(AppDbContext db, IStringLocalizer l, int communeId, CourseInput input, bool annotations = true)
    {
        // The API has no model binding: it checks the attributes here; a page's binder has done so already.
        var errors = annotations ? InputRules.Annotations(input, l) : [];
        input.Title = VietnameseText.Clean(input.Title);
        input.OrganiserName = VietnameseText.Clean(input.OrganiserName);
        input.Trainers = VietnameseText.Clean(input.Trainers);
        input.Place = VietnameseText.Clean(input.Place);
        input.Description = VietnameseText.Clean(input.Description);
        InputRules.MaxLength(errors, l, nameof(CourseInput.Title), input.Title, 200, "Tên khóa học dài tối đa {0} ký tự.");
        InputRules.MaxLength(errors, l, nameof(CourseInput.OrganiserName), input.OrganiserName, 200, "Tên đơn vị tổ chức dài tối đa {0} ký tự.");
        InputRules.MaxLength(errors, l, nameof(CourseInput.Trainers), input.Trainers, 300, "Giảng viên dài tối đa {0} ký tự.");
        InputRules.MaxLength(errors, l, nameof(CourseInput.Place), input.Place, 300, "Địa điểm dài tối đa {0} ký tự.");
        InputRules.MaxLength(errors, l, nameof(CourseInput.Description), input.Description, 2000, "Ghi chú dài tối đa {0} ký tự.");
        if (!Enum.IsDefined(input.Organiser))
        {
            errors.Add(new(nameof(CourseInput.Organiser), l["Đơn vị tổ chức không hợp lệ."]));
        }
        if (!Enum.IsDefined(input.Form))
        {
            errors.Add(new(nameof(CourseInput.Form), l["Hình thức không hợp lệ."]));
        }
        if (!Enum.IsDefined(input.Audience))
        {
            errors.Add(new(nameof(CourseInput.Audience), l["Đối tượng tham gia không hợp lệ."]));
        }
        input.TopicIds = [.. input.TopicIds.Distinct()];
        if (input.TopicIds.Count == 0)
        {
            errors.Add(new(nameof(CourseInput.TopicIds), l["Vui lòng chọn ít nhất một chủ đề."]));
        }
        else
        {
            var known = await db.TrainingTopics.CountAsync(t => input.TopicIds.Contains(t.Id) && (t.CommuneId == null || t.CommuneId == communeId));
            if (known != input.TopicIds.Count)
            {
                errors.Add(new(nameof(CourseInput.TopicIds), l["Có chủ đề không thuộc danh mục của phường/xã."]));
            }
        }
        if (!InputRules.IsWebLink(input.OnlineUrl, out var link))
        {
            errors.Add(new(nameof(CourseInput.OnlineUrl), l["Địa chỉ học trực tuyến phải là một liên kết bắt đầu bằng https:// hoặc http://."]));
        }
        input.OnlineUrl = link;
        if (input.Audience == CourseAudience.Team)
        {
            if (input.AudienceTeamId is not { } team || !await db.Teams.AnyAsync(t => t.Id == team && t.CommuneId == communeId))
            {
                errors.Add(new(nameof(CourseInput.AudienceTeamId), l["Vui lòng chọn tổ tham gia."]));
            }
        }
        else
        {
            input.AudienceTeamId = null;
        }
        input.InviteeIds = input.Audience == CourseAudience.Named ? [.. input.InviteeIds.Distinct()] : [];
        if (input.Audience == CourseAudience.Named)
        {
            var known = input.InviteeIds.Count == 0 ? 0 : await db.Members.CountAsync(m => input.InviteeIds.Contains(m.Id) && m.CommuneId == communeId);
            if (input.InviteeIds.Count == 0 || known != input.InviteeIds.Count)
            {
                errors.Add(new(nameof(CourseInput.InviteeIds), l["Vui lòng chọn các thành viên tham gia (thành viên của phường/xã)."]));
            }
        }
        input.Sessions = [.. input.Sessions.Where(s => !s.IsBlank)];
        for (var i = 0; i < input.Sessions.Count; i++)
        {
            errors.AddRange(CheckSession(l, input.Sessions[i], $"{nameof(CourseInput.Sessions)}[{i}].", i + 1));
        }
        if (input.Form == CourseForm.InPerson && input.Sessions.Count == 0)
        {
            errors.Add(new($"{nameof(CourseInput.Sessions)}[0].{nameof(TrainingSessionInput.Date)}", l["Khóa học trực tiếp cần ít nhất một buổi học."]));
        }
        return errors;
    }

    /// <summary>The checks of one sitting; <paramref name="prefix"/> names its fields, <paramref name="number"/> it in the message.</summary>
    public static List<FieldError> CheckSession(IStringLocalizer l, TrainingSessionInput session, string prefix, int number)
    {
        var errors = new List<FieldError>();
        session.Place = VietnameseText.Clean(session.Place);
        if (session.Date is null)
        {
            errors.Add(new(prefix + nameof(TrainingSessionInput.Date), l["Buổi {0}: vui lòng nhập ngày học.", number]));
        }
        else if (session.Date < new DateOnly(2020, 1, 1) || session.Date > new DateOnly(2100, 12, 31))
        {
            errors.Add(new(prefix + nameof(TrainingSessionInput.Date), l["Buổi {0}: ngày học phải từ năm 2020 đến năm 2100.", number]));
        }
        if (session.Starts is null)
        {
            errors.Add(new(prefix + nameof(TrainingSessionInput.Starts), l["Buổi {0}: vui lòng nhập giờ bắt đầu.", number]));
        }
        if (session.Ends is null)
        {
            errors.Add(new(prefix + nameof(TrainingSessionInput.Ends), l["Buổi {0}: vui lòng nhập giờ kết thúc.", number]));
        }
        else if (session.Starts is { } starts && session.Ends <= starts)
        {
            errors.Add(new(prefix + nameof(TrainingSessionInput.Ends), l["Buổi {0}: giờ kết thúc phải sau giờ bắt đầu.", number]));
        }
        if (session.Place?.Length > 300)
        {
            errors.Add(new(prefix + nameof(TrainingSessionInput.Place), l["Buổi {0}: địa điểm dài tối đa 300 ký tự.", number]));
        }
        return errors;
    }

    public static Course NewCourse(int communeId, CourseInput input, DateTime nowUtc)
    {
        var course = new Course
        {
            CommuneId = communeId, Title = input.Title!, Organiser = input.Organiser, OrganiserName = input.OrganiserName, Form = input.Form,
            Trainers = input.Trainers, Place = input.Place, Audience = input.Audience, AudienceTeamId = input.AudienceTeamId,
            OnlineUrl = input.OnlineUrl, CompleteBy = input.CompleteBy, Description = input.Description, CreatedAtUtc = nowUtc,
        };
        course.Topics = [.. input.TopicIds.Select(t => new CourseTopic { CommuneId = communeId, CourseId = course.Id, TopicId = t })];
        course.Invitees = [.. input.InviteeIds.Select(m => new CourseInvitee { CommuneId = communeId, CourseId = course.Id, MemberId = m })];
        course.Sessions = [.. input.Sessions.Select(s => NewSession(course, s, input.Place))];
        return course;
    }

    public static TrainingSession NewSession(Course course, TrainingSessionInput input, string? defaultPlace)
    {
        var (starts, ends) = InputRules.UtcRange(input.Date!.Value, input.Starts!.Value, input.Ends!.Value);
        return new TrainingSession
        {
            CommuneId = course.CommuneId, CourseId = course.Id, StartsAtUtc = starts, EndsAtUtc = ends,
            Place = input.Place ?? defaultPlace, CheckInToken = TrainingQueries.NewCheckInToken(),
        };
    }
}
