using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace FlashSale.EventStore.Tests.EventStoreDb;

/// <summary>A logger that keeps its lines: the event name, level, message and exception of each.</summary>
public sealed class CapturedLog<T> : ILogger<T>
{
    private readonly ConcurrentQueue<(string? Event, LogLevel Level, string Message, Exception? Error)> _lines = new();

    public IReadOnlyList<(string? Event, LogLevel Level, string Message, Exception? Error)> Lines => [.. _lines];

    public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => true;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
        _lines.Enqueue((eventId.Name, logLevel, formatter(state, exception), exception));
}
