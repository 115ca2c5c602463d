using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace FlashSale.Api.Tests.Logging;

/// <summary>One line as a logger was handed it: the EventId name is its <c>event</c>, the values its message named.</summary>
public sealed record CapturedLine(string Category, LogLevel Level, string? Event, IReadOnlyDictionary<string, object?> Values, string Message,
    Exception? Error = null);

/// <summary>An <see cref="ILoggerProvider"/> that keeps every line it is given, for tests that assert what is logged.</summary>
public sealed class CapturedLogs : ILoggerProvider
{
    private readonly ConcurrentQueue<CapturedLine> _lines = new();

    public IReadOnlyList<CapturedLine> Lines => [.. _lines];

    public IEnumerable<CapturedLine> WithEvent(string name) => Lines.Where(l => l.Event == name);

    public ILogger CreateLogger(string categoryName) => new Logger(categoryName, _lines);

    public void Dispose() { }

    private sealed class Logger(string category, ConcurrentQueue<CapturedLine> lines) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel != LogLevel.None;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            var values = state is IEnumerable<KeyValuePair<string, object?>> pairs
                ? pairs.ToDictionary(p => p.Key, p => p.Value)
                : new Dictionary<string, object?>();
            lines.Enqueue(new CapturedLine(category, logLevel, eventId.Name, values, formatter(state, exception), exception));
        }
    }
}
