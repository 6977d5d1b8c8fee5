using System.Text.RegularExpressions;
using CongDongSo.Tests.Infrastructure;
using CongDongSo.Web.Data;
using CongDongSo.Web.Features.Imports;
using CongDongSo.Web.Infrastructure.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace CongDongSo.Tests.Features.Security;

/// <summary>
/// SECURITY.md, Access: the authorization matrix lives in the repository as data
/// (authorization-matrix.csv) and every row runs through the real pipeline.
/// </summary>
public sealed partial class AuthorizationMatrixTests(MatrixFactory app) : IClassFixture<MatrixFactory>
{
    // Routes outside the matrix: signing in and out, the error page, probes and the API description.
    private static readonly string[] s_exempt = ["/account", "/error", "/health", "/api/openapi"];

    [DbFact]
    public async Task Every_row_of_the_authorization_matrix_holds()
    {
        var rows = MatrixRow.Load();
        Assert.NotEmpty(rows);
        var sessions = new Dictionary<string, (HttpClient Client, string Token, Guid Self)>();
        var failures = new List<string>();
        foreach (var row in rows)
        {
            if (!sessions.TryGetValue(row.Role, out var session))
            {
                session = await OpenSessionAsync(row.Role);
                sessions[row.Role] = session;
            }
            var url = app.Places.Resolve(row, session.Self);
            var response = row.Method == "GET"
                ? await session.Client.GetAsync(url)
                : await session.Client.PostAsync(url, Body(url, session.Token));
            var status = (int)response.StatusCode;
            var location = response.Headers.Location?.OriginalString ?? "";
            if (status != row.Expected)
            {
                failures.Add($"line {row.Line}: {row.Method} {row.Route} as {row.Role} ({row.Area}) → {status} {location}, expected {row.Expected}");
            }
            else if (row.Role == MatrixRow.Anonymous && status == 302 && !location.Contains("/account/sign-in", StringComparison.Ordinal))
            {
                failures.Add($"line {row.Line}: {row.Method} {row.Route} as anonymous → 302 to {location}, expected the sign-in page");
            }
        }
        Assert.True(failures.Count == 0, $"{failures.Count} of {rows.Count} matrix rows failed:\n" + string.Join("\n", failures));
    }

    [DbFact]
    public void Every_route_has_a_row_in_the_authorization_matrix()
    {
        var covered = MatrixRow.Load().Select(r => (r.Method, Shape: Shape(r.Route))).ToHashSet();
        var missing = AppEndpoints.All(app)
            .Where(e => !s_exempt.Any(prefix => IsUnder(AppEndpoints.Route(e), prefix)))
            .Where(e =>
            {
                var shape = Shape(AppEndpoints.Route(e));
                var methods = AppEndpoints.Methods(e);
                // Pages answer every method: a GET row at least; APIs: a row per method they map.
                return methods.Length == 0
                    ? !covered.Contains(("GET", shape))
                    : methods.Any(m => !covered.Contains((m, shape)));
            })
            .Select(AppEndpoints.Describe)
            .Distinct()
            .ToList();

        Assert.True(missing.Count == 0,
            "Routes without a row in Features/Security/authorization-matrix.csv (add one row per role):\n" + string.Join("\n", missing));
    }

    [DbFact]
    public void Every_row_of_the_matrix_names_an_existing_route()
    {
        var shapes = AppEndpoints.All(app).Select(e => Shape(AppEndpoints.Route(e))).ToHashSet();

        var stale = MatrixRow.Load().Where(r => !shapes.Contains(Shape(r.Route))).Select(r => $"line {r.Line}: {r.Route}").ToList();

        Assert.True(stale.Count == 0, "Matrix rows for routes that do not exist:\n" + string.Join("\n", stale));
    }

    private async Task<(HttpClient, string, Guid)> OpenSessionAsync(string role)
    {
        if (role == MatrixRow.Anonymous)
        {
            var anonymous = app.NewClient();
            return (anonymous, await Accounts.AntiforgeryTokenAsync(anonymous, "/account/sign-in"), Guid.Empty);
        }
        var userName = MatrixPlaces.UserOf(role);
        var client = await app.SignInAsync(userName);
        var self = (await Accounts.FindAsync(app, userName)).Id;
        return (client, await Accounts.AntiforgeryTokenAsync(client, "/account"), self);
    }

    /// <summary>A page gets a form with only the antiforgery token; an API (JSON, no antiforgery) an empty object.</summary>
    private static HttpContent Body(string url, string token) => IsUnder(url.Split('?')[0], "/api")
        ? new StringContent("{}", System.Text.Encoding.UTF8, "application/json")
        : new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = token });

    private static bool IsUnder(string route, string prefix) =>
        route.Equals(prefix, StringComparison.OrdinalIgnoreCase) || route.StartsWith(prefix + "/", StringComparison.OrdinalIgnoreCase);

    /// <summary>"/users/{id:guid}" and "/users/{ownUser}?handler=x" are both "/users/*".</summary>
    internal static string Shape(string route)
    {
        var path = route.Split('?')[0].Trim('/');
        return "/" + string.Join('/', path.Split('/', StringSplitOptions.RemoveEmptyEntries)
            .Select(s => s.Contains('{', StringComparison.Ordinal) ? "*" : s.ToLowerInvariant()));
    }
}

/// <summary>One line of authorization-matrix.csv.</summary>
public sealed record MatrixRow(int Line, string Method, string Route, string Role, string Area, int Expected)
{
    public const string Anonymous = "anonymous";
    public static readonly string[] Roles = [Anonymous, .. Enum.GetNames<Role>()];

    public static List<MatrixRow> Load()
    {
        var path = Path.Combine(AppContext.BaseDirectory, "Features", "Security", "authorization-matrix.csv");
        var rows = new List<MatrixRow>();
        var lines = File.ReadAllLines(path);
        var headerSeen = false;
        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i].Trim();
            if (line.Length == 0 || line.StartsWith('#'))
            {
                continue;
            }
            if (!headerSeen)
            {
                Assert.Equal("method,route,role,area,expected", line);
                headerSeen = true;
                continue;
            }
            var cells = line.Split(',');
            Assert.True(cells.Length == 5, $"line {i + 1}: expected 5 columns: {line}");
            var row = new MatrixRow(i + 1, cells[0].Trim().ToUpperInvariant(), cells[1].Trim(), cells[2].Trim(), cells[3].Trim(),
                int.Parse(cells[4].Trim(), System.Globalization.CultureInfo.InvariantCulture));
            Assert.True(row.Method is "GET" or "POST", $"line {row.Line}: method {row.Method}");
            Assert.True(Roles.Contains(row.Role), $"line {row.Line}: unknown role {row.Role}");
            Assert.True(row.Area is "own" or "other", $"line {row.Line}: area must be own or other");
            rows.Add(row);
        }
        return rows;
    }
}

/// <summary>The records the placeholders name, on both sides of each role's area boundary.</summary>
public sealed partial class MatrixPlaces
{
    private readonly Dictionary<string, string> _own = [];
    private readonly Dictionary<string, string> _otherCommune = [];
    private readonly Dictionary<string, string> _otherProvince = [];
    private readonly Dictionary<string, string> _sibling = [];

    public static string UserOf(string role) => role switch
    {
        nameof(Role.SystemAdmin) => World.Users.Admin,
        nameof(Role.ProvinceOfficer) => World.Users.ProvinceDaNang,
        nameof(Role.WardOfficer) => World.Users.WardHoaXuan,
        nameof(Role.WardLeader) => World.Users.LeaderHoaXuan,
        nameof(Role.TeamLeader) => World.Users.TeamLeadHx1,
        nameof(Role.TeamMember) => World.Users.MemberHx1,
        _ => throw new ArgumentOutOfRangeException(nameof(role), role, "No account for this role."),
    };

    public string Resolve(MatrixRow row, Guid self) => Placeholder().Replace(row.Route, match =>
    {
        var name = match.Groups[1].Value;
        if (name == "self")
        {
            return self.ToString();
        }
        var (side, kind) = name switch
        {
            _ when name.StartsWith("own", StringComparison.Ordinal) => ("own", name[3..]),
            _ when name.StartsWith("other", StringComparison.Ordinal) => ("other", name[5..]),
            _ when name.StartsWith("sibling", StringComparison.Ordinal) => ("sibling", name[7..]),
            _ => (row.Area, char.ToUpperInvariant(name[0]) + name[1..]),
        };
        Assert.True(side == "sibling" || side == row.Area, $"line {row.Line}: {{{name}}} in a row whose area is {row.Area}");
        var places = side switch
        {
            "own" => _own,
            "sibling" => _sibling,
            _ => row.Role == nameof(Role.ProvinceOfficer) ? _otherProvince : _otherCommune,
        };
        Assert.True(places.TryGetValue(kind, out var value), $"line {row.Line}: unknown placeholder {{{name}}}");
        return value!;
    });

    [GeneratedRegex(@"\{([A-Za-z]+)\}")]
    private static partial Regex Placeholder();

    public static async Task<MatrixPlaces> CreateAsync(AppFactory app)
    {
        var w = app.World;
        var baDinh = await app.WithDbAsync(async db =>
        {
            var affiliation = await db.Affiliations.Where(a => a.CommuneId == null).Select(a => a.Id).FirstAsync();
            var neighbourhood = new Neighbourhood { CommuneId = w.BaDinh.Id, Name = "Tổ dân phố số 1", SearchName = "to dan pho so 1", EffectiveFrom = new DateOnly(2025, 7, 1) };
            var team = new Team
            {
                CommuneId = w.BaDinh.Id, NeighbourhoodId = neighbourhood.Id, Name = "Tổ CNSCĐ Tổ dân phố số 1",
                SearchName = VietnameseText.Fold("Tổ CNSCĐ Tổ dân phố số 1"), EstablishedOn = new DateOnly(2025, 8, 15),
            };
            var member = new Member
            {
                CommuneId = w.BaDinh.Id, TeamId = team.Id, FullName = "Đỗ Văn Bình", SearchName = "do van binh",
                Position = MemberPosition.Leader, AffiliationId = affiliation, Phone = "0905000099", JoinedOn = new DateOnly(2025, 8, 15),
            };
            db.AddRange(neighbourhood, team, member);
            await db.SaveChangesAsync();
            return (Neighbourhood: neighbourhood.Id, Team: team.Id, Member: member.Id);
        });
        var ownUser = await Accounts.CreateAsync(app, "matrix.own", Role.TeamMember, commune: w.HoaXuan.Id, team: w.HxTeam1.Id);
        var camLeUser = await Accounts.CreateAsync(app, "matrix.camle", Role.TeamMember, commune: w.CamLe.Id, team: w.ClTeam1.Id);
        var baDinhUser = await Accounts.CreateAsync(app, "matrix.badinh", Role.TeamMember, commune: w.BaDinh.Id, team: baDinh.Team);
        var audits = await app.WithDbAsync(async db =>
        {
            var lines = new[] { w.HoaXuan.Id, w.CamLe.Id, w.BaDinh.Id }.Select(commune =>
            {
                db.Audit(AuditAction.Security, "Matrix", commune.ToString(System.Globalization.CultureInfo.InvariantCulture), commune, "matrix");
                return db.ChangeTracker.Entries<AuditEntry>().Last().Entity.Id;
            }).ToArray();
            await db.SaveChangesAsync();
            return lines;
        });

        // A ward's own addition to the affiliation list, in each commune.
        var affiliations = await app.WithDbAsync(async db =>
        {
            var rows = new[] { w.HoaXuan.Id, w.CamLe.Id, w.BaDinh.Id }
                .Select(commune => new Affiliation { CommuneId = commune, Name = "Câu lạc bộ số", SortOrder = 1000 }).ToArray();
            db.Affiliations.AddRange(rows);
            await db.SaveChangesAsync();
            return rows.Select(a => a.Id).ToArray();
        });

        var places = new MatrixPlaces();
        Fill(places._own, w.HoaXuan.Id, w.DaNang.Id, w.HxTdp1.Id, w.HxTeam1.Id, w.HxTeam1Leader.Id, ownUser, audits[0], affiliations[0]);
        Fill(places._otherCommune, w.CamLe.Id, w.HaNoi.Id, w.ClTdp1.Id, w.ClTeam1.Id, w.ClTeam1Leader.Id, camLeUser, audits[1], affiliations[1]);
        Fill(places._otherProvince, w.BaDinh.Id, w.HaNoi.Id, baDinh.Neighbourhood, baDinh.Team, baDinh.Member, baDinhUser, audits[2], affiliations[2]);
        places._own["Upload"] = await UploadAsync(app, World.Users.WardHoaXuan, w.HoaXuan.Id);
        places._otherCommune["Upload"] = await UploadAsync(app, World.Users.WardCamLe, w.CamLe.Id);
        places._otherProvince["Upload"] = await UploadAsync(app, World.Users.Admin, w.BaDinh.Id);
        places._sibling["Neighbourhood"] = w.HxTdp2.Id.ToString();
        places._sibling["Team"] = w.HxTeam2.Id.ToString();
        places._sibling["Member"] = w.HxTeam2Leader.Id.ToString();

        // A household with a resident and a business on each side: Household, Resident, Business.
        await AddPopulationAsync(app, places._own, w.HoaXuan.Id, w.HxTdp1.Id, "MX-OWN");
        await AddPopulationAsync(app, places._sibling, w.HoaXuan.Id, w.HxTdp2.Id, "MX-SIBLING");
        await AddPopulationAsync(app, places._otherCommune, w.CamLe.Id, w.ClTdp1.Id, "MX-OTHER");
        await AddPopulationAsync(app, places._otherProvince, w.BaDinh.Id, baDinh.Neighbourhood, "MX-PROVINCE");
        await places.AddFieldWorkAsync(app, baDinh.Neighbourhood, baDinh.Team);
        await places.AddTrainingAsync(app, baDinh.Team);
        await places.AddPlansAsync(app);
        return places;
    }

    private static Task AddPopulationAsync(AppFactory app, Dictionary<string, string> places, int commune, Guid neighbourhood, string code) =>
        app.WithDbAsync(async db =>
        {
            var now = app.Clock.GetUtcNow().UtcDateTime;
            var household = new Household { CommuneId = commune, NeighbourhoodId = neighbourhood, Code = code, Address = "1 Nguyễn Phước Lan", CreatedAtUtc = now, UpdatedAtUtc = now };
            var resident = new Resident
            {
                CommuneId = commune, HouseholdId = household.Id, NeighbourhoodId = neighbourhood, FullName = "Trần Văn Bình", SearchName = "tran van binh",
                BirthYear = 1990, Gender = Gender.Male, Relation = RelationToHead.Head, CreatedAtUtc = now, UpdatedAtUtc = now,
            };
            household.HeadResidentId = resident.Id;
            var business = new Business { CommuneId = commune, NeighbourhoodId = neighbourhood, Name = "Quán cơm Kim Liên", OwnerHouseholdId = household.Id, CreatedAtUtc = now, UpdatedAtUtc = now };
            db.AddRange(household, resident, business);
            await db.SaveChangesAsync();
            places["Household"] = household.Id.ToString();
            places["Resident"] = resident.Id.ToString();
            places["Business"] = business.Id.ToString();
        });
    /// <summary>An import sheet waiting for its mapping, uploaded by <paramref name="userName"/>.</summary>
    private static async Task<string> UploadAsync(AppFactory app, string userName, int communeId)
    {
        var owner = (await Accounts.FindAsync(app, userName)).Id;
        using var content = new MemoryStream("Mã hộ,Địa chỉ,Tổ dân phố\r\nM-1,1 Trường Sơn,Tổ dân phố số 1\r\n"u8.ToArray());
        var (upload, _) = await new ImportUploads(app.Services.GetRequiredService<IConfiguration>())
            .SaveAsync(content, "ma-tran.csv", owner, communeId, ImportKind.Households, default);
        return upload!.Token;
    }

    private static void Fill(Dictionary<string, string> places, int commune, int province, Guid neighbourhood, Guid team, Guid member, Guid user, Guid audit,
        int affiliation)
    {
        places["Affiliation"] = affiliation.ToString(System.Globalization.CultureInfo.InvariantCulture);
        places["Commune"] = commune.ToString(System.Globalization.CultureInfo.InvariantCulture);
        places["Province"] = province.ToString(System.Globalization.CultureInfo.InvariantCulture);
        places["Neighbourhood"] = neighbourhood.ToString();
        places["Team"] = team.ToString();
        places["Member"] = member.ToString();
        places["User"] = user.ToString();
        places["Audit"] = audit.ToString();
    }
}

/// <summary>The standard world plus records in a second province and accounts the matrix may change freely.</summary>
public sealed class MatrixFactory : AppFactory
{
    private MatrixPlaces? _places;

    public MatrixPlaces Places => _places ?? throw new InvalidOperationException("Not initialised.");

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        _places = await MatrixPlaces.CreateAsync(this);
    }
}
