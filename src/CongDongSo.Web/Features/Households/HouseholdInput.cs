using System.ComponentModel.DataAnnotations;
using CongDongSo.Web.Data;
using CongDongSo.Web.Infrastructure.Rules;
using CongDongSo.Web.Infrastructure.Text;
using CongDongSo.Web.Infrastructure.Web;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace CongDongSo.Web.Features.Households;

/// <summary>The fields of a household on the add and edit pages.</summary>
public sealed record HouseholdInput
{
    [Required(ErrorMessage = "Vui lòng nhập mã hộ.")]
    [Display(Name = "Mã hộ")]
    public string? Code { get; set; }

    [Required(ErrorMessage = "Vui lòng chọn tổ dân phố.")]
    [Display(Name = "Tổ dân phố")]
    public Guid? NeighbourhoodId { get; set; }

    [Required(ErrorMessage = "Vui lòng nhập địa chỉ.")]
    [Display(Name = "Địa chỉ")]
    public string? Address { get; set; }

    [Display(Name = "Hộ nghèo, cận nghèo")]
    public PovertyStatus Poverty { get; set; }

    [Display(Name = "Hộ có kinh doanh")]
    public bool HasBusiness { get; set; }

    public static HouseholdInput From(Household h) => new()
    {
        Code = h.Code,
        NeighbourhoodId = h.NeighbourhoodId,
        Address = h.Address,
        Poverty = h.Poverty,
        HasBusiness = h.HasBusiness,
    };
}

/// <summary>The household rules of the add and edit pages.</summary>
public static class HouseholdRules
{
    /// <summary>
    /// Cleans <paramref name="input"/> in place and checks it: lengths, a neighbourhood of the area
    /// (of the household's own commune when editing), and a code unique in the whole commune.
    /// Returns the neighbourhood chosen when it is valid.
    /// </summary>
    public static async Task<(List<FieldError> Errors, Neighbourhood? Neighbourhood)> CheckAsync(
        AppDbContext db, IStringLocalizer l, HouseholdInput input, Household? existing)
    {
        var errors = new List<FieldError>();
        input.Code = VietnameseText.Clean(input.Code);
        input.Address = VietnameseText.Clean(input.Address);
        if (input.Code?.Length > PopulationRules.MaxHouseholdCodeLength)
        {
            errors.Add(new(nameof(HouseholdInput.Code), l["Mã hộ dài {0} ký tự, quá giới hạn {1} ký tự.", input.Code.Length, PopulationRules.MaxHouseholdCodeLength]));
        }
        if (input.Address?.Length > PopulationRules.MaxAddressLength)
        {
            errors.Add(new(nameof(HouseholdInput.Address), l["Địa chỉ dài {0} ký tự, quá giới hạn {1} ký tự.", input.Address.Length, PopulationRules.MaxAddressLength]));
        }
        if (!Enum.IsDefined(input.Poverty))
        {
            errors.Add(new(nameof(HouseholdInput.Poverty), l["Tình trạng hộ nghèo không hợp lệ."]));
        }
        Neighbourhood? neighbourhood = null;
        if (input.NeighbourhoodId is { } neighbourhoodId)
        {
            neighbourhood = await db.Neighbourhoods.AsNoTracking().FirstOrDefaultAsync(n => n.Id == neighbourhoodId
                && (n.EffectiveTo == null || (existing != null && n.Id == existing.NeighbourhoodId)));
            if (neighbourhood is null || (existing is not null && neighbourhood.CommuneId != existing.CommuneId))
            {
                errors.Add(new(nameof(HouseholdInput.NeighbourhoodId), l["Tổ dân phố phải là một tổ dân phố đang hoạt động trong địa bàn của bạn."]));
                neighbourhood = null;
            }
        }
        if (input.Code is { Length: <= PopulationRules.MaxHouseholdCodeLength } code && (neighbourhood?.CommuneId ?? existing?.CommuneId) is { } communeId)
        {
            var holders = await PopulationQueries.HouseholdIdsWithCodeAsync(db, communeId, code);
            if (holders.Any(id => id != existing?.Id))
            {
                errors.Add(new(nameof(HouseholdInput.Code), l["Mã hộ {0} đã có trong phường/xã: mỗi hộ một mã.", code]));
            }
        }
        return (errors, neighbourhood);
    }

    public static void Apply(HouseholdInput input, Household household, Neighbourhood neighbourhood, string? headName)
    {
        household.Code = input.Code!;
        household.Address = input.Address!;
        household.NeighbourhoodId = neighbourhood.Id;
        household.Poverty = input.Poverty;
        household.HasBusiness = input.HasBusiness;
        household.SearchText = PopulationQueries.HouseholdSearchText(household.Code, household.Address, headName);
    }
}
