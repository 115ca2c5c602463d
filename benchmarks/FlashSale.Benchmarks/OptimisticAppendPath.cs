using FlashSale.Contracts;
using FlashSale.Application.CommandPath;
using FlashSale.Domain.Items;
using FlashSale.EventStore;

namespace FlashSale.Benchmarks;

/// <summary>
/// The baseline the group-commit writer replaces: the same in-memory item state cache, but every caller decides
/// on its own and appends its own order with the expected revision, catching up and retrying on a conflict.
/// </summary>
internal sealed class OptimisticAppendPath(IEventStore store, string itemId) : IOrderPath
{
    private readonly string _stream = ItemStreams.For(itemId);
    private readonly SemaphoreSlim _catchUp = new(1, 1);
    private volatile Cached _cached = new(ItemState.Initial, -1);
    private long _appends;
    private long _conflicts;

    public string Name => "baseline";

    public long Appends => Interlocked.Read(ref _appends);

    public long Conflicts => Interlocked.Read(ref _conflicts);

    public async Task LoadAsync() => await CatchUpAsync(-1);

    public async Task<bool> PlaceAsync(PlaceOrder order, CommandContext context)
    {
        var metadata = ItemEventSerializer.SerializeMetadata(
            new EventMetadata(context.CorrelationId, context.CausationId, context.Actor, DateTimeOffset.UtcNow));
        while (true)
        {
            var cached = _cached;
            var events = ItemDecider.Decide(order, cached.State);
            var data = events.Select((e, i) => ItemEventSerializer.ToEventData(e, cached.Revision + 1 + i, metadata)).ToArray();
            Interlocked.Increment(ref _appends);
            var result = await store.AppendAsync(_stream, ExpectedRevision.After(cached.Revision), data);
            if (result is AppendResult.Success success)
            {
                Advance(cached, events, success.NextExpectedRevision);
                return events.OfType<StockReserved>().Any();
            }
            Interlocked.Increment(ref _conflicts);
            await CatchUpAsync(cached.Revision);
        }
    }

    private void Advance(Cached from, ItemEvent[] events, long revision)
    {
        lock (_catchUp)
        {
            // Only our own append moved the stream past `from`: apply it if nobody caught up further meanwhile.
            if (_cached.Revision == from.Revision)
                _cached = new Cached(events.Aggregate(from.State, ItemDecider.Evolve), revision);
        }
    }

    private async Task CatchUpAsync(long seenRevision)
    {
        await _catchUp.WaitAsync();
        try
        {
            var cached = _cached;
            if (cached.Revision > seenRevision) return;
            var (state, revision) = (cached.State, cached.Revision);
            await foreach (var recorded in store.ReadStreamAsync(_stream, revision + 1))
            {
                revision = recorded.StreamRevision;
                if (ItemEventSerializer.Deserialize(recorded) is { } e) state = ItemDecider.Evolve(state, e);
            }
            lock (_catchUp)
            {
                if (_cached.Revision < revision) _cached = new Cached(state, revision);
            }
        }
        finally
        {
            _catchUp.Release();
        }
    }

    public ValueTask DisposeAsync()
    {
        _catchUp.Dispose();
        return ValueTask.CompletedTask;
    }

    private sealed record Cached(ItemState State, long Revision);
}
