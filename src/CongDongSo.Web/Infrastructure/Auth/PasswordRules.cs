using CongDongSo.Web.Data;
using CongDongSo.Web.Infrastructure.Text;
using Microsoft.AspNetCore.Identity;

namespace CongDongSo.Web.Infrastructure.Auth;

/// <summary>
/// Length, not composition (NIST SP 800-63B / ASVS 5.0 §6.2): at least 8 characters, up to 128,
/// and never a common password or one built from the context (the product, the user's own name).
/// </summary>
public sealed class ContextPasswordValidator : IPasswordValidator<AppUser>
{
    public const int MaxLength = 128;

    // Folded (lower case, no diacritics); a password containing one of these as its whole
    // letter-and-digit content is refused.
    private static readonly HashSet<string> s_common =
    [
        "123456", "12345678", "123456789", "1234567890", "12345678910", "123123123", "11111111", "00000000",
        "88888888", "66666666", "password", "password1", "password123", "passw0rd", "qwerty123", "qwertyuiop",
        "abc12345", "abcd1234", "iloveyou", "matkhau", "matkhau123", "matkhau1", "matkhaumoi", "admin123",
        "administrator", "congdongso", "congnghesocongdong", "tocongnghesocongdong", "chuyendoiso", "vneid123",
        "vietnam", "vietnam123", "anhyeuem", "emyeuanh", "hanoi123", "saigon123", "danang123", "hoaxuan",
        "hanoi", "danang", "hochiminh", "thanhphohochiminh", "haiphong", "cantho", "hue", "quangninh",
        "thanhhoa", "nghean", "hatinh", "laocai", "tuyenquang", "thainguyen", "phutho", "bacninh", "hungyen",
        "ninhbinh", "quangtri", "quangngai", "gialai", "daklak", "khanhhoa", "lamdong", "dongnai", "tayninh",
        "vinhlong", "dongthap", "angiang", "camau", "caobang", "langson", "laichau", "dienbien", "sonla",
    ];

    public Task<IdentityResult> ValidateAsync(UserManager<AppUser> manager, AppUser user, string? password)
    {
        if (string.IsNullOrEmpty(password))
        {
            return Task.FromResult(Fail("PasswordRequired", "Vui lòng nhập mật khẩu. / Password is required."));
        }
        if (password.Length > MaxLength)
        {
            return Task.FromResult(Fail("PasswordTooLong", $"Mật khẩu dài tối đa {MaxLength} ký tự. / Password must be at most {MaxLength} characters."));
        }
        var folded = new string(VietnameseText.Fold(password).Where(char.IsLetterOrDigit).ToArray());
        var context = new[] { user.UserName, user.FullName, user.PhoneNumber }
            .Select(v => new string(VietnameseText.Fold(v).Where(char.IsLetterOrDigit).ToArray()))
            .Where(v => v.Length >= 4);
        var isCommon = s_common.Contains(folded)
            || folded.Distinct().Count() <= 2
            || context.Any(c => folded.Contains(c, StringComparison.Ordinal) || c.Contains(folded, StringComparison.Ordinal));
        return Task.FromResult(isCommon
            ? Fail("PasswordTooCommon", "Mật khẩu quá phổ biến hoặc chứa tên, số điện thoại của bạn; hãy chọn cụm từ khác. / This password is too common or contains your name or phone; choose another phrase.")
            : IdentityResult.Success);
    }

    private static IdentityResult Fail(string code, string description) => IdentityResult.Failed(new IdentityError { Code = code, Description = description });
}
