using CongDongSo.Web.Data;
using CongDongSo.Web.Infrastructure.Localization;
using CongDongSo.Web.Infrastructure.Text;
using CongDongSo.Web.Infrastructure.Web;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace CongDongSo.Web.Features.FieldWork;

/// <summary>One support session as the record page and the offline sync hand it in.</summary>
public sealed record SessionInput
{
    /// <summary>Made by the phone (or by the form when it is shown), so a session sent twice is stored once.</summary>
    public Guid Id { get; init; }
    public DateTimeOffset OccurredAt { get; init; }
    public SupportPlace Place { get; init; }
    public Guid? HouseholdId { get; init; }
    public Guid? BusinessId { get; init; }
    public IReadOnlyList<Guid> ResidentIds { get; init; } = [];
    /// <summary>Empty: the signed-in user's own member row.</summary>
    public IReadOnlyList<Guid> MemberIds { get; init; } = [];
    public IReadOnlyList<string> ActivityCodes { get; init; } = [];
    public string? Note { get; init; }
    /// <summary>A ward officer's choice of team; team roles always record for their own team.</summary>
    public Guid? TeamId { get; init; }
}

public enum RecordStatus
{
    Created,
    Duplicate,
    Rejected,
}

/// <summary>A checked session: its rows to write, or its outcome already (a duplicate, a refusal).</summary>
public sealed record PreparedSession(Guid Id, RecordResult? Outcome, SupportSession? Session, IReadOnlyList<ReadinessEvent> Events);

/// <summary>What happened to one session; <see cref="Errors"/> name the input's properties.</summary>
public sealed record RecordResult(RecordStatus Status, Guid Id, IReadOnlyList<FieldError> Errors);

/// <summary>
/// The one place that checks and writes a support session: the session, who was there, who was
/// helped, what was done, and the readiness events the activities imply. Every id is looked up
/// through the area-filtered sets, so anything outside the user's area is refused, never written.
/// </summary>
public sealed class RecordSession(AppDbContext db, TimeProvider clock, IStringLocalizer<SharedResource> l, ILogger<RecordSession> logger)
{
    public const int NoteMaxLength = 1000;
    /// <summary>Phones' clocks drift; a session "from the future" beyond this is a wrong date.</summary>
    public static readonly TimeSpan FutureTolerance = TimeSpan.FromMinutes(10);
    public static readonly DateTimeOffset Earliest = new(2020, 1, 1, 0, 0, 0, VietnamTime.Offset);

    /// <summary>Checks the session and stores it: the record page's one call.</summary>
    public async Task<RecordResult> RunAsync(SessionInput input, CancellationToken cancellationToken = default) =>
        await SaveAsync(await PrepareAsync(input, cancellationToken), cancellationToken);

    /// <summary>
    /// Reads and checks everything the session needs and builds its rows, writing nothing. The sync
    /// prepares a whole batch this way before it takes the database's write lock, so the lock is held
    /// for the writes alone.
    /// </summary>
    public async Task<PreparedSession> PrepareAsync(SessionInput input, CancellationToken cancellationToken = default)
    {
        // A session already stored answers "duplicate" whatever it says now: the phone may drop it.
        if (input.Id != Guid.Empty && await db.SupportSessions.AnyAsync(s => s.Id == input.Id, cancellationToken))
        {
            return new(input.Id, new(RecordStatus.Duplicate, input.Id, []), null, []);
        }
        var (errors, session, events) = await CheckAsync(input, cancellationToken);
        return errors.Count > 0
            ? new(input.Id, new(RecordStatus.Rejected, input.Id, errors), null, [])
            : new(input.Id, null, session, events);
    }

    /// <summary>Stores a prepared session (inside the caller's transaction, if any: EF Core sets a savepoint before it).</summary>
    public async Task<RecordResult> SaveAsync(PreparedSession prepared, CancellationToken cancellationToken = default)
    {
        if (prepared.Outcome is { } decided)
        {
            return decided;
        }
        db.SupportSessions.Add(prepared.Session!);
        db.ReadinessEvents.AddRange(prepared.Events);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            return new(RecordStatus.Created, prepared.Id, []);
        }
        catch (DbUpdateException exception)
        {
            // The same session sent twice at once: the unique id lets one through, the other is a duplicate.
            db.ChangeTracker.Clear();
            if (await db.SupportSessions.AnyAsync(s => s.Id == prepared.Id, cancellationToken))
            {
                return new(RecordStatus.Duplicate, prepared.Id, []);
            }
            logger.LogWarning(exception, "Support session {SessionId} could not be stored.", prepared.Id);
            return new(RecordStatus.Rejected, prepared.Id, [new(nameof(SessionInput.Id), l["Không lưu được lượt hỗ trợ này: mã lượt đã được dùng hoặc dữ liệu vừa thay đổi."])]);
        }
        finally
        {
            // A batch records up to 200 sessions with one context: keep it from growing.
            db.ChangeTracker.Clear();
        }
    }

    private async Task<(List<FieldError> Errors, SupportSession? Session, List<ReadinessEvent> Events)> CheckAsync(SessionInput input, CancellationToken ct)
    {
        var errors = new List<FieldError>();
        var notInArea = l["Không tìm thấy trong địa bàn của bạn."].Value;
        if (input.Id == Guid.Empty)
        {
            errors.Add(new(nameof(SessionInput.Id), l["Thiếu mã lượt hỗ trợ."]));
        }
        var now = clock.GetUtcNow();
        if (input.OccurredAt > now + FutureTolerance)
        {
            errors.Add(new(nameof(SessionInput.OccurredAt), l["Thời gian hỗ trợ không được sau thời điểm hiện tại."]));
        }
        else if (input.OccurredAt < Earliest)
        {
            errors.Add(new(nameof(SessionInput.OccurredAt), l["Thời gian hỗ trợ phải từ năm 2020 trở đi."]));
        }
        if (!Enum.IsDefined(input.Place))
        {
            errors.Add(new(nameof(SessionInput.Place), l["Vui lòng chọn nơi hỗ trợ."]));
        }
        var note = VietnameseText.Clean(input.Note);
        if (note?.Length > NoteMaxLength)
        {
            errors.Add(new(nameof(SessionInput.Note), l["Ghi chú dài tối đa 1000 ký tự."]));
        }

        // Where: a household, a business, or (at an event) residents of any household of the area.
        int? communeId = null;
        Guid? neighbourhoodId = null;
        if (input.HouseholdId is not null && input.BusinessId is not null)
        {
            errors.Add(new(nameof(SessionInput.BusinessId), l["Chọn hộ gia đình hoặc cơ sở kinh doanh, không chọn cả hai."]));
        }
        else if (input.HouseholdId is { } householdId)
        {
            var household = await db.Households.Where(h => h.Id == householdId)
                .Select(h => new { h.CommuneId, h.NeighbourhoodId }).FirstOrDefaultAsync(ct);
            if (household is null)
            {
                errors.Add(new(nameof(SessionInput.HouseholdId), notInArea));
            }
            else
            {
                (communeId, neighbourhoodId) = (household.CommuneId, household.NeighbourhoodId);
            }
        }
        else if (input.BusinessId is { } businessId)
        {
            var business = await db.Businesses.Where(b => b.Id == businessId)
                .Select(b => new { b.CommuneId, b.NeighbourhoodId }).FirstOrDefaultAsync(ct);
            if (business is null)
            {
                errors.Add(new(nameof(SessionInput.BusinessId), notInArea));
            }
            else
            {
                (communeId, neighbourhoodId) = (business.CommuneId, business.NeighbourhoodId);
            }
        }

        var residentIds = input.ResidentIds.Distinct().ToList();
        var residents = residentIds.Count == 0 ? [] : await db.Residents
            .Where(r => residentIds.Contains(r.Id) && r.ErasedAtUtc == null)
            .Select(r => new HelpedResident(r.Id, r.CommuneId, r.HouseholdId, r.NeighbourhoodId))
            .ToListAsync(ct);
        if (residents.Count < residentIds.Count)
        {
            errors.Add(new(nameof(SessionInput.ResidentIds), notInArea));
        }
        else if (input.HouseholdId is { } chosen && residents.Any(r => r.HouseholdId != chosen))
        {
            errors.Add(new(nameof(SessionInput.ResidentIds), l["Người được hỗ trợ phải là nhân khẩu của hộ đã chọn."]));
        }
        if (input.HouseholdId is null && input.BusinessId is null)
        {
            if (input.Place == SupportPlace.DoorToDoor)
            {
                errors.Add(new(nameof(SessionInput.HouseholdId), l["Hỗ trợ tại nhà cần chọn hộ gia đình."]));
            }
            else if (residentIds.Count == 0)
            {
                errors.Add(new(nameof(SessionInput.HouseholdId), l["Chọn hộ gia đình, cơ sở kinh doanh hoặc người được hỗ trợ."]));
            }
            else if (residents.Count > 0)
            {
                communeId = residents[0].CommuneId;
                var neighbourhoods = residents.Select(r => r.NeighbourhoodId).Distinct().ToList();
                neighbourhoodId = neighbourhoods.Count == 1 ? neighbourhoods[0] : null;
            }
        }
        if (communeId is { } commune && residents.Any(r => r.CommuneId != commune))
        {
            errors.Add(new(nameof(SessionInput.ResidentIds), l["Người được hỗ trợ phải cùng một phường/xã."]));
        }
        if (communeId is null)
        {
            // Without a place in the area nothing else can be checked against it.
            return (errors, null, []);
        }

        var team = await TeamOfAsync(input, communeId.Value, neighbourhoodId, errors, ct);
        var members = await MembersPresentAsync(input, communeId.Value, errors, ct);
        var activities = await ActivitiesAsync(input, communeId.Value, errors, ct);
        if (errors.Count > 0 || team is null)
        {
            return (errors, null, []);
        }

        var occurredUtc = input.OccurredAt.UtcDateTime;
        var recordedUtc = now.UtcDateTime;
        var session = new SupportSession
        {
            CommuneId = communeId.Value,
            Id = input.Id,
            TeamId = team.Value,
            NeighbourhoodId = neighbourhoodId,
            OccurredAtUtc = occurredUtc,
            Place = input.Place,
            HouseholdId = input.HouseholdId,
            BusinessId = input.BusinessId,
            CampaignId = await CampaignOnAsync(communeId.Value, input.OccurredAt, ct),
            Note = note,
            RecordedByUserId = db.Scope.UserId ?? Guid.Empty,
            RecordedAtUtc = recordedUtc,
        };
        session.Members.AddRange(members.Select(m => new SupportSessionMember { CommuneId = session.CommuneId, SessionId = session.Id, MemberId = m }));
        session.Residents.AddRange(residents.Select(r => new SupportSessionResident { CommuneId = session.CommuneId, SessionId = session.Id, ResidentId = r.Id }));
        session.Activities.AddRange(activities.Select(a => new SupportSessionActivity { CommuneId = session.CommuneId, SessionId = session.Id, ActivityId = a.Id }));

        var events = new List<ReadinessEvent>();
        foreach (var (item, value) in await OutcomesAsync(activities, ct))
        {
            ReadinessEvent Event(Guid neighbourhood) => new()
            {
                CommuneId = session.CommuneId,
                NeighbourhoodId = neighbourhood,
                ItemId = item.Id,
                Value = value,
                OccurredAtUtc = occurredUtc,
                RecordedAtUtc = recordedUtc,
                HelpedByMemberId = members[0],
                RecordedByUserId = db.Scope.UserId,
                Verification = Verification.SeenOnDevice,
                SessionId = session.Id,
            };
            if (item.Subject == ReadinessSubject.Business)
            {
                if (input.BusinessId is { } business)
                {
                    var e = Event(neighbourhoodId!.Value);
                    e.BusinessId = business;
                    events.Add(e);
                }
                continue;
            }
            foreach (var resident in residents)
            {
                // A household's events follow the household; at an event each resident's own neighbourhood.
                var e = Event(input.HouseholdId is null && input.BusinessId is null ? resident.NeighbourhoodId : neighbourhoodId!.Value);
                e.ResidentId = resident.Id;
                events.Add(e);
            }
        }
        return (errors, session, events);
    }

    /// <summary>
    /// Team roles record for their own team. A ward officer records for the team they pick, or
    /// else the (first active) team of the household's neighbourhood.
    /// </summary>
    private async Task<Guid?> TeamOfAsync(SessionInput input, int communeId, Guid? neighbourhoodId, List<FieldError> errors, CancellationToken ct)
    {
        if (db.Scope.TeamId is { } ownTeam)
        {
            if (!await db.Teams.AnyAsync(t => t.Id == ownTeam && t.CommuneId == communeId, ct))
            {
                errors.Add(new(nameof(SessionInput.TeamId), l["Tài khoản của bạn chưa thuộc tổ CNSCĐ nào."]));
                return null;
            }
            return ownTeam;
        }
        if (input.TeamId is { } chosen)
        {
            var ok = await db.Teams.AnyAsync(t => t.Id == chosen && t.CommuneId == communeId && t.DissolvedOn == null, ct);
            if (!ok)
            {
                errors.Add(new(nameof(SessionInput.TeamId), l["Không tìm thấy trong địa bàn của bạn."]));
                return null;
            }
            return chosen;
        }
        var team = neighbourhoodId is null ? null : await db.Teams
            .Where(t => t.CommuneId == communeId && t.NeighbourhoodId == neighbourhoodId && t.DissolvedOn == null)
            .OrderBy(t => t.EstablishedOn).ThenBy(t => t.Id)
            .Select(t => (Guid?)t.Id).FirstOrDefaultAsync(ct);
        if (team is null)
        {
            errors.Add(new(nameof(SessionInput.TeamId), l["Vui lòng chọn tổ CNSCĐ thực hiện."]));
        }
        return team;
    }

    /// <summary>Active members of the commune the user can see; none given means the user's own member row.</summary>
    private async Task<List<Guid>> MembersPresentAsync(SessionInput input, int communeId, List<FieldError> errors, CancellationToken ct)
    {
        var wanted = input.MemberIds.Distinct().ToList();
        if (wanted.Count == 0)
        {
            var userId = db.Scope.UserId;
            var own = await db.Members.Where(m => m.UserId == userId && m.UserId != null && m.LeftOn == null && m.CommuneId == communeId)
                .OrderBy(m => m.JoinedOn).Select(m => (Guid?)m.Id).FirstOrDefaultAsync(ct);
            if (own is null)
            {
                errors.Add(new(nameof(SessionInput.MemberIds), l["Vui lòng chọn ít nhất một thành viên có mặt."]));
                return [];
            }
            return [own.Value];
        }
        var found = await db.Members.Where(m => wanted.Contains(m.Id) && m.LeftOn == null && m.CommuneId == communeId)
            .Select(m => m.Id).ToListAsync(ct);
        if (found.Count < wanted.Count)
        {
            errors.Add(new(nameof(SessionInput.MemberIds), l["Thành viên không có trong tổ đang hoạt động thuộc địa bàn của bạn."]));
            return [];
        }
        // The order given: the first member present is the one credited with the help.
        return wanted;
    }

    private async Task<List<SupportActivity>> ActivitiesAsync(SessionInput input, int communeId, List<FieldError> errors, CancellationToken ct)
    {
        var codes = input.ActivityCodes.Where(c => !string.IsNullOrWhiteSpace(c)).Select(c => c.Trim()).Distinct(StringComparer.Ordinal).ToList();
        if (codes.Count == 0)
        {
            errors.Add(new(nameof(SessionInput.ActivityCodes), l["Vui lòng chọn ít nhất một việc đã làm."]));
            return [];
        }
        var rows = await db.SupportActivities.AsNoTracking()
            .Where(a => codes.Contains(a.Code) && a.IsActive && (a.CommuneId == null || a.CommuneId == communeId))
            .ToListAsync(ct);
        // A ward's own entry with a national code stands in for the national one.
        var byCode = rows.GroupBy(a => a.Code).ToDictionary(g => g.Key, g => g.OrderBy(a => a.CommuneId == null).First());
        var unknown = codes.Where(c => !byCode.ContainsKey(c)).ToList();
        if (unknown.Count > 0)
        {
            errors.Add(new(nameof(SessionInput.ActivityCodes), l["Việc đã làm không có trong danh mục: {0}.", string.Join(", ", unknown)]));
            return [];
        }
        return [.. codes.Select(c => byCode[c])];
    }

    /// <summary>
    /// One status per item: when two activities set the same item (install VNeID and level 2),
    /// the further choice of the item's list is the outcome.
    /// </summary>
    private async Task<List<(ReadinessItem Item, string Value)>> OutcomesAsync(List<SupportActivity> activities, CancellationToken ct)
    {
        var itemIds = activities.Where(a => a.ReadinessItemId is not null && a.ResultValue is not null).Select(a => a.ReadinessItemId!.Value).Distinct().ToList();
        if (itemIds.Count == 0)
        {
            return [];
        }
        var items = await db.ReadinessItems.AsNoTracking().Where(i => itemIds.Contains(i.Id) && i.IsActive).ToDictionaryAsync(i => i.Id, ct);
        return [.. activities
            .Where(a => a.ReadinessItemId is { } id && a.ResultValue is not null && items.ContainsKey(id))
            .GroupBy(a => a.ReadinessItemId!.Value)
            .Select(g =>
            {
                var item = items[g.Key];
                var order = item.ChoiceList().Select(c => c.Code).ToList();
                return (item, g.Select(a => a.ResultValue!).OrderBy(v => order.IndexOf(v)).Last());
            })
            .OrderBy(o => o.item.SortOrder)];
    }

    /// <summary>The commune's campaign running on the session's day (the latest started), if any.</summary>
    private async Task<Guid?> CampaignOnAsync(int communeId, DateTimeOffset occurredAt, CancellationToken ct)
    {
        var day = DateOnly.FromDateTime(occurredAt.ToOffset(VietnamTime.Offset).DateTime);
        return await db.Campaigns.Where(c => c.CommuneId == communeId && c.StartsOn <= day && c.EndsOn >= day)
            .OrderByDescending(c => c.StartsOn).Select(c => (Guid?)c.Id).FirstOrDefaultAsync(ct);
    }

    private sealed record HelpedResident(Guid Id, int CommuneId, Guid HouseholdId, Guid NeighbourhoodId);
}
