using CongDongSo.Web.Infrastructure.Localization;
using CongDongSo.Web.Infrastructure.Privacy;
using CongDongSo.Web.Infrastructure.Text;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace CongDongSo.Web.Data;

/// <summary>
/// The demo ward: Phường Hòa Xuân (Đà Nẵng, 20314) with a handful of neighbourhoods, a team in
/// each, realistic members and one account per role. Loaded once, on first start.
/// </summary>
public sealed class DemoData(AppDbContext db, UserManager<AppUser> users, TimeProvider clock, PersonalDataProtector protector, Infrastructure.Files.PrivateFileStore files,
    Microsoft.Extensions.Localization.IStringLocalizer<SharedResource> l)
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
        await SeedPopulationAsync(teams, member);
        await AssignDemoHouseholdsAsync(teams[0], leader, member);
        await SeedTrainingAsync(hoaXuan.Id, teams);
        await SeedCommunityAsync(hoaXuan.Id, teams);
        await SeedPlansAsync(hoaXuan, today.Year);
        logger.LogInformation("Demo data loaded for {Commune} on {Date}.", hoaXuan.Name, today.ToString("dd/MM/yyyy", System.Globalization.CultureInfo.InvariantCulture));
    }

    /// <summary>
    /// The ward's plan of the year from the Hòa Xuân template, in force; the city's plan with two
    /// targets (one allocated to the ward) handed down to it: the dashboards have something to show.
    /// </summary>
    private async Task SeedPlansAsync(Commune ward, int year)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var (code, file) = Features.Plans.PlanImport.Templates.First(t => t.Code == "hoa-xuan-2026");
        var (plan, errors) = await Features.Plans.PlanImport.ImportAsync(db, ward.Id, file.ToJson(), year, code, fresh: true, l, now);
        if (plan is null)
        {
            throw new InvalidOperationException("Demo plan: " + string.Join("; ", errors.Select(e => $"{e.Path} {e.Message}")));
        }
        plan.Status = PlanStatus.InForce;
        var indicators = await db.Indicators.Where(i => i.CommuneId == null).ToDictionaryAsync(i => i.Code, i => i.Id);
        var city = new ProvincePlan
        {
            ProvinceId = ward.ProvinceId, Year = year, Number = $"25/KH-UBND", Title = $"Kế hoạch phát triển chuyển đổi số cộng đồng thành phố Đà Nẵng năm {year}",
            Status = PlanStatus.InForce, CreatedAtUtc = now, UpdatedAtUtc = now,
        };
        var signature = new ProvinceTarget
        {
            PlanId = city.Id, ProvinceId = ward.ProvinceId, Code = "1", Text = "Ít nhất 50 % người từ 18 tuổi có chữ ký số", IndicatorId = indicators["adults18_signature"],
            Value = 50m, Deadline = new DateOnly(year, 12, 31), SortOrder = 10,
        };
        signature.Shares.Add(new ProvinceTargetShare { TargetId = signature.Id, CommuneId = ward.Id, Value = 45m });
        city.Targets.Add(signature);
        city.Targets.Add(new ProvinceTarget
        {
            PlanId = city.Id, ProvinceId = ward.ProvinceId, Code = "2", Text = "Ít nhất 80 % người dân có tài khoản định danh điện tử", IndicatorId = indicators["residents_vneid"],
            Value = 80m, Deadline = new DateOnly(year, 12, 31), SortOrder = 20,
        });
        db.ProvincePlans.Add(city);
        await db.SaveChangesAsync();
        await Features.Plans.ProvincePlanning.HandDownAsync(db, city, now);
        await db.SaveChangesAsync();
    }

    // Households of Tổ dân phố số 1 and 2: (neighbourhood index, code, address, poverty, has business, people).
    // A person: name, gender, relation, birth date "yyyy-MM-dd" or year "yyyy", disability.
    private static readonly (int Neighbourhood, string Code, string Address, PovertyStatus Poverty, bool Business, (string Name, Gender Gender, RelationToHead Relation, string Born, bool Disability)[] People)[] s_households =
    [
        (0, "HX01-001", "25 Nguyễn Phước Lan", PovertyStatus.None, false,
            [("Trần Văn Bình", Gender.Male, RelationToHead.Head, "1968-03-12", false), ("Nguyễn Thị Lệ", Gender.Female, RelationToHead.Spouse, "1971", false),
             ("Trần Thị Thu Hằng", Gender.Female, RelationToHead.Child, "1996-09-20", false), ("Trần Minh Khôi", Gender.Male, RelationToHead.Child, "2009-05-02", false)]),
        (0, "HX01-002", "12 Minh Mạng", PovertyStatus.NearPoor, false,
            [("Lê Văn Tám", Gender.Male, RelationToHead.Head, "1955", false), ("Phạm Thị Sen", Gender.Female, RelationToHead.Spouse, "1958", false),
             ("Lê Quốc Huy", Gender.Male, RelationToHead.Grandchild, "2012-11-30", false)]),
        (0, "HX01-003", "48 Võ Chí Công", PovertyStatus.None, true,
            [("Võ Thị Kim Liên", Gender.Female, RelationToHead.Head, "1980-07-15", false), ("Đặng Văn Hải", Gender.Male, RelationToHead.Spouse, "1978", false),
             ("Đặng Ngọc Hân", Gender.Female, RelationToHead.Child, "2005-01-10", false)]),
        (1, "HX02-001", "7 Thăng Long", PovertyStatus.None, false,
            [("Huỳnh Văn Phú", Gender.Male, RelationToHead.Head, "1962", false), ("Huỳnh Thị Ngọc", Gender.Female, RelationToHead.Child, "1990-04-25", false)]),
        (1, "HX02-002", "103 Đàm Quang Trung", PovertyStatus.Poor, false,
            [("Ngô Văn Lực", Gender.Male, RelationToHead.Head, "1949", true), ("Ngô Thị Hoa", Gender.Female, RelationToHead.Spouse, "1952", false)]),
        (1, "HX02-003", "31 Lê Văn Linh", PovertyStatus.None, true,
            [("Mai Thị Xuân", Gender.Female, RelationToHead.Head, "1985-12-01", false), ("Phan Văn Đức", Gender.Male, RelationToHead.Spouse, "1983-06-18", false),
             ("Phan Gia Bảo", Gender.Male, RelationToHead.Child, "2014", false), ("Phan Ngọc Anh", Gender.Female, RelationToHead.Child, "2017-08-08", false)]),
    ];

    /// <summary>
    /// A few households with residents (IDs valid for their birth year and sex, phones, consent),
    /// two businesses and some readiness events, so the population pages have something to show.
    /// </summary>
    private async Task SeedPopulationAsync(List<Team> teams, Member member)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var items = await db.ReadinessItems.Where(i => i.CommuneId == null).ToDictionaryAsync(i => i.Code, i => i.Id);
        var households = new List<Household>();
        var serial = 0;
        foreach (var (neighbourhood, code, address, poverty, business, people) in s_households)
        {
            var team = teams[neighbourhood];
            var household = new Household
            {
                CommuneId = team.CommuneId, NeighbourhoodId = team.NeighbourhoodId, Code = code, Address = address,
                Poverty = poverty, HasBusiness = business, CreatedAtUtc = now, UpdatedAtUtc = now,
            };
            foreach (var (name, gender, relation, born, disability) in people)
            {
                serial++;
                var birthDate = born.Length == 10 ? DateOnly.ParseExact(born, "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture) : (DateOnly?)null;
                var birthYear = birthDate?.Year ?? int.Parse(born, System.Globalization.CultureInfo.InvariantCulture);
                var resident = new Resident
                {
                    CommuneId = household.CommuneId, HouseholdId = household.Id, NeighbourhoodId = household.NeighbourhoodId,
                    FullName = name, SearchName = VietnameseText.Fold(name), BirthDate = birthDate, BirthYear = birthYear, Gender = gender,
                    Relation = relation, HasDisability = disability, CreatedAtUtc = now, UpdatedAtUtc = now,
                    ConsentAtUtc = serial % 5 == 0 ? null : now.AddDays(-200), ConsentNote = serial % 5 == 0 ? null : "Ký phiếu đồng ý khi rà soát hộ",
                };
                // Số định danh: 048 (Đà Nẵng), century-and-sex digit, two digits of the birth year, six digits.
                var centuryDigit = (birthYear >= 2000 ? 2 : 0) + (gender == Gender.Female ? 1 : 0);
                protector.SetCitizenId(resident, $"048{centuryDigit}{birthYear % 100:00}{(serial * 7919) % 1000000:000000}");
                if (birthYear <= 2008)
                {
                    protector.SetPhone(resident, $"09{(serial % 2 == 0 ? "35" : "05")}{(serial * 104729) % 1000000:000000}");
                }
                household.Residents.Add(resident);
                if (relation == RelationToHead.Head)
                {
                    household.HeadResidentId = resident.Id;
                }
            }
            household.SearchText = VietnameseText.Fold($"{code} {address} {people[0].Name}");
            households.Add(household);
        }
        db.Households.AddRange(households);
        await db.SaveChangesAsync();

        var residents = households.SelectMany(h => h.Residents).ToList();
        // Who helped: the demo team member in Tổ dân phố số 1, the leader of team 2 in Tổ dân phố số 2.
        Guid Helper(Resident r) => r.NeighbourhoodId == teams[0].NeighbourhoodId ? member.Id : teams[1].Members[0].Id;
        void Event(Resident r, string item, string value, int daysAgo, Verification verification, Guid? helpedBy) =>
            db.ReadinessEvents.Add(new ReadinessEvent
            {
                CommuneId = r.CommuneId, NeighbourhoodId = r.NeighbourhoodId, ResidentId = r.Id, ItemId = items[item], Value = value,
                OccurredAtUtc = now.AddDays(-daysAgo), RecordedAtUtc = now.AddDays(-daysAgo), Verification = verification, HelpedByMemberId = helpedBy,
            });
        foreach (var r in residents.Where(r => r.BirthYear <= 2010))
        {
            Event(r, "smartphone", r.BirthYear < 1960 ? "no" : "yes", 180, Verification.SelfReported, null);
            Event(r, "vneid", "level1", 150, Verification.SeenOnDevice, Helper(r));
        }
        foreach (var r in residents.Where(r => r.BirthYear is >= 1960 and <= 2008).Take(6))
        {
            Event(r, "vneid", "level2", 40, Verification.SeenOnDevice, Helper(r));
            Event(r, "payment", "yes", 40, Verification.SelfReported, Helper(r));
        }
        var owners = households.Where(h => h.HasBusiness).ToList();
        var eatery = new Business
        {
            CommuneId = owners[0].CommuneId, NeighbourhoodId = owners[0].NeighbourhoodId, OwnerHouseholdId = owners[0].Id,
            Name = "Quán cơm Kim Liên", SearchName = VietnameseText.Fold("Quán cơm Kim Liên"), Kind = BusinessKind.HouseholdBusiness,
            Address = owners[0].Address, Sector = "Ăn uống", Products = "Cơm phần, bún chả cá", CreatedAtUtc = now, UpdatedAtUtc = now,
        };
        var bakery = new Business
        {
            CommuneId = owners[1].CommuneId, NeighbourhoodId = owners[1].NeighbourhoodId, OwnerHouseholdId = owners[1].Id,
            Name = "Cơ sở bánh tráng Mai Xuân", SearchName = VietnameseText.Fold("Cơ sở bánh tráng Mai Xuân"), Kind = BusinessKind.HouseholdBusiness,
            Address = owners[1].Address, Sector = "Chế biến thực phẩm", Products = "Bánh tráng nướng, bánh tráng cuốn",
            IsOcop = true, OcopProducts = "Bánh tráng Mai Xuân (3 sao)", CreatedAtUtc = now, UpdatedAtUtc = now,
        };
        db.Businesses.AddRange(eatery, bakery);
        db.ReadinessEvents.Add(new ReadinessEvent
        {
            CommuneId = bakery.CommuneId, NeighbourhoodId = bakery.NeighbourhoodId, BusinessId = bakery.Id, ItemId = items["qr_payment"], Value = "yes",
            OccurredAtUtc = now.AddDays(-30), RecordedAtUtc = now.AddDays(-30), Verification = Verification.SeenOnDevice, HelpedByMemberId = teams[1].Members[0].Id,
        });
        db.ReadinessEvents.Add(new ReadinessEvent
        {
            CommuneId = eatery.CommuneId, NeighbourhoodId = eatery.NeighbourhoodId, BusinessId = eatery.Id, ItemId = items["qr_payment"], Value = "no",
            OccurredAtUtc = now.AddDays(-30), RecordedAtUtc = now.AddDays(-30), Verification = Verification.SelfReported,
        });
        await db.SaveChangesAsync();
    }

    /// <summary>
    /// Field work: the households of Tổ dân phố số 1 are given to the demo member (two) and the
    /// leader (one), so the field pages and the offline package have something to show.
    /// </summary>
    private async Task AssignDemoHouseholdsAsync(Team team, Member leader, Member member)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var households = await db.Households.Where(h => h.CommuneId == team.CommuneId && h.NeighbourhoodId == team.NeighbourhoodId)
            .OrderBy(h => h.Code).Select(h => h.Id).ToListAsync();
        for (var i = 0; i < households.Count; i++)
        {
            db.HouseholdAssignments.Add(new HouseholdAssignment
            {
                CommuneId = team.CommuneId, TeamId = team.Id, HouseholdId = households[i], MemberId = i < 2 ? member.Id : leader.Id, AssignedAtUtc = now,
            });
        }
        await db.SaveChangesAsync();
    }

    /// <summary>Three courses: one held (two sittings, attendance ticked), one online with certificates, one to come.</summary>
    private async Task SeedTrainingAsync(int communeId, List<Team> teams)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var today = clock.Today();
        var topics = await db.TrainingTopics.Where(t => t.CommuneId == null).ToDictionaryAsync(t => t.Code, t => t.Id);
        var members = teams.SelectMany(t => t.Members).ToList();
        Course NewCourse(string title, CourseForm form, CourseOrganiser organiser, string? organiserName, string[] topicCodes, DateOnly? completeBy = null)
        {
            var course = new Course
            {
                CommuneId = communeId, Title = title, Form = form, Organiser = organiser, OrganiserName = organiserName, CompleteBy = completeBy,
                Place = form == CourseForm.Online ? null : "Hội trường UBND phường Hòa Xuân", Trainers = form == CourseForm.Online ? null : "Chuyên viên Sở KH&CN Đà Nẵng",
                OnlineUrl = form == CourseForm.InPerson ? null : "https://binhdanhocvuso.gov.vn", CreatedAtUtc = now,
            };
            course.Topics.AddRange(topicCodes.Select(c => new CourseTopic { CommuneId = communeId, CourseId = course.Id, TopicId = topics[c] }));
            db.Courses.Add(course);
            return course;
        }
        TrainingSession Sitting(Course course, DateOnly day, int startHour)
        {
            var session = new TrainingSession
            {
                CommuneId = communeId, CourseId = course.Id, StartsAtUtc = VietnamTime.StartOfDayUtc(day).AddHours(startHour),
                EndsAtUtc = VietnamTime.StartOfDayUtc(day).AddHours(startHour + 3), CheckInToken = Features.Training.TrainingQueries.NewCheckInToken(),
            };
            course.Sessions.Add(session);
            return session;
        }

        var held = NewCourse("Tập huấn kỹ năng số cho Tổ công nghệ số cộng đồng", CourseForm.InPerson, CourseOrganiser.Province, "Sở Khoa học và Công nghệ Đà Nẵng",
            ["policy", "vneid", "dvc", "fraud"]);
        var first = Sitting(held, today.AddDays(-60), 8);
        var second = Sitting(held, today.AddDays(-59), 8);
        for (var i = 0; i < members.Count; i++)
        {
            var m = members[i];
            // Most came to both; every seventh missed the second day, every eleventh was away (with a reason).
            var away = i % 11 == 5;
            db.Attendances.Add(new Attendance
            {
                CommuneId = communeId, SessionId = first.Id, MemberId = m.Id, TeamId = m.TeamId, Present = !away,
                AbsenceReason = away ? "Đi công tác" : null, RecordedAtUtc = now,
            });
            if (!away && i % 7 != 3)
            {
                db.Attendances.Add(new Attendance { CommuneId = communeId, SessionId = second.Id, MemberId = m.Id, TeamId = m.TeamId, Present = true, SelfCheckIn = i % 2 == 0, RecordedAtUtc = now });
            }
        }

        var online = NewCourse("Bình dân học vụ số: kỹ năng số cơ bản", CourseForm.Online, CourseOrganiser.Province, "Bộ Khoa học và Công nghệ", ["bdhvs", "security"],
            today.AddDays(30));
        var certificate = new Infrastructure.Files.CheckedUpload(DemoCertificate, Infrastructure.Files.UploadKind.Pdf);
        for (var i = 0; i < members.Count; i += 3)
        {
            var m = members[i];
            db.CourseCompletions.Add(new CourseCompletion
            {
                CommuneId = communeId, CourseId = online.Id, MemberId = m.Id, TeamId = m.TeamId, CompletedOn = today.AddDays(-(i % 20) - 1),
                CertificateKey = await files.SaveAsync(communeId, certificate), CertificateType = certificate.ContentType,
                Review = i % 2 == 0 ? CompletionReview.Verified : CompletionReview.Pending, ReviewedAtUtc = i % 2 == 0 ? now : null, RecordedAtUtc = now,
            });
        }

        var coming = NewCourse("An toàn thông tin và trí tuệ nhân tạo cho thành viên Tổ CNSCĐ", CourseForm.Mixed, CourseOrganiser.Partner, "VNPT Đà Nẵng",
            ["security", "fraud", "ai"]);
        Sitting(coming, today.AddDays(3), 14);
        await db.SaveChangesAsync();
    }

    /// <summary>A year of community events across the neighbourhoods, the national day, and communication items each month.</summary>
    private async Task SeedCommunityAsync(int communeId, List<Team> teams)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var today = clock.Today();
        var models = await db.CommunityModels.Where(m => m.CommuneId == null).ToDictionaryAsync(m => m.Code, m => m.Id);
        var start = new DateOnly(today.Year, today.Month, 1).AddMonths(-11);
        for (var month = 0; month < 12; month++)
        {
            var first = start.AddMonths(month);
            for (var t = 0; t < teams.Count; t++)
            {
                // One "Ngày cuối tuần chuyển đổi số" a month in each neighbourhood, on a weekend; a few months missed.
                if ((month + t) % 9 == 4)
                {
                    continue;
                }
                var day = first.AddDays(((6 - (int)first.DayOfWeek + 7) % 7) + (7 * (t % 3)));
                if (day > today)
                {
                    continue;
                }
                var team = teams[t];
                var held = new CommunityEvent
                {
                    CommuneId = communeId, TeamId = team.Id, ModelId = models["weekend_dx"], Title = $"Ngày cuối tuần chuyển đổi số tháng {first.Month} – {team.Name}",
                    StartsAtUtc = VietnamTime.StartOfDayUtc(day).AddHours(7.5), EndsAtUtc = VietnamTime.StartOfDayUtc(day).AddHours(11),
                    Place = "Nhà văn hóa " + team.Name.Replace("Tổ CNSCĐ ", "", StringComparison.Ordinal), Partners = month % 3 == 0 ? "VNPT, Viettel" : null,
                    ParticipantCount = 20 + ((month * 7 + t * 13) % 40), Result = "Hướng dẫn cài đặt VNeID, dịch vụ công trực tuyến, thanh toán không dùng tiền mặt.",
                    RecordedByUserId = Guid.Empty, CreatedAtUtc = now, UpdatedAtUtc = now,
                };
                held.Neighbourhoods.Add(new CommunityEventNeighbourhood { CommuneId = communeId, EventId = held.Id, NeighbourhoodId = team.NeighbourhoodId });
                held.Members.AddRange(team.Members.Take(3).Select(m => new CommunityEventMember { CommuneId = communeId, EventId = held.Id, MemberId = m.Id }));
                db.CommunityEvents.Add(held);
            }
            db.CommunicationItems.Add(new CommunicationItem
            {
                CommuneId = communeId, Kind = CommunicationKind.PortalNews, PublishedOn = first.AddDays(9) > today ? today : first.AddDays(9),
                Title = $"Phường Hòa Xuân đẩy mạnh chuyển đổi số tháng {first.Month}/{first.Year}", Channel = "Chuyên mục chuyển đổi số, cổng TTĐT phường",
                Url = "https://hoaxuan.danang.gov.vn/chuyen-doi-so", MadeBy = "Văn phòng HĐND và UBND phường", Reach = 300 + (month * 37 % 500), CreatedAtUtc = now,
            });
            db.CommunicationItems.Add(new CommunicationItem
            {
                CommuneId = communeId, TeamId = teams[month % teams.Count].Id, Kind = month % 2 == 0 ? CommunicationKind.ZaloPost : CommunicationKind.Broadcast,
                PublishedOn = first.AddDays(15) > today ? today : first.AddDays(15), Title = month % 2 == 0 ? "Cảnh báo lừa đảo qua cuộc gọi giả danh công an" : "Hướng dẫn định danh điện tử mức 2",
                Channel = month % 2 == 0 ? "Nhóm Zalo " + teams[month % teams.Count].Name : "Loa truyền thanh tổ dân phố", CreatedAtUtc = now,
            });
        }
        var national = new DateOnly(today.Month >= 10 ? today.Year : today.Year - 1, 10, 10);
        db.CommunityEvents.Add(new CommunityEvent
        {
            CommuneId = communeId, ModelId = models["national_dx_day"], Title = $"Hưởng ứng Ngày Chuyển đổi số quốc gia 10/10/{national.Year}",
            StartsAtUtc = VietnamTime.StartOfDayUtc(national).AddHours(7), EndsAtUtc = VietnamTime.StartOfDayUtc(national).AddHours(11),
            Place = "Sân UBND phường Hòa Xuân", Organisers = "UBND phường Hòa Xuân", Partners = "VNPT Đà Nẵng, Viettel Đà Nẵng, Agribank",
            ParticipantCount = 350, Result = "Trải nghiệm dịch vụ số, mở tài khoản, cài VNeID tại chỗ.", RecordedByUserId = Guid.Empty, CreatedAtUtc = now, UpdatedAtUtc = now,
        });
        await db.SaveChangesAsync();
    }

    /// <summary>A one-page PDF standing for a member's certificate.</summary>
    private static readonly byte[] DemoCertificate =
        "%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 595 842]>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"u8.ToArray();
}
