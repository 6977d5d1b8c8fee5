using System.ComponentModel.DataAnnotations;
using System.Globalization;
using CongDongSo.Web.Data;
using CongDongSo.Web.Infrastructure.Localization;
using CongDongSo.Web.Infrastructure.Text;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace CongDongSo.Web.Features.Areas.Neighbourhoods;

/// <summary>The rules every change of a neighbourhood follows: dated, recorded in its history, names unique among the active ones.</summary>
public static class NeighbourhoodRules
{
    /// <summary>Today in the clock's time zone (Vietnam's in production and tests).</summary>
    public static DateOnly Today(TimeProvider clock) => DateOnly.FromDateTime(clock.GetLocalNow().DateTime);

    /// <summary>Whether an active neighbourhood of the commune, other than <paramref name="except"/>, has this name (ignoring case and marks).</summary>
    public static Task<bool> NameTakenAsync(AppDbContext db, int communeId, string name, IReadOnlyCollection<Guid> except)
    {
        var folded = VietnameseText.Fold(name);
        return db.Neighbourhoods.AnyAsync(n => n.CommuneId == communeId && n.EffectiveTo == null && n.SearchName == folded && !except.Contains(n.Id));
    }

    /// <summary>A change takes effect on a real day: not before the neighbourhood began, not in the future.</summary>
    public static void CheckDate(ModelStateDictionary modelState, string field, DateOnly? date, DateOnly notBefore, DateOnly today, IStringLocalizer<SharedResource> l)
    {
        if (date is not { } day)
        {
            return;
        }
        if (day > today)
        {
            modelState.AddModelError(field, l["Ngày hiệu lực không được sau hôm nay ({0}).", today.ToString("dd/MM/yyyy", CultureInfo.InvariantCulture)]);
        }
        else if (day < notBefore)
        {
            modelState.AddModelError(field, l["Ngày hiệu lực không được trước ngày {0}, ngày tổ dân phố bắt đầu.", notBefore.ToString("dd/MM/yyyy", CultureInfo.InvariantCulture)]);
        }
    }

    public static Neighbourhood New(int communeId, string name, NeighbourhoodKind kind, string? code, DateOnly from) => new()
    {
        CommuneId = communeId,
        Name = name,
        SearchName = VietnameseText.Fold(name),
        Kind = kind,
        Code = code,
        EffectiveFrom = from,
    };

    public static NeighbourhoodChange Change(Neighbourhood neighbourhood, NeighbourhoodChangeKind kind, DateOnly on, DateTime now,
        string? oldName = null, string? newName = null, Guid? related = null, string? decision = null) => new()
    {
        CommuneId = neighbourhood.CommuneId,
        NeighbourhoodId = neighbourhood.Id,
        Kind = kind,
        EffectiveOn = on,
        OldName = oldName,
        NewName = newName,
        RelatedNeighbourhoodId = related,
        DecisionReference = decision,
        RecordedAtUtc = now,
    };

    /// <summary>Moves the active teams of <paramref name="from"/> to <paramref name="to"/>; each move is audited by the context.</summary>
    public static async Task<int> MoveTeamsAsync(AppDbContext db, int communeId, IReadOnlyCollection<Guid> from, Guid to)
    {
        var teams = await db.Teams.Where(t => t.CommuneId == communeId && from.Contains(t.NeighbourhoodId) && t.DissolvedOn == null).ToListAsync();
        foreach (var team in teams)
        {
            team.NeighbourhoodId = to;
        }
        return teams.Count;
    }
}

/// <summary>The date and decision every change form carries.</summary>
public abstract class DatedChangeInput
{
    [Required(ErrorMessage = "Vui lòng nhập ngày hiệu lực.")]
    [Display(Name = "Ngày hiệu lực")]
    public DateOnly? EffectiveOn { get; set; }

    [StringLength(200, ErrorMessage = "Căn cứ dài tối đa 200 ký tự.")]
    [Display(Name = "Căn cứ (số quyết định, nghị quyết)")]
    public string? DecisionReference { get; set; }
}

/// <summary>A page whose form carries a <see cref="DatedChangeInput"/> as <c>Input</c> (for the shared fields partial).</summary>
public interface IDatedChangePage
{
    DatedChangeInput Input { get; }
}
