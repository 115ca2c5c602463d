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

namespace FlashSale.Cli.Tests.Fixtures;

/// <summary>The write side over a data directory's events.db, through the application's use cases (no host, no
/// payments: the tests decide every payment outcome themselves).</summary>
public sealed class SaleWriter : IAsyncDisposable
{
    private readonly ServiceProvider _services;
    private readonly SqliteEventStore _store;

    private SaleWriter(ServiceProvider services, SqliteEventStore store)
    {
        _services = services;
        _store = store;
    }

    public IEventStore Store => _store;

    public static async Task<SaleWriter> OpenAsync(string eventsDb)
    {
        var store = await SqliteEventStore.OpenAsync(eventsDb);
        var services = new ServiceCollection().AddLogging().AddSingleton<IEventStore>(store);
        services.AddFlashSaleWriteSide(new ConfigurationBuilder().Build());
        return new SaleWriter(services.BuildServiceProvider(), store);
    }

    private IMediator Mediator => _services.GetRequiredService<IMediator>();

    public async Task<ItemReceipt> ListItemAsync(string itemId, int stock, int perUserLimit = 5) =>
        await Mediator.Send(new ListItemRequest(itemId, $"Item {itemId}", stock, perUserLimit, null, null, 600, CommandContext.System("operator")));

    public async Task<OrderReceipt> PlaceOrderAsync(string orderId, string itemId, string userId, int quantity = 1) =>
        await Mediator.Send(new PlaceOrderRequest(orderId, itemId, userId, quantity, CommandContext.System(userId)));

    public async Task ConfirmAsync(string orderId, string itemId) =>
        await Mediator.Send(new ConfirmPaymentRequest(orderId, $"pay-{orderId}", CommandContext.System("payment-provider"), itemId));

    public async Task TimeOutAsync(string orderId, string itemId) =>
        (await Mediator.Send(new TimeOutPaymentRequest(itemId, orderId, TimeoutCauses.GatewayTimeout, CommandContext.System("payments")))).ShouldBeTrue();

    public async ValueTask DisposeAsync()
    {
        await _services.DisposeAsync(); // drains the item writers before the store closes
        await _store.DisposeAsync();
    }
}
