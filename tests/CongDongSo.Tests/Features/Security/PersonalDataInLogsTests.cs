using System.Collections.Concurrent;
using System.Text;
using CongDongSo.Tests.Features.Areas;
using CongDongSo.Tests.Features.FieldWork;
using CongDongSo.Tests.Features.Households;
using CongDongSo.Tests.Infrastructure;
using CongDongSo.Web.Infrastructure.Privacy;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;

namespace CongDongSo.Tests.Features.Security;

/// <summary>
/// Canary citizen IDs and phones typed into every form and API, valid and invalid, with junk and
/// malformed bodies that make the framework log errors: none of them appears in any log line.
/// </summary>
public sealed class PersonalDataInLogsTests(PersonalDataInLogsTests.CapturingFactory app) : IClassFixture<PersonalDataInLogsTests.CapturingFactory>
{
    private const string CanaryId = "079203004567";
    private const string CanaryPhone = "0986123457";
    private static readonly string[] s_canaries = [CanaryId, CanaryPhone, "0986 123 457", "+84 986 123 457", "986123457", "79203004567"];

    /// <summary>Every log line of the app, at every level, kept in memory (and none on the console).</summary>
    public sealed class CapturingFactory : AppFactory
    {
        public ConcurrentQueue<string> Lines { get; } = new();

        protected override IEnumerable<KeyValuePair<string, string>> Settings =>
            [new("Logging:LogLevel:Default", "Trace"), new("Logging:LogLevel:Microsoft.AspNetCore", "Trace"), new("Logging:LogLevel:Microsoft.EntityFrameworkCore", "Trace")];

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.ConfigureServices(s =>
            {
                s.RemoveAll<ILoggerProvider>();
                s.AddSingleton<ILoggerProvider>(new CapturingProvider(Lines));
            });
        }
    }

    private sealed class CapturingProvider(ConcurrentQueue<string> lines) : ILoggerProvider
    {
        public ILogger CreateLogger(string categoryName) => new Logger(categoryName, lines);

        public void Dispose()
        {
        }

        private sealed class Logger(string category, ConcurrentQueue<string> lines) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

            public bool IsEnabled(LogLevel logLevel) => true;

            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
            {
                var line = new StringBuilder($"{logLevel} {category}: {formatter(state, exception)}");
                if (state is IEnumerable<KeyValuePair<string, object?>> properties)
                {
                    foreach (var (key, value) in properties)
                    {
                        line.Append(System.Globalization.CultureInfo.InvariantCulture, $" | {key}={value}");
                    }
                }
                if (exception is not null)
                {
                    line.Append(" | ").Append(exception.ToString()).Append(" | ").Append(exception.Message);
                }
                lines.Enqueue(line.ToString());
            }
        }
    }

    private void AssertNoCanary()
    {
        var leaks = app.Lines.Where(l => s_canaries.Any(c => l.Contains(c, StringComparison.Ordinal))).Take(3).ToList();
        Assert.True(leaks.Count == 0, "personal data in the log:\n" + string.Join("\n", leaks));
    }

    [DbFact]
    public async Task Ids_and_phones_typed_into_forms_and_apis_never_reach_the_log()
    {
        var household = await PopulationKit.HouseholdAsync(app, app.World.HxTdp1, "LOG-1");
        await FieldKit.LinkAsync(app, World.Users.MemberHx1, (await FieldKit.DeputyHx1Async(app)).Id);
        var officer = await app.SignInAsync(World.Users.WardHoaXuan);

        // Sign-in with a phone as the name, and a phone that has no account.
        await Accounts.PostSignInAsync(app.NewClient(), CanaryPhone, CanaryId);
        await Accounts.PostSignInAsync(app.NewClient(), "+84 986 123 457", "sai");
        // Forms with the canaries and junk checkboxes (the kind of post that used to throw and log the form).
        await officer.SubmitFormAsync("/households/new", new Dictionary<string, string?>
        {
            ["Input.Code"] = CanaryId, ["Input.Address"] = "Số " + CanaryPhone, ["Input.HasBusiness"] = "abc",
        });
        foreach (var consent in new[] { "abc", "true" })
        {
            await officer.SubmitFormAsync($"/households/{household.Id}/residents/new", new Dictionary<string, string?>
            {
                ["Input.FullName"] = "Nguyễn Văn Canary", ["Input.BirthYear"] = "1992", ["Input.CitizenId"] = CanaryId,
                ["Input.Phone"] = "0986 123 457", ["Input.Consent"] = consent, ["Input.HasDisability"] = consent,
            });
        }
        await officer.GetAsync("/households?q=" + CanaryPhone);
        await officer.GetAsync("/members?q=" + Uri.EscapeDataString("+84 986 123 457"));
        // An import with the canaries, one row invalid.
        await officer.UploadAsync("/imports", "Input.File", "nk.csv",
            Sheets.Csv("Mã hộ,Họ và tên,Năm sinh,Số CCCD,SĐT", $"LOG-1,Trần Thị Canary,1990,{CanaryId},{CanaryPhone}", $"LOG-1,Lê Văn Canary,1991,{CanaryId}1,0986 123 457"),
            new Dictionary<string, string?> { ["Input.Kind"] = "Residents" });
        // The sync API: a note with the canaries, and bodies the framework cannot read.
        var member = await app.SignInAsync(World.Users.MemberHx1);
        await FieldKit.SyncAsync(member, "log-canary", FieldKit.Session(Guid.CreateVersion7(), "0001-01-01", household.Id, [], ["install_vneid"],
            note: $"CCCD {CanaryId}, SĐT {CanaryPhone}"));
        await member.PostAsync("/api/v1/sync/sessions", new StringContent($"{{\"idempotencyKey\": \"{CanaryPhone}\", \"sessions\": [{{\"note\": {CanaryId}x", Encoding.UTF8, "application/json"));
        await member.PostAsync("/api/v1/sync/sessions", new StringContent($"{{\"idempotencyKey\": {CanaryId}}}", Encoding.UTF8, "application/json"));

        Assert.NotEmpty(app.Lines);
        AssertNoCanary();
    }

    [DbFact]
    public void An_exception_and_properties_carrying_an_id_or_a_phone_are_logged_redacted()
    {
        var logger = app.Services.GetRequiredService<ILogger<PersonalDataInLogsTests>>();
        var inner = new FormatException($"String '{CanaryId}' was not recognized.");

        logger.LogError(new InvalidOperationException("Binding failed for +84 986 123 457.", inner), "Value {Value} and {Number} refused", CanaryPhone, 79203004567L);

        var line = Assert.Single(app.Lines, l => l.Contains("PersonalDataInLogsTests: Value", StringComparison.Ordinal));
        Assert.Contains(LogRedaction.Mask, line, StringComparison.Ordinal);
        Assert.Contains("InvalidOperationException", line, StringComparison.Ordinal);
        Assert.Contains("FormatException", line, StringComparison.Ordinal);
        AssertNoCanary();
    }

    [Theory]
    [InlineData("CCCD 079203004567 đã có", "CCCD [đã ẩn] đã có")]
    [InlineData("gọi 0905.111.001 hoặc +84905111001 hoặc 84 905 111 001", "gọi [đã ẩn] hoặc [đã ẩn] hoặc [đã ẩn]")]
    [InlineData("id 01a23404-521d-76cf-94a2-000000000012 lúc 20261201000100", "id 01a23404-521d-76cf-94a2-000000000012 lúc 20261201000100")]
    [InlineData("50 rows in 1234 ms", "50 rows in 1234 ms")]
    public void Redaction_masks_ids_and_phones_and_leaves_other_numbers(string text, string expected) =>
        Assert.Equal(expected, LogRedaction.Redact(text));
}
