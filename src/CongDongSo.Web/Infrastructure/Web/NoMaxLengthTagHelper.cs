using Microsoft.AspNetCore.Razor.TagHelpers;

namespace CongDongSo.Web.Infrastructure.Web;

/// <summary>
/// No field of a form cuts what is pasted into it: the browser's maxlength (which the framework adds
/// from [StringLength]) drops the rest silently, a password included. Every limit is checked on the
/// server instead, and a longer text is refused with a message that names the field and its limit.
/// </summary>
[HtmlTargetElement("input", Attributes = "asp-for")]
[HtmlTargetElement("textarea", Attributes = "asp-for")]
public sealed class NoMaxLengthTagHelper : TagHelper
{
    // After the framework's input and textarea tag helpers have written their attributes.
    public override int Order => 1000;

    public override void Process(TagHelperContext context, TagHelperOutput output) => output.Attributes.RemoveAll("maxlength");
}
