using System.ComponentModel.DataAnnotations;
using System.Globalization;
using CongDongSo.Web.Data;
using CongDongSo.Web.Infrastructure.Privacy;
using CongDongSo.Web.Infrastructure.Rules;
using CongDongSo.Web.Infrastructure.Text;
using CongDongSo.Web.Infrastructure.Web;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace CongDongSo.Web.Features.Residents;

/// <summary>The fields of a resident on the add and edit (correction) pages.</summary>
public sealed record ResidentInput
{
    [Required(ErrorMessage = "Vui lòng nhập họ và tên.")]
    [Display(Name = "Họ và tên")]
    public string? FullName { get; set; }

    /// <summary>dd/MM/yyyy as typed, or yyyy-MM-dd from a date picker.</summary>
    [Display(Name = "Ngày sinh")]
    public string? BirthDate { get; set; }

    [Display(Name = "Năm sinh")]
    public int? BirthYear { get; set; }

    [Display(Name = "Giới tính")]
    public Gender? Gender { get; set; }

    [Required(ErrorMessage = "Vui lòng chọn quan hệ với chủ hộ.")]
    [Display(Name = "Quan hệ với chủ hộ")]
    public RelationToHead? Relation { get; set; }

    /// <summary>On the edit page a blank field keeps the stored number (never shown there).</summary>
    [Display(Name = "Số định danh cá nhân")]
    public string? CitizenId { get; set; }

    [Display(Name = "Xóa số định danh đã lưu")]
    public bool RemoveCitizenId { get; set; }

    [Display(Name = "Số điện thoại")]
    public string? Phone { get; set; }

    [Display(Name = "Người khuyết tật")]
    public bool HasDisability { get; set; }

    /// <summary>Consent given now: an explicit tick, never pre-ticked.</summary>
    [Display(Name = "Người dân đồng ý")]
    public bool Consent { get; set; }

    [Display(Name = "Cách người dân đồng ý")]
    public string? ConsentNote { get; set; }

    [Display(Name = "Rút lại sự đồng ý")]
    public bool WithdrawConsent { get; set; }
}

/// <summary>A resident's input once checked: the parsed and normalised values to store.</summary>
public sealed record CheckedResident(DateOnly? BirthDate, int? BirthYear, string? CitizenId, bool KeepCitizenId, string? Phone);

/// <summary>The resident rules of the add and edit pages.</summary>
public static class ResidentRules
{
    public const string ErasedName = "Đã xóa dữ liệu";
    private static readonly string[] s_dateFormats = ["dd/MM/yyyy", "d/M/yyyy", "yyyy-MM-dd"];

    /// <summary>
    /// Cleans <paramref name="input"/> in place and checks it: name, birth date or year, citizen ID
    /// (12 digits consistent with birth year and gender, unique in the commune), phone, consent and
    /// the one head per household. <paramref name="existing"/> is null for a new resident.
    /// </summary>
    public static async Task<(List<FieldError> Errors, CheckedResident? Checked)> CheckAsync(
        AppDbContext db, IStringLocalizer l, PersonalDataProtector protector, DateOnly today, ResidentInput input, Household household, Resident? existing)
    {
        var errors = new List<FieldError>();
        input.FullName = VietnameseText.Clean(input.FullName);
        input.ConsentNote = VietnameseText.Clean(input.ConsentNote);
        if (input.FullName?.Length > PopulationRules.MaxNameLength)
        {
            errors.Add(new(nameof(ResidentInput.FullName), l["Họ và tên dài {0} ký tự, quá giới hạn {1} ký tự.", input.FullName.Length, PopulationRules.MaxNameLength]));
        }

        DateOnly? birthDate = null;
        if (!string.IsNullOrWhiteSpace(input.BirthDate))
        {
            if (!DateOnly.TryParseExact(input.BirthDate.Trim(), s_dateFormats, CultureInfo.InvariantCulture, DateTimeStyles.None, out var parsed))
            {
                errors.Add(new(nameof(ResidentInput.BirthDate), l["Ngày sinh không hợp lệ; nhập theo dạng dd/MM/yyyy."]));
            }
            else if (PopulationRules.BirthProblem(parsed, null, today) is { } problem)
            {
                errors.Add(new(nameof(ResidentInput.BirthDate), problem.In(l)));
            }
            else
            {
                birthDate = parsed;
            }
        }
        var birthYear = input.BirthYear;
        if (PopulationRules.BirthProblem(null, birthYear, today) is { } yearProblem)
        {
            errors.Add(new(nameof(ResidentInput.BirthYear), yearProblem.In(l)));
            birthYear = null;
        }
        else if (birthDate is { } date && birthYear is { } given && given != date.Year)
        {
            errors.Add(new(nameof(ResidentInput.BirthYear), l["Năm sinh không khớp ngày sinh."]));
        }
        else if (birthDate is null && birthYear is null && string.IsNullOrWhiteSpace(input.BirthDate) && input.BirthYear is null)
        {
            errors.Add(new(nameof(ResidentInput.BirthYear), l["Vui lòng nhập ngày sinh hoặc năm sinh."]));
        }
        birthYear = birthDate?.Year ?? birthYear;

        if (input.Gender is { } gender && !Enum.IsDefined(gender))
        {
            errors.Add(new(nameof(ResidentInput.Gender), l["Giới tính không hợp lệ."]));
        }
        if (input.Relation is { } relation && !Enum.IsDefined(relation))
        {
            errors.Add(new(nameof(ResidentInput.Relation), l["Quan hệ với chủ hộ không hợp lệ."]));
        }

        // A blank ID on the edit page keeps the stored one, which is checked again against the new birth year and gender.
        var citizenId = CitizenId.Normalise(input.CitizenId);
        var keep = citizenId is null && !input.RemoveCitizenId && existing?.CitizenIdCipher is not null;
        var toCheck = citizenId ?? (keep ? protector.Decrypt(existing!.CitizenIdCipher) : null);
        if (toCheck is not null)
        {
            // The import's rule: what it flags for checking, a person at the form is asked to fix now.
            var check = CitizenId.Check(toCheck, birthYear, input.Gender);
            if ((check.Error ?? (check.Warnings.Count > 0 ? check.Warnings[0] : null)) is { } problem)
            {
                errors.Add(new(nameof(ResidentInput.CitizenId), problem.In(l)));
            }
            else if (citizenId is not null)
            {
                var holders = (await PopulationQueries.ResidentIdsWithCitizenIdAsync(db, household.CommuneId, protector.LookupHash(citizenId)!))
                    .Where(id => id != existing?.Id).ToList();
                if (holders.Count > 0)
                {
                    var visible = await db.Residents.AsNoTracking().Where(r => holders.Contains(r.Id)).Select(r => r.Household!.Code).FirstOrDefaultAsync();
                    errors.Add(new(nameof(ResidentInput.CitizenId), visible is null
                        ? l["Số định danh này đã có ở một người khác trong phường/xã."]
                        : l["Số định danh này đã có ở một người khác, thuộc hộ {0}.", visible]));
                }
            }
        }

        string? phone = null;
        if (!string.IsNullOrWhiteSpace(input.Phone))
        {
            (phone, var phoneError, _) = VietnamesePhone.Check(input.Phone);
            if (phoneError is not null)
            {
                errors.Add(new(nameof(ResidentInput.Phone), phoneError.In(l)));
            }
        }

        if (input.Consent && existing?.ConsentAtUtc is null && input.ConsentNote is null)
        {
            errors.Add(new(nameof(ResidentInput.ConsentNote), l["Vui lòng ghi cách người dân đồng ý (ví dụ: ký phiếu đồng ý)."]));
        }
        if (input.ConsentNote?.Length > 300)
        {
            errors.Add(new(nameof(ResidentInput.ConsentNote), l["Cách người dân đồng ý dài tối đa 300 ký tự."]));
        }

        if (input.Relation == RelationToHead.Head && household.HeadResidentId is { } headId && headId != existing?.Id)
        {
            var head = await db.Residents.AsNoTracking().Where(r => r.Id == headId && r.ErasedAtUtc == null).Select(r => r.FullName).FirstOrDefaultAsync();
            if (head is not null)
            {
                errors.Add(new(nameof(ResidentInput.Relation), l["Hộ đã có chủ hộ ({0}): mỗi hộ một chủ hộ; sửa quan hệ của người đó trước.", head]));
            }
        }
        return errors.Count > 0 ? (errors, null) : (errors, new CheckedResident(birthDate, birthYear, citizenId, keep, phone));
    }

    /// <summary>
    /// Copies checked input onto the resident: the ID and phone only through the protector (encrypted,
    /// hashed, tail), the household's head kept in step, consent dated when given. The caller then
    /// refreshes the household's search text (<see cref="PopulationQueries.RefreshHouseholdSearchTextAsync"/>).
    /// </summary>
    public static void Apply(ResidentInput input, CheckedResident checkedInput, Resident resident, Household household, PersonalDataProtector protector, DateTime nowUtc)
    {
        resident.FullName = input.FullName!;
        resident.SearchName = VietnameseText.Fold(input.FullName);
        resident.BirthDate = checkedInput.BirthDate;
        resident.BirthYear = checkedInput.BirthYear;
        resident.Gender = input.Gender;
        resident.Relation = input.Relation!.Value;
        resident.HasDisability = input.HasDisability;
        if (!checkedInput.KeepCitizenId)
        {
            protector.SetCitizenId(resident, checkedInput.CitizenId);
        }
        protector.SetPhone(resident, checkedInput.Phone);
        if (input.WithdrawConsent && resident.ConsentAtUtc is not null)
        {
            resident.ConsentAtUtc = null;
            resident.ConsentNote = null;
        }
        else if (input.Consent && resident.ConsentAtUtc is null)
        {
            resident.ConsentAtUtc = nowUtc;
            resident.ConsentNote = input.ConsentNote;
        }
        resident.UpdatedAtUtc = nowUtc;
        if (resident.Relation == RelationToHead.Head)
        {
            household.HeadResidentId = resident.Id;
        }
        else if (household.HeadResidentId == resident.Id)
        {
            household.HeadResidentId = null;
        }
    }
}
