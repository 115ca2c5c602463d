using FlashSale.Contracts;
using FlashSale.Application.CommandPath;
using FlashSale.Domain.Items;
using FlashSale.EventStore;

namespace FlashSale.Application.Tests.Fixtures;

internal sealed record LoggedEvent(RecordedEvent Recorded, ItemEvent Event);

/// <summary>An item stream read back from the store, deserialized.</summary>
internal sealed class ItemLog(IReadOnlyList<LoggedEvent> entries)
{
    public static async Task<ItemLog> ReadAsync(IEventStore store, string itemId)
    {
        var entries = new List<LoggedEvent>();
        await foreach (var recorded in store.ReadStreamAsync(ItemStreams.For(itemId)))
            entries.Add(new LoggedEvent(recorded, ItemEventSerializer.Deserialize(recorded)
                ?? throw new InvalidOperationException($"Unknown event type {recorded.Type} at revision {recorded.StreamRevision}.")));
        return new ItemLog(entries);
    }

    public IReadOnlyList<LoggedEvent> Entries => entries;

    public IEnumerable<ItemEvent> Events => entries.Select(e => e.Event);

    public IReadOnlyList<T> OfType<T>() where T : ItemEvent => [.. Events.OfType<T>()];

    public IReadOnlyList<LoggedEvent> Of(string orderId) =>
        [.. entries.Where(e => e.Event is OrderEvent order && order.OrderId == orderId)];

    public Listed State => (Listed)ItemDecider.Fold(Events);

    /// <summary>
    /// Replays the log and checks after every event that stock held by reservations never exceeds the stock the
    /// item ever had and that availability never goes negative; returns the most units ever held at once.
    /// </summary>
    public int ReplayCheckingStock()
    {
        var (supplied, held, maxHeld) = (0, 0, 0);
        ItemState state = ItemState.Initial;
        foreach (var @event in Events)
        {
            state = ItemDecider.Evolve(state, @event);
            switch (@event)
            {
                case SaleItemListed e: supplied += e.Stock; break;
                case ItemRestocked e: supplied += e.Quantity; break;
                case StockReserved e: held += e.Quantity; break;
                case StockReleased e: held -= e.Quantity; break;
            }
            maxHeld = Math.Max(maxHeld, held);
            held.ShouldBeLessThanOrEqualTo(supplied, "reservations must never exceed the stock");
            ((Listed)state).Available.ShouldBeGreaterThanOrEqualTo(0, "availability must never go negative");
            ((Listed)state).Available.ShouldBe(supplied - held);
        }
        return maxHeld;
    }
}
