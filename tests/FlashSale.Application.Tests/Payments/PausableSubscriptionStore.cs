using System.Runtime.CompilerServices;
using FlashSale.EventStore;

namespace FlashSale.Application.Tests.Payments;

/// <summary>Lets a test hold back what subscribers see of the log (a follower that lags) while appends go through.</summary>
internal sealed class PausableSubscriptionStore(IEventStore inner) : IEventStore
{
    private volatile TaskCompletionSource _open = Opened();

    public void Pause() => _open = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

    public void Resume() => _open.TrySetResult();

    public async IAsyncEnumerable<RecordedEvent> SubscribeToAllAsync(LogPosition? checkpoint, StreamFilter filter,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await foreach (var recorded in inner.SubscribeToAllAsync(checkpoint, filter, cancellationToken))
        {
            await _open.Task.WaitAsync(cancellationToken);
            yield return recorded;
        }
    }

    public Task<AppendResult> AppendAsync(string streamId, ExpectedRevision expected, IReadOnlyList<EventData> events,
        AppendPositions positions = AppendPositions.EachEvent, CancellationToken cancellationToken = default) => inner.AppendAsync(streamId, expected, events, positions, cancellationToken);

    public IAsyncEnumerable<RecordedEvent> ReadStreamAsync(string streamId, long fromRevision = 0, int maxCount = int.MaxValue,
        CancellationToken cancellationToken = default) => inner.ReadStreamAsync(streamId, fromRevision, maxCount, cancellationToken);

    public IAsyncEnumerable<RecordedEvent> ReadAllAsync(LogPosition? after, int maxCount, StreamFilter? filter = null,
        CancellationToken cancellationToken = default) => inner.ReadAllAsync(after, maxCount, filter, cancellationToken);

    public Task<LogPosition?> ReadHeadPositionAsync(CancellationToken cancellationToken = default) => inner.ReadHeadPositionAsync(cancellationToken);

    private static TaskCompletionSource Opened()
    {
        var source = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        source.SetResult();
        return source;
    }
}
