using FlashSale.Application.CommandPath;
using FlashSale.Application.DeadLetters;
using FlashSale.Application.Items;
using FlashSale.Application.Orders;
using FlashSale.EventStore;
using FlashSale.EventStore.Sqlite;
using FlashSale.Payments;
using Mediator;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace FlashSale.Application.Tests.Fixtures;

/// <summary>
/// One "process" of the write side without HTTP: a started host with its own <see cref="SqliteEventStore"/> on
/// <c>databasePath</c>, the command path and, optionally, payments.
/// </summary>
internal sealed class WriteSide : IAsyncDisposable
{
    private readonly IHost _host;
    private readonly SqliteEventStore _sqlite;
    private bool _disposed;

    private WriteSide(IHost host, SqliteEventStore sqlite)
    {
        _host = host;
        _sqlite = sqlite;
    }

    public IServiceProvider Services => _host.Services;
    public IEventStore Store => Services.GetRequiredService<IEventStore>();
    public IMediator Mediator => Services.GetRequiredService<IMediator>();
    public ItemCommandPath CommandPath => Services.GetRequiredService<ItemCommandPath>();
    public ItemWriter Writer(string itemId) => CommandPath.ActiveWriters.Single(w => w.ItemId == itemId);

    public static async Task<WriteSide> StartAsync(
        string databasePath,
        TimeProvider? clock = null,
        bool payments = false,
        IReadOnlyDictionary<string, string?>? settings = null,
        Func<IEventStore, IEventStore>? decorateStore = null,
        Action<IServiceCollection>? services = null)
    {
        var sqlite = await SqliteEventStore.OpenAsync(databasePath, TimeSpan.FromMilliseconds(50));
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Payments:Enabled"] = payments ? "true" : "false",
            ["Payments:GatewayLatencyMs"] = "0",
            ["Payments:CallbackSecret"] = "application-tests-callback-secret-0123456789",
            ["Payments:SweepIntervalSeconds"] = "0.1",
        });
        if (settings is not null) builder.Configuration.AddInMemoryCollection(settings);

        builder.Services.AddLogging();
        builder.Services.AddSingleton<IEventStore>(decorateStore?.Invoke(sqlite) ?? sqlite);
        if (clock is not null) builder.Services.AddSingleton(clock);
        services?.Invoke(builder.Services);
        builder.Services.AddFlashSaleWriteSide(builder.Configuration);
        if (payments) builder.Services.AddFlashSalePayments(builder.Configuration);

        var host = builder.Build();
        try
        {
            await host.StartAsync().WaitAsync(Eventually.Bound);
            // The host listens before the order index has caught up; tests start from a caught-up index, as the start once waited.
            var index = host.Services.GetRequiredService<FlashSale.Application.CommandPath.OrderIndex>();
            var deadline = DateTime.UtcNow + Eventually.Bound;
            while (!index.IsCaughtUp && DateTime.UtcNow < deadline) await Task.Delay(10);
        }
        catch
        {
            host.Dispose();
            await sqlite.DisposeAsync();
            throw;
        }
        return new WriteSide(host, sqlite);
    }

    public async Task<ItemReceipt> ListItemAsync(string itemId, int stock, int perUserLimit = 10, int? paymentWindowSeconds = 600,
        DateTimeOffset? saleStartsAt = null, DateTimeOffset? saleEndsAt = null) =>
        await Mediator.Send(new ListItemRequest(itemId, $"Item {itemId}", stock, perUserLimit, saleStartsAt, saleEndsAt,
            paymentWindowSeconds, CommandContext.System("operator")));

    public async Task<OrderReceipt> PlaceOrderAsync(string orderId, string itemId, string userId, int? quantity = 1,
        CommandContext? context = null) =>
        await Mediator.Send(new PlaceOrderRequest(orderId, itemId, userId, quantity, context ?? CommandContext.System(userId)));

    public async Task<PaymentReceipt> ConfirmPaymentAsync(string orderId, string paymentReference, string? itemId = null) =>
        await Mediator.Send(new ConfirmPaymentRequest(orderId, paymentReference, CommandContext.System("payment-provider"), itemId));

    public async Task<DeadLetterReceipt> RetryDeadLetterAsync(string orderId, string? itemId = null, string actor = "operator") =>
        await Mediator.Send(new RetryDeadLetterRequest(orderId, CommandContext.System(actor), itemId));

    public async Task<DeadLetterReceipt> DiscardDeadLetterAsync(string orderId, string? reason = null, string? itemId = null,
        string actor = "operator") =>
        await Mediator.Send(new DiscardDeadLetterRequest(orderId, reason, CommandContext.System(actor), itemId));

    public Task<ItemLog> ReadLogAsync(string itemId) => ItemLog.ReadAsync(Store, itemId);

    public async ValueTask DisposeAsync()
    {
        if (_disposed) return;
        _disposed = true;
        try
        {
            await _host.StopAsync().WaitAsync(Eventually.Bound);
        }
        finally
        {
            // Disposing the container disposes ItemCommandPath, which drains every writer before the store closes.
            if (_host is IAsyncDisposable asyncHost) await asyncHost.DisposeAsync();
            else _host.Dispose();
            await _sqlite.DisposeAsync();
        }
    }
}
