using Microsoft.AspNetCore.Mvc.ModelBinding.Metadata;

namespace CongDongSo.Web.Infrastructure.Localization;

/// <summary>
/// The one resource of the app. Keys are the Vietnamese text itself (the default language);
/// Resources/Infrastructure.Localization.SharedResource.en.resx holds the English.
/// </summary>
#pragma warning disable CA1052 // A marker type for IStringLocalizer<T>; it is never instantiated.
public sealed class SharedResource;
#pragma warning restore CA1052

/// <summary>Model-binding messages in Vietnamese, naming the field.</summary>
public static class VietnameseBindingMessages
{
    public static void Apply(DefaultModelBindingMessageProvider messages)
    {
        messages.SetValueMustNotBeNullAccessor(field => $"Vui lòng nhập {field}.");
        messages.SetMissingBindRequiredValueAccessor(field => $"Thiếu giá trị cho {field}.");
        messages.SetMissingKeyOrValueAccessor(() => "Thiếu giá trị.");
        messages.SetAttemptedValueIsInvalidAccessor((value, field) => $"Giá trị '{value}' không hợp lệ cho {field}.");
        messages.SetUnknownValueIsInvalidAccessor(field => $"Giá trị không hợp lệ cho {field}.");
        messages.SetValueIsInvalidAccessor(value => $"Giá trị '{value}' không hợp lệ.");
        messages.SetValueMustBeANumberAccessor(field => $"{field} phải là một số.");
        messages.SetNonPropertyAttemptedValueIsInvalidAccessor(value => $"Giá trị '{value}' không hợp lệ.");
        messages.SetNonPropertyUnknownValueIsInvalidAccessor(() => "Giá trị không hợp lệ.");
        messages.SetNonPropertyValueMustBeANumberAccessor(() => "Giá trị phải là một số.");
        messages.SetMissingRequestBodyRequiredValueAccessor(() => "Thiếu nội dung yêu cầu.");
    }
}
