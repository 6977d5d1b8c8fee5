using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Data.Sqlite;

namespace CongDongSo.Bench;

/// <summary>
/// The write path and the aggregate reads through real HTTP: starts the app (Release build, SQLite,
/// demo ward) on a loopback port as its own process, signs in as a member and as the ward officer
/// through the real forms, then drives /health/live, the one-session and the 50-session sync, the
/// field package, the coverage page and the plan dashboard (whose counts the writes then keep up to
/// date), each for a fixed time at N connections, and the raw SQLite
/// insert path of the same disk beside them. Prints rates, p50/p99 and the ratios, and checks that
/// the sessions stored are exactly the sessions acknowledged.
/// </summary>
internal static partial class HttpPathsBench
{
    private static readonly string[] s_activities = ["teach_skills"];

    public static async Task<int> RunAsync(string[] args)
    {
        var seconds = Arg(args, "seconds", 10);
        var connections = Arg(args, "connections", 16);
        var web = Path.Combine(AppContext.BaseDirectory, "CongDongSo.Web.dll");
        var contentRoot = FindContentRoot();
        var data = Directory.CreateTempSubdirectory("cds-http-bench-").FullName;
        var port = FreePort();
        var baseUrl = $"http://127.0.0.1:{port}";
        using var app = Process.Start(new ProcessStartInfo("dotnet", [web, "--urls", baseUrl, "--contentRoot", contentRoot])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            Environment =
            {
                ["ASPNETCORE_ENVIRONMENT"] = "Development",
                ["Storage__DataDirectory"] = data,
                ["Security__SignInPermitPerMinute"] = "1000000",
                ["Logging__LogLevel__Default"] = "Warning",
                ["Logging__LogLevel__Microsoft.AspNetCore"] = "Warning",
            },
        })!;
        app.OutputDataReceived += (_, _) => { };
        app.ErrorDataReceived += (_, e) => { if (e.Data is not null) { Console.Error.WriteLine("app: " + e.Data); } };
        app.BeginOutputReadLine();
        app.BeginErrorReadLine();
        try
        {
            using var probe = new HttpClient { BaseAddress = new Uri(baseUrl), Timeout = TimeSpan.FromSeconds(5) };
            if (!await WaitUntilUpAsync(probe))
            {
                Console.Error.WriteLine("The app did not start.");
                return 1;
            }
            var member = await SignInAsync(baseUrl, "0905111002");
            var officer = await SignInAsync(baseUrl, "canbo.hoaxuan");
            var package = JsonDocument.Parse(await member.GetStringAsync("/api/v1/field/package")).RootElement;
            var targets = package.GetProperty("households").EnumerateArray()
                .Select(h => (Id: h.GetProperty("id").GetString()!, Residents: h.GetProperty("residents").EnumerateArray().Select(r => r.GetProperty("id").GetString()!).ToArray()))
                .Where(h => h.Residents.Length > 0).ToArray();
            if (targets.Length == 0)
            {
                Console.Error.WriteLine("The demo member has no household with residents.");
                return 1;
            }
            // The demo ward's plan in force: its dashboard builds the counts the writes below then keep up to date, as in a ward at work.
            var plans = await officer.GetStringAsync("/plans");
            var dashboard = PlanLinkRegex().Match(plans) is { Success: true } link ? link.Value : null;
            if (dashboard is null || !(await officer.GetAsync(dashboard)).IsSuccessStatusCode)
            {
                Console.Error.WriteLine("The demo ward has no plan dashboard to open.");
                return 1;
            }
            Console.WriteLine($"CongDongSo HTTP paths: {connections} connections, {seconds} s each, SQLite, {Environment.ProcessorCount} cores");
            var acknowledged = 0;
            var health = await LoadAsync("GET /health/live", connections, seconds, async (_, _) =>
                (await probe.GetAsync("/health/live")).IsSuccessStatusCode, () => 1);
            // The reads on the demo ward as it starts, then again once the writes below have added their sessions.
            var packageRun = await LoadAsync("GET field package", connections, seconds, async (_, _) =>
                (await member.GetAsync("/api/v1/field/package")).IsSuccessStatusCode, () => 1);
            var coverage = await LoadAsync("GET /field/coverage", connections, seconds, async (_, _) =>
                (await officer.GetAsync("/field/coverage")).IsSuccessStatusCode, () => 1);
            var plan = await LoadAsync("GET plan dashboard", connections, seconds, async (_, _) =>
                (await officer.GetAsync(dashboard)).IsSuccessStatusCode, () => 1);
            var one = await LoadAsync("POST sync, 1 session", connections, seconds, async (_, n) =>
            {
                var ok = await SyncAsync(member, targets[n % targets.Length], 1);
                Interlocked.Add(ref acknowledged, ok);
                return ok == 1;
            }, () => 1);
            var fifty = await LoadAsync("POST sync, 50 sessions", connections, seconds, async (_, n) =>
            {
                var ok = await SyncAsync(member, targets[n % targets.Length], 50);
                Interlocked.Add(ref acknowledged, ok);
                return ok == 50;
            }, () => 50);
            var packageAfter = await LoadAsync("GET field package, after", connections, seconds, async (_, _) =>
                (await member.GetAsync("/api/v1/field/package")).IsSuccessStatusCode, () => 1);
            var coverageAfter = await LoadAsync("GET /field/coverage, after", connections, seconds, async (_, _) =>
                (await officer.GetAsync("/field/coverage")).IsSuccessStatusCode, () => 1);
            var planAfter = await LoadAsync("GET plan dashboard, after", connections, seconds, async (_, _) =>
                (await officer.GetAsync(dashboard)).IsSuccessStatusCode, () => 1);
            var raw = RawInserts(Path.Combine(data, "congdongso.db"), Math.Max(200, (int)one.Items));

            Console.WriteLine();
            Console.WriteLine($"{"path",-32} {"req/s",10} {"items/s",10} {"p50 ms",8} {"p99 ms",8} {"errors",7}");
            foreach (var r in new[] { health, packageRun, coverage, plan, one, fifty, packageAfter, coverageAfter, planAfter })
            {
                Console.WriteLine($"{r.Name,-32} {r.RequestsPerSecond,10:N0} {r.ItemsPerSecond,10:N0} {r.P50,8:N1} {r.P99,8:N1} {r.Errors,7}");
            }
            Console.WriteLine($"{"raw INSERT, 1 per commit",-32} {raw.OnePerCommit,10:N0} {raw.OnePerCommit,10:N0}");
            Console.WriteLine($"{"raw INSERT, 50 per commit",-32} {raw.FiftyPerCommit / 50,10:N0} {raw.FiftyPerCommit,10:N0}");
            Console.WriteLine();
            Console.WriteLine($"one-session sync: {one.RequestsPerSecond / health.RequestsPerSecond:P1} of /health/live, {one.RequestsPerSecond / raw.OnePerCommit:P1} of raw commits");
            Console.WriteLine($"50-session sync:  {fifty.ItemsPerSecond / raw.FiftyPerCommit:P1} of raw rows in 50-row commits");
            Console.WriteLine($"after {acknowledged:N0} sessions more on the member's households: package p50 {packageAfter.P50 / Math.Max(packageRun.P50, 0.001):N1}x, coverage p50 {coverageAfter.P50 / Math.Max(coverage.P50, 0.001):N1}x, plan dashboard p50 {planAfter.P50 / Math.Max(plan.P50, 0.001):N1}x");

            var stored = CountSessions(Path.Combine(data, "congdongso.db"));
            Console.WriteLine($"exactly once: {stored:N0} sessions stored, {acknowledged:N0} acknowledged as created {(stored == acknowledged ? "(equal)" : "(DIFFERENT)")}");
            return stored == acknowledged ? 0 : 1;
        }
        finally
        {
            if (!app.HasExited)
            {
                app.Kill(entireProcessTree: true);
                await app.WaitForExitAsync();
            }
            SqliteConnection.ClearAllPools();
            Directory.Delete(data, recursive: true);
        }
    }

    private sealed record LoadResult(string Name, double RequestsPerSecond, double ItemsPerSecond, double Items, double P50, double P99, int Errors);

    /// <summary><paramref name="connections"/> loops calling <paramref name="call"/> until the time is up (after a 1-second warm-up).</summary>
    private static async Task<LoadResult> LoadAsync(string name, int connections, int seconds, Func<int, int, Task<bool>> call, Func<int> itemsPerCall)
    {
        var warmUp = Stopwatch.StartNew();
        while (warmUp.Elapsed < TimeSpan.FromSeconds(1))
        {
            await call(0, 0);
        }
        var latencies = new List<double>[connections];
        var errors = 0;
        var counter = 0;
        var clock = Stopwatch.StartNew();
        var end = TimeSpan.FromSeconds(seconds);
        await Task.WhenAll(Enumerable.Range(0, connections).Select(async c =>
        {
            latencies[c] = [];
            while (clock.Elapsed < end)
            {
                var started = Stopwatch.GetTimestamp();
                bool ok;
                try
                {
                    ok = await call(c, Interlocked.Increment(ref counter));
                }
                catch (HttpRequestException)
                {
                    ok = false;
                }
                latencies[c].Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
                if (!ok)
                {
                    Interlocked.Increment(ref errors);
                }
            }
        }));
        var elapsed = clock.Elapsed.TotalSeconds;
        var all = latencies.SelectMany(l => l).Order().ToArray();
        var requests = all.Length;
        var items = (double)(requests - errors) * itemsPerCall();
        Console.WriteLine($"  {name}: {requests:N0} requests");
        return new LoadResult(name, requests / elapsed, items / elapsed, items, Percentile(all, 0.50), Percentile(all, 0.99), errors);
    }

    private static double Percentile(double[] sorted, double p) => sorted.Length == 0 ? 0 : sorted[Math.Min(sorted.Length - 1, (int)(p * sorted.Length))];

    /// <summary>Sends <paramref name="count"/> new sessions in one batch; returns how many were acknowledged as created.</summary>
    private static async Task<int> SyncAsync(HttpClient client, (string Id, string[] Residents) household, int count)
    {
        var at = DateTimeOffset.UtcNow.ToOffset(TimeSpan.FromHours(7)).AddMinutes(-1).ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture);
        var sessions = Enumerable.Range(0, count).Select(_ => new
        {
            id = Guid.CreateVersion7(), occurredAt = at, place = "DoorToDoor", householdId = household.Id,
            residentIds = household.Residents.Take(1).ToArray(), memberIds = Array.Empty<string>(), activityCodes = s_activities,
        }).ToArray();
        using var response = await client.PostAsJsonAsync("/api/v1/sync/sessions", new { idempotencyKey = Guid.NewGuid().ToString("N"), sessions });
        if (!response.IsSuccessStatusCode)
        {
            return 0;
        }
        var results = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("results");
        return results.EnumerateArray().Count(r => r.GetProperty("status").GetString() == "created");
    }

    /// <summary>The disk's own limit: the same pragmas as the app (WAL, synchronous=FULL), rows into a scratch table.</summary>
    private static (double OnePerCommit, double FiftyPerCommit) RawInserts(string database, int rows)
    {
        using var connection = new SqliteConnection($"Data Source={database};Pooling=false");
        connection.Open();
        Execute(connection, "PRAGMA synchronous=FULL; PRAGMA busy_timeout=10000; CREATE TABLE IF NOT EXISTS bench_raw (id BLOB PRIMARY KEY, at TEXT, note TEXT);");
        double Rate(int perCommit)
        {
            var clock = Stopwatch.StartNew();
            for (var done = 0; done < rows;)
            {
                using var transaction = connection.BeginTransaction();
                for (var i = 0; i < perCommit; i++, done++)
                {
                    using var insert = connection.CreateCommand();
                    insert.Transaction = transaction;
                    insert.CommandText = "INSERT INTO bench_raw (id, at, note) VALUES ($id, $at, 'x')";
                    insert.Parameters.AddWithValue("$id", Guid.NewGuid().ToByteArray());
                    insert.Parameters.AddWithValue("$at", DateTime.UtcNow.ToString("O"));
                    insert.ExecuteNonQuery();
                }
                transaction.Commit();
            }
            return rows / clock.Elapsed.TotalSeconds;
        }
        return (Rate(1), Rate(50));
    }

    private static int CountSessions(string database)
    {
        using var connection = new SqliteConnection($"Data Source={database};Pooling=false;Mode=ReadOnly");
        connection.Open();
        using var count = connection.CreateCommand();
        // The demo's own sessions were there before the runs: only the bench's (activity teach_skills, noted by nobody) count.
        count.CommandText = """SELECT COUNT(*) FROM "SupportSessions" WHERE "RecordedAtUtc" > (SELECT MIN("ReceivedAtUtc") FROM "SyncBatches")""";
        return Convert.ToInt32(count.ExecuteScalar(), CultureInfo.InvariantCulture);
    }

    private static void Execute(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    /// <summary>Signs in through the real form (the demo runs without the authenticator step).</summary>
    private static async Task<HttpClient> SignInAsync(string baseUrl, string userName)
    {
        var client = new HttpClient(new HttpClientHandler { CookieContainer = new CookieContainer(), AllowAutoRedirect = false, MaxConnectionsPerServer = 256 })
        {
            BaseAddress = new Uri(baseUrl),
        };
        var form = await client.GetStringAsync("/account/sign-in");
        var token = TokenRegex().Match(form).Groups[1].Value;
        using var response = await client.PostAsync("/account/sign-in", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = token, ["Input.UserName"] = userName, ["Input.Password"] = Web.Data.DemoData.Password,
        }));
        return response.StatusCode == HttpStatusCode.Redirect ? client : throw new InvalidOperationException($"sign-in of {userName}: {(int)response.StatusCode}");
    }

    private static async Task<bool> WaitUntilUpAsync(HttpClient probe)
    {
        for (var i = 0; i < 120; i++)
        {
            try
            {
                if ((await probe.GetAsync("/health/ready")).IsSuccessStatusCode)
                {
                    return true;
                }
            }
            catch (HttpRequestException)
            {
                // not listening yet
            }
            await Task.Delay(500);
        }
        return false;
    }

    private static string FindContentRoot()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            var candidate = Path.Combine(folder.FullName, "src", "CongDongSo.Web");
            if (Directory.Exists(candidate))
            {
                return candidate;
            }
        }
        throw new InvalidOperationException("src/CongDongSo.Web not found above the bench.");
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static int Arg(string[] args, string name, int fallback) =>
        args.Select(a => a.Split('=', 2)).Where(p => p.Length == 2 && p[0] == name).Select(p => int.Parse(p[1], CultureInfo.InvariantCulture)).DefaultIfEmpty(fallback).First();

    [GeneratedRegex("/plans/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")]
    private static partial Regex PlanLinkRegex();

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex TokenRegex();
}
