using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace FlashSale.Application.Tests.CommandPath.Snapshots;

/// <summary>A logger that keeps every line, for tests that assert what the writer logs.</summary>
internal sealed class CapturedLog : ILogger
{
    public ConcurrentQueue<(LogLevel Level, string Event, string Message, IReadOnlyDictionary<string, object?> Fields)> Lines { get; } = new();

    public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => true;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        var fields = state is IEnumerable<KeyValuePair<string, object?>> pairs
            ? pairs.ToDictionary(p => p.Key, p => p.Value)
            : new Dictionary<string, object?>();
        Lines.Enqueue((logLevel, eventId.Name ?? "", formatter(state, exception), fields));
    }
}
