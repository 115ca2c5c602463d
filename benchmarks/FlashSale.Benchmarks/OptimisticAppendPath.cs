using FlashSale.Contracts;
using FlashSale.Application.CommandPath;
using FlashSale.Domain.Items;
using FlashSale.EventStore;

namespace FlashSale.Benchmarks;

/// <summary>
/// The baseline the group-commit writer replaces: the same in-memory item state cache, but every caller decides
/// on its own and appends its own order with the expected revision, catching up and retrying on a conflict.
/// </summary>
internal sealed class OptimisticAppendPath : IOrderPath
{
    private readonly IEventStore _store;
    private readonly string _stream;
    private readonly SharedItemState _shared;
    private long _appends;
    private long _conflicts;

    public OptimisticAppendPath(IEventStore store, string itemId)
    {
        (_store, _stream) = (store, ItemStreams.For(itemId));
        _shared = new SharedItemState(ReadAfterAsync);
    }

    public string Name => "baseline";

    public long Appends => Interlocked.Read(ref _appends);

    public long Conflicts => Interlocked.Read(ref _conflicts);

    public async Task LoadAsync() => await _shared.CatchUpAsync(-1);

    public async Task<bool> PlaceAsync(PlaceOrder order, CommandContext context)
    {
        var metadata = ItemEventSerializer.SerializeMetadata(
            new EventMetadata(context.CorrelationId, context.CausationId, context.Actor, DateTimeOffset.UtcNow));
        while (true)
        {
            var seen = _shared.Current;
            var events = ItemDecider.Decide(order, seen.State);
            var data = events.Select((e, i) => ItemEventSerializer.ToEventData(e, seen.Revision + 1 + i, metadata)).ToArray();
            Interlocked.Increment(ref _appends);
            var result = await _store.AppendAsync(_stream, ExpectedRevision.After(seen.Revision), data);
            if (result is AppendResult.Success success)
            {
                _shared.Advance(seen, events, success.NextExpectedRevision);
                return events.OfType<StockReserved>().Any();
            }
            Interlocked.Increment(ref _conflicts);
            await _shared.CatchUpAsync(seen.Revision);
        }
    }

    private async IAsyncEnumerable<(long, ItemEvent?)> ReadAfterAsync(long revision)
    {
        await foreach (var recorded in _store.ReadStreamAsync(_stream, revision + 1))
            yield return (recorded.StreamRevision, ItemEventSerializer.Deserialize(recorded));
    }

    public ValueTask DisposeAsync()
    {
        _shared.Dispose();
        return ValueTask.CompletedTask;
    }
}
