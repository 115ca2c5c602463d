using System.Diagnostics;
using FlashSale.EventStore;

namespace FlashSale.Application.CommandPath;

/// <summary>
/// The event store with its appends timed and counted for <see cref="IWritePathMetrics"/>; reads pass through. Wrapping
/// the store rather than instrumenting the writer keeps the item writer free of metrics code and counts every appender
/// (writers, payments, operators) the same way.
/// </summary>
public sealed class MeteredEventStore(IEventStore inner, IWritePathMetrics metrics) : IEventStore, IAsyncDisposable
{
    public bool AnswersEveryAppendedPosition => inner.AnswersEveryAppendedPosition;

    public async Task<AppendResult> AppendAsync(string streamId, ExpectedRevision expected, IReadOnlyList<EventData> events,
        AppendPositions positions = AppendPositions.EachEvent, CancellationToken cancellationToken = default)
    {
        var started = Stopwatch.GetTimestamp();
        var result = await inner.AppendAsync(streamId, expected, events, positions, cancellationToken);
        metrics.AppendCompleted(events.Count, Stopwatch.GetElapsedTime(started).TotalSeconds);
        if (result is AppendResult.WrongExpectedVersion) metrics.ConcurrencyConflict();
        return result;
    }

    public IAsyncEnumerable<RecordedEvent> ReadStreamAsync(string streamId, long fromRevision = 0, int maxCount = int.MaxValue,
        CancellationToken cancellationToken = default) => inner.ReadStreamAsync(streamId, fromRevision, maxCount, cancellationToken);

    public IAsyncEnumerable<RecordedEvent> ReadAllAsync(LogPosition? after, int maxCount, StreamFilter? filter = null,
        CancellationToken cancellationToken = default) => inner.ReadAllAsync(after, maxCount, filter, cancellationToken);

    public Task<long> CountAfterAsync(LogPosition? after, int limit, StreamFilter? filter = null, CancellationToken cancellationToken = default) =>
        inner.CountAfterAsync(after, limit, filter, cancellationToken);

    public IAsyncEnumerable<RecordedEvent> SubscribeToAllAsync(LogPosition? checkpoint, StreamFilter filter,
        CancellationToken cancellationToken = default) => inner.SubscribeToAllAsync(checkpoint, filter, cancellationToken);

    public Task<LogPosition?> ReadHeadPositionAsync(CancellationToken cancellationToken = default) => inner.ReadHeadPositionAsync(cancellationToken);

    public ValueTask DisposeAsync() => inner switch
    {
        IAsyncDisposable disposable => disposable.DisposeAsync(),
        IDisposable disposable => Dispose(disposable),
        _ => ValueTask.CompletedTask,
    };

    private static ValueTask Dispose(IDisposable disposable)
    {
        disposable.Dispose();
        return ValueTask.CompletedTask;
    }
}
