using CongDongSo.Web.Data;
using CongDongSo.Web.Infrastructure.Imports;
using CongDongSo.Web.Infrastructure.Rules;
using CongDongSo.Web.Infrastructure.Text;
using Microsoft.EntityFrameworkCore;

namespace CongDongSo.Web.Features.Imports;

/// <summary>
/// Team members, matched by team, folded name and birth year, and checked by the roster's own rules
/// (<see cref="MemberRules"/>): the same as adding or editing a member on the member pages.
/// </summary>
internal sealed class MemberImport(ImportRun run) : KindImport<MemberImport.Row>(run)
{
    private readonly Dictionary<Int128, int> _people = [];
    private readonly Dictionary<Guid, int> _leaders = [];
    private readonly Dictionary<string, Team> _teams = new(StringComparer.Ordinal);
    private Dictionary<string, int> _affiliations = new(StringComparer.Ordinal);

    public override IReadOnlyList<Type> Reads { get; } = [typeof(Member)];

    internal sealed class Row(SheetRow sheet) : ParsedRow(sheet)
    {
        public Team Team { get; set; } = null!;
        public string FullName { get; set; } = "";
        public string SearchName { get; set; } = "";
        public MemberPosition? Position { get; set; }
        public int? AffiliationId { get; set; }
        public int? BirthYear { get; set; }
        public Gender? Gender { get; set; }
        public string? Phone { get; set; }
        public DateOnly? JoinedOn { get; set; }
    }

    public override async Task PrepareAsync(CancellationToken cancellationToken)
    {
        var teams = await Db.Teams.AsNoTracking().Include(t => t.Neighbourhood)
            .Where(t => t.CommuneId == Run.CommuneId && t.DissolvedOn == null).ToListAsync(cancellationToken);
        // By the team's name, or by its neighbourhood's when that neighbourhood has exactly one team.
        foreach (var team in teams)
        {
            _teams.TryAdd(SheetReader.HeaderKey(team.Name), team);
        }
        foreach (var group in teams.Where(t => t.Neighbourhood is not null).GroupBy(t => SheetReader.HeaderKey(t.Neighbourhood!.Name)).Where(g => g.Count() == 1))
        {
            _teams.TryAdd(group.Key, group.Single());
        }
        var affiliations = await MemberRules.Affiliations(Db, Run.CommuneId).Select(a => new { a.Id, a.Name, a.CommuneId }).ToListAsync(cancellationToken);
        // The ward's own entry wins over a national one of the same name.
        _affiliations = affiliations.OrderBy(a => a.CommuneId is null)
            .DistinctBy(a => SheetReader.HeaderKey(a.Name))
            .ToDictionary(a => SheetReader.HeaderKey(a.Name), a => a.Id, StringComparer.Ordinal);
    }

    protected override Row ParseRow(SheetRow sheet)
    {
        var row = new Row(sheet);
        var teamText = Required(row, "Team", 200);
        if (teamText is not null)
        {
            if (_teams.TryGetValue(SheetReader.HeaderKey(teamText), out var team))
            {
                row.Team = team;
            }
            else
            {
                Fail(row, "Team", "Không tìm thấy tổ CNSCĐ “{0}” đang hoạt động trong phường/xã (theo tên tổ hoặc tên tổ dân phố, thôn).", teamText);
            }
        }
        // Length and blank checks are the roster's own (MemberRules), below in ApplyAsync.
        row.FullName = Text(row, "FullName") ?? "";
        row.SearchName = VietnameseText.Fold(row.FullName);
        var positionText = Text(row, "Position");
        row.Position = ImportCells.Position(positionText, out var positionKnown);
        if (!positionKnown)
        {
            Fail(row, "Position", "Chức vụ “{0}” không hợp lệ: dùng Tổ trưởng, Tổ phó hoặc Thành viên.", positionText!);
        }
        if (Text(row, "Affiliation") is { } affiliation)
        {
            if (_affiliations.TryGetValue(SheetReader.HeaderKey(affiliation), out var id))
            {
                row.AffiliationId = id;
            }
            else
            {
                Fail(row, "Affiliation", "Thành phần “{0}” không có trong danh mục của phường/xã.", affiliation);
            }
        }
        if (Text(row, "BirthYear") is { } birth)
        {
            if (ImportCells.TryDate(birth, out _, out var year))
            {
                row.BirthYear = year;
            }
            else
            {
                Fail(row, "BirthYear", "Năm sinh “{0}” không hợp lệ.", birth);
            }
        }
        row.Gender = Gender(row, "Gender");
        if (Text(row, "Phone") is { } phone)
        {
            // The roster's rules check and normalise it; a 9-digit number only gets its dropped 0 back.
            row.Phone = ImportCells.Phone(phone) ?? phone;
        }
        if (Text(row, "JoinedOn") is { } joined)
        {
            if (ImportCells.TryDate(joined, out var date, out _) && date is not null)
            {
                row.JoinedOn = date;
            }
            else
            {
                Fail(row, "JoinedOn", "Ngày tham gia “{0}” không hợp lệ: dùng dd/MM/yyyy hoặc yyyy-MM-dd.", joined);
            }
        }
        return row;
    }

    protected override void CheckInFile(Row row)
    {
        if (row.Team is null || row.SearchName.Length == 0)
        {
            return;
        }
        var key = Fingerprint($"{row.Team.Id}\u001F{row.SearchName}\u001F{row.BirthYear}");
        if (_people.TryGetValue(key, out var first))
        {
            Fail(row, "FullName", "Trùng với dòng {0}: cùng tổ, họ tên và năm sinh.", first);
        }
        else
        {
            _people[key] = row.Number;
        }
    }

    protected override async Task ApplyValidAsync(List<Row> rows, CancellationToken cancellationToken)
    {
        var teamIds = rows.Select(r => r.Team.Id).Distinct().ToList();
        var existing = await LookupAsync(() => Db.Members
            .Where(m => m.CommuneId == Run.CommuneId && EF.Parameter(teamIds).Contains(m.TeamId) && m.LeftOn == null)
            .ToListAsync(cancellationToken));
        var byKey = existing.ToLookup(m => (m.TeamId, m.SearchName));
        var matched = new HashSet<Guid>();
        var created = new List<Member>();
        foreach (var row in rows)
        {
            var member = byKey[(row.Team.Id, row.SearchName)]
                .FirstOrDefault(m => (row.BirthYear is null || m.BirthYear == row.BirthYear) && !matched.Contains(m.Id));
            // What the member pages would post: the row's values over the member's current ones (blank cells change nothing).
            var input = member is null ? new MemberInput { Position = MemberPosition.Member } : MemberInput.From(member);
            input.FullName = row.FullName.Length > 0 ? row.FullName : null;
            input.Position = row.Position ?? input.Position;
            input.AffiliationId = row.AffiliationId ?? input.AffiliationId;
            input.BirthYear = row.BirthYear ?? input.BirthYear;
            input.Gender = row.Gender ?? input.Gender;
            input.Phone = row.Phone ?? input.Phone;
            input.JoinedOn = row.JoinedOn ?? input.JoinedOn;
            var errors = MemberRules.Annotations(input, Run.L);
            errors.AddRange(await LookupAsync(() => MemberRules.CheckAsync(Db, Run.L, Run.Today, input, row.Team, member)));
            if (input.Position == MemberPosition.Leader && _leaders.TryGetValue(row.Team.Id, out var leaderRow))
            {
                errors.Add(new(nameof(MemberInput.Position), Run.L["Tổ đã có tổ trưởng ở dòng {0}.", leaderRow]));
            }
            else if (errors.Count == 0)
            {
                errors.AddRange((await LookupAsync(() => MemberRules.CheckLeadershipAsync(Db, Run.L, member, row.Team.Id, input.Position, leaving: false, null))).Errors);
            }
            if (errors.Count > 0)
            {
                foreach (var error in errors)
                {
                    Fail(row, FieldOf(error.Field), "{0}", error.Message);
                }
                continue;
            }
            if (input.Position == MemberPosition.Leader)
            {
                _leaders[row.Team.Id] = row.Number;
            }
            if (member is null)
            {
                created.Add(MemberRules.NewMember(row.Team, input, Run.NowUtc));
                Result.Created++;
                continue;
            }
            matched.Add(member.Id);
            if (member.FullName == input.FullName && member.Position == input.Position && member.AffiliationId == input.AffiliationId
                && member.BirthYear == input.BirthYear && member.Gender == input.Gender && member.Phone == input.Phone && member.JoinedOn == input.JoinedOn)
            {
                Result.Unchanged++;
                continue;
            }
            MemberRules.Apply(input, member, Run.NowUtc);
            Result.Updated++;
        }
        await WriteAsync(created, cancellationToken);
    }

    private static string FieldOf(string inputField) => inputField switch
    {
        nameof(MemberInput.FullName) => "FullName",
        nameof(MemberInput.AffiliationId) => "Affiliation",
        nameof(MemberInput.BirthYear) => "BirthYear",
        nameof(MemberInput.Gender) => "Gender",
        nameof(MemberInput.Phone) => "Phone",
        nameof(MemberInput.JoinedOn) => "JoinedOn",
        _ => "Position",
    };
}
