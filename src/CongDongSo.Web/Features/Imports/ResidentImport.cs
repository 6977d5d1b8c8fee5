using System.Diagnostics;
using CongDongSo.Web.Data;
using CongDongSo.Web.Infrastructure.Imports;
using CongDongSo.Web.Infrastructure.Privacy;
using CongDongSo.Web.Infrastructure.Rules;
using CongDongSo.Web.Infrastructure.Text;
using Microsoft.EntityFrameworkCore;

namespace CongDongSo.Web.Features.Imports;

/// <summary>
/// Residents, matched by the keyed hash of their ID number, else by household, folded name and
/// birth year. ID numbers and phones are stored only encrypted, with their lookup hash and tail.
/// The households come from the same sheet: a household code the commune does not have yet is
/// created from the first row that names its neighbourhood (and address), when one of its people
/// is written; every row's neighbourhood must be its household's.
/// </summary>
internal sealed class ResidentImport(ImportRun run) : KindImport<ResidentImport.Row>(run)
{
    /// <summary>The first row of each ID number and of each person without one: its number, STT and name, for the duplicate's message.</summary>
    private readonly Dictionary<Int128, (int Number, string? Stt, string Name)> _ids = [];
    private readonly Dictionary<Int128, (int Number, string? Stt, string Name)> _people = [];
    private Dictionary<string, Guid> _neighbourhoods = [];
    private Dictionary<Guid, string> _neighbourhoodNames = [];
    /// <summary>Households the sheet names that the commune does not have yet: from their first row that says where they are.</summary>
    private readonly Dictionary<string, NewHousehold> _newHouseholds = new(StringComparer.Ordinal);

    private sealed record NewHousehold(string Code, Guid NeighbourhoodId, string? Address, int FirstRow);
    private readonly Dictionary<string, int> _heads = new(StringComparer.Ordinal);
    /// <summary>The commune's residents by the fingerprint of their ID hash: keys only (16 + 16 bytes each), never the rows.</summary>
    private readonly Dictionary<Int128, Guid> _known = [];
    /// <summary>
    /// The commune's households by code, read once at the start (untracked, a few hundred bytes each):
    /// asking for each chunk's 600-odd codes was most of the lookup time on PostgreSQL.
    /// </summary>
    private readonly Dictionary<string, Household> _households = new(StringComparer.Ordinal);
    /// <summary>Households with someone known only by name and birth year (no ID number): the only ones worth a name lookup.</summary>
    private readonly HashSet<Guid> _withUnnumbered = [];
    /// <summary>Households whose head this run created or found while they had none: linked in one statement at the end.</summary>
    private readonly HashSet<Guid> _headless = [];

    public override IReadOnlyList<Type> Reads { get; } = [typeof(Household), typeof(Resident)];

    internal sealed class Row(SheetRow sheet) : ParsedRow(sheet)
    {
        public override string? Who => FullName.Length > 0 ? FullName : null;
        public Guid? NeighbourhoodId { get; set; }
        public string? Address { get; set; }
        public string HouseholdCode { get; set; } = "";
        public string FullName { get; set; } = "";
        public string SearchName { get; set; } = "";
        public DateOnly? BirthDate { get; set; }
        public int? BirthYear { get; set; }
        public Gender? Gender { get; set; }
        public string? CitizenId { get; set; }
        public byte[]? CitizenIdHash { get; set; }
        public string? Phone { get; set; }
        public byte[]? PhoneHash { get; set; }
        public RelationToHead? Relation { get; set; }
        public bool? Disability { get; set; }
        /// <summary>The ID number and phone already encrypted (by the protector) while parsing, when the person is new.</summary>
        public Resident? Sealed { get; set; }
    }

    public override async Task PrepareAsync(CancellationToken cancellationToken)
    {
        _neighbourhoods = await NeighbourhoodsAsync(cancellationToken);
        _neighbourhoodNames = await Db.Neighbourhoods.Where(n => n.CommuneId == Run.CommuneId)
            .ToDictionaryAsync(n => n.Id, n => n.Name, cancellationToken);
        await LookupAsync(async () =>
        {
            await foreach (var household in Db.Households.AsNoTracking().Where(h => h.CommuneId == Run.CommuneId)
                .AsAsyncEnumerable().WithCancellation(cancellationToken))
            {
                _households[household.Code] = household;
            }
            return _households.Count;
        });
        // One streamed query instead of a lookup of 2,000 hashes per chunk (a long IN list of blobs is slow on SQLite).
        await foreach (var r in Db.Residents.AsNoTracking().Where(r => r.CommuneId == Run.CommuneId && r.CitizenIdHash != null)
            .Select(r => new { r.Id, r.CitizenIdHash }).AsAsyncEnumerable().WithCancellation(cancellationToken))
        {
            _known[Fingerprint(r.CitizenIdHash!)] = r.Id;
        }
        await foreach (var household in Db.Residents.AsNoTracking().Where(r => r.CommuneId == Run.CommuneId && r.CitizenIdHash == null && r.ErasedAtUtc == null)
            .Select(r => r.HouseholdId).Distinct().AsAsyncEnumerable().WithCancellation(cancellationToken))
        {
            _withUnnumbered.Add(household);
        }
    }

    protected override Row ParseRow(SheetRow sheet)
    {
        var row = new Row(sheet);
        row.Stt = Text(row, "Stt");
        var code = Required(row, "HouseholdCode", 40);
        var name = Required(row, "FullName", PopulationRules.MaxNameLength);
        if (Text(row, "Neighbourhood") is { } neighbourhood)
        {
            if (_neighbourhoods.TryGetValue(SheetReader.HeaderKey(neighbourhood), out var id))
            {
                row.NeighbourhoodId = id;
            }
            else
            {
                Fail(row, "Neighbourhood", "Tổ dân phố “{0}” không có trong danh sách tổ dân phố, thôn đang hoạt động của phường/xã.", neighbourhood);
            }
        }
        row.Address = Optional(row, "Address", PopulationRules.MaxAddressLength);
        if (Text(row, "Birth") is { } birth)
        {
            if (!ImportCells.TryDate(birth, out var date, out var year))
            {
                Fail(row, "Birth", "Ngày sinh “{0}” không hợp lệ: dùng dd/MM/yyyy, yyyy-MM-dd hoặc chỉ năm sinh.", birth);
            }
            else if (PopulationRules.BirthProblem(date, year, Run.Today) is { } problem)
            {
                Fail(row, "Birth", problem.Key, problem.Args);
            }
            else
            {
                row.BirthDate = date;
                row.BirthYear = year;
            }
        }
        row.Gender = Gender(row, "Gender");
        // The forms' rule; what a person at the form must fix now is a warning here (imported, to check).
        // No message repeats the number: error lists are personal data too.
        var check = CitizenId.Check(Text(row, "CitizenId"), row.BirthYear, row.Gender, repairDroppedZero: true);
        if (check.Error is { } idError)
        {
            Fail(row, "CitizenId", idError.Key, idError.Args);
        }
        foreach (var warning in check.Warnings)
        {
            Warn(row, "CitizenId", warning.Key, warning.Args);
        }
        if (check.Number is { } number)
        {
            row.CitizenId = number;
            row.CitizenIdHash = Run.Protector.LookupHash(number);
        }
        row.Phone = Phone(row, "Phone");
        row.PhoneHash = Run.Protector.LookupHash(row.Phone);
        row.Relation = ImportCells.Relation(Text(row, "Relation"));
        row.Disability = Bool(row, "Disability");
        row.HouseholdCode = code ?? "";
        row.FullName = name ?? "";
        row.SearchName = VietnameseText.Fold(name);
        // Someone whose ID number the commune does not know yet is created (or gets the number): their
        // encryption is certain work, done here on all cores instead of on the writing flow.
        if (Run.Writing && !row.Failed && row.CitizenIdHash is not null && !_known.ContainsKey(Fingerprint(row.CitizenIdHash)))
        {
            row.Sealed = Protect(row);
        }
        return row;
    }

    /// <summary>The row's ID number and phone as the protector stores them (cipher, keyed hash, tail), on a scratch resident.</summary>
    private Resident Protect(Row row)
    {
        var started = Stopwatch.GetTimestamp();
        var sealedData = new Resident { FullName = "" };
        Run.Protector.SetCitizenId(sealedData, row.CitizenId, row.CitizenIdHash);
        Run.Protector.SetPhone(sealedData, row.Phone, row.PhoneHash);
        Result.Timings.AddProtect(Stopwatch.GetElapsedTime(started));
        return sealedData;
    }

    /// <summary>"STT 6" when the sheet numbers its rows, else the row's own number.</summary>
    private static string RowReference((int Number, string? Stt, string Name) row) =>
        row.Stt is { Length: > 0 } stt ? "STT " + stt : row.Number.ToString(System.Globalization.CultureInfo.InvariantCulture);

    protected override void CheckInFile(Row row)
    {
        CheckHousehold(row);
        if (row.CitizenIdHash is not null)
        {
            var key = Fingerprint(row.CitizenIdHash);
            if (_ids.TryGetValue(key, out var first))
            {
                Fail(row, "CitizenId", "Trùng số định danh với dòng {0} – {1}.", RowReference(first), first.Name);
            }
            else
            {
                _ids[key] = (row.Number, row.Stt, row.FullName);
            }
        }
        else if (row.HouseholdCode.Length > 0 && row.FullName.Length > 0)
        {
            // Without an ID number a person is their household, name and birth year.
            var key = Fingerprint($"{row.HouseholdCode}\u001F{row.SearchName}\u001F{row.BirthYear}");
            if (_people.TryGetValue(key, out var first))
            {
                Fail(row, "FullName", "Trùng với dòng {0} – {1}: cùng mã hộ, họ tên và năm sinh.", RowReference(first), first.Name);
            }
            else
            {
                _people[key] = (row.Number, row.Stt, row.FullName);
            }
        }
        if (row.HouseholdCode.Length > 0 && row.Relation == RelationToHead.Head)
        {
            if (_heads.TryGetValue(row.HouseholdCode, out var first))
            {
                Fail(row, "Relation", "Hộ “{0}” đã có chủ hộ ở dòng {1}.", row.HouseholdCode, first);
            }
            else
            {
                _heads[row.HouseholdCode] = row.Number;
            }
        }
    }

    /// <summary>
    /// The row's household, in file order: one the commune has (the row's neighbourhood, when given, must
    /// be its own), or one this sheet creates from its first row that says where it is. A row whose
    /// person is wrong still says where its household is, so the household's other people are not lost.
    /// </summary>
    private void CheckHousehold(Row row)
    {
        if (row.HouseholdCode.Length == 0)
        {
            return;
        }
        if (_households.TryGetValue(row.HouseholdCode, out var known))
        {
            if (row.NeighbourhoodId is { } given && given != known.NeighbourhoodId)
            {
                Fail(row, "Neighbourhood", "Hộ “{0}” thuộc {1}, dòng này ghi {2}: sửa tổ dân phố hoặc mã hộ.",
                    row.HouseholdCode, NeighbourhoodName(known.NeighbourhoodId), NeighbourhoodName(given));
            }
            return;
        }
        if (_newHouseholds.TryGetValue(row.HouseholdCode, out var planned))
        {
            if (row.NeighbourhoodId is { } given && given != planned.NeighbourhoodId)
            {
                Fail(row, "Neighbourhood", "Hộ “{0}” đã ghi thuộc {1} ở dòng {2}, dòng này ghi {3}: sửa tổ dân phố hoặc mã hộ.",
                    row.HouseholdCode, NeighbourhoodName(planned.NeighbourhoodId), planned.FirstRow, NeighbourhoodName(given));
            }
            return;
        }
        if (row.NeighbourhoodId is { } neighbourhood)
        {
            _newHouseholds[row.HouseholdCode] = new NewHousehold(row.HouseholdCode, neighbourhood, row.Address, row.Number);
            if (row.Address is null)
            {
                Warn(row, "Address", "Hộ mới “{0}” chưa có địa chỉ: bổ sung sau trên trang hộ.", row.HouseholdCode);
            }
        }
        else if (!row.Failed || !Run.Map.Has("Neighbourhood"))
        {
            Fail(row, "HouseholdCode", Run.Map.Has("Neighbourhood")
                ? "Mã hộ “{0}” chưa có trong phường/xã: ghi tổ dân phố của hộ để tạo hộ mới."
                : "Mã hộ “{0}” chưa có trong phường/xã: thêm cột Tổ dân phố (và Địa chỉ) để tạo hộ mới, hoặc nhập danh sách hộ trước.", row.HouseholdCode);
        }
    }

    private string NeighbourhoodName(Guid id) => _neighbourhoodNames.GetValueOrDefault(id) ?? "?";

    protected override async Task ApplyValidAsync(List<Row> rows, CancellationToken cancellationToken)
    {
        await CreateHouseholdsAsync(rows, cancellationToken);
        var households = rows.Select(r => r.HouseholdCode).Distinct().Where(_households.ContainsKey)
            .ToDictionary(code => code, code => _households[code], StringComparer.Ordinal);
        // The chunk's existing residents: those with one of its ID numbers (known from the keys read at the
        // start), and for matching by name and birth year those in its households where it can apply: the
        // households of rows without a number, and those with someone who has none.
        var ids = rows.Where(r => r.CitizenIdHash is not null)
            .Select(r => _known.TryGetValue(Fingerprint(r.CitizenIdHash!), out var id) ? id : Guid.Empty)
            .Where(id => id != Guid.Empty).ToList();
        var byName = households.Values.Select(h => h.Id).Where(_withUnnumbered.Contains)
            .Concat(rows.Where(r => r.CitizenIdHash is null && households.ContainsKey(r.HouseholdCode)).Select(r => households[r.HouseholdCode].Id))
            .Distinct().ToList();
        // Read untracked: most rows of a re-import change nothing, and tracking costs more than the query.
        var existing = ids.Count == 0 ? [] : await LookupAsync(() => Db.Residents.AsNoTracking()
            .Where(r => r.CommuneId == Run.CommuneId && EF.Parameter(ids).Contains(r.Id)).ToListAsync(cancellationToken));
        if (byName.Count > 0)
        {
            var loaded = existing.Select(r => r.Id).ToHashSet();
            existing.AddRange((await LookupAsync(() => Db.Residents.AsNoTracking()
                .Where(r => r.CommuneId == Run.CommuneId && EF.Parameter(byName).Contains(r.HouseholdId))
                .ToListAsync(cancellationToken))).Where(r => !loaded.Contains(r.Id)));
        }
        var byHash = existing.Where(r => r.CitizenIdHash is not null).ToDictionary(r => Fingerprint(r.CitizenIdHash!));
        var sameName = existing.Where(r => r.ErasedAtUtc is null).ToLookup(r => (r.HouseholdId, r.SearchName));
        var matched = new HashSet<Guid>();
        var created = new List<(Resident Resident, Row Row)>();
        foreach (var row in rows)
        {
            if (!households.TryGetValue(row.HouseholdCode, out var household))
            {
                continue; // CheckHousehold failed the row already
            }
            Resident? resident = null;
            if (row.CitizenIdHash is not null && byHash.TryGetValue(Fingerprint(row.CitizenIdHash), out resident) && resident.ErasedAtUtc is not null)
            {
                Fail(row, "CitizenId", "Người có số định danh này đã được xóa dữ liệu theo yêu cầu; không nhập lại.");
                continue;
            }
            // By name and birth year: anyone when the row has no number, else only someone who has none yet.
            resident ??= sameName[(household.Id, row.SearchName)].FirstOrDefault(r => !matched.Contains(r.Id)
                && (row.BirthYear is null || r.BirthYear == row.BirthYear) && (row.CitizenIdHash is null || r.CitizenIdHash is null));
            if (resident is null)
            {
                resident = new Resident
                {
                    CommuneId = Run.CommuneId, HouseholdId = household.Id, NeighbourhoodId = household.NeighbourhoodId,
                    FullName = row.FullName, SearchName = row.SearchName, BirthDate = row.BirthDate, BirthYear = row.BirthYear,
                    Gender = row.Gender, Relation = row.Relation ?? RelationToHead.Other, HasDisability = row.Disability ?? false,
                    CreatedAtUtc = Run.NowUtc, UpdatedAtUtc = Run.NowUtc,
                };
                created.Add((resident, row));
                Result.Created++;
            }
            else if (Update(resident, row, household))
            {
                resident.UpdatedAtUtc = Run.NowUtc;
                Result.Updated++;
            }
            else
            {
                Result.Unchanged++;
            }
            matched.Add(resident.Id);
            if (resident.Relation == RelationToHead.Head)
            {
                Lead(household, resident);
            }
        }
        if (!Run.Writing)
        {
            return;
        }
        await InsertProtectedAsync(created, cancellationToken);
        await SaveAsync(cancellationToken);
    }

    /// <summary>
    /// Creates the new households that this chunk's valid rows live in, before their people: a household
    /// is made only when someone of it is written, so a sheet never leaves empty households behind.
    /// </summary>
    private async Task CreateHouseholdsAsync(List<Row> rows, CancellationToken cancellationToken)
    {
        var created = new List<Household>();
        foreach (var code in rows.Select(r => r.HouseholdCode).Distinct(StringComparer.Ordinal))
        {
            if (_households.ContainsKey(code) || !_newHouseholds.Remove(code, out var planned))
            {
                continue;
            }
            var household = new Household
            {
                CommuneId = Run.CommuneId, Code = code, Address = planned.Address ?? "", NeighbourhoodId = planned.NeighbourhoodId,
                SearchText = HouseholdSearchText(code, planned.Address ?? "", null), CreatedAtUtc = Run.NowUtc, UpdatedAtUtc = Run.NowUtc,
            };
            _households[code] = household;
            created.Add(household);
            Result.HouseholdsCreated++;
        }
        await InsertAsync(created, cancellationToken);
    }

    /// <summary>The household's head: linked at the end when it has none, changed now (rarely) when it names another.</summary>
    private void Lead(Household household, Resident head)
    {
        if (household.HeadResidentId is null)
        {
            _headless.Add(household.Id);
            return;
        }
        var search = HouseholdSearchText(household.Code, household.Address, head.FullName);
        if (household.HeadResidentId != head.Id || household.SearchText != search)
        {
            Db.Households.Attach(household);
            household.HeadResidentId = head.Id;
            household.SearchText = search;
            household.UpdatedAtUtc = Run.NowUtc;
        }
    }

    /// <summary>Inserts the new residents with their encrypted ID numbers and phones (most sealed while parsing).</summary>
    private async Task InsertProtectedAsync(List<(Resident Resident, Row Row)> created, CancellationToken cancellationToken)
    {
        foreach (var (resident, row) in created)
        {
            var sealedData = row.Sealed ?? Protect(row);
            resident.CitizenIdCipher = sealedData.CitizenIdCipher;
            resident.CitizenIdHash = sealedData.CitizenIdHash;
            resident.CitizenIdTail = sealedData.CitizenIdTail;
            resident.PhoneCipher = sealedData.PhoneCipher;
            resident.PhoneHash = sealedData.PhoneHash;
            resident.PhoneTail = sealedData.PhoneTail;
        }
        await InsertAsync([.. created.Select(c => c.Resident)], cancellationToken);
    }

    public override async Task FinishAsync(CancellationToken cancellationToken)
    {
        // Households that had no head get the one this import named, with the head's name added to what
        // household search looks in: one UPDATE … FROM per 20,000 households instead of one per household
        // (each statement reads the commune's heads once, so fewer, larger statements are faster).
        var heads = Db.Residents.Where(r => r.CommuneId == Run.CommuneId && r.Relation == RelationToHead.Head && r.ErasedAtUtc == null);
        foreach (var chunk in _headless.Chunk(20_000))
        {
            var ids = chunk.ToList();
            var started = Stopwatch.GetTimestamp();
            await (from h in Db.Households
                   join r in heads on h.Id equals r.HouseholdId
                   where h.CommuneId == Run.CommuneId && h.HeadResidentId == null && EF.Parameter(ids).Contains(h.Id)
                   select new { Household = h, Head = r })
                .ExecuteUpdateAsync(s => s
                    .SetProperty(x => x.Household.HeadResidentId, x => x.Head.Id)
                    .SetProperty(x => x.Household.SearchText, x => x.Household.SearchText + " " + x.Head.SearchName)
                    .SetProperty(x => x.Household.UpdatedAtUtc, Run.NowUtc), cancellationToken);
            Result.Timings.Update += Stopwatch.GetElapsedTime(started);
        }
    }

    /// <summary>
    /// Copies what the row says onto the resident; true when anything changed. Blank cells change nothing.
    /// The resident is tracked from its first change on, so only changed rows and columns are written.
    /// </summary>
    private bool Update(Resident resident, Row row, Household household)
    {
        var changed = false;
        void Change()
        {
            if (!changed)
            {
                Db.Residents.Attach(resident);
                changed = true;
            }
        }
        if (resident.FullName != row.FullName)
        {
            Change();
            resident.FullName = row.FullName;
            resident.SearchName = row.SearchName;
        }
        if (resident.HouseholdId != household.Id || resident.NeighbourhoodId != household.NeighbourhoodId)
        {
            Change();
            resident.HouseholdId = household.Id;
            resident.NeighbourhoodId = household.NeighbourhoodId;
        }
        if (row.BirthDate is { } date && resident.BirthDate != date)
        {
            Change();
            resident.BirthDate = date;
            resident.BirthYear = date.Year;
        }
        else if (row.BirthDate is null && row.BirthYear is { } year && resident.BirthYear != year)
        {
            Change();
            resident.BirthYear = year;
            resident.BirthDate = null;
        }
        if (row.Gender is { } gender && resident.Gender != gender)
        {
            Change();
            resident.Gender = gender;
        }
        if (row.Relation is { } relation && resident.Relation != relation)
        {
            Change();
            resident.Relation = relation;
        }
        if (row.Disability is { } disability && resident.HasDisability != disability)
        {
            Change();
            resident.HasDisability = disability;
        }
        // Compared by keyed hash: the cipher differs on every encryption, the hash only when the number does.
        if (row.CitizenIdHash is { } idHash && (resident.CitizenIdHash is null || !idHash.AsSpan().SequenceEqual(resident.CitizenIdHash)))
        {
            Change();
            Run.Protector.SetCitizenId(resident, row.CitizenId);
        }
        if (row.PhoneHash is { } phoneHash && (resident.PhoneHash is null || !phoneHash.AsSpan().SequenceEqual(resident.PhoneHash)))
        {
            Change();
            Run.Protector.SetPhone(resident, row.Phone);
        }
        return changed;
    }
}
