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
    /// <summary>The community event the session was recorded at (place Event).</summary>
    public Guid? CommunityEventId { get; init; }
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

    /// <summary>Reads and checks one session and builds its rows, writing nothing.</summary>
    public async Task<PreparedSession> PrepareAsync(SessionInput input, CancellationToken cancellationToken = default) =>
        (await PrepareAsync([input], cancellationToken))[0];

    /// <summary>
    /// Reads and checks sessions and builds their rows, writing nothing. Whatever the number of
    /// sessions, the rows they name are read in one query per kind (sessions already stored,
    /// households, residents, teams, members, activities, campaigns), then each session is checked
    /// in memory. The sync prepares a whole batch this way before it takes the database's write
    /// lock, so the lock is held for the writes alone.
    /// </summary>
    public async Task<IReadOnlyList<PreparedSession>> PrepareAsync(IReadOnlyList<SessionInput> inputs, CancellationToken cancellationToken = default)
    {
        var known = await Known.LoadAsync(db, inputs, cancellationToken);
        var now = clock.GetUtcNow();
        var taken = new HashSet<Guid>();
        var prepared = new List<PreparedSession>(inputs.Count);
        foreach (var input in inputs)
        {
            // A session already stored (or already in this batch) answers "duplicate" whatever it says now: the phone may drop it.
            if (input.Id != Guid.Empty && (known.StoredSessions.Contains(input.Id) || taken.Contains(input.Id)))
            {
                prepared.Add(new(input.Id, new(RecordStatus.Duplicate, input.Id, []), null, []));
                continue;
            }
            var (errors, session, events) = Check(input, known, now);
            if (errors.Count > 0)
            {
                prepared.Add(new(input.Id, new(RecordStatus.Rejected, input.Id, errors), null, []));
                continue;
            }
            taken.Add(input.Id);
            prepared.Add(new(input.Id, null, session, events));
        }
        return prepared;
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

    /// <summary>
    /// Stores prepared sessions in one save (one round of inserts, inside the caller's transaction).
    /// Should that save fail (a session sent at the same moment by another request, a row changed in
    /// between), EF Core rolls it back to its savepoint and each session is saved on its own, so only
    /// the one at fault is answered otherwise.
    /// </summary>
    public async Task<IReadOnlyList<RecordResult>> SaveAsync(IReadOnlyList<PreparedSession> prepared, CancellationToken cancellationToken = default)
    {
        var toWrite = prepared.Where(p => p.Outcome is null).ToList();
        if (toWrite.Count > 1)
        {
            foreach (var p in toWrite)
            {
                db.SupportSessions.Add(p.Session!);
                db.ReadinessEvents.AddRange(p.Events);
            }
            try
            {
                await db.SaveChangesAsync(cancellationToken);
                return [.. prepared.Select(p => p.Outcome ?? new(RecordStatus.Created, p.Id, []))];
            }
            catch (DbUpdateException)
            {
                // Fall through to one save per session.
            }
            finally
            {
                db.ChangeTracker.Clear();
            }
        }
        var results = new List<RecordResult>(prepared.Count);
        foreach (var p in prepared)
        {
            results.Add(await SaveAsync(p, cancellationToken));
        }
        return results;
    }

    private (List<FieldError> Errors, SupportSession? Session, List<ReadinessEvent> Events) Check(SessionInput input, Known known, DateTimeOffset now)
    {
        var errors = new List<FieldError>();
        var notInArea = l["Không tìm thấy trong địa bàn của bạn."].Value;
        if (input.Id == Guid.Empty)
        {
            errors.Add(new(nameof(SessionInput.Id), l["Thiếu mã lượt hỗ trợ."]));
        }
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
            if (known.Households.TryGetValue(householdId, out var household))
            {
                (communeId, neighbourhoodId) = household;
            }
            else
            {
                errors.Add(new(nameof(SessionInput.HouseholdId), notInArea));
            }
        }
        else if (input.BusinessId is { } businessId)
        {
            if (known.Businesses.TryGetValue(businessId, out var business))
            {
                (communeId, neighbourhoodId) = business;
            }
            else
            {
                errors.Add(new(nameof(SessionInput.BusinessId), notInArea));
            }
        }

        var residentIds = input.ResidentIds.Distinct().ToList();
        var residents = residentIds.Where(known.Residents.ContainsKey).Select(id => known.Residents[id]).ToList();
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

        if (input.CommunityEventId is { } eventId)
        {
            var day = DateOnly.FromDateTime(input.OccurredAt.ToOffset(VietnamTime.Offset).DateTime);
            if (!known.Events.TryGetValue(eventId, out var held) || held.CommuneId != communeId)
            {
                errors.Add(new(nameof(SessionInput.CommunityEventId), notInArea));
            }
            else if (input.Place != SupportPlace.Event)
            {
                errors.Add(new(nameof(SessionInput.CommunityEventId), l["Chỉ lượt hỗ trợ tại sự kiện mới gắn với một hoạt động cộng đồng."]));
            }
            else if (day < held.FirstDay || day > held.LastDay)
            {
                errors.Add(new(nameof(SessionInput.CommunityEventId), l["Lượt hỗ trợ phải diễn ra trong ngày của hoạt động cộng đồng."]));
            }
        }
        var team = TeamOf(input, communeId.Value, neighbourhoodId, known, errors);
        var members = MembersPresent(input, communeId.Value, known, errors);
        var activities = Activities(input, communeId.Value, known, errors);
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
            CampaignId = known.CampaignOn(communeId.Value, input.OccurredAt),
            CommunityEventId = input.CommunityEventId,
            Note = note,
            RecordedByUserId = db.Scope.UserId ?? Guid.Empty,
            RecordedAtUtc = recordedUtc,
        };
        session.Members.AddRange(members.Select(m => new SupportSessionMember { CommuneId = session.CommuneId, SessionId = session.Id, MemberId = m }));
        session.Residents.AddRange(residents.Select(r => new SupportSessionResident { CommuneId = session.CommuneId, SessionId = session.Id, ResidentId = r.Id }));
        session.Activities.AddRange(activities.Select(a => new SupportSessionActivity { CommuneId = session.CommuneId, SessionId = session.Id, ActivityId = a.Id }));

        var events = new List<ReadinessEvent>();
        foreach (var (item, value) in Outcomes(activities, known))
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
    private Guid? TeamOf(SessionInput input, int communeId, Guid? neighbourhoodId, Known known, List<FieldError> errors)
    {
        if (db.Scope.TeamId is { } ownTeam)
        {
            if (!known.Teams.Any(t => t.Id == ownTeam && t.CommuneId == communeId))
            {
                errors.Add(new(nameof(SessionInput.TeamId), l["Tài khoản của bạn chưa thuộc tổ CNSCĐ nào."]));
                return null;
            }
            return ownTeam;
        }
        if (input.TeamId is { } chosen)
        {
            if (!known.Teams.Any(t => t.Id == chosen && t.CommuneId == communeId && t.DissolvedOn == null))
            {
                errors.Add(new(nameof(SessionInput.TeamId), l["Không tìm thấy trong địa bàn của bạn."]));
                return null;
            }
            return chosen;
        }
        var team = neighbourhoodId is null ? null : known.Teams
            .Where(t => t.CommuneId == communeId && t.NeighbourhoodId == neighbourhoodId && t.DissolvedOn == null)
            .OrderBy(t => t.EstablishedOn).ThenBy(t => t.Id)
            .Select(t => (Guid?)t.Id).FirstOrDefault();
        if (team is null)
        {
            errors.Add(new(nameof(SessionInput.TeamId), l["Vui lòng chọn tổ CNSCĐ thực hiện."]));
        }
        return team;
    }

    /// <summary>Active members of the commune the user can see; none given means the user's own member row.</summary>
    private List<Guid> MembersPresent(SessionInput input, int communeId, Known known, List<FieldError> errors)
    {
        var wanted = input.MemberIds.Distinct().ToList();
        if (wanted.Count == 0)
        {
            var own = known.OwnMembers.Where(m => m.CommuneId == communeId).OrderBy(m => m.JoinedOn).Select(m => (Guid?)m.Id).FirstOrDefault();
            if (own is null)
            {
                errors.Add(new(nameof(SessionInput.MemberIds), l["Vui lòng chọn ít nhất một thành viên có mặt."]));
                return [];
            }
            return [own.Value];
        }
        if (wanted.Any(id => !known.Members.TryGetValue(id, out var commune) || commune != communeId))
        {
            errors.Add(new(nameof(SessionInput.MemberIds), l["Thành viên không có trong tổ đang hoạt động thuộc địa bàn của bạn."]));
            return [];
        }
        // The order given: the first member present is the one credited with the help.
        return wanted;
    }

    private List<SupportActivity> Activities(SessionInput input, int communeId, Known known, List<FieldError> errors)
    {
        var codes = input.ActivityCodes.Where(c => !string.IsNullOrWhiteSpace(c)).Select(c => c.Trim()).Distinct(StringComparer.Ordinal).ToList();
        if (codes.Count == 0)
        {
            errors.Add(new(nameof(SessionInput.ActivityCodes), l["Vui lòng chọn ít nhất một việc đã làm."]));
            return [];
        }
        // A ward's own entry with a national code stands in for the national one.
        var byCode = known.Activities
            .Where(a => codes.Contains(a.Code) && (a.CommuneId == null || a.CommuneId == communeId))
            .GroupBy(a => a.Code).ToDictionary(g => g.Key, g => g.OrderBy(a => a.CommuneId == null).First());
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
    private static List<(ReadinessItem Item, string Value)> Outcomes(List<SupportActivity> activities, Known known) =>
        [.. activities
            .Where(a => a.ReadinessItemId is { } id && a.ResultValue is not null && known.Items.ContainsKey(id))
            .GroupBy(a => a.ReadinessItemId!.Value)
            .Select(g =>
            {
                var item = known.Items[g.Key];
                var order = item.ChoiceList().Select(c => c.Code).ToList();
                return (item, g.Select(a => a.ResultValue!).OrderBy(v => order.IndexOf(v)).Last());
            })
            .OrderBy(o => o.item.SortOrder)];

    private sealed record HelpedResident(Guid Id, int CommuneId, Guid HouseholdId, Guid NeighbourhoodId);

    private sealed record TeamRow(Guid Id, int CommuneId, Guid NeighbourhoodId, DateOnly EstablishedOn, DateOnly? DissolvedOn);

    private sealed record MemberRow(Guid Id, int CommuneId, DateOnly JoinedOn);

    private sealed record CampaignRow(Guid Id, int CommuneId, DateOnly StartsOn, DateOnly EndsOn);

    /// <summary>
    /// Everything the sessions of one call name, read through the area-filtered sets in one query
    /// per kind: what is not here is not in the user's area (or does not exist).
    /// </summary>
    private sealed class Known
    {
        public HashSet<Guid> StoredSessions { get; private init; } = [];
        public Dictionary<Guid, (int CommuneId, Guid NeighbourhoodId)> Households { get; private init; } = [];
        public Dictionary<Guid, (int CommuneId, Guid NeighbourhoodId)> Businesses { get; private init; } = [];
        public Dictionary<Guid, HelpedResident> Residents { get; private init; } = [];
        public List<TeamRow> Teams { get; private set; } = [];
        public List<MemberRow> OwnMembers { get; private set; } = [];
        /// <summary>Active members named by the sessions, with their commune.</summary>
        public Dictionary<Guid, int> Members { get; private set; } = [];
        public List<SupportActivity> Activities { get; private set; } = [];
        public Dictionary<int, ReadinessItem> Items { get; private set; } = [];
        public List<CampaignRow> Campaigns { get; private set; } = [];
        /// <summary>The community events named, with their days in Vietnam.</summary>
        public Dictionary<Guid, (int CommuneId, DateOnly FirstDay, DateOnly LastDay)> Events { get; private set; } = [];

        /// <summary>The commune's campaign running on the session's day (the latest started), if any.</summary>
        public Guid? CampaignOn(int communeId, DateTimeOffset occurredAt)
        {
            var day = DateOnly.FromDateTime(occurredAt.ToOffset(VietnamTime.Offset).DateTime);
            return Campaigns.Where(c => c.CommuneId == communeId && c.StartsOn <= day && c.EndsOn >= day)
                .OrderByDescending(c => c.StartsOn).ThenBy(c => c.Id).Select(c => (Guid?)c.Id).FirstOrDefault();
        }

        public static async Task<Known> LoadAsync(AppDbContext db, IReadOnlyList<SessionInput> inputs, CancellationToken ct)
        {
            var sessionIds = Distinct(inputs.Where(i => i.Id != Guid.Empty).Select(i => i.Id));
            var householdIds = Distinct(inputs.Where(i => i.HouseholdId is not null).Select(i => i.HouseholdId!.Value));
            var businessIds = Distinct(inputs.Where(i => i.BusinessId is not null).Select(i => i.BusinessId!.Value));
            var residentIds = Distinct(inputs.SelectMany(i => i.ResidentIds));
            var known = new Known
            {
                StoredSessions = sessionIds.Count == 0 ? [] : [.. await db.SupportSessions.Where(s => sessionIds.Contains(s.Id)).Select(s => s.Id).ToListAsync(ct)],
                Households = householdIds.Count == 0 ? [] : await db.Households.Where(h => householdIds.Contains(h.Id))
                    .Select(h => new { h.Id, h.CommuneId, h.NeighbourhoodId }).ToDictionaryAsync(h => h.Id, h => (h.CommuneId, h.NeighbourhoodId), ct),
                Businesses = businessIds.Count == 0 ? [] : await db.Businesses.Where(b => businessIds.Contains(b.Id))
                    .Select(b => new { b.Id, b.CommuneId, b.NeighbourhoodId }).ToDictionaryAsync(b => b.Id, b => (b.CommuneId, b.NeighbourhoodId), ct),
                Residents = residentIds.Count == 0 ? [] : await db.Residents.Where(r => residentIds.Contains(r.Id) && r.ErasedAtUtc == null)
                    .Select(r => new HelpedResident(r.Id, r.CommuneId, r.HouseholdId, r.NeighbourhoodId)).ToDictionaryAsync(r => r.Id, ct),
            };
            var communes = known.Households.Values.Select(h => h.CommuneId)
                .Concat(known.Businesses.Values.Select(b => b.CommuneId))
                .Concat(known.Residents.Values.Select(r => r.CommuneId))
                .Distinct().ToList();
            if (communes.Count == 0)
            {
                return known;
            }
            known.Teams = await db.Teams.Where(t => communes.Contains(t.CommuneId))
                .Select(t => new TeamRow(t.Id, t.CommuneId, t.NeighbourhoodId, t.EstablishedOn, t.DissolvedOn)).ToListAsync(ct);
            var userId = db.Scope.UserId;
            known.OwnMembers = await db.Members.Where(m => m.UserId == userId && m.UserId != null && m.LeftOn == null && communes.Contains(m.CommuneId))
                .Select(m => new MemberRow(m.Id, m.CommuneId, m.JoinedOn)).ToListAsync(ct);
            var memberIds = Distinct(inputs.SelectMany(i => i.MemberIds));
            known.Members = memberIds.Count == 0 ? [] : await db.Members.Where(m => memberIds.Contains(m.Id) && m.LeftOn == null)
                .ToDictionaryAsync(m => m.Id, m => m.CommuneId, ct);
            var codes = inputs.SelectMany(i => i.ActivityCodes).Where(c => !string.IsNullOrWhiteSpace(c)).Select(c => c.Trim()).Distinct(StringComparer.Ordinal).ToList();
            known.Activities = codes.Count == 0 ? [] : await db.SupportActivities.AsNoTracking()
                .Where(a => codes.Contains(a.Code) && a.IsActive && (a.CommuneId == null || communes.Contains(a.CommuneId.Value)))
                .ToListAsync(ct);
            var itemIds = known.Activities.Where(a => a.ReadinessItemId is not null && a.ResultValue is not null).Select(a => a.ReadinessItemId!.Value).Distinct().ToList();
            known.Items = itemIds.Count == 0 ? [] : await db.ReadinessItems.AsNoTracking().Where(i => itemIds.Contains(i.Id) && i.IsActive).ToDictionaryAsync(i => i.Id, ct);
            var days = inputs.Select(i => DateOnly.FromDateTime(i.OccurredAt.ToOffset(VietnamTime.Offset).DateTime)).ToList();
            var (first, last) = (days.Min(), days.Max());
            known.Campaigns = await db.Campaigns.Where(c => communes.Contains(c.CommuneId) && c.StartsOn <= last && c.EndsOn >= first)
                .Select(c => new CampaignRow(c.Id, c.CommuneId, c.StartsOn, c.EndsOn)).ToListAsync(ct);
            var eventIds = Distinct(inputs.Where(i => i.CommunityEventId is not null).Select(i => i.CommunityEventId!.Value));
            if (eventIds.Count > 0)
            {
                var events = await db.CommunityEvents.Where(e => eventIds.Contains(e.Id))
                    .Select(e => new { e.Id, e.CommuneId, e.StartsAtUtc, e.EndsAtUtc }).ToListAsync(ct);
                known.Events = events.ToDictionary(e => e.Id, e => (e.CommuneId,
                    DateOnly.FromDateTime(VietnamTime.FromUtc(e.StartsAtUtc)), DateOnly.FromDateTime(VietnamTime.FromUtc(e.EndsAtUtc ?? e.StartsAtUtc))));
            }
            return known;
        }

        private static List<Guid> Distinct(IEnumerable<Guid> ids) => [.. ids.Distinct()];
    }
}
