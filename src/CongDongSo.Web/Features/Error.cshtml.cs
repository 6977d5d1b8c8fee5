using CongDongSo.Web.Infrastructure.Localization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;

namespace CongDongSo.Web.Features;

/// <summary>The friendly page for people: no stack trace, SQL or type name ever.</summary>
[IgnoreAntiforgeryToken]
public sealed class ErrorModel(IStringLocalizer<SharedResource> l) : PageModel
{
    public string Title { get; private set; } = "";
    public string Message { get; private set; } = "";

    public void OnGet(int? code) => Describe(code);

    public void OnPost(int? code) => Describe(code);

    private void Describe(int? code)
    {
        var status = code ?? (HttpContext.Response.StatusCode >= 400 ? HttpContext.Response.StatusCode : 500);
        (Title, Message) = status switch
        {
            404 => (l["Không tìm thấy"].Value, l["Trang hoặc bản ghi này không tồn tại, hoặc nằm ngoài địa bàn của bạn."].Value),
            403 => (l["Không có quyền"].Value, l["Vai trò của bạn không được dùng chức năng này."].Value),
            429 => (l["Quá nhiều lần thử"].Value, l["Vui lòng đợi một phút rồi thử lại."].Value),
            400 => (l["Yêu cầu không hợp lệ"].Value, l["Vui lòng tải lại trang và thử lại."].Value),
            _ => (l["Đã có lỗi xảy ra"].Value, l["Hệ thống đã ghi nhận lỗi. Vui lòng thử lại sau ít phút."].Value),
        };
        if (code is not null)
        {
            Response.StatusCode = status;
        }
    }
}
