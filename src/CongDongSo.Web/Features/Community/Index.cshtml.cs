using System.Globalization;
using CongDongSo.Web.Data;
using CongDongSo.Web.Infrastructure.Auth;
using CongDongSo.Web.Infrastructure.Localization;
using CongDongSo.Web.Infrastructure.Text;
using CongDongSo.Web.Infrastructure.Web;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace CongDongSo.Web.Features.Community;

/// <summary>The ward's community events, as a list or a month calendar, by model, neighbourhood and month.</summary>
[Authorize(Policy = Policies.ViewCommunity)]
public sealed class IndexModel(AppDbContext db, TimeProvider clock) : PageModel
{
    public const int ListLimit = 300;

    [BindProperty(SupportsGet = true)]
    public int? Model { get; set; }

    [BindProperty(SupportsGet = true)]
    public Guid? Neighbourhood { get; set; }

    /// <summary>"2026-10"; blank for every month (the list only).</summary>
    [BindProperty(SupportsGet = true)]
    public string? Month { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? View { get; set; }

    public bool Calendar => View == "calendar";
    public DateOnly? MonthStart { get; private set; }
    public List<EventRow> Rows { get; private set; } = [];
    public List<Choice<int>> Models { get; private set; } = [];
    public List<Choice<Guid>> Neighbourhoods { get; private set; } = [];
    public bool Records => db.Scope.Role is { } role && Policies.Allows(Policies.RecordCommunity, role);
    public bool BadMonth { get; private set; }

    public async Task OnGetAsync()
    {
        if (DateOnly.TryParseExact(Month + "-01", "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var start) && start.Year is >= 2000 and <= 2100)
        {
            MonthStart = start;
        }
        else
        {
            BadMonth = !string.IsNullOrEmpty(Month);
            if (Calendar || BadMonth)
            {
                var today = clock.Today();
                MonthStart = new DateOnly(today.Year, today.Month, 1);
            }
        }
        Month = MonthStart?.ToString("yyyy-MM", CultureInfo.InvariantCulture);
        var communes = db.Scope.HomeCommuneId is { } home ? [home] : db.Scope.CommuneIds;
        Models = await db.CommunityModels.AsNoTracking().Where(m => m.CommuneId == null || db.Scope.Unrestricted || communes.Contains(m.CommuneId.Value))
            .OrderBy(m => m.CommuneId != null).ThenBy(m => m.SortOrder).Select(m => new Choice<int>(m.Id, m.Name)).ToListAsync();
        Neighbourhoods = [.. (await db.Neighbourhoods.AsNoTracking().Where(n => n.EffectiveTo == null).Select(n => new Choice<Guid>(n.Id, n.Name)).Take(500).ToListAsync())
            .OrderBy(n => n.Text, NaturalOrder.Comparer)];
        var events = EventQueries.Filter(db, Model, Neighbourhood, MonthStart, MonthStart?.AddMonths(1).AddDays(-1));
        Rows = await EventQueries.RowsAsync(db, events, ListLimit);
    }

    /// <summary>The weeks of the month, Monday first, each day with its events (days of other months are null).</summary>
    public List<DateOnly?[]> Weeks()
    {
        var start = MonthStart!.Value;
        var offset = ((int)start.DayOfWeek + 6) % 7;
        var days = Enumerable.Repeat<DateOnly?>(null, offset)
            .Concat(Enumerable.Range(0, start.AddMonths(1).AddDays(-1).Day).Select(i => (DateOnly?)start.AddDays(i))).ToList();
        while (days.Count % 7 != 0)
        {
            days.Add(null);
        }
        return [.. days.Chunk(7)];
    }

    public string Query(string? month = null, string? view = null) =>
        QueryString.Create(new Dictionary<string, string?>
        {
            ["model"] = Model?.ToString(CultureInfo.InvariantCulture),
            ["neighbourhood"] = Neighbourhood?.ToString(),
            ["month"] = month ?? Month,
            ["view"] = view ?? View,
        }.Where(p => !string.IsNullOrEmpty(p.Value))).ToUriComponent();
}
