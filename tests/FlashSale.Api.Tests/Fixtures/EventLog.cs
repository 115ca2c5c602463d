using FlashSale.Contracts;
using FlashSale.Application.CommandPath;
using FlashSale.Domain.Items;
using FlashSale.EventStore;
using FlashSale.EventStore.Sqlite;

namespace FlashSale.Api.Tests.Fixtures;

/// <summary>Reads what the API recorded, straight from the SQLite file (WAL lets it read while the API writes).</summary>
public static class EventLog
{
    public static string PathIn(string dataDirectory) => Path.Combine(dataDirectory, "events.db");

    public static async Task<IReadOnlyList<ItemEvent>> ReadItemAsync(string dataDirectory, string itemId)
    {
        await using var store = await SqliteEventStore.OpenAsync(PathIn(dataDirectory));
        return await ReadItemAsync(store, itemId);
    }

    public static async Task<IReadOnlyList<ItemEvent>> ReadItemAsync(IEventStore store, string itemId)
    {
        var events = new List<ItemEvent>();
        await foreach (var recorded in store.ReadStreamAsync(ItemStreams.For(itemId)))
            events.Add(ItemEventSerializer.Deserialize(recorded)
                ?? throw new ShouldAssertException($"Unknown event type {recorded.Type} at {recorded.Position}"));
        return events;
    }

    public static async Task<LogPosition?> HeadAsync(string dataDirectory)
    {
        await using var store = await SqliteEventStore.OpenAsync(PathIn(dataDirectory));
        return await store.ReadHeadPositionAsync();
    }

    /// <summary>Polls the item stream until <paramref name="done"/> holds; fails after <paramref name="timeout"/>.</summary>
    public static async Task<IReadOnlyList<ItemEvent>> WaitForAsync(Func<Task<IReadOnlyList<ItemEvent>>> read,
        Func<IReadOnlyList<ItemEvent>, bool> done, TimeSpan timeout, string what)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            var events = await read();
            if (done(events)) return events;
            if (DateTime.UtcNow > deadline)
                throw new ShouldAssertException(
                    $"Timed out after {timeout.TotalSeconds:0.#} s waiting for {what}; the stream holds:\n  {string.Join("\n  ", events)}");
            await Task.Delay(100);
        }
    }

    /// <summary>
    /// Replays reservations and releases in log order: units held (reserved or paid) never exceed the stock listed and
    /// added so far, and never drop below zero — the item is never oversold.
    /// </summary>
    public static void ShouldNeverOversell(this IReadOnlyList<ItemEvent> events)
    {
        var (stock, held) = (0, 0);
        foreach (var @event in events)
        {
            switch (@event)
            {
                case SaleItemListed listed: stock = listed.Stock; break;
                case ItemRestocked added: stock += added.Quantity; break;
                case StockReserved reserved: held += reserved.Quantity; break;
                case StockReleased released: held -= released.Quantity; break;
            }
            held.ShouldBeInRange(0, stock, $"units held after {@event} (stock {stock})");
        }
    }

    public static IReadOnlyList<T> OfOrder<T>(this IEnumerable<ItemEvent> events, string orderId) where T : ItemEvent =>
        [.. events.OfType<T>().Where(e => OrderIdOf(e) == orderId)];

    private static string? OrderIdOf(ItemEvent @event) => @event switch
    {
        OrderPlaced e => e.OrderId,
        StockReserved e => e.OrderId,
        OrderRejected e => e.OrderId,
        PaymentConfirmed e => e.OrderId,
        PaymentTimedOut e => e.OrderId,
        StockReleased e => e.OrderId,
        _ => null,
    };
}
