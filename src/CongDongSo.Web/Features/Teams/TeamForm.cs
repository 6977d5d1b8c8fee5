using System.ComponentModel.DataAnnotations;
using System.Text.RegularExpressions;
using CongDongSo.Web.Data;
using CongDongSo.Web.Infrastructure.Text;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace CongDongSo.Web.Features.Teams;

/// <summary>The fields of a team, shared by the create and edit pages.</summary>
public sealed class TeamInput
{
    [Required(ErrorMessage = "Vui lòng chọn tổ dân phố.")]
    [Display(Name = "Tổ dân phố")]
    public Guid? NeighbourhoodId { get; set; }

    [Display(Name = "Tên tổ")]
    public string? Name { get; set; }

    [Required(ErrorMessage = "Vui lòng nhập ngày thành lập.")]
    [Display(Name = "Ngày thành lập")]
    public DateOnly? EstablishedOn { get; set; }

    [Display(Name = "Tên nhóm Zalo")]
    public string? ZaloGroupName { get; set; }

    [Display(Name = "Liên kết nhóm Zalo")]
    public string? ZaloGroupLink { get; set; }
}

/// <summary>An establishment or consolidation decision: number, date and signer.</summary>
public sealed class DecisionInput
{
    [Display(Name = "Số quyết định")]
    public string? Number { get; set; }

    [Display(Name = "Ngày ký quyết định")]
    public DateOnly? SignedOn { get; set; }

    [Display(Name = "Người ký quyết định")]
    public string? Signer { get; set; }
}

public static partial class TeamRules
{
    public const int NameMaxLength = 200;
    public const int ZaloLinkMaxLength = 300;

    public static string SuggestedName(string neighbourhood) => "Tổ CNSCĐ " + neighbourhood;

    /// <summary>Only a Zalo group link may be stored: it is shown to members as a link to follow.</summary>
    public static bool IsZaloLink(string link) =>
        Uri.TryCreate(link, UriKind.Absolute, out var uri)
        && uri.Scheme == Uri.UriSchemeHttps
        && string.Equals(uri.Host, "zalo.me", StringComparison.OrdinalIgnoreCase)
        && uri.IsDefaultPort
        && uri.UserInfo.Length == 0
        && uri.AbsolutePath.Length > 1;

    /// <summary>Cleans the team's text fields in place and adds the errors under <paramref name="prefix"/>.</summary>
    public static void Check(TeamInput input, ModelStateDictionary modelState, string prefix, IStringLocalizer l)
    {
        input.Name = VietnameseText.Clean(input.Name);
        input.ZaloGroupName = VietnameseText.Clean(input.ZaloGroupName);
        input.ZaloGroupLink = string.IsNullOrWhiteSpace(input.ZaloGroupLink) ? null : input.ZaloGroupLink.Trim();
        if (input.Name is null)
        {
            modelState.AddModelError(prefix + nameof(TeamInput.Name), l["Vui lòng nhập tên tổ."]);
        }
        else if (input.Name.Length > NameMaxLength)
        {
            modelState.AddModelError(prefix + nameof(TeamInput.Name), l["Tên tổ dài tối đa {0} ký tự.", NameMaxLength]);
        }
        if (input.ZaloGroupName?.Length > ZaloGroupName.MaxLength)
        {
            modelState.AddModelError(prefix + nameof(TeamInput.ZaloGroupName), l["Tên nhóm Zalo dài tối đa {0} ký tự.", ZaloGroupName.MaxLength]);
        }
        if (input.ZaloGroupLink is { } link && (link.Length > ZaloLinkMaxLength || !IsZaloLink(link)))
        {
            modelState.AddModelError(prefix + nameof(TeamInput.ZaloGroupLink), l["Liên kết nhóm Zalo phải có dạng https://zalo.me/… hoặc để trống."]);
        }
    }

    /// <summary>Another active team of the commune with the same name (ignoring case and diacritics) would confuse every list.</summary>
    public static async Task CheckNameIsFreeAsync(AppDbContext db, int communeId, string? name, Guid? except, ModelStateDictionary modelState, string prefix, IStringLocalizer l)
    {
        if (name is null)
        {
            return;
        }
        var folded = VietnameseText.Fold(name);
        if (await db.Teams.AnyAsync(t => t.CommuneId == communeId && t.DissolvedOn == null && t.SearchName == folded && t.Id != except))
        {
            modelState.AddModelError(prefix + nameof(TeamInput.Name), l["Phường/xã đã có một tổ tên này."]);
        }
    }

    /// <summary>
    /// Cleans and checks a decision. Number, date and signer go together: all three or, when
    /// <paramref name="required"/> is false, none.
    /// </summary>
    public static void CheckDecision(DecisionInput input, bool required, DateOnly today, ModelStateDictionary modelState, string prefix, IStringLocalizer l)
    {
        input.Number = VietnameseText.Clean(input.Number);
        input.Signer = VietnameseText.Clean(input.Signer);
        var any = input.Number is not null || input.SignedOn is not null || input.Signer is not null;
        if (!required && !any)
        {
            return;
        }
        if (input.Number is null)
        {
            modelState.AddModelError(prefix + nameof(DecisionInput.Number), l["Vui lòng nhập số quyết định (nhập đủ số, ngày ký và người ký)."]);
        }
        else if (input.Number.Length > 60 || !DecisionNumberPattern().IsMatch(input.Number))
        {
            modelState.AddModelError(prefix + nameof(DecisionInput.Number), l["Số quyết định không đúng dạng, ví dụ 125/QĐ-UBND."]);
        }
        if (input.SignedOn is null)
        {
            modelState.AddModelError(prefix + nameof(DecisionInput.SignedOn), l["Vui lòng nhập ngày ký quyết định (nhập đủ số, ngày ký và người ký)."]);
        }
        else if (input.SignedOn > today)
        {
            modelState.AddModelError(prefix + nameof(DecisionInput.SignedOn), l["Ngày ký quyết định không được sau hôm nay."]);
        }
        if (input.Signer is null)
        {
            modelState.AddModelError(prefix + nameof(DecisionInput.Signer), l["Vui lòng nhập người ký quyết định (nhập đủ số, ngày ký và người ký)."]);
        }
        else if (input.Signer.Length > 150)
        {
            modelState.AddModelError(prefix + nameof(DecisionInput.Signer), l["Người ký quyết định dài tối đa 150 ký tự."]);
        }
    }

    // "125/QĐ-UBND", "12/2025/QĐ-UBND", "07a/QĐ-CT": a number, then slash-separated parts of letters and digits.
    [GeneratedRegex(@"^[0-9]+\p{L}?(/[\p{L}0-9]+([-.][\p{L}0-9]+)*)+$", RegexOptions.CultureInvariant, 200)]
    private static partial Regex DecisionNumberPattern();
}
