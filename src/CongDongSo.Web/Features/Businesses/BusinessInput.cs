using System.ComponentModel.DataAnnotations;
using CongDongSo.Web.Data;
using CongDongSo.Web.Infrastructure.Text;
using CongDongSo.Web.Infrastructure.Web;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace CongDongSo.Web.Features.Businesses;

/// <summary>The fields of a business on the add and edit pages.</summary>
public sealed record BusinessInput
{
    [Required(ErrorMessage = "Vui lòng nhập tên cơ sở.")]
    [Display(Name = "Tên cơ sở")]
    public string? Name { get; set; }

    [Display(Name = "Loại hình")]
    public BusinessKind Kind { get; set; } = BusinessKind.HouseholdBusiness;

    [Required(ErrorMessage = "Vui lòng chọn tổ dân phố.")]
    [Display(Name = "Tổ dân phố")]
    public Guid? NeighbourhoodId { get; set; }

    /// <summary>The owner household's code (mã hộ), chosen from a list or typed.</summary>
    [Display(Name = "Hộ chủ cơ sở")]
    public string? OwnerHouseholdCode { get; set; }

    [Display(Name = "Địa chỉ")]
    public string? Address { get; set; }

    [Display(Name = "Ngành nghề")]
    public string? Sector { get; set; }

    [Display(Name = "Sản phẩm, dịch vụ")]
    public string? Products { get; set; }

    [Display(Name = "Có sản phẩm OCOP")]
    public bool IsOcop { get; set; }

    [Display(Name = "Sản phẩm OCOP")]
    public string? OcopProducts { get; set; }
}

/// <summary>The business rules of the add and edit pages.</summary>
public static class BusinessRules
{
    /// <summary>Cleans and checks the input; returns the neighbourhood and the owner household when valid.</summary>
    public static async Task<(List<FieldError> Errors, Neighbourhood? Neighbourhood, Household? Owner)> CheckAsync(
        AppDbContext db, IStringLocalizer l, BusinessInput input, Business? existing)
    {
        var errors = new List<FieldError>();
        input.Name = VietnameseText.Clean(input.Name);
        input.Address = VietnameseText.Clean(input.Address);
        input.Sector = VietnameseText.Clean(input.Sector);
        input.Products = VietnameseText.Clean(input.Products);
        input.OcopProducts = VietnameseText.Clean(input.OcopProducts);
        input.OwnerHouseholdCode = VietnameseText.Clean(input.OwnerHouseholdCode);
        if (input.Name?.Length > 200)
        {
            errors.Add(new(nameof(BusinessInput.Name), l["Tên cơ sở dài tối đa 200 ký tự."]));
        }
        if (!Enum.IsDefined(input.Kind))
        {
            errors.Add(new(nameof(BusinessInput.Kind), l["Loại hình không hợp lệ."]));
        }
        if (input.Address?.Length > 300)
        {
            errors.Add(new(nameof(BusinessInput.Address), l["Địa chỉ dài tối đa 300 ký tự."]));
        }
        if (input.Sector?.Length > 150)
        {
            errors.Add(new(nameof(BusinessInput.Sector), l["Ngành nghề dài tối đa 150 ký tự."]));
        }
        if (input.Products?.Length > 500)
        {
            errors.Add(new(nameof(BusinessInput.Products), l["Sản phẩm, dịch vụ dài tối đa 500 ký tự."]));
        }
        if (input.OcopProducts?.Length > 500)
        {
            errors.Add(new(nameof(BusinessInput.OcopProducts), l["Sản phẩm OCOP dài tối đa 500 ký tự."]));
        }
        if (input.IsOcop && input.OcopProducts is null)
        {
            errors.Add(new(nameof(BusinessInput.OcopProducts), l["Vui lòng nhập các sản phẩm đạt OCOP."]));
        }
        Neighbourhood? neighbourhood = null;
        if (input.NeighbourhoodId is { } neighbourhoodId)
        {
            neighbourhood = await db.Neighbourhoods.AsNoTracking().FirstOrDefaultAsync(n => n.Id == neighbourhoodId
                && (n.EffectiveTo == null || (existing != null && n.Id == existing.NeighbourhoodId)));
            if (neighbourhood is null || (existing is not null && neighbourhood.CommuneId != existing.CommuneId))
            {
                errors.Add(new(nameof(BusinessInput.NeighbourhoodId), l["Tổ dân phố phải là một tổ dân phố đang hoạt động trong địa bàn của bạn."]));
                neighbourhood = null;
            }
        }
        Household? owner = null;
        if (input.OwnerHouseholdCode is { } code && neighbourhood is not null)
        {
            owner = await db.Households.FirstOrDefaultAsync(h => h.CommuneId == neighbourhood.CommuneId && h.Code == code);
            if (owner is null)
            {
                errors.Add(new(nameof(BusinessInput.OwnerHouseholdCode), l["Không có hộ mã {0} trong địa bàn của bạn.", code]));
            }
        }
        return (errors, neighbourhood, owner);
    }

    public static void Apply(BusinessInput input, Business business, Neighbourhood neighbourhood, Household? owner)
    {
        business.Name = input.Name!;
        business.SearchName = VietnameseText.Fold(input.Name);
        business.Kind = input.Kind;
        business.NeighbourhoodId = neighbourhood.Id;
        business.OwnerHouseholdId = owner?.Id;
        business.Address = input.Address;
        business.Sector = input.Sector;
        business.Products = input.Products;
        business.IsOcop = input.IsOcop;
        business.OcopProducts = input.IsOcop ? input.OcopProducts : null;
        if (owner is not null && input.Kind == BusinessKind.HouseholdBusiness)
        {
            owner.HasBusiness = true;
        }
    }
}

/// <summary>What the shared business fields partial needs from its page.</summary>
public interface IBusinessForm
{
    BusinessInput Input { get; }
    List<Choice<Guid>> Neighbourhoods { get; }
    /// <summary>The area's households for a select, or null when there are too many (the code is typed).</summary>
    List<Choice<string>>? Households { get; }
}
