using System.Globalization;
using CongDongSo.Web.Data;
using CongDongSo.Web.Infrastructure.Text;
using Microsoft.EntityFrameworkCore;

namespace CongDongSo.Web.Features.Members;

/// <summary>The roster filters of the search page, shared by its export (same query string).</summary>
public sealed class MemberFilter
{
    public string? Q { get; set; }
    /// <summary>For users above one ward; a ward user's commune is their own.</summary>
    public int? Commune { get; set; }
    public Guid? Team { get; set; }
    public int? Affiliation { get; set; }
    public MemberPosition? Position { get; set; }
    /// <summary>Born in or after the year a person turns 39 this year: under 40 all year long.</summary>
    public bool Under40 { get; set; }
    public bool IncludeFormer { get; set; }

    public static int Under40From(int currentYear) => currentYear - 39;

    /// <summary>
    /// Applies the filters. The name matches without diacritics or case through the folded
    /// SearchName column; a typed mobile number also finds its owner for those who see full numbers.
    /// </summary>
    public IQueryable<Member> Apply(IQueryable<Member> members, int currentYear, bool matchPhones)
    {
        if (!IncludeFormer)
        {
            members = members.Where(m => m.LeftOn == null);
        }
        if (Commune is { } commune)
        {
            members = members.Where(m => m.CommuneId == commune);
        }
        if (Team is { } team)
        {
            members = members.Where(m => m.TeamId == team);
        }
        if (Affiliation is { } affiliation)
        {
            members = members.Where(m => m.AffiliationId == affiliation);
        }
        if (Position is { } position)
        {
            members = members.Where(m => m.Position == position);
        }
        if (Under40)
        {
            var from = Under40From(currentYear);
            members = members.Where(m => m.BirthYear >= from);
        }
        var folded = VietnameseText.Fold(Q);
        if (folded.Length > 0)
        {
            var pattern = "%" + folded.Replace(@"\", @"\\", StringComparison.Ordinal).Replace("%", @"\%", StringComparison.Ordinal).Replace("_", @"\_", StringComparison.Ordinal) + "%";
            var phone = matchPhones ? VietnamesePhone.NormaliseMobile(Q) : null;
            members = phone is null
                ? members.Where(m => EF.Functions.Like(m.SearchName, pattern, @"\"))
                : members.Where(m => EF.Functions.Like(m.SearchName, pattern, @"\") || m.Phone == phone);
        }
        return members;
    }

    /// <summary>The filters as query-string values (pager and export links).</summary>
    public Dictionary<string, string?> ToQuery() => new Dictionary<string, string?>
    {
        ["q"] = string.IsNullOrWhiteSpace(Q) ? null : Q.Trim(),
        ["commune"] = Commune?.ToString(CultureInfo.InvariantCulture),
        ["team"] = Team?.ToString(),
        ["affiliation"] = Affiliation?.ToString(CultureInfo.InvariantCulture),
        ["position"] = Position?.ToString(),
        ["under40"] = Under40 ? "true" : null,
        ["includeFormer"] = IncludeFormer ? "true" : null,
    }.Where(p => p.Value is not null).ToDictionary();

    public string Url(string path, int? page = null)
    {
        var query = ToQuery();
        if (page is > 1)
        {
            query["p"] = page.Value.ToString(CultureInfo.InvariantCulture);
        }
        return path + QueryString.Create(query);
    }

    /// <summary>For the export's audit line.</summary>
    public string Describe()
    {
        var parts = ToQuery().Select(p => $"{p.Key}={p.Value}").ToList();
        return parts.Count == 0 ? "(none)" : string.Join(", ", parts);
    }
}
