using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Unicode;
using CongDongSo.Web.Data;
using CongDongSo.Web.Infrastructure.Localization;
using CongDongSo.Web.Infrastructure.Web;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace CongDongSo.Web.Features.FieldWork;

/// <summary>A batch of sessions recorded offline. Fields are read as text so one malformed item cannot sink the batch.</summary>
public sealed record SyncRequest
{
    public string? IdempotencyKey { get; init; }
    public List<SyncSessionItem?>? Sessions { get; init; }
}

public sealed record SyncSessionItem
{
    public string? Id { get; init; }
    public string? OccurredAt { get; init; }
    public string? Place { get; init; }
    public string? HouseholdId { get; init; }
    public string? BusinessId { get; init; }
    public List<string?>? ResidentIds { get; init; }
    public List<string?>? MemberIds { get; init; }
    public List<string?>? ActivityCodes { get; init; }
    public string? Note { get; init; }
    /// <summary>The community event the session was recorded at (place "Event").</summary>
    public string? CommunityEventId { get; init; }
}

public sealed record SyncResponse(string IdempotencyKey, List<SyncItemResult> Results);

/// <summary>An answer stored for a key, and whether it was stored for this very batch.</summary>
public sealed record StoredSync(SyncResponse Response, bool SameBatch);

/// <summary>One item's answer: "created", "duplicate" or "rejected" with errors keyed by field.</summary>
public sealed record SyncItemResult(string Id, string Status, Dictionary<string, string[]>? Errors);

/// <summary>
/// Stores an offline batch: each item on its own (its own transaction, its own answer), then the
/// answer under the batch's idempotency key. The session ids are the real guard against doubles:
/// a batch whose answer was never stored (a crash in between) is sent again and finds its sessions.
/// </summary>
public sealed class SyncSessions(AppDbContext db, RecordSession record, IStringLocalizer<SharedResource> l, ILogger<SyncSessions> logger)
{
    public const int MaxSessions = 200;
    public const int MaxKeyLength = 100;

    private static readonly JsonSerializerOptions s_json = new(JsonSerializerDefaults.Web)
    {
        Encoder = JavaScriptEncoder.Create(UnicodeRanges.All),
    };

    /// <summary>Problems of the batch as a whole (400); empty when it may be processed.</summary>
    public Dictionary<string, string[]> CheckBatch(SyncRequest request)
    {
        var errors = new Dictionary<string, string[]>();
        if (string.IsNullOrWhiteSpace(request.IdempotencyKey) || request.IdempotencyKey.Length > MaxKeyLength)
        {
            errors["idempotencyKey"] = [l["Khóa chống gửi trùng (idempotencyKey) phải có từ 1 đến 100 ký tự."]];
        }
        if (request.Sessions is null)
        {
            errors["sessions"] = [l["Thiếu danh sách lượt hỗ trợ (sessions)."]];
        }
        else if (request.Sessions.Count > MaxSessions)
        {
            errors["sessions"] = [l["Mỗi lần gửi tối đa {0} lượt hỗ trợ.", MaxSessions]];
        }
        return errors;
    }

    /// <summary>The answer stored for this user's key, if a batch was already received under it.</summary>
    public async Task<StoredSync?> StoredAsync(SyncRequest request, CancellationToken ct)
    {
        var userId = db.Scope.UserId;
        var key = request.IdempotencyKey;
        var stored = await db.SyncBatches.Where(b => b.UserId == userId && b.IdempotencyKey == key)
            .Select(b => new { b.Response, b.RequestHash }).FirstOrDefaultAsync(ct);
        if (stored is null)
        {
            return null;
        }
        // Batches stored before the hash was kept have none: their key alone decides, as it did then.
        var same = stored.RequestHash is null || stored.RequestHash == HashOf(request);
        return new StoredSync(JsonSerializer.Deserialize<SyncResponse>(stored.Response, s_json)!, same);
    }

    /// <summary>The batch's fingerprint: its canonical JSON (the parsed fields, so spacing does not count), hashed.</summary>
    public static string HashOf(SyncRequest request) =>
        Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(JsonSerializer.SerializeToUtf8Bytes(request, s_json)));

    /// <summary>
    /// Records every item, then stores the answer; <c>Replayed</c> when another request stored it first.
    /// The batch is one transaction, so one commit (one flush to disk) for all its sessions; each item
    /// still stands alone: a save that fails is rolled back to the savepoint EF Core sets before it,
    /// and only that item is answered "rejected". Nothing is acknowledged before the commit, so a
    /// crash loses no acknowledged session: the phone sends the batch again and the ids find their rows.
    /// </summary>
    public async Task<(SyncResponse Response, bool Replayed)> RunAsync(SyncRequest request, DateTime receivedAtUtc, CancellationToken ct)
    {
        var key = request.IdempotencyKey!;
        // Reads and checks first, outside the transaction: on SQLite the write lock is then held for
        // the writes alone, which is what lets concurrent phones through.
        var prepared = await PrepareAsync(request.Sessions!, ct);
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var results = await SaveAsync(prepared, ct);
        var response = new SyncResponse(key, results);
        db.SyncBatches.Add(new SyncBatch
        {
            UserId = db.Scope.UserId ?? Guid.Empty,
            IdempotencyKey = key,
            ReceivedAtUtc = receivedAtUtc,
            Response = JsonSerializer.Serialize(response, s_json),
            RequestHash = HashOf(request),
        });
        try
        {
            await db.SaveChangesAsync(ct);
            await transaction.CommitAsync(ct);
            return (response, false);
        }
        catch (DbUpdateException)
        {
            // The same batch twice at once: the first answer stored is the answer, and this one's
            // sessions (the same ids) were stored by it.
            await transaction.RollbackAsync(ct);
            db.ChangeTracker.Clear();
            var stored = await StoredAsync(request, ct);
            return stored is null ? throw new InvalidOperationException("The sync batch could not be stored.") : (stored.Response, true);
        }
    }

    /// <summary>
    /// The items checked: each one's prepared rows, or already its answer (malformed, refused, a
    /// duplicate). The well-formed items are checked together (one read per kind of row); should that
    /// fail, each is checked on its own, so a fault stays with its item.
    /// </summary>
    private async Task<List<(string Id, PreparedSession? Session, SyncItemResult? Answer)>> PrepareAsync(List<SyncSessionItem?> items, CancellationToken ct)
    {
        var parsed = items.Select(item =>
        {
            var errors = new List<FieldError>();
            var input = Parse(item, errors);
            return (Id: item?.Id ?? "", Input: input, Errors: errors);
        }).ToList();
        var wellFormed = Enumerable.Range(0, parsed.Count).Where(i => parsed[i].Errors.Count == 0).ToList();
        IReadOnlyList<PreparedSession>? checkedTogether = null;
        try
        {
            checkedTogether = await record.PrepareAsync([.. wellFormed.Select(i => parsed[i].Input)], ct);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            logger.LogWarning(e, "A sync batch could not be checked as a whole; its items are checked one by one.");
        }
        var byInput = new Dictionary<int, PreparedSession>();
        for (var i = 0; checkedTogether is not null && i < wellFormed.Count; i++)
        {
            byInput[wellFormed[i]] = checkedTogether[i];
        }
        var answers = new List<(string Id, PreparedSession? Session, SyncItemResult? Answer)>(parsed.Count);
        for (var i = 0; i < parsed.Count; i++)
        {
            var (id, input, errors) = parsed[i];
            if (errors.Count > 0)
            {
                answers.Add((id, null, new(id, "rejected", Group(errors))));
                continue;
            }
            try
            {
                var prepared = byInput.TryGetValue(i, out var p) ? p : await record.PrepareAsync(input, ct);
                answers.Add(prepared.Outcome is { } outcome ? (id, null, Answer(id, outcome)) : (id, prepared, null));
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                answers.Add((id, null, Failed(id, e, input.Id)));
            }
        }
        return answers;
    }

    /// <summary>
    /// Stores the prepared items in one save; should that save fail as a whole, each is saved on its
    /// own (inside the batch's transaction), so a fault stays with its item.
    /// </summary>
    private async Task<List<SyncItemResult>> SaveAsync(List<(string Id, PreparedSession? Session, SyncItemResult? Answer)> prepared, CancellationToken ct)
    {
        var toSave = prepared.Where(p => p.Session is not null).ToList();
        try
        {
            var saved = await record.SaveAsync([.. toSave.Select(p => p.Session!)], ct);
            var byId = toSave.Select((p, i) => (p.Session!, Answer(p.Id, saved[i]))).ToDictionary(x => x.Item1, x => x.Item2);
            return [.. prepared.Select(p => p.Answer ?? byId[p.Session!])];
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            logger.LogWarning(e, "A sync batch could not be saved as a whole; its items are saved one by one.");
            db.ChangeTracker.Clear();
        }
        var results = new List<SyncItemResult>(prepared.Count);
        foreach (var (id, session, answer) in prepared)
        {
            results.Add(answer ?? await SaveOneAsync(id, session!, ct));
        }
        return results;
    }

    private async Task<SyncItemResult> SaveOneAsync(string id, PreparedSession prepared, CancellationToken ct)
    {
        try
        {
            return Answer(id, await record.SaveAsync(prepared, ct));
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            return Failed(id, e, prepared.Id);
        }
    }

    /// <summary>
    /// A fault in one item must not sink the others, nor leave the batch unanswered (the phone would
    /// resend it forever). The item stays on the phone, flagged, to be sent again.
    /// </summary>
    private SyncItemResult Failed(string id, Exception e, Guid sessionId)
    {
        db.ChangeTracker.Clear();
        logger.LogError(e, "Sync item {SessionId} failed.", sessionId);
        return new(id, "rejected", new() { ["id"] = [l["Máy chủ không ghi được lượt hỗ trợ này; hãy gửi lại sau."]] });
    }

    private static SyncItemResult Answer(string id, RecordResult result) => result.Status switch
    {
        RecordStatus.Created => new(id, "created", null),
        RecordStatus.Duplicate => new(id, "duplicate", null),
        _ => new(id, "rejected", Group(result.Errors)),
    };

    private SessionInput Parse(SyncSessionItem? item, List<FieldError> errors)
    {
        if (item is null)
        {
            errors.Add(new(nameof(SessionInput.Id), l["Lượt hỗ trợ trống."]));
            return new SessionInput();
        }
        if (!Guid.TryParse(item.Id, out var id) || id == Guid.Empty)
        {
            errors.Add(new(nameof(SessionInput.Id), l["Mã lượt hỗ trợ phải là một UUID."]));
        }
        var occurredAt = ParseMoment(item.OccurredAt);
        if (occurredAt is null)
        {
            errors.Add(new(nameof(SessionInput.OccurredAt), l["Thời gian hỗ trợ không hợp lệ (cần dạng 2026-11-20T09:30:00+07:00, từ năm 2020 đến nay)."]));
        }
        // Names only: a number would slip past Enum.TryParse.
        if (!Enum.TryParse<SupportPlace>(item.Place, ignoreCase: true, out var place) || !Enum.IsDefined(place)
            || int.TryParse(item.Place, CultureInfo.InvariantCulture, out _))
        {
            errors.Add(new(nameof(SessionInput.Place), l["Vui lòng chọn nơi hỗ trợ."]));
        }
        return new SessionInput
        {
            Id = id,
            OccurredAt = occurredAt ?? default,
            Place = place,
            HouseholdId = OptionalId(item.HouseholdId, nameof(SessionInput.HouseholdId), errors),
            BusinessId = OptionalId(item.BusinessId, nameof(SessionInput.BusinessId), errors),
            ResidentIds = Ids(item.ResidentIds, nameof(SessionInput.ResidentIds), errors),
            MemberIds = Ids(item.MemberIds, nameof(SessionInput.MemberIds), errors),
            ActivityCodes = [.. (item.ActivityCodes ?? []).OfType<string>()],
            Note = item.Note,
            CommunityEventId = OptionalId(item.CommunityEventId, nameof(SessionInput.CommunityEventId), errors),
        };
    }

    private Guid? OptionalId(string? text, string field, List<FieldError> errors)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }
        if (Guid.TryParse(text, out var id))
        {
            return id;
        }
        errors.Add(new(field, l["Không tìm thấy trong địa bàn của bạn."]));
        return null;
    }

    private List<Guid> Ids(List<string?>? texts, string field, List<FieldError> errors)
    {
        var ids = new List<Guid>();
        foreach (var text in texts ?? [])
        {
            if (Guid.TryParse(text, out var id))
            {
                ids.Add(id);
            }
            else
            {
                errors.Add(new(field, l["Không tìm thấy trong địa bàn của bạn."]));
                break;
            }
        }
        return ids;
    }

    /// <summary>
    /// ISO 8601; a time without an offset is Vietnam time, as the phone showed it. Null when it is not a
    /// moment, or not one of years 2000–2099 (0001-01-01 cannot even be moved to Vietnam time);
    /// RecordSession then checks the range a session may have.
    /// </summary>
    internal static DateTimeOffset? ParseMoment(string? text)
    {
        if (string.IsNullOrWhiteSpace(text)
            || !DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var moment)
            || moment.UtcDateTime.Year is < 2000 or > 2099)
        {
            return null;
        }
        // After the date part "yyyy-MM-dd" a sign can only start an offset.
        var hasOffset = text.Length > 10 && (text.EndsWith('Z') || text.EndsWith('z') || text.AsSpan(10).IndexOfAny('+', '-') >= 0);
        return hasOffset ? moment : new DateTimeOffset(DateTime.SpecifyKind(moment.UtcDateTime, DateTimeKind.Unspecified), VietnamTime.Offset);
    }

    private static Dictionary<string, string[]> Group(IEnumerable<FieldError> errors) =>
        errors.GroupBy(e => JsonNamingPolicy.CamelCase.ConvertName(e.Field))
            .ToDictionary(g => g.Key, g => g.Select(e => e.Message).Distinct().ToArray());
}
