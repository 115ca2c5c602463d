using System.Runtime.CompilerServices;
using FlashSale.EventStore;

namespace FlashSale.Application.CommandPath.Resilience;

/// <summary>
/// The command path's view of the event store: appends and stream reads go through <see cref="EventStoreCircuit"/>, so
/// while the store is down callers are answered at once instead of each waiting for its own timeout. The log followers
/// (projections, payments, order index) use the store directly; they retry on their own.
/// </summary>
public sealed class BreakingEventStore(IEventStore inner, EventStoreCircuit circuit) : IEventStore
{
    public bool AnswersEveryAppendedPosition => inner.AnswersEveryAppendedPosition;

    public async Task<AppendResult> AppendAsync(string streamId, ExpectedRevision expected, IReadOnlyList<EventData> events,
        AppendPositions positions = AppendPositions.EachEvent, CancellationToken cancellationToken = default)
    {
        circuit.ThrowIfOpen();
        try
        {
            var result = await inner.AppendAsync(streamId, expected, events, positions, cancellationToken);
            circuit.Succeeded();
            return result;
        }
        catch (Exception failure) when (IsOutage(failure))
        {
            circuit.Failed(failure);
            throw;
        }
    }

    public async IAsyncEnumerable<RecordedEvent> ReadStreamAsync(string streamId, long fromRevision = 0, int maxCount = int.MaxValue,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        circuit.ThrowIfOpen();
        await using var events = inner.ReadStreamAsync(streamId, fromRevision, maxCount, cancellationToken).GetAsyncEnumerator(cancellationToken);
        var first = true;
        while (true)
        {
            bool more;
            try
            {
                more = await events.MoveNextAsync();
            }
            catch (Exception failure) when (IsOutage(failure))
            {
                circuit.Failed(failure);
                throw;
            }
            // The store answered: that is the success, even when the caller stops reading after one event.
            if (first) circuit.Succeeded();
            first = false;
            if (!more) yield break;
            yield return events.Current;
        }
    }

    public IAsyncEnumerable<RecordedEvent> ReadAllAsync(LogPosition? after, int maxCount, StreamFilter? filter = null,
        CancellationToken cancellationToken = default) => inner.ReadAllAsync(after, maxCount, filter, cancellationToken);

    public IAsyncEnumerable<RecordedEvent> SubscribeToAllAsync(LogPosition? checkpoint, StreamFilter filter,
        CancellationToken cancellationToken = default) => inner.SubscribeToAllAsync(checkpoint, filter, cancellationToken);

    public Task<LogPosition?> ReadHeadPositionAsync(CancellationToken cancellationToken = default) =>
        inner.ReadHeadPositionAsync(cancellationToken);

    /// <summary>Only the store being unreachable or slow counts; a deleted stream or an oversized append is about one request.</summary>
    private static bool IsOutage(Exception failure) => failure is EventStoreUnavailableException or EventStoreTimeoutException;
}
