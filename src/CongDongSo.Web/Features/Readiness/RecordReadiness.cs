using System.ComponentModel.DataAnnotations;
using System.Globalization;
using CongDongSo.Web.Data;
using CongDongSo.Web.Infrastructure.Localization;
using CongDongSo.Web.Infrastructure.Text;
using CongDongSo.Web.Infrastructure.Web;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace CongDongSo.Web.Features.Readiness;

/// <summary>A readiness event recorded by hand on a resident's or a business's page, or a correction of one.</summary>
public sealed record ReadinessInput
{
    [Required(ErrorMessage = "Vui lòng chọn mục cần ghi nhận.")]
    [Display(Name = "Mục")]
    public int? ItemId { get; set; }

    [Required(ErrorMessage = "Vui lòng chọn tình trạng.")]
    [Display(Name = "Tình trạng")]
    public string? Value { get; set; }

    [Required(ErrorMessage = "Vui lòng nhập ngày ghi nhận.")]
    [Display(Name = "Ngày")]
    public string? OccurredOn { get; set; }

    [Required(ErrorMessage = "Vui lòng chọn cách xác minh.")]
    [Display(Name = "Cách xác minh")]
    public Verification? Verification { get; set; }

    [Display(Name = "Người hỗ trợ")]
    public Guid? HelpedByMemberId { get; set; }

    [Display(Name = "Ghi chú")]
    public string? Note { get; set; }

    public Guid? CorrectsEventId { get; set; }
}

/// <summary>Whose readiness: a resident or a business, with the area keys its events carry.</summary>
public sealed record ReadinessSubjectRef(ReadinessSubject Kind, Guid Id, int CommuneId, Guid NeighbourhoodId);

/// <summary>One event in a subject's readiness history, as people read it.</summary>
public sealed record ReadinessLine(
    Guid Id, int ItemId, string ItemName, string Value, string ValueLabel, DateTime OccurredAtUtc, DateTime RecordedAtUtc,
    Verification Verification, string? HelpedBy, string? RecordedBy, string? Note, Guid? CorrectsEventId, bool IsCorrected, bool FromSession);

/// <summary>What a readiness page shows: the items, their status, the history, and the form's choices.</summary>
public sealed class ReadinessView
{
    public List<ReadinessItem> Items { get; init; } = [];
    public IReadOnlyDictionary<int, ReadinessState> Statuses { get; init; } = new Dictionary<int, ReadinessState>();
    public List<ReadinessLine> History { get; init; } = [];
    public List<Choice<Guid>> Helpers { get; init; } = [];
    /// <summary>The item of the form, when one is open.</summary>
    public ReadinessItem? Item { get; init; }
    /// <summary>The event being corrected, when the form corrects one.</summary>
    public ReadinessLine? Correcting { get; init; }
}

/// <summary>
/// Recording readiness by hand (resident and business pages): the form's data, its checks, and the
/// event it writes. A correction names the event it replaces and, unless another day is given,
/// happens at that event's own time so the wrong value is replaced in the past too.
/// </summary>
public static class RecordReadiness
{
    private static readonly string[] s_dateFormats = ["yyyy-MM-dd", "dd/MM/yyyy", "d/M/yyyy"];

    public static async Task<ReadinessView> LoadAsync(AppDbContext db, ReadinessSubjectRef subject, int? itemId, Guid? correcting)
    {
        var allItems = await db.ReadinessItems.AsNoTracking()
            .Where(i => i.Subject == subject.Kind && (i.CommuneId == null || i.CommuneId == subject.CommuneId))
            .OrderBy(i => i.CommuneId != null).ThenBy(i => i.SortOrder).ThenBy(i => i.Id)
            .ToListAsync();
        var history = await HistoryAsync(db, subject, allItems);
        var statuses = ReadinessStatus.Reduce(history.Select(h => new ReadinessState(
            subject.Id, h.ItemId, h.Value, h.OccurredAtUtc, h.RecordedAtUtc, h.Id, h.Verification, null, null, null, h.CorrectsEventId)), null);
        var correctingLine = correcting is { } c ? history.FirstOrDefault(h => h.Id == c) : null;
        var item = correctingLine is not null
            ? allItems.FirstOrDefault(i => i.Id == correctingLine.ItemId)
            : allItems.FirstOrDefault(i => i.Id == itemId && i.IsActive);
        return new ReadinessView
        {
            Items = [.. allItems.Where(i => i.IsActive)],
            Statuses = statuses.Of(subject.Id),
            History = history,
            Helpers = await HelpersAsync(db, subject.CommuneId),
            Item = item,
            Correcting = correctingLine,
        };
    }

    /// <summary>
    /// Cleans and checks <paramref name="input"/> against the subject's items and area; on success
    /// returns the event to add (not yet added).
    /// </summary>
    public static async Task<(List<FieldError> Errors, ReadinessEvent? Event)> CheckAsync(
        AppDbContext db, IStringLocalizer l, TimeProvider clock, ReadinessSubjectRef subject, ReadinessView view, ReadinessInput input)
    {
        var errors = new List<FieldError>();
        input.Note = VietnameseText.Clean(input.Note);
        var item = view.Item;
        if (input.CorrectsEventId is not null && view.Correcting is null)
        {
            errors.Add(new(nameof(ReadinessInput.CorrectsEventId), l["Không tìm thấy lần ghi nhận cần sửa."]));
        }
        if (item is null && input.ItemId is not null)
        {
            errors.Add(new(nameof(ReadinessInput.ItemId), l["Mục không có trong danh mục đang dùng."]));
        }
        if (item is not null && input.Value is { } value && !item.ChoiceList().Any(c => c.Code == value))
        {
            errors.Add(new(nameof(ReadinessInput.Value), l["Tình trạng phải là một lựa chọn của mục {0}.", item.Name]));
        }
        if (input.Verification is { } verification && !Enum.IsDefined(verification))
        {
            errors.Add(new(nameof(ReadinessInput.Verification), l["Cách xác minh không hợp lệ."]));
        }
        if (input.HelpedByMemberId is { } helper && !view.Helpers.Any(h => h.Value == helper))
        {
            errors.Add(new(nameof(ReadinessInput.HelpedByMemberId), l["Người hỗ trợ phải là thành viên đang hoạt động của tổ CNSCĐ trong địa bàn."]));
        }
        if (input.Note?.Length > 500)
        {
            errors.Add(new(nameof(ReadinessInput.Note), l["Ghi chú dài tối đa 500 ký tự."]));
        }
        DateOnly? day = null;
        var today = clock.Today();
        if (!string.IsNullOrWhiteSpace(input.OccurredOn))
        {
            if (!DateOnly.TryParseExact(input.OccurredOn.Trim(), s_dateFormats, CultureInfo.InvariantCulture, DateTimeStyles.None, out var parsed))
            {
                errors.Add(new(nameof(ReadinessInput.OccurredOn), l["Ngày không hợp lệ; nhập theo dạng dd/MM/yyyy."]));
            }
            else if (parsed > today)
            {
                errors.Add(new(nameof(ReadinessInput.OccurredOn), l["Ngày không được sau hôm nay."]));
            }
            else if (parsed.Year < 2000)
            {
                errors.Add(new(nameof(ReadinessInput.OccurredOn), l["Ngày phải từ năm 2000 trở đi."]));
            }
            else
            {
                day = parsed;
            }
        }
        if (errors.Count > 0 || item is null || day is null || input.Value is null || input.Verification is null)
        {
            return (errors, null);
        }
        var now = clock.GetUtcNow().UtcDateTime;
        DateTime occurred;
        if (view.Correcting is { } corrected && DateOnly.FromDateTime(corrected.OccurredAtUtc.InVietnam()) == day)
        {
            occurred = corrected.OccurredAtUtc;
        }
        else if (day == today)
        {
            occurred = now;
        }
        else
        {
            // A past day without a time: midday, so the day is right in every reading of it.
            occurred = VietnamTime.StartOfDayUtc(day.Value).AddHours(12);
        }
        return (errors, new ReadinessEvent
        {
            CommuneId = subject.CommuneId,
            NeighbourhoodId = subject.NeighbourhoodId,
            ResidentId = subject.Kind == ReadinessSubject.Resident ? subject.Id : null,
            BusinessId = subject.Kind == ReadinessSubject.Business ? subject.Id : null,
            ItemId = item.Id,
            Value = input.Value,
            OccurredAtUtc = occurred,
            RecordedAtUtc = now,
            HelpedByMemberId = input.HelpedByMemberId,
            RecordedByUserId = db.Scope.UserId,
            Verification = input.Verification.Value,
            CorrectsEventId = view.Correcting?.Id,
            Note = input.Note,
        });
    }

    /// <summary>The form's starting values: today and self-reported, or the corrected event's own.</summary>
    public static ReadinessInput NewInput(ReadinessView view, DateOnly today) => view.Correcting is { } c
        ? new ReadinessInput
        {
            ItemId = c.ItemId,
            CorrectsEventId = c.Id,
            OccurredOn = DateOnly.FromDateTime(c.OccurredAtUtc.InVietnam()).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            Verification = c.Verification,
        }
        : new ReadinessInput
        {
            ItemId = view.Item?.Id,
            OccurredOn = today.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            Verification = Verification.SelfReported,
        };

    /// <summary>Every event of the subject, newest first, with names resolved.</summary>
    private static async Task<List<ReadinessLine>> HistoryAsync(AppDbContext db, ReadinessSubjectRef subject, List<ReadinessItem> items)
    {
        var query = db.ReadinessEvents.AsNoTracking().Where(e => e.CommuneId == subject.CommuneId);
        query = subject.Kind == ReadinessSubject.Resident ? query.Where(e => e.ResidentId == subject.Id) : query.Where(e => e.BusinessId == subject.Id);
        var events = await query.OrderByDescending(e => e.OccurredAtUtc).ThenByDescending(e => e.RecordedAtUtc).ToListAsync();
        var helpers = await ReadinessStatus.MemberNamesAsync(db, events.Where(e => e.HelpedByMemberId is not null).Select(e => e.HelpedByMemberId!.Value));
        var recorderIds = events.Where(e => e.RecordedByUserId is not null).Select(e => e.RecordedByUserId!.Value).Distinct().ToList();
        var recorders = recorderIds.Count == 0 ? [] : await db.Users.AsNoTracking().Where(u => recorderIds.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.FullName);
        var corrected = events.Where(e => e.CorrectsEventId is not null).Select(e => e.CorrectsEventId!.Value).ToHashSet();
        var byId = items.ToDictionary(i => i.Id);
        return [.. events.Select(e =>
        {
            var item = byId.GetValueOrDefault(e.ItemId);
            return new ReadinessLine(e.Id, e.ItemId, item?.Name ?? "", e.Value, ReadinessStatus.ValueLabel(item, e.Value), e.OccurredAtUtc, e.RecordedAtUtc,
                e.Verification, e.HelpedByMemberId is { } h ? helpers.GetValueOrDefault(h) : null,
                e.RecordedByUserId is { } r ? recorders.GetValueOrDefault(r) : null, e.Note, e.CorrectsEventId, corrected.Contains(e.Id), e.SessionId is not null);
        })];
    }

    /// <summary>The active members of the commune's teams the viewer can see, for "who helped".</summary>
    private static async Task<List<Choice<Guid>>> HelpersAsync(AppDbContext db, int communeId)
    {
        var members = await db.Members.AsNoTracking().Where(m => m.CommuneId == communeId && m.LeftOn == null)
            .Select(m => new Choice<Guid>(m.Id, m.FullName)).ToListAsync();
        return [.. members.OrderBy(m => m.Text, NaturalOrder.Comparer)];
    }
}
