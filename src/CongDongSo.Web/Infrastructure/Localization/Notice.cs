using Microsoft.Extensions.Localization;

namespace CongDongSo.Web.Infrastructure.Localization;

/// <summary>
/// A message not yet in a language: its resource key (the Vietnamese text, with <c>{0}</c>-style
/// placeholders) and arguments. Rules shared by forms and imports return these; each caller shows
/// them in the reader's language.
/// </summary>
public sealed record Notice(string Key, params object[] Args)
{
    public string In(IStringLocalizer l) => l[Key, Args];
}
