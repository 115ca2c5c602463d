using System.IO.Hashing;
using System.Text;
using System.Text.Json;
using FlashSale.Contracts;
using FlashSale.Domain.Collections;
using FlashSale.Domain.Items;
using FlashSale.EventStore;
using FlashSale.EventStore.Snapshots;

namespace FlashSale.Application.CommandPath.Snapshots;

/// <summary>What an item writer knows after folding its stream up to <see cref="Revision"/>: the item and the positions
/// it answers repeats with. Written as a header and one entry per order id, user and restock operation (ADR 0018).</summary>
internal sealed record ItemSnapshot(Listed State, long Revision, Guid EventId,
    Dictionary<string, OrderPositions> OrderPositions, Dictionary<string, LogPosition> RestockPositions)
{
    private const string OrderKey = "o:", HoldingKey = "u:", RestockKey = "r:";

    /// <summary>The format and the event types this version reads: a snapshot written by a version that knew other types
    /// (or folded them differently) is not used.</summary>
    public static string Schema { get; } = "item-state.1;" + Hash(string.Join(',', ItemEventTypes.Names.Order(StringComparer.Ordinal)));

    /// <summary>The entries for <paramref name="changes"/> (every entry when null), read from the writer's current item.</summary>
    public static SnapshotWrite Write(string streamId, Listed s, long revision, Guid eventId, SnapshotChanges? changes, long? basedOn,
        Dictionary<string, OrderPositions> orderPositions, Dictionary<string, LogPosition> restockPositions)
    {
        var orders = changes?.Orders ?? s.Orders.Keys.Concat(orderPositions.Keys).ToHashSet(StringComparer.Ordinal);
        var users = changes?.Users ?? (IEnumerable<string>)s.Holdings.Keys;
        var restocks = changes?.Restocks ?? s.Restocks.Keys.Concat(restockPositions.Keys).ToHashSet(StringComparer.Ordinal);
        var entries = new List<SnapshotEntry>();
        foreach (var id in orders)
        {
            var at = orderPositions.GetValueOrDefault(id);
            entries.Add(Entry(OrderKey + id, new OrderEntry(s.Orders.GetValueOrDefault(id), s.ClosedSaleRejections.GetValueOrDefault(id),
                at.Placement?.ToToken(), at.Settlement?.ToToken(), at.Discard?.ToToken(), at.Retry?.ToToken()), SnapshotJson.Default.OrderEntry));
        }
        foreach (var user in users) entries.Add(Entry(HoldingKey + user, new HoldingEntry(s.HeldBy(user)), SnapshotJson.Default.HoldingEntry));
        foreach (var id in restocks)
            entries.Add(Entry(RestockKey + id, new RestockEntry(s.Restocks.GetValueOrDefault(id),
                restockPositions.TryGetValue(id, out var p) ? p.ToToken() : null), SnapshotJson.Default.RestockEntry));
        var header = new SnapshotHeader(s.ItemId, s.Name, s.PerUserLimit, s.SaleStartsAt, s.SaleEndsAt, s.PaymentWindowSeconds,
            s.InitialStock, s.Restocked, s.Available, s.EarliestDeadline);
        return new SnapshotWrite(streamId, revision, eventId, Schema, JsonSerializer.SerializeToUtf8Bytes(header, SnapshotJson.Default.SnapshotHeader),
            entries, basedOn);
    }

    /// <summary>The snapshot as the writer folded it; throws (JSON, format) when it cannot be read.</summary>
    public static ItemSnapshot Read(StoredSnapshot stored)
    {
        var h = JsonSerializer.Deserialize(stored.Header.Span, SnapshotJson.Default.SnapshotHeader)
            ?? throw new JsonException("The snapshot's header is JSON null.");
        var (orders, holdings, restocks, closed) = (PersistentMap<OrderRecord>.Empty, PersistentMap<int>.Empty,
            PersistentMap<RestockRecord>.Empty, PersistentMap<SaleClosed>.Empty);
        var (orderPositions, restockPositions) = (new Dictionary<string, OrderPositions>(StringComparer.Ordinal),
            new Dictionary<string, LogPosition>(StringComparer.Ordinal));
        foreach (var entry in stored.Entries)
        {
            var key = entry.Key[OrderKey.Length..];
            switch (entry.Key[..OrderKey.Length])
            {
                case OrderKey:
                    var o = Deserialize(entry, SnapshotJson.Default.OrderEntry);
                    if (o.Order is { } order) orders = orders.SetItem(key, order);
                    if (o.Closed is { } saleClosed) closed = closed.SetItem(key, saleClosed);
                    if (o is not { Placement: null, Settlement: null, Discard: null, Retry: null })
                        orderPositions[key] = new OrderPositions(Position(o.Placement), Position(o.Settlement), Position(o.Discard), Position(o.Retry));
                    break;
                case HoldingKey:
                    holdings = holdings.SetItem(key, Deserialize(entry, SnapshotJson.Default.HoldingEntry).Held);
                    break;
                case RestockKey:
                    var r = Deserialize(entry, SnapshotJson.Default.RestockEntry);
                    if (r.Restock is { } restock) restocks = restocks.SetItem(key, restock);
                    if (Position(r.Position) is { } at) restockPositions[key] = at;
                    break;
                default:
                    throw new JsonException($"The snapshot has an entry '{entry.Key}' of no known kind.");
            }
        }
        var state = new Listed(h.ItemId, h.Name, h.PerUserLimit, h.SaleStartsAt, h.SaleEndsAt, h.PaymentWindowSeconds, h.InitialStock,
            h.Restocked, h.Available, orders, holdings)
        {
            EarliestDeadline = h.EarliestDeadline, Restocks = restocks, ClosedSaleRejections = closed,
        };
        return new ItemSnapshot(state, stored.Revision, stored.EventId, orderPositions, restockPositions);
    }

    private static SnapshotEntry Entry<T>(string key, T value, System.Text.Json.Serialization.Metadata.JsonTypeInfo<T> type) =>
        new(key, JsonSerializer.SerializeToUtf8Bytes(value, type));

    private static T Deserialize<T>(SnapshotEntry entry, System.Text.Json.Serialization.Metadata.JsonTypeInfo<T> type) =>
        JsonSerializer.Deserialize(entry.Data.Span, type) ?? throw new JsonException($"The snapshot's entry '{entry.Key}' is JSON null.");

    private static LogPosition? Position(string? token) =>
        token is null ? null
        : LogPosition.TryParseToken(token, out var position) ? position
        : throw new JsonException($"'{token}' is not a log position.");

    private static string Hash(string text) => Convert.ToHexStringLower(XxHash64.Hash(Encoding.UTF8.GetBytes(text)));
}

/// <summary>The keys whose entries changed since the last snapshot written, from the events the writer recorded.</summary>
internal sealed class SnapshotChanges
{
    public HashSet<string> Orders { get; } = new(StringComparer.Ordinal);

    public HashSet<string> Users { get; } = new(StringComparer.Ordinal);

    public HashSet<string> Restocks { get; } = new(StringComparer.Ordinal);

    public void Record(ItemEvent @event)
    {
        switch (@event)
        {
            case StockReserved e:
                Orders.Add(e.OrderId);
                Users.Add(e.UserId);
                break;
            case StockReleased e:
                Orders.Add(e.OrderId);
                Users.Add(e.UserId);
                break;
            case OrderEvent e:
                Orders.Add(e.OrderId);
                break;
            case ItemRestocked { OperationId: { } id }:
                Restocks.Add(id);
                break;
        }
    }

    /// <summary>Takes back the changes of a write that did not happen, so the next one still covers them.</summary>
    public void Add(SnapshotChanges unwritten)
    {
        Orders.UnionWith(unwritten.Orders);
        Users.UnionWith(unwritten.Users);
        Restocks.UnionWith(unwritten.Restocks);
    }
}
