using CongDongSo.Web.Data;
using CongDongSo.Web.Infrastructure.Text;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace CongDongSo.Tests.Infrastructure;

/// <summary>
/// The standard test world: two provinces, three communes, neighbourhoods, teams, members and one
/// account per role and area. Officers have an authenticator enrolled (their keys are here).
/// </summary>
public sealed class World
{
    public const string Password = "mot-cum-tu-de-nho-2026";

    /// <summary>
    /// The rounds of the test hosts' password hashes: real PBKDF2, fewer rounds, so that the suite's sign-ins
    /// cost milliseconds instead of a fifth of a second each. <c>IdentityHardeningTests</c> runs with the product's 210,000.
    /// </summary>
    public const int PasswordHashIterations = 1_000;

    private static readonly Lazy<string> s_passwordHash = new(() =>
        new PasswordHasher<AppUser>(Microsoft.Extensions.Options.Options.Create(new PasswordHasherOptions { IterationCount = PasswordHashIterations }))
            .HashPassword(new AppUser { UserName = "world", FullName = "world" }, Password));

    public required Province DaNang { get; init; }
    public required Province HaNoi { get; init; }
    public required Commune HoaXuan { get; init; }
    public required Commune CamLe { get; init; }
    public required Commune BaDinh { get; init; }
    public required Neighbourhood HxTdp1 { get; init; }
    public required Neighbourhood HxTdp2 { get; init; }
    public required Neighbourhood ClTdp1 { get; init; }
    public required Team HxTeam1 { get; init; }
    public required Team HxTeam2 { get; init; }
    public required Team ClTeam1 { get; init; }
    public required Member HxTeam1Leader { get; init; }
    public required Member HxTeam2Leader { get; init; }
    public required Member ClTeam1Leader { get; init; }
    public Dictionary<string, string> AuthenticatorKeys { get; } = [];

    /// <summary>Account names: role.area.</summary>
    public static class Users
    {
        public const string Admin = "admin";
        public const string ProvinceDaNang = "officer.danang";
        public const string WardHoaXuan = "officer.hoaxuan";
        public const string LeaderHoaXuan = "leader.hoaxuan";
        public const string WardCamLe = "officer.camle";
        public const string TeamLeadHx1 = "0905000001";
        public const string MemberHx1 = "0905000002";
        public const string TeamLeadHx2 = "0905000003";
        public const string TeamLeadCl1 = "0905000004";
    }

    public static async Task<World> CreateAsync(AppFactory factory)
    {
        var world = await factory.WithDbAsync(async db =>
        {
            var merger = new DateOnly(2025, 7, 1);
            var daNang = new Province { Code = "48", Name = "Thành phố Đà Nẵng", EffectiveFrom = merger };
            var haNoi = new Province { Code = "01", Name = "Thành phố Hà Nội", EffectiveFrom = merger };
            var hoaXuan = NewCommune(daNang, "20314", "Phường Hòa Xuân");
            var camLe = NewCommune(daNang, "20260", "Phường Cẩm Lệ");
            var baDinh = NewCommune(haNoi, "00004", "Phường Ba Đình");
            db.AddRange(daNang, haNoi, hoaXuan, camLe, baDinh);
            await db.SaveChangesAsync();

            var affiliation = db.Affiliations.First(a => a.Name == "Đoàn Thanh niên").Id;
            var hx1 = NewNeighbourhood(hoaXuan, "Tổ dân phố số 1");
            var hx2 = NewNeighbourhood(hoaXuan, "Tổ dân phố số 2");
            var cl1 = NewNeighbourhood(camLe, "Tổ dân phố số 1");
            db.AddRange(hx1, hx2, cl1);
            var team1 = NewTeam(hx1);
            var team2 = NewTeam(hx2);
            var team3 = NewTeam(cl1);
            var lead1 = NewMember(team1, "Nguyễn Văn Hùng", MemberPosition.Leader, affiliation, "0905000001");
            var deputy1 = NewMember(team1, "Lê Thị Thu Hà", MemberPosition.Deputy, affiliation, "0905000002");
            var lead2 = NewMember(team2, "Trần Minh Quân", MemberPosition.Leader, affiliation, "0905000003");
            var lead3 = NewMember(team3, "Phạm Thị Ngọc Anh", MemberPosition.Leader, affiliation, "0905000004");
            db.AddRange(team1, team2, team3, lead1, deputy1, lead2, lead3);
            await db.SaveChangesAsync();
            return new World
            {
                DaNang = daNang, HaNoi = haNoi, HoaXuan = hoaXuan, CamLe = camLe, BaDinh = baDinh,
                HxTdp1 = hx1, HxTdp2 = hx2, ClTdp1 = cl1, HxTeam1 = team1, HxTeam2 = team2, ClTeam1 = team3,
                HxTeam1Leader = lead1, HxTeam2Leader = lead2, ClTeam1Leader = lead3,
            };
        });

        await using var scope = factory.Services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<CongDongSo.Web.Infrastructure.Auth.AreaScope>().GrantAll("test");
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        (string Name, Role Role, int? Province, int? Commune, Guid? Team)[] accounts =
        [
            (Users.Admin, Role.SystemAdmin, null, null, null),
            (Users.ProvinceDaNang, Role.ProvinceOfficer, world.DaNang.Id, null, null),
            (Users.WardHoaXuan, Role.WardOfficer, null, world.HoaXuan.Id, null),
            (Users.LeaderHoaXuan, Role.WardLeader, null, world.HoaXuan.Id, null),
            (Users.WardCamLe, Role.WardOfficer, null, world.CamLe.Id, null),
            (Users.TeamLeadHx1, Role.TeamLeader, null, world.HoaXuan.Id, world.HxTeam1.Id),
            (Users.MemberHx1, Role.TeamMember, null, world.HoaXuan.Id, world.HxTeam1.Id),
            (Users.TeamLeadHx2, Role.TeamLeader, null, world.HoaXuan.Id, world.HxTeam2.Id),
            (Users.TeamLeadCl1, Role.TeamLeader, null, world.CamLe.Id, world.ClTeam1.Id),
        ];
        foreach (var (name, role, province, commune, team) in accounts)
        {
            var user = new AppUser
            {
                UserName = name,
                FullName = "Người dùng " + name,
                Role = role,
                ScopeProvinceId = province,
                ScopeCommuneId = commune,
                ScopeTeamId = team,
                CreatedAtUtc = factory.Clock.GetUtcNow().UtcDateTime,
            };
            // The app's own hash of the shared password (210,000 iterations), made once per test run:
            // sign-ins still verify it in full, but nine users a class no longer cost nine hashings each.
            user.PasswordHash = s_passwordHash.Value;
            var created = await users.CreateAsync(user);
            if (!created.Succeeded)
            {
                throw new InvalidOperationException(string.Join("; ", created.Errors.Select(e => e.Description)));
            }
            if (role is Role.SystemAdmin or Role.ProvinceOfficer or Role.WardOfficer or Role.WardLeader)
            {
                await users.ResetAuthenticatorKeyAsync(user);
                world.AuthenticatorKeys[name] = (await users.GetAuthenticatorKeyAsync(user))!;
                await users.SetTwoFactorEnabledAsync(user, true);
            }
        }
        return world;
    }

    private static Commune NewCommune(Province province, string code, string name) => new()
    {
        Province = province, Code = code, Name = name, Level = CommuneLevel.Phuong,
        EffectiveFrom = new DateOnly(2025, 7, 1), SearchName = VietnameseText.Fold(name),
    };

    private static Neighbourhood NewNeighbourhood(Commune commune, string name) => new()
    {
        CommuneId = commune.Id, Name = name, EffectiveFrom = new DateOnly(2025, 7, 1), SearchName = VietnameseText.Fold(name),
    };

    private static Team NewTeam(Neighbourhood neighbourhood) => new()
    {
        CommuneId = neighbourhood.CommuneId, NeighbourhoodId = neighbourhood.Id, Name = "Tổ CNSCĐ " + neighbourhood.Name,
        SearchName = VietnameseText.Fold("Tổ CNSCĐ " + neighbourhood.Name), EstablishedOn = new DateOnly(2025, 8, 15),
    };

    private static Member NewMember(Team team, string name, MemberPosition position, int affiliationId, string phone) => new()
    {
        CommuneId = team.CommuneId, TeamId = team.Id, FullName = name, SearchName = VietnameseText.Fold(name),
        Position = position, AffiliationId = affiliationId, BirthYear = 1990, Gender = Gender.Male, Phone = phone,
        JoinedOn = new DateOnly(2025, 8, 15),
    };
}
