using System.IO.Hashing;
using System.Text;
using System.Text.Json;
using FlashSale.Domain.Items;
using FlashSale.EventStore;

namespace FlashSale.Contracts;

public static class ItemEventSerializer
{
    public static byte[] SerializeMetadata(EventMetadata metadata) =>
        JsonSerializer.SerializeToUtf8Bytes(metadata, StoredEventJson.Default.EventMetadata);

    public static EventData ToEventData(ItemEvent @event, long streamRevision, ReadOnlyMemory<byte> metadata) =>
        new(EventIdOf(@event, streamRevision), ItemEventTypes.NameOf(@event),
            JsonSerializer.SerializeToUtf8Bytes(@event, @event.GetType(), StoredEventJson.Default), metadata);

    /// <summary>The domain event, or null for an event type this version does not know (kept in the log, skipped here).</summary>
    public static ItemEvent? Deserialize(RecordedEvent recorded) =>
        ItemEventTypes.TypeOf(recorded.Type) is { } type
            ? (ItemEvent?)JsonSerializer.Deserialize(recorded.Data.Span, type, StoredEventJson.Default)
            : null;

    public static EventMetadata? DeserializeMetadata(RecordedEvent recorded) =>
        recorded.Metadata.IsEmpty ? null : JsonSerializer.Deserialize(recorded.Metadata.Span, StoredEventJson.Default.EventMetadata);

    /// <summary>
    /// Deterministic ids (a name-based UUID, version 8 over XxHash128): order events derive from item + order + kind
    /// (+ the operator retry they belong to, for events that recur on a retry), item events from item + revision + kind,
    /// so re-sending an append after a lost response carries the same ids.
    /// XxHash128 rather than SHA-1 (version 5): ids need no secrecy, and hashing is on the hottest path.
    /// </summary>
    public static Guid EventIdOf(ItemEvent @event, long streamRevision)
    {
        var kind = ItemEventTypes.NameOf(@event);
        var name = @event switch
        {
            IRepeatableOrderEvent { Retry: > 0 } repeat => $"{@event.ItemId}\n{((OrderEvent)@event).OrderId}\n{kind}\n#{repeat.Retry}",
            OrderEvent order => $"{@event.ItemId}\n{order.OrderId}\n{kind}",
            _ => $"{@event.ItemId}\n@{streamRevision}\n{kind}",
        };
        Span<byte> hash = stackalloc byte[16];
        XxHash128.Hash(Encoding.UTF8.GetBytes(name), hash);
        hash[6] = (byte)((hash[6] & 0x0F) | 0x80);
        hash[8] = (byte)((hash[8] & 0x3F) | 0x80);
        return new Guid(hash, bigEndian: true);
    }
}
