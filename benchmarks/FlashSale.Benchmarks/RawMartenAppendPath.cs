using System.Text;
using FlashSale.Application.CommandPath;
using FlashSale.Contracts;
using FlashSale.Domain.Items;
using FlashSale.EventStore;
using FlashSale.EventStore.Marten;
using JasperFx.Events;
using Marten;
using Npgsql;

namespace FlashSale.Benchmarks;

/// <summary>
/// What Marten alone costs: the baseline's one append per order, but straight through Marten's own API
/// (<c>Events.Append(stream, expectedVersion, events)</c> + <c>SaveChangesAsync</c>) with the adapter's Marten
/// configuration and stored body, and without the adapter's global-order append lock or its revision checks.
/// A conflict is Marten's concurrency exception, answered by catching up and deciding again.
/// </summary>
internal sealed class RawMartenAppendPath : IOrderPath
{
    private readonly NpgsqlDataSource _dataSource;
    private readonly DocumentStore _marten;
    private readonly string _stream;
    private readonly SharedItemState _shared;
    private long _appends;
    private long _conflicts;

    public RawMartenAppendPath(MartenEventStoreSettings settings, string itemId)
    {
        _dataSource = NpgsqlDataSource.Create(settings.ConnectionString);
        _marten = new DocumentStore(MartenSchema.Options(_dataSource, settings));
        _stream = ItemStreams.For(itemId);
        _shared = new SharedItemState(ReadAfterAsync);
    }

    public string Name => "rawMarten";

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
            var wrapped = events.Select((e, i) => ToMarten(ItemEventSerializer.ToEventData(e, seen.Revision + 1 + i, metadata))).ToArray();
            Interlocked.Increment(ref _appends);
            try
            {
                await using var session = _marten.LightweightSession();
                // Marten's expected version is the stream's (1-based) version after the append.
                session.Events.Append(_stream, seen.Revision + 1 + events.Length, wrapped);
                await session.SaveChangesAsync();
            }
            catch (Exception e) when (IsConcurrencyConflict(e))
            {
                Interlocked.Increment(ref _conflicts);
                await _shared.CatchUpAsync(seen.Revision);
                continue;
            }
            _shared.Advance(seen, events, seen.Revision + events.Length);
            return events.OfType<StockReserved>().Any();
        }
    }

    private async IAsyncEnumerable<(long, ItemEvent?)> ReadAfterAsync(long revision)
    {
        await using var session = _marten.QuerySession();
        foreach (var e in await session.Events.FetchStreamAsync(_stream, fromVersion: revision + 2))
        {
            var body = (StoredEventBody)e.Data;
            var recorded = new RecordedEvent(e.StreamKey!, e.Version - 1, LogPosition.At((ulong)e.Sequence), e.Id, body.Type,
                Encoding.UTF8.GetBytes(body.Data), Encoding.UTF8.GetBytes(body.Metadata), e.Timestamp);
            yield return (recorded.StreamRevision, ItemEventSerializer.Deserialize(recorded));
        }
    }

    private static Event<StoredEventBody> ToMarten(EventData e) =>
        new(new StoredEventBody(e.Type, Encoding.UTF8.GetString(e.Data.Span), Encoding.UTF8.GetString(e.Metadata.Span))) { Id = e.EventId };

    private static bool IsConcurrencyConflict(Exception e) => e switch
    {
        JasperFx.ConcurrencyException => true,
        AggregateException aggregate => aggregate.InnerExceptions.All(IsConcurrencyConflict),
        _ => false,
    };

    public async ValueTask DisposeAsync()
    {
        _shared.Dispose();
        await _marten.DisposeAsync();
        await _dataSource.DisposeAsync();
    }
}
