using CongDongSo.Web.Data;
using CongDongSo.Web.Infrastructure.Imports;
using CongDongSo.Web.Infrastructure.Text;
using Microsoft.EntityFrameworkCore;

namespace CongDongSo.Web.Features.Imports;

/// <summary>
/// Household businesses, cooperatives and enterprises, matched by folded name and owner household.
/// A business lies in its owner household's neighbourhood, or in the one its row names.
/// </summary>
internal sealed class BusinessImport(ImportRun run) : KindImport<BusinessImport.Row>(run)
{
    private readonly Dictionary<Int128, int> _names = [];
    private Dictionary<string, Guid> _neighbourhoods = [];

    public override IReadOnlyList<Type> Reads { get; } = [typeof(Household), typeof(Business)];

    internal sealed class Row(SheetRow sheet) : ParsedRow(sheet)
    {
        public string Name { get; set; } = "";
        public string SearchName { get; set; } = "";
        public BusinessKind? Kind { get; set; }
        public string? OwnerCode { get; set; }
        public Guid? NeighbourhoodId { get; set; }
        public string? Address { get; set; }
        public string? Sector { get; set; }
        public string? Products { get; set; }
        public bool? IsOcop { get; set; }
        public string? OcopProducts { get; set; }
    }

    public override async Task PrepareAsync(CancellationToken cancellationToken) => _neighbourhoods = await NeighbourhoodsAsync(cancellationToken);

    protected override Row ParseRow(SheetRow sheet)
    {
        var row = new Row(sheet);
        var name = Required(row, "Name", 200);
        var kindText = Text(row, "Kind");
        row.Kind = ImportCells.BusinessKind(kindText, out var kindKnown);
        if (!kindKnown)
        {
            Fail(row, "Kind", "Loại hình “{0}” không hợp lệ: dùng Hộ kinh doanh, Hợp tác xã hoặc Doanh nghiệp.", kindText!);
        }
        row.OwnerCode = Optional(row, "OwnerHouseholdCode", 40);
        if (Optional(row, "Neighbourhood", 150) is { } neighbourhood)
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
        else if (row.OwnerCode is null)
        {
            Fail(row, Run.Map.Has("OwnerHouseholdCode") ? "OwnerHouseholdCode" : "Name", "Cần mã hộ chủ hoặc tổ dân phố để biết cơ sở thuộc tổ dân phố, thôn nào.");
        }
        row.Address = Optional(row, "Address", 300);
        row.Sector = Optional(row, "Sector", 150);
        row.Products = Optional(row, "Products", 500);
        // OCOP: a tick, or the certified products themselves ("Chả bò 3 sao").
        var ocop = Optional(row, "Ocop", 500);
        row.IsOcop = ImportCells.Bool(ocop, out var ocopIsTick);
        if (!ocopIsTick)
        {
            row.IsOcop = true;
            row.OcopProducts = ocop;
        }
        row.Name = name ?? "";
        row.SearchName = VietnameseText.Fold(name);
        return row;
    }

    protected override void CheckInFile(Row row)
    {
        if (row.Name.Length == 0)
        {
            return;
        }
        var key = Fingerprint($"{row.SearchName}\u001F{row.OwnerCode}");
        if (_names.TryGetValue(key, out var first))
        {
            Fail(row, "Name", "Cơ sở “{0}” đã có ở dòng {1}.", row.Name, first);
        }
        else
        {
            _names[key] = row.Number;
        }
    }

    protected override async Task ApplyValidAsync(List<Row> rows, CancellationToken cancellationToken)
    {
        var codes = rows.Where(r => r.OwnerCode is not null).Select(r => r.OwnerCode!).Distinct().ToList();
        var owners = await LookupAsync(() => Db.Households.Where(h => h.CommuneId == Run.CommuneId && EF.Parameter(codes).Contains(h.Code))
            .Select(h => new { h.Code, h.Id, h.NeighbourhoodId })
            .ToDictionaryAsync(h => h.Code, StringComparer.Ordinal, cancellationToken));
        var names = rows.Select(r => r.SearchName).Distinct().ToList();
        var existing = await LookupAsync(() => Db.Businesses.Where(b => b.CommuneId == Run.CommuneId && EF.Parameter(names).Contains(b.SearchName))
            .ToListAsync(cancellationToken));
        var byKey = existing.ToLookup(b => (b.SearchName, b.OwnerHouseholdId));
        var created = new List<Business>();
        foreach (var row in rows)
        {
            Guid? ownerId = null;
            var neighbourhoodId = row.NeighbourhoodId;
            if (row.OwnerCode is not null)
            {
                if (!owners.TryGetValue(row.OwnerCode, out var owner))
                {
                    Fail(row, "OwnerHouseholdCode", "Mã hộ “{0}” chưa có trong phường/xã: nhập danh sách hộ trước.", row.OwnerCode);
                    continue;
                }
                ownerId = owner.Id;
                neighbourhoodId = owner.NeighbourhoodId;
            }
            var business = byKey[(row.SearchName, ownerId)].FirstOrDefault();
            if (business is null)
            {
                created.Add(new Business
                {
                    CommuneId = Run.CommuneId, NeighbourhoodId = neighbourhoodId!.Value, Name = row.Name, SearchName = row.SearchName,
                    Kind = row.Kind ?? BusinessKind.HouseholdBusiness, OwnerHouseholdId = ownerId, Address = row.Address, Sector = row.Sector,
                    Products = row.Products, IsOcop = row.IsOcop ?? false, OcopProducts = row.OcopProducts,
                    CreatedAtUtc = Run.NowUtc, UpdatedAtUtc = Run.NowUtc,
                });
                Result.Created++;
                continue;
            }
            var changed = Set(business.Name, row.Name, v => business.Name = v)
                | Set(business.NeighbourhoodId, neighbourhoodId!.Value, v => business.NeighbourhoodId = v)
                | (row.Kind is { } kind && Set(business.Kind, kind, v => business.Kind = v))
                | (row.Address is not null && Set(business.Address, row.Address, v => business.Address = v))
                | (row.Sector is not null && Set(business.Sector, row.Sector, v => business.Sector = v))
                | (row.Products is not null && Set(business.Products, row.Products, v => business.Products = v))
                | (row.IsOcop is { } isOcop && Set(business.IsOcop, isOcop, v => business.IsOcop = v))
                | (row.OcopProducts is not null && Set(business.OcopProducts, row.OcopProducts, v => business.OcopProducts = v));
            if (changed)
            {
                business.UpdatedAtUtc = Run.NowUtc;
                Result.Updated++;
            }
            else
            {
                Result.Unchanged++;
            }
        }
        await WriteAsync(created, cancellationToken);
    }

    private static bool Set<T>(T current, T value, Action<T> set)
    {
        if (EqualityComparer<T>.Default.Equals(current, value))
        {
            return false;
        }
        set(value);
        return true;
    }
}
