using FlashSale.Domain.Items;

namespace FlashSale.Benchmarks;

/// <summary>
/// The item state the one-append-per-order paths share between callers: each decides on the latest state it knows,
/// and whoever loses an append catches up from the store once for everybody waiting.
/// </summary>
internal sealed class SharedItemState(Func<long, IAsyncEnumerable<(long Revision, ItemEvent? Event)>> readAfter) : IDisposable
{
    private readonly SemaphoreSlim _catchUp = new(1, 1);
    private volatile Snapshot _current = new(ItemState.Initial, -1);

    public Snapshot Current => _current;

    public void Advance(Snapshot from, ItemEvent[] events, long revision)
    {
        lock (_catchUp)
        {
            // Only our own append moved the stream past `from`: apply it if nobody caught up further meanwhile.
            if (_current.Revision == from.Revision)
                _current = new Snapshot(events.Aggregate(from.State, ItemDecider.Evolve), revision);
        }
    }

    public async Task CatchUpAsync(long seenRevision)
    {
        await _catchUp.WaitAsync();
        try
        {
            var current = _current;
            if (current.Revision > seenRevision) return;
            var (state, revision) = (current.State, current.Revision);
            await foreach (var (recordedRevision, @event) in readAfter(revision))
            {
                revision = recordedRevision;
                if (@event is not null) state = ItemDecider.Evolve(state, @event);
            }
            lock (_catchUp)
            {
                if (_current.Revision < revision) _current = new Snapshot(state, revision);
            }
        }
        finally
        {
            _catchUp.Release();
        }
    }

    public void Dispose() => _catchUp.Dispose();

    internal sealed record Snapshot(ItemState State, long Revision);
}
