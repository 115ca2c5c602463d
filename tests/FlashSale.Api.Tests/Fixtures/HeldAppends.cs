using FlashSale.EventStore;

namespace FlashSale.Api.Tests.Fixtures;

/// <summary>Holds appends back while set, so a test sees what the API does with the commands queued meanwhile.</summary>
public sealed class HeldAppends
{
    private volatile TaskCompletionSource _open = Opened();
    private readonly TaskCompletionSource _blocked = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public Task Blocked => _blocked.Task;

    public void Hold() => _open = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

    public void Release() => _open.TrySetResult();

    public IEventStore Around(IEventStore inner) => new Store(inner, this);

    private static TaskCompletionSource Opened()
    {
        var source = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        source.SetResult();
        return source;
    }

    private sealed class Store(IEventStore inner, HeldAppends held) : IEventStore
    {
        public bool AnswersEveryAppendedPosition => inner.AnswersEveryAppendedPosition;

        public async Task<AppendResult> AppendAsync(string streamId, ExpectedRevision expected, IReadOnlyList<EventData> events,
            AppendPositions positions = AppendPositions.EachEvent, CancellationToken cancellationToken = default)
        {
            var open = held._open.Task;
            if (!open.IsCompleted) held._blocked.TrySetResult();
            await open;
            return await inner.AppendAsync(streamId, expected, events, positions, cancellationToken);
        }

        public IAsyncEnumerable<RecordedEvent> ReadStreamAsync(string streamId, long fromRevision = 0, int maxCount = int.MaxValue,
            CancellationToken cancellationToken = default) => inner.ReadStreamAsync(streamId, fromRevision, maxCount, cancellationToken);

        public IAsyncEnumerable<RecordedEvent> ReadAllAsync(LogPosition? after, int maxCount, StreamFilter? filter = null,
            CancellationToken cancellationToken = default) => inner.ReadAllAsync(after, maxCount, filter, cancellationToken);

        public IAsyncEnumerable<RecordedEvent> SubscribeToAllAsync(LogPosition? checkpoint, StreamFilter filter,
            CancellationToken cancellationToken = default) => inner.SubscribeToAllAsync(checkpoint, filter, cancellationToken);

        public Task<LogPosition?> ReadHeadPositionAsync(CancellationToken cancellationToken = default) =>
            inner.ReadHeadPositionAsync(cancellationToken);
    }
}
