using System.ComponentModel.DataAnnotations;
using System.Text.Json.Serialization;
using CongDongSo.Web.Data;
using CongDongSo.Web.Infrastructure.Text;
using CongDongSo.Web.Infrastructure.Web;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace CongDongSo.Web.Infrastructure.Rules;

/// <summary>The fields of a member, shared by the member pages and POST /api/v1/teams/{id}/members.</summary>
public sealed record MemberInput
{
    [Required(ErrorMessage = "Vui lòng nhập họ và tên.")]
    [Display(Name = "Họ và tên")]
    public string? FullName { get; set; }

    [Required(ErrorMessage = "Vui lòng chọn chức vụ trong tổ.")]
    [Display(Name = "Chức vụ trong tổ")]
    [JsonConverter(typeof(JsonStringEnumConverter))]
    public MemberPosition? Position { get; set; }

    [Required(ErrorMessage = "Vui lòng chọn thành phần.")]
    [Display(Name = "Thành phần")]
    public int? AffiliationId { get; set; }

    [Display(Name = "Năm sinh")]
    public int? BirthYear { get; set; }

    [Display(Name = "Giới tính")]
    [JsonConverter(typeof(JsonStringEnumConverter))]
    public Gender? Gender { get; set; }

    [Display(Name = "Số điện thoại")]
    public string? Phone { get; set; }

    [Display(Name = "Kỹ năng")]
    public string? Skills { get; set; }

    [Display(Name = "Nhiệm vụ được giao")]
    public string? AssignedTasks { get; set; }

    [Display(Name = "Địa bàn phụ trách")]
    public string? AssignedArea { get; set; }

    [Required(ErrorMessage = "Vui lòng nhập ngày tham gia.")]
    [Display(Name = "Ngày tham gia")]
    public DateOnly? JoinedOn { get; set; }

    /// <summary>Consent to show name and phone to citizens: never pre-ticked.</summary>
    [Display(Name = "Đồng ý công khai liên hệ")]
    public bool PublishContactConsent { get; set; }

    public static MemberInput From(Member m) => new()
    {
        FullName = m.FullName,
        Position = m.Position,
        AffiliationId = m.AffiliationId,
        BirthYear = m.BirthYear,
        Gender = m.Gender,
        Phone = m.Phone,
        Skills = m.Skills,
        AssignedTasks = m.AssignedTasks,
        AssignedArea = m.AssignedArea,
        JoinedOn = m.JoinedOn,
        PublishContactConsent = m.PublishContactConsent,
    };
}


/// <summary>The roster rules the pages and the API apply alike.</summary>
public static class MemberRules
{
    public const int FirstBirthYear = 1920;
    /// <summary>Members are at least 15 in the year they are entered.</summary>
    public const int MinimumAge = 15;

    /// <summary>The DataAnnotations of <see cref="MemberInput"/>, for callers without model binding (the API).</summary>
    public static List<FieldError> Annotations(MemberInput input, IStringLocalizer l) => InputRules.Annotations(input, l);

    /// <summary>
    /// Cleans <paramref name="input"/> in place (NFC text, normalised phone) and checks what the
    /// attributes cannot: lengths after cleaning, phone, birth year, affiliation of the team's commune, dates.
    /// </summary>
    public static async Task<List<FieldError>> CheckAsync(AppDbContext db, IStringLocalizer l, DateOnly today, MemberInput input, Team team, Member? existing)
    {
        var errors = new List<FieldError>();
        input.FullName = VietnameseText.Clean(input.FullName);
        input.Skills = VietnameseText.Clean(input.Skills);
        input.AssignedTasks = VietnameseText.Clean(input.AssignedTasks);
        input.AssignedArea = VietnameseText.Clean(input.AssignedArea);
        if (input.FullName?.Length > 150)
        {
            errors.Add(new(nameof(MemberInput.FullName), l["Họ và tên dài tối đa 150 ký tự."]));
        }
        if (input.Position is { } position && !Enum.IsDefined(position))
        {
            errors.Add(new(nameof(MemberInput.Position), l["Chức vụ trong tổ không hợp lệ."]));
        }
        if (input.Gender is { } gender && !Enum.IsDefined(gender))
        {
            errors.Add(new(nameof(MemberInput.Gender), l["Giới tính không hợp lệ."]));
        }
        var lastBirthYear = today.Year - MinimumAge;
        if (input.BirthYear is { } year && (year < FirstBirthYear || year > lastBirthYear))
        {
            errors.Add(new(nameof(MemberInput.BirthYear), l["Năm sinh phải là năm có 4 chữ số, từ {0} đến {1}.", FirstBirthYear, lastBirthYear]));
        }
        if (!string.IsNullOrWhiteSpace(input.Phone))
        {
            var phone = VietnamesePhone.NormaliseMobile(input.Phone);
            if (phone is null)
            {
                errors.Add(new(nameof(MemberInput.Phone), l["Số điện thoại không hợp lệ: cần số di động Việt Nam 10 chữ số bắt đầu bằng 03, 05, 07, 08 hoặc 09 (có thể nhập +84)."]));
            }
            input.Phone = phone ?? input.Phone.Trim();
        }
        else
        {
            input.Phone = null;
        }
        if (input.Skills?.Length > 500)
        {
            errors.Add(new(nameof(MemberInput.Skills), l["Kỹ năng dài tối đa 500 ký tự."]));
        }
        if (input.AssignedTasks?.Length > 500)
        {
            errors.Add(new(nameof(MemberInput.AssignedTasks), l["Nhiệm vụ được giao dài tối đa 500 ký tự."]));
        }
        if (input.AssignedArea?.Length > 300)
        {
            errors.Add(new(nameof(MemberInput.AssignedArea), l["Địa bàn phụ trách dài tối đa 300 ký tự."]));
        }
        if (input.JoinedOn > today)
        {
            errors.Add(new(nameof(MemberInput.JoinedOn), l["Ngày tham gia không được sau hôm nay."]));
        }
        else if (input.JoinedOn > existing?.LeftOn)
        {
            errors.Add(new(nameof(MemberInput.JoinedOn), l["Ngày tham gia không được sau ngày rời tổ."]));
        }
        if (input.AffiliationId is { } affiliationId
            && !await Affiliations(db, team.CommuneId, existing?.AffiliationId).AnyAsync(a => a.Id == affiliationId))
        {
            errors.Add(new(nameof(MemberInput.AffiliationId), l["Thành phần không có trong danh mục của phường/xã."]));
        }
        return errors;
    }

    /// <summary>
    /// The leader rules. A team has at most one active leader. A team keeps its leader: when its only
    /// active leader stops leading it (demoted, moved, leaving), a successor among the other active
    /// members is required and becomes leader in the same save. The last member may go without one.
    /// </summary>
    public static async Task<(List<FieldError> Errors, Member? Successor)> CheckLeadershipAsync(
        AppDbContext db, IStringLocalizer l, Member? member, Guid targetTeamId, MemberPosition? newPosition, bool leaving, Guid? successorId)
    {
        var errors = new List<FieldError>();
        // A former member leads nothing; a missing position is already a field error of its own.
        if (member?.LeftOn is not null || (!leaving && newPosition is null))
        {
            return (errors, null);
        }
        if (!leaving && newPosition == MemberPosition.Leader)
        {
            var otherLeader = await db.Members
                .Where(m => m.TeamId == targetTeamId && m.LeftOn == null && m.Position == MemberPosition.Leader && m.Id != (member == null ? Guid.Empty : member.Id))
                .Select(m => m.FullName).FirstOrDefaultAsync();
            if (otherLeader is not null)
            {
                errors.Add(new(nameof(MemberInput.Position), l["Tổ đã có tổ trưởng ({0}): mỗi tổ chỉ có một tổ trưởng.", otherLeader]));
            }
        }
        Member? successor = null;
        var stopsLeading = member is { Position: MemberPosition.Leader }
            && (leaving || newPosition != MemberPosition.Leader || targetTeamId != member.TeamId);
        if (stopsLeading)
        {
            var others = db.Members.Where(m => m.TeamId == member!.TeamId && m.LeftOn == null && m.Id != member.Id);
            if (await others.AnyAsync(m => m.Position == MemberPosition.Leader))
            {
                return (errors, null);
            }
            if (successorId is { } id)
            {
                successor = await others.FirstOrDefaultAsync(m => m.Id == id);
                if (successor is null)
                {
                    errors.Add(new("SuccessorId", l["Người kế nhiệm phải là một thành viên khác đang hoạt động của tổ."]));
                }
            }
            else if (await others.AnyAsync())
            {
                errors.Add(new("SuccessorId", l["{0} là tổ trưởng duy nhất của tổ: chọn người kế nhiệm làm tổ trưởng.", member!.FullName]));
            }
        }
        return (errors, successor);
    }

    /// <summary>Copies cleaned, checked input onto the row; consent keeps the moment it was given.</summary>
    public static void Apply(MemberInput input, Member member, DateTime nowUtc)
    {
        member.FullName = input.FullName!;
        member.SearchName = VietnameseText.Fold(input.FullName);
        member.Position = input.Position!.Value;
        member.AffiliationId = input.AffiliationId!.Value;
        member.BirthYear = input.BirthYear;
        member.Gender = input.Gender;
        member.Phone = input.Phone;
        member.Skills = input.Skills;
        member.AssignedTasks = input.AssignedTasks;
        member.AssignedArea = input.AssignedArea;
        member.JoinedOn = input.JoinedOn!.Value;
        if (input.PublishContactConsent && !member.PublishContactConsent)
        {
            member.PublishContactConsentAtUtc = nowUtc;
        }
        else if (!input.PublishContactConsent)
        {
            member.PublishContactConsentAtUtc = null;
        }
        member.PublishContactConsent = input.PublishContactConsent;
    }

    /// <summary>Everything a new member of <paramref name="team"/> must pass beyond the attributes. Shared by the page and the API.</summary>
    public static async Task<List<FieldError>> CheckNewAsync(AppDbContext db, IStringLocalizer l, DateOnly today, Team team, MemberInput input)
    {
        var errors = new List<FieldError>();
        if (team.DissolvedOn is not null)
        {
            errors.Add(new("", l["Tổ đã giải thể, không thể thêm thành viên."]));
        }
        errors.AddRange(await CheckAsync(db, l, today, input, team, null));
        errors.AddRange((await CheckLeadershipAsync(db, l, null, team.Id, input.Position, leaving: false, null)).Errors);
        return errors;
    }

    /// <summary>A new member of <paramref name="team"/> from checked input; the caller adds and saves it.</summary>
    public static Member NewMember(Team team, MemberInput input, DateTime nowUtc)
    {
        var member = new Member { CommuneId = team.CommuneId, TeamId = team.Id, FullName = input.FullName! };
        Apply(input, member, nowUtc);
        return member;
    }

    /// <summary>The national list plus the commune's own, active ones (and <paramref name="keep"/>, a member's current one).</summary>
    public static IQueryable<Affiliation> Affiliations(AppDbContext db, int communeId, int? keep = null) =>
        db.Affiliations.Where(a => (a.CommuneId == null || a.CommuneId == communeId) && (a.IsActive || a.Id == keep));

    public static async Task<List<Choice<int>>> AffiliationChoicesAsync(AppDbContext db, int communeId, int? keep = null) =>
        await Affiliations(db, communeId, keep)
            .OrderBy(a => a.CommuneId != null).ThenBy(a => a.SortOrder).ThenBy(a => a.Name)
            .Select(a => new Choice<int>(a.Id, a.Name)).ToListAsync();
}
