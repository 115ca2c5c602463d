using FlashSale.Contracts;
using FlashSale.Domain.Items;
using FlashSale.EventStore;
using FlashSale.Subscriptions.Handling;

namespace FlashSale.Subscriptions.Tests.Following;

/// <summary>A shared decode is held only until the last follower that wants it has taken it (ADR 0026).</summary>
public sealed class SharedDecodeReleaseTests
{
    private static readonly HashSet<string> OrdersOnly = new(StringComparer.Ordinal) { ItemEventTypes.NameOf<OrderPlaced>() };

    [Fact]
    public void the_last_follower_to_take_a_decode_empties_its_slot()
    {
        var decodes = new SharedDecodes();
        using var projections = decodes.Subscribe(null);
        using var payments = decodes.Subscribe(null);
        using var orders = decodes.Subscribe(null);
        var recorded = Recorded(new OrderPlaced("sku-1", "order-1", "alice", 1, DateTimeOffset.UnixEpoch), position: 7);

        var first = decodes.Decode(recorded, null);
        decodes.Decode(recorded, null).ShouldBeSameAs(first);
        decodes.Decode(recorded, null).ShouldBeSameAs(first);

        var afterEveryone = decodes.Decode(recorded, null);
        afterEveryone.ShouldNotBeSameAs(first, "three followers took it: the slot no longer holds it");
        afterEveryone.ShouldBe(first);
    }

    [Fact]
    public void a_follower_that_does_not_decode_the_type_is_not_waited_for()
    {
        var decodes = new SharedDecodes();
        using var projections = decodes.Subscribe(null);
        using var payments = decodes.Subscribe(null);
        using var orders = decodes.Subscribe(OrdersOnly);
        var recorded = Recorded(new StockReserved("sku-1", "order-1", "alice", 1, DateTimeOffset.UnixEpoch), position: 8);

        var first = decodes.Decode(recorded, null);
        decodes.Decode(recorded, OrdersOnly).Event.ShouldBeNull();
        decodes.Decode(recorded, null).ShouldBeSameAs(first);

        decodes.Decode(recorded, null).ShouldNotBeSameAs(first, "both followers that decode reservations took it");
    }

    [Fact]
    public void a_decode_no_other_follower_wants_is_not_held()
    {
        var decodes = new SharedDecodes();
        using var only = decodes.Subscribe(null);
        var recorded = Recorded(new OrderPlaced("sku-1", "order-1", "alice", 1, DateTimeOffset.UnixEpoch), position: 9);

        decodes.Decode(recorded, null).ShouldNotBeSameAs(decodes.Decode(recorded, null));
    }

    private static RecordedEvent Recorded(ItemEvent @event, ulong position)
    {
        var (type, data) = ItemEventSerializer.Serialize(@event);
        return new RecordedEvent($"item-{@event.ItemId}", 0, LogPosition.At(position), Guid.NewGuid(), type, data, ReadOnlyMemory<byte>.Empty,
            DateTimeOffset.UnixEpoch);
    }
}
