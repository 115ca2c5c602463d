using FlashSale.EventStore;

namespace FlashSale.Cli.Tests.Fixtures;

/// <summary>
/// A small finished sale in a fresh data directory, written by the application's use cases:
/// tshirt (stock 10): o-1 alice x2 confirmed, o-2 bob and o-3 carol timed out (open dead letters);
/// mug (stock 3): o-4 alice x3 reserved, o-5 dave rejected (sold out).
/// </summary>
public sealed class Sale : IAsyncLifetime
{
    public TempDataDirectory Data { get; } = new();

    public string DataDir => Data.Path;

    /// <summary>The log position right after o-1 was placed (tshirt: available 8).</summary>
    public LogPosition AfterFirstOrder { get; private set; }

    public DateTimeOffset AfterFirstOrderTime { get; private set; }

    public async Task InitializeAsync()
    {
        await using var writer = await SaleWriter.OpenAsync(Data.EventsDb);
        await writer.ListItemAsync("tshirt", 10);
        await writer.ListItemAsync("mug", 3);
        AfterFirstOrder = (await writer.PlaceOrderAsync("o-1", "tshirt", "alice", 2)).Position;
        AfterFirstOrderTime = DateTimeOffset.UtcNow;
        await Task.Delay(50); // the later events are recorded strictly after AfterFirstOrderTime
        await writer.ConfirmAsync("o-1", "tshirt");
        await writer.PlaceOrderAsync("o-2", "tshirt", "bob");
        await writer.PlaceOrderAsync("o-3", "tshirt", "carol");
        await writer.TimeOutAsync("o-2", "tshirt");
        await writer.TimeOutAsync("o-3", "tshirt");
        await writer.PlaceOrderAsync("o-4", "mug", "alice", 3);
        (await writer.PlaceOrderAsync("o-5", "mug", "dave")).Reserved.ShouldBeFalse();
    }

    /// <summary>Event types of an item's stream, in order.</summary>
    public async Task<IReadOnlyList<RecordedEvent>> ReadStreamAsync(string itemId)
    {
        await using var store = await FlashSale.EventStore.Sqlite.SqliteEventStore.OpenAsync(Data.EventsDb);
        return await store.ReadStreamAsync($"item-{itemId}").ToListAsync();
    }

    public Task DisposeAsync()
    {
        Data.Dispose();
        return Task.CompletedTask;
    }
}
