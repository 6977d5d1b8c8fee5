using CongDongSo.Web.Infrastructure.Localization;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.Extensions.Localization;

namespace CongDongSo.Web.Infrastructure.Web;

/// <summary>
/// Binds every <c>bool</c> and <c>bool?</c> of every form. A checkbox posts "true" (plus the hidden
/// "false"); anything else ("abc", "1 OR 1=1") is a field error, and the value kept for the form
/// is <c>false</c>. The framework's own binder keeps the junk as the attempted value, and the
/// checkbox tag helper then throws while re-rendering the form: a 500 whose message carried the
/// submitted value into the log.
/// </summary>
public sealed class CheckboxBinderProvider : IModelBinderProvider
{
    public IModelBinder? GetBinder(ModelBinderProviderContext context) =>
        context.Metadata.UnderlyingOrModelType == typeof(bool) && !context.Metadata.IsComplexType ? new CheckboxBinder() : null;
}

public sealed class CheckboxBinder : IModelBinder
{
    public Task BindModelAsync(ModelBindingContext bindingContext)
    {
        var name = bindingContext.ModelName;
        var posted = bindingContext.ValueProvider.GetValue(name);
        if (posted == ValueProviderResult.None)
        {
            return Task.CompletedTask; // not posted: an unticked box keeps its default
        }
        var nullable = bindingContext.ModelMetadata.IsReferenceOrNullableType;
        switch (posted.FirstValue?.Trim().ToUpperInvariant())
        {
            case null or "":
                Set(bindingContext, nullable ? null : false);
                break;
            case "TRUE" or "ON":
                Set(bindingContext, true);
                break;
            case "FALSE" or "OFF":
                Set(bindingContext, false);
                break;
            default:
                bindingContext.ModelState.SetModelValue(name, false, "false");
                var l = bindingContext.HttpContext.RequestServices.GetRequiredService<IStringLocalizer<SharedResource>>();
                bindingContext.ModelState.TryAddModelError(name, l["Ô “{0}” chỉ nhận có hoặc không.", l[bindingContext.ModelMetadata.GetDisplayName()]]);
                bindingContext.Result = ModelBindingResult.Failed();
                break;
        }
        return Task.CompletedTask;
    }

    private static void Set(ModelBindingContext context, bool? value)
    {
        context.ModelState.SetModelValue(context.ModelName, value ?? false, value == true ? "true" : "false");
        context.Result = ModelBindingResult.Success(value);
    }
}
