using System.Collections;
using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace CongDongSo.Web.Infrastructure.Privacy;

/// <summary>
/// Citizen ID numbers and phone numbers never reach a log (Luật Bảo vệ dữ liệu cá nhân 2025; SECURITY.md,
/// logging): every provider's logger is wrapped, and the message, each property and the exception's
/// text are redacted before the provider sees them, whatever code, ours or the framework's, logged them.
/// </summary>
public static partial class LogRedaction
{
    public const string Mask = "[đã ẩn]";

    /// <summary>Every logger provider registered, now and by whoever registers later, goes through the redaction.</summary>
    public static IServiceCollection AddLogRedaction(this IServiceCollection services)
    {
        services.Replace(ServiceDescriptor.Singleton<ILoggerFactory>(sp => new LoggerFactory(
            sp.GetServices<ILoggerProvider>().Select(p => p as RedactingLoggerProvider ?? new RedactingLoggerProvider(p)),
            sp.GetRequiredService<IOptionsMonitor<LoggerFilterOptions>>(),
            sp.GetService<IOptions<LoggerFactoryOptions>>(),
            sp.GetService<IExternalScopeProvider>())));
        return services;
    }

    /// <summary>The text with 11–12-digit numbers (citizen IDs) and Vietnamese phone numbers, however written, masked.</summary>
    public static string Redact(string text)
    {
        if (text.Length < 9 || !text.AsSpan().ContainsAnyInRange('0', '9'))
        {
            return text;
        }
        return CitizenIdShape().Replace(PhoneShape().Replace(text, Mask), Mask);
    }

    /// <summary>A property: kept as it is when it cannot hold an ID or a phone, its redacted text otherwise.</summary>
    internal static object? Redact(object? value) => value switch
    {
        null or bool or int or short or byte or Guid or DateTime or DateTimeOffset or DateOnly or TimeSpan or double or float or Enum => value,
        string s => Redact(s),
        // A long or a decimal can be an ID number typed as a number.
        IFormattable f => Redact(f.ToString(null, System.Globalization.CultureInfo.InvariantCulture)),
        IEnumerable list => string.Join(", ", list.Cast<object?>().Select(v => Redact(v)?.ToString())),
        _ => Redact(value.ToString() ?? ""),
    };

    // 0905111001, 0905 111 001, 0905.111.001, +84 905 111 001, 84905111001: 0 or 84 and nine more digits.
    [GeneratedRegex(@"(?<![\w+])(?:\+?84[\s.\-]?|0)\d(?:[\s.\-]?\d){8}(?!\w)", RegexOptions.CultureInvariant)]
    private static partial Regex PhoneShape();

    // Twelve digits, or eleven (an ID typed as a number loses its leading zero); not inside a word or
    // a dashed code: the last group of a GUID can be twelve digits.
    [GeneratedRegex(@"(?<![\w-])\d{11,12}(?![\w-])", RegexOptions.CultureInvariant)]
    private static partial Regex CitizenIdShape();
}

/// <summary>Wraps one provider: its loggers get only redacted messages, properties and exceptions.</summary>
public sealed class RedactingLoggerProvider(ILoggerProvider inner) : ILoggerProvider, ISupportExternalScope
{
    public ILogger CreateLogger(string categoryName) => new RedactingLogger(inner.CreateLogger(categoryName));

    public void SetScopeProvider(IExternalScopeProvider scopeProvider)
    {
        if (inner is ISupportExternalScope scoped)
        {
            scoped.SetScopeProvider(scopeProvider);
        }
    }

    // The inner provider belongs to the container, which disposes it.
    public void Dispose()
    {
    }

    private sealed class RedactingLogger(ILogger inner) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => inner.BeginScope(state);

        public bool IsEnabled(LogLevel logLevel) => inner.IsEnabled(logLevel);

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (!inner.IsEnabled(logLevel))
            {
                return;
            }
            var message = LogRedaction.Redact(formatter(state, null));
            var properties = state is IReadOnlyList<KeyValuePair<string, object?>> list
                ? list.Select(p => p.Key == "{OriginalFormat}" ? p : new KeyValuePair<string, object?>(p.Key, LogRedaction.Redact(p.Value))).ToList()
                : [];
            inner.Log(logLevel, eventId, new RedactedState(message, properties), exception is null ? null : new RedactedException(exception),
                static (s, _) => s.Message);
        }
    }

    private sealed class RedactedState(string message, List<KeyValuePair<string, object?>> properties) : IReadOnlyList<KeyValuePair<string, object?>>
    {
        public string Message { get; } = message;

        public int Count => properties.Count;

        public KeyValuePair<string, object?> this[int index] => properties[index];

        public IEnumerator<KeyValuePair<string, object?>> GetEnumerator() => properties.GetEnumerator();

        IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

        public override string ToString() => Message;
    }

    /// <summary>The exception as the provider prints it (type, message, inner exceptions, stack), redacted.</summary>
    private sealed class RedactedException(Exception original) : Exception(LogRedaction.Redact(original.Message))
    {
        public override string? StackTrace => original.StackTrace;

        public override string ToString() => LogRedaction.Redact(original.ToString());
    }
}
