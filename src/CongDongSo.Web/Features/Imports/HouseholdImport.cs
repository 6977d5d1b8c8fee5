using CongDongSo.Web.Data;
using CongDongSo.Web.Infrastructure.Imports;
using CongDongSo.Web.Infrastructure.Rules;
using Microsoft.EntityFrameworkCore;

namespace CongDongSo.Web.Features.Imports;

/// <summary>Households, matched by the ward's household code.</summary>
internal sealed class HouseholdImport(ImportRun run) : KindImport<HouseholdImport.Row>(run)
{
    private readonly Dictionary<string, int> _codes = new(StringComparer.Ordinal);
    private Dictionary<string, Guid> _neighbourhoods = [];

    public override IReadOnlyList<Type> Reads { get; } = [typeof(Household), typeof(Resident)];

    internal sealed class Row(SheetRow sheet) : ParsedRow(sheet)
    {
        public string Code { get; set; } = "";
        public string Address { get; set; } = "";
        public Guid NeighbourhoodId { get; set; }
        public PovertyStatus? Poverty { get; set; }
        public bool? HasBusiness { get; set; }
    }

    public override async Task PrepareAsync(CancellationToken cancellationToken) => _neighbourhoods = await NeighbourhoodsAsync(cancellationToken);

    protected override Row ParseRow(SheetRow sheet)
    {
        var row = new Row(sheet);
        var code = Required(row, "Code", PopulationRules.MaxHouseholdCodeLength);
        var address = Required(row, "Address", PopulationRules.MaxAddressLength);
        var neighbourhood = Required(row, "Neighbourhood", 150);
        if (neighbourhood is not null)
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
        var povertyText = Text(row, "Poverty");
        row.Poverty = ImportCells.Poverty(povertyText, out var povertyKnown);
        if (!povertyKnown)
        {
            Fail(row, "Poverty", "Giá trị “{0}” không hợp lệ: dùng Hộ nghèo, Hộ cận nghèo, không hoặc để trống.", povertyText!);
        }
        row.HasBusiness = Bool(row, "HasBusiness");
        row.Code = code ?? "";
        row.Address = address ?? "";
        return row;
    }

    protected override void CheckInFile(Row row)
    {
        if (row.Code.Length == 0)
        {
            return;
        }
        // The later row is the error: it names the one that came first.
        if (_codes.TryGetValue(row.Code, out var first))
        {
            Fail(row, "Code", "Mã hộ “{0}” đã có ở dòng {1}.", row.Code, first);
        }
        else
        {
            _codes[row.Code] = row.Number;
        }
    }

    protected override async Task ApplyValidAsync(List<Row> rows, CancellationToken cancellationToken)
    {
        var codes = rows.Select(r => r.Code).ToList();
        // Read untracked: most rows of a re-import change nothing, and tracking costs more than the query.
        var existing = await LookupAsync(() => Db.Households.AsNoTracking()
            .Where(h => h.CommuneId == Run.CommuneId && EF.Parameter(codes).Contains(h.Code))
            .ToDictionaryAsync(h => h.Code, StringComparer.Ordinal, cancellationToken));
        var created = new List<Household>();
        var moved = new List<Household>();
        var renamed = new List<Household>();
        foreach (var row in rows)
        {
            if (!existing.TryGetValue(row.Code, out var household))
            {
                created.Add(new Household
                {
                    CommuneId = Run.CommuneId, Code = row.Code, Address = row.Address, NeighbourhoodId = row.NeighbourhoodId,
                    Poverty = row.Poverty ?? PovertyStatus.None, HasBusiness = row.HasBusiness ?? false,
                    SearchText = HouseholdSearchText(row.Code, row.Address, null), CreatedAtUtc = Run.NowUtc, UpdatedAtUtc = Run.NowUtc,
                });
                Result.Created++;
                continue;
            }
            // A blank cell leaves what is known alone: a sheet does not erase what teams recorded since.
            var changed = household.Address != row.Address || household.NeighbourhoodId != row.NeighbourhoodId
                || (row.Poverty is { } poverty && household.Poverty != poverty)
                || (row.HasBusiness is { } hasBusiness && household.HasBusiness != hasBusiness);
            if (!changed)
            {
                Result.Unchanged++;
                continue;
            }
            // Tracked from here on, so only the changed columns are written.
            Db.Households.Attach(household);
            if (household.Address != row.Address)
            {
                household.Address = row.Address;
                renamed.Add(household);
            }
            if (household.NeighbourhoodId != row.NeighbourhoodId)
            {
                household.NeighbourhoodId = row.NeighbourhoodId;
                moved.Add(household);
            }
            household.Poverty = row.Poverty ?? household.Poverty;
            household.HasBusiness = row.HasBusiness ?? household.HasBusiness;
            household.UpdatedAtUtc = Run.NowUtc;
            Result.Updated++;
        }
        if (renamed.Count > 0)
        {
            var headIds = renamed.Where(h => h.HeadResidentId is not null).Select(h => h.HeadResidentId!.Value).ToList();
            var heads = await LookupAsync(() => Db.Residents.Where(r => r.CommuneId == Run.CommuneId && EF.Parameter(headIds).Contains(r.Id))
                .ToDictionaryAsync(r => r.Id, r => r.FullName, cancellationToken));
            foreach (var household in renamed)
            {
                household.SearchText = HouseholdSearchText(household.Code, household.Address,
                    household.HeadResidentId is { } head ? heads.GetValueOrDefault(head) : null);
            }
        }
        await WriteAsync(created, cancellationToken);
        if (Run.Writing)
        {
            // Residents carry their household's neighbourhood (the area scope reads it without a join).
            foreach (var group in moved.GroupBy(h => h.NeighbourhoodId))
            {
                var ids = group.Select(h => h.Id).ToList();
                await Db.Residents.Where(r => r.CommuneId == Run.CommuneId && EF.Parameter(ids).Contains(r.HouseholdId))
                    .ExecuteUpdateAsync(s => s.SetProperty(r => r.NeighbourhoodId, group.Key), cancellationToken);
            }
        }
    }
}
