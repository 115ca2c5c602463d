using FlashSale.Application;
using FlashSale.Application.CommandPath;
using FlashSale.Application.Items;
using FlashSale.Application.Orders;
using FlashSale.Domain.Items;
using FlashSale.EventStore;
using FlashSale.EventStore.Sqlite;
using Mediator;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace FlashSale.Recovery.Tests.Fixtures;

/// <summary>A small sale written into a data directory's events.db by the application's use cases: two items,
/// confirmed (o-1), timed-out (o-2, o-5: dead letters), reserved (o-3) and rejected (o-4) orders.</summary>
public static class SampleSale
{
    public static async Task WriteAsync(string eventsDb, string prefix = "")
    {
        await using var store = await SqliteEventStore.OpenAsync(eventsDb);
        var services = new ServiceCollection().AddLogging().AddSingleton<IEventStore>(store);
        services.AddFlashSaleWriteSide(new ConfigurationBuilder().Build());
        await using var provider = services.BuildServiceProvider();
        var mediator = provider.GetRequiredService<IMediator>();
        var (tshirt, mug) = (prefix + "tshirt", prefix + "mug");
        await mediator.Send(new ListItemRequest(tshirt, "T-shirt", 10, 5, null, null, 600, CommandContext.System("operator")));
        await mediator.Send(new ListItemRequest(mug, "Mug", 3, 5, null, null, 600, CommandContext.System("operator")));
        await mediator.Send(new PlaceOrderRequest(prefix + "o-1", tshirt, "alice", 2, CommandContext.System("alice")));
        await mediator.Send(new ConfirmPaymentRequest(prefix + "o-1", "pay-1", CommandContext.System("payment-provider"), tshirt));
        await mediator.Send(new PlaceOrderRequest(prefix + "o-2", tshirt, "bob", 1, CommandContext.System("bob")));
        await mediator.Send(new TimeOutPaymentRequest(tshirt, prefix + "o-2", TimeoutCauses.GatewayTimeout, CommandContext.System("payments")));
        await mediator.Send(new PlaceOrderRequest(prefix + "o-5", tshirt, "erin", 1, CommandContext.System("erin")));
        await mediator.Send(new TimeOutPaymentRequest(tshirt, prefix + "o-5", TimeoutCauses.GatewayTimeout, CommandContext.System("payments")));
        await mediator.Send(new PlaceOrderRequest(prefix + "o-3", mug, "alice", 3, CommandContext.System("alice")));
        await mediator.Send(new PlaceOrderRequest(prefix + "o-4", mug, "dave", 1, CommandContext.System("dave")));
    }

    /// <summary>Every event of an event log file, in log order.</summary>
    public static async Task<IReadOnlyList<RecordedEvent>> ReadLogAsync(string eventsDb)
    {
        await using var store = await SqliteEventStore.OpenAsync(eventsDb);
        return await store.ReadAllAsync(null, int.MaxValue).ToListAsync();
    }
}
