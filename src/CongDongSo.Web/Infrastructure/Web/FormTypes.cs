namespace CongDongSo.Web.Infrastructure.Web;

/// <summary>An option of a select list.</summary>
public sealed record Choice<T>(T Value, string Text);

/// <summary>An error of one field, keyed by the input's property name.</summary>
public sealed record FieldError(string Field, string Message);
