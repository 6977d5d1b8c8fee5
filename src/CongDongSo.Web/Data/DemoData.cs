using CongDongSo.Web.Infrastructure.Text;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace CongDongSo.Web.Data;

/// <summary>
/// The demo ward: Phường Hòa Xuân (Đà Nẵng, 20314) with a handful of neighbourhoods, a team in
/// each, realistic members and one account per role. Loaded once, on first start.
/// </summary>
public sealed class DemoData(AppDbContext db, UserManager<AppUser> users, TimeProvider clock)
{
    public const string Password = "Demo@CongDongSo2026";

    public static readonly (string UserName, Role Role, string Description)[] Accounts =
    [
        ("admin", Role.SystemAdmin, "Quản trị hệ thống / System administrator"),
        ("sokhcn.danang", Role.ProvinceOfficer, "Sở KH&CN Đà Nẵng / Province officer"),
        ("canbo.hoaxuan", Role.WardOfficer, "Chuyên viên Phòng VH-XH Hòa Xuân / Ward officer"),
        ("lanhdao.hoaxuan", Role.WardLeader, "Phó Chủ tịch UBND phường / Ward leader"),
        ("0905111001", Role.TeamLeader, "Tổ trưởng Tổ CNSCĐ Tổ dân phố số 1 / Team leader"),
        ("0905111002", Role.TeamMember, "Thành viên Tổ CNSCĐ Tổ dân phố số 1 / Team member"),
    ];

    private static readonly string[][] s_members =
    [
        ["Nguyễn Văn Hùng", "Lê Thị Thu Hà", "Trần Minh Quân", "Phạm Thị Ngọc Anh", "Võ Văn Tài", "Huỳnh Thị Mai"],
        ["Đặng Văn Sơn", "Ngô Thị Hồng", "Bùi Quốc Bảo", "Lý Thị Kim Oanh", "Phan Thanh Tùng"],
        ["Trương Văn Lợi", "Nguyễn Thị Bích Ngọc", "Hồ Đức Thắng", "Đỗ Thị Lan", "Mai Xuân Phúc", "Tạ Thị Thanh"],
        ["Lê Văn Dũng", "Nguyễn Thị Hạnh", "Trần Quốc Việt", "Vũ Thị Hương"],
        ["Phạm Văn Nam", "Đinh Thị Thảo", "Nguyễn Hữu Phước", "Lê Thị Diễm", "Cao Văn Khánh"],
    ];

    public async Task SeedAsync(ILogger logger)
    {
        if (await db.Users.AnyAsync())
        {
            return;
        }
        var today = DateOnly.FromDateTime(clock.GetLocalNow().DateTime);
        var mergerDate = new DateOnly(2025, 7, 1);
        var daNang = new Province { Code = "48", Name = "Thành phố Đà Nẵng", EffectiveFrom = mergerDate };
        var hoaXuan = new Commune { Province = daNang, Code = "20314", Name = "Phường Hòa Xuân", Level = CommuneLevel.Phuong, EffectiveFrom = mergerDate, SearchName = VietnameseText.Fold("Phường Hòa Xuân") };
        var camLe = new Commune { Province = daNang, Code = "20260", Name = "Phường Cẩm Lệ", Level = CommuneLevel.Phuong, EffectiveFrom = mergerDate, SearchName = VietnameseText.Fold("Phường Cẩm Lệ") };
        db.AddRange(daNang, hoaXuan, camLe);
        await db.SaveChangesAsync();

        var affiliations = await db.Affiliations.Where(a => a.CommuneId == null).ToDictionaryAsync(a => a.Name, a => a.Id);
        string[] affiliationCycle = ["Đảng viên", "Đoàn Thanh niên", "Công an khu vực", "Hội Liên hiệp Phụ nữ", "Doanh nghiệp viễn thông", "Giáo viên"];
        var teams = new List<Team>();
        for (var i = 0; i < s_members.Length; i++)
        {
            var neighbourhood = new Neighbourhood { CommuneId = hoaXuan.Id, Name = $"Tổ dân phố số {i + 1}", Code = $"TDP{i + 1:00}", EffectiveFrom = mergerDate };
            neighbourhood.SearchName = VietnameseText.Fold(neighbourhood.Name);
            db.Neighbourhoods.Add(neighbourhood);
            db.NeighbourhoodChanges.Add(new NeighbourhoodChange { CommuneId = hoaXuan.Id, NeighbourhoodId = neighbourhood.Id, Kind = NeighbourhoodChangeKind.Created, EffectiveOn = mergerDate, NewName = neighbourhood.Name, RecordedAtUtc = clock.GetUtcNow().UtcDateTime });
            var name = $"Tổ CNSCĐ {neighbourhood.Name}";
            var team = new Team
            {
                CommuneId = hoaXuan.Id,
                NeighbourhoodId = neighbourhood.Id,
                Name = name,
                SearchName = VietnameseText.Fold(name),
                EstablishedOn = new DateOnly(2025, 8, 15),
                ZaloGroupName = $"CNSCĐ-{neighbourhood.Name}-{hoaXuan.Name}",
                ZaloGroupLink = i % 2 == 0 ? $"https://zalo.me/g/demo-hoaxuan-tdp{i + 1}" : null,
            };
            team.Decisions.Add(new TeamDecision { CommuneId = hoaXuan.Id, Kind = TeamDecisionKind.Establishment, Number = $"{112 + i}/QĐ-UBND", SignedOn = new DateOnly(2025, 8, 15), Signer = "Phó Chủ tịch UBND phường Nguyễn Văn Bình" });
            for (var m = 0; m < s_members[i].Length; m++)
            {
                var fullName = s_members[i][m];
                // Team 4 has no deputy on purpose: the "teams missing a leader or deputy" view shows it.
                var position = m == 0 ? MemberPosition.Leader : m == 1 && i != 3 ? MemberPosition.Deputy : MemberPosition.Member;
                team.Members.Add(new Member
                {
                    CommuneId = hoaXuan.Id,
                    FullName = fullName,
                    SearchName = VietnameseText.Fold(fullName),
                    Position = position,
                    AffiliationId = affiliations[affiliationCycle[(m + i) % affiliationCycle.Length]],
                    BirthYear = 1965 + ((i * 7 + m * 9) % 38),
                    Gender = fullName.Contains(" Thị ", StringComparison.Ordinal) ? Gender.Female : Gender.Male,
                    Phone = $"0905{i + 1:00}{m + 1:00}{(i * 31 + m * 17) % 100:00}",
                    JoinedOn = new DateOnly(2025, 8, 15),
                    PublishContactConsent = m < 2,
                    PublishContactConsentAtUtc = m < 2 ? clock.GetUtcNow().UtcDateTime : null,
                    Skills = m % 2 == 0 ? "VNeID, dịch vụ công trực tuyến" : "Thanh toán không dùng tiền mặt",
                });
            }
            teams.Add(team);
            db.Teams.Add(team);
        }
        // The neighbourhood of Cẩm Lệ makes the ward boundary visible to officers trying the demo.
        var otherNeighbourhood = new Neighbourhood { CommuneId = camLe.Id, Name = "Tổ dân phố số 1", EffectiveFrom = mergerDate, SearchName = VietnameseText.Fold("Tổ dân phố số 1") };
        db.Neighbourhoods.Add(otherNeighbourhood);
        await db.SaveChangesAsync();

        var firstTeam = teams[0];
        var leader = firstTeam.Members[0];
        var member = firstTeam.Members[2];
        foreach (var (userName, role, _) in Accounts)
        {
            var user = new AppUser
            {
                UserName = userName,
                FullName = role switch
                {
                    Role.TeamLeader => leader.FullName,
                    Role.TeamMember => member.FullName,
                    Role.SystemAdmin => "Quản trị hệ thống",
                    Role.ProvinceOfficer => "Trần Thị Minh Thư",
                    Role.WardOfficer => "Nguyễn Thị Thu Trang",
                    _ => "Lê Văn Phong",
                },
                Role = role,
                ScopeProvinceId = role == Role.ProvinceOfficer ? daNang.Id : null,
                ScopeCommuneId = role is Role.WardOfficer or Role.WardLeader or Role.TeamLeader or Role.TeamMember ? hoaXuan.Id : null,
                ScopeTeamId = role is Role.TeamLeader or Role.TeamMember ? firstTeam.Id : null,
                PhoneNumber = role is Role.TeamLeader ? "0905111001" : role is Role.TeamMember ? "0905111002" : null,
                CreatedAtUtc = clock.GetUtcNow().UtcDateTime,
            };
            var result = await users.CreateAsync(user, Password);
            if (!result.Succeeded)
            {
                throw new InvalidOperationException($"Demo account {userName}: {string.Join("; ", result.Errors.Select(e => e.Description))}");
            }
            if (role == Role.TeamLeader)
            {
                leader.UserId = user.Id;
            }
            else if (role == Role.TeamMember)
            {
                member.UserId = user.Id;
            }
        }
        await db.SaveChangesAsync();
        await SeedFieldWorkAsync(firstTeam, leader, member);
        logger.LogInformation("Demo data loaded for {Commune} on {Date}.", hoaXuan.Name, today);
    }

    /// <summary>
    /// Field work: three small households of Tổ dân phố số 1 assigned to the demo member and the
    /// leader, so the field pages and the offline package have something to show.
    /// </summary>
    private async Task SeedFieldWorkAsync(Team team, Member leader, Member member)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        (string Code, string Address, (string Name, int Year, Gender Gender, RelationToHead Relation)[] People, Member AssignedTo)[] households =
        [
            ("HX-TDP01-001", "12 Nguyễn Phước Lan", [("Trần Văn Bảy", 1952, Gender.Male, RelationToHead.Head), ("Nguyễn Thị Tám", 1956, Gender.Female, RelationToHead.Spouse)], member),
            ("HX-TDP01-002", "45 Trần Nam Trung", [("Lê Thị Hoa", 1978, Gender.Female, RelationToHead.Head), ("Phạm Minh Khôi", 2004, Gender.Male, RelationToHead.Child)], member),
            ("HX-TDP01-003", "7 Kiệt 20 Nguyễn Phước Lan", [("Võ Văn Năm", 1948, Gender.Male, RelationToHead.Head)], leader),
        ];
        foreach (var (code, address, people, assignee) in households)
        {
            var household = new Household { CommuneId = team.CommuneId, NeighbourhoodId = team.NeighbourhoodId, Code = code, Address = address, CreatedAtUtc = now, UpdatedAtUtc = now };
            foreach (var (name, year, gender, relation) in people)
            {
                household.Residents.Add(new Resident
                {
                    CommuneId = team.CommuneId, NeighbourhoodId = team.NeighbourhoodId, FullName = name, SearchName = VietnameseText.Fold(name),
                    BirthYear = year, Gender = gender, Relation = relation, CreatedAtUtc = now, UpdatedAtUtc = now,
                });
            }
            household.HeadResidentId = household.Residents[0].Id;
            household.SearchText = VietnameseText.Fold($"{code} {address} {people[0].Name}");
            db.Households.Add(household);
            db.HouseholdAssignments.Add(new HouseholdAssignment
            {
                CommuneId = team.CommuneId, TeamId = team.Id, HouseholdId = household.Id, MemberId = assignee.Id, AssignedAtUtc = now,
            });
        }
        await db.SaveChangesAsync();
    }
}
