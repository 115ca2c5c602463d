using System.Text.Json;
using FlashSale.Contracts;
using FlashSale.Domain.Items;
using FlashSale.EventStore;

namespace FlashSale.Application.CommandPath;

public sealed partial class ItemWriter
{
    public const string ReaderName = "item-writer";

    /// <summary>Folds what the stream holds after the cached revision. An unreadable event does not stop the fold: it
    /// leaves the item <see cref="Unreadable"/> (refusing commands) until an operator's skip for it is folded too, and the
    /// writer keeps reading the stream before each batch meanwhile, so a skip appended by another process is seen.</summary>
    private async Task CatchUpAsync()
    {
        var load = LastLoad is null;
        var whyNoSnapshot = load ? await LoadSnapshotAsync() : null;
        if (_revision < 0) _state = ItemState.Initial;
        var folded = 0L;
        // Events appended together with a later one (AppendEnd in their metadata) were answered with that one's position:
        // they are recorded with it once it is read, so repeats are answered as the first time (ADR 0023).
        var (deferred, deferredTo) = (new List<ItemEvent>(), -1L);
        LogPosition? last = null;
        await foreach (var recorded in _store.ReadStreamAsync(_streamId, _revision + 1))
        {
            (_revision, _lastEventId, last) = (recorded.StreamRevision, recorded.EventId, recorded.Position);
            folded++;
            var @event = Read(recorded);
            if (@event is not null) _state = ItemDecider.Evolve(_state, @event);
            var appendEnd = ItemEventSerializer.AppendEndOf(recorded);
            if (@event is not null) deferred.Add(@event);
            deferredTo = Math.Max(deferredTo, appendEnd);
            if (recorded.StreamRevision >= deferredTo) RecordDeferred(deferred, recorded.Position);
        }
        // An append is read whole, so this only happens to a stream whose metadata names a revision it never reached: the
        // last position read is the nearest at or after these events.
        if (last is { } lastRead) RecordDeferred(deferred, lastRead);
        _stale = _state is Unreadable;
        if (!load) return;
        LastLoad = new ItemLoad(whyNoSnapshot is null ? _snapshotBase : null, folded, whyNoSnapshot);
        // What an operator checks after a restore or restart: whether the item came from its snapshot or a full replay.
        _logger.ItemLoaded(ItemId, _revision, LastLoad.SnapshotRevision is { } at
            ? $"its snapshot at revision {at}"
            : $"the start of its stream ({whyNoSnapshot})", folded);
    }

    /// <returns>The event; a stand-in for one whose data cannot be read; null for a type this version does not know.</returns>
    private ItemEvent? Read(RecordedEvent recorded)
    {
        if (ItemEventTypes.TypeOf(recorded.Type) is null)
        {
            _anomalies?.Unknown(recorded, ReaderName);
            return null;
        }
        string error;
        try
        {
            if (ItemEventSerializer.Deserialize(recorded) is { } @event) return @event;
            error = "The event's data is JSON null.";
        }
        catch (Exception ex) when (ex is JsonException or NotSupportedException or InvalidOperationException or ArgumentException)
        {
            error = ex.Message;
        }
        _anomalies?.Unreadable(recorded, error, ReaderName);
        return new EventUnreadable(ItemId, recorded.StreamRevision, recorded.Position.ToToken(), recorded.Type, error);
    }

    private void RecordDeferred(List<ItemEvent> events, LogPosition position)
    {
        foreach (var @event in events) Record(@event, position);
        events.Clear();
    }

    private void Record(ItemEvent @event, LogPosition position)
    {
        if (SnapshotsOn) _layout.Record(@event, _changes);
        switch (@event)
        {
            case OrderPlaced placed:
                _onOrderRecorded?.Invoke(placed);
                break;
            // A retry's reservation is not the placement: a repeated order id still answers with the first outcome.
            case StockReserved { Retry: 0 } or OrderRejected:
                var placement = (OrderEvent)@event;
                _orderPositions[placement.OrderId] = _orderPositions.GetValueOrDefault(placement.OrderId) with { Placement = position };
                break;
            case StockReserved retried:
                _orderPositions[retried.OrderId] = _orderPositions.GetValueOrDefault(retried.OrderId) with { Retry = position };
                break;
            case PaymentConfirmed or PaymentTimedOut or StockReleased:
                var settlement = (OrderEvent)@event;
                _orderPositions[settlement.OrderId] = _orderPositions.GetValueOrDefault(settlement.OrderId) with { Settlement = position };
                break;
            case DeadLetterDiscarded discarded:
                _orderPositions[discarded.OrderId] = _orderPositions.GetValueOrDefault(discarded.OrderId) with { Discard = position };
                break;
            case ItemRestocked { OperationId: { } operationId }:
                _restockPositions.TryAdd(operationId, position);
                break;
            case UnreadableEventSkipped skipped:
                _anomalies?.Skipped(_streamId, skipped);
                break;
        }
    }
}
