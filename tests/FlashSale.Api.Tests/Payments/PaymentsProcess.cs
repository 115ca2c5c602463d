using FlashSale.Application;
using FlashSale.Application.CommandPath;
using FlashSale.Application.Items;
using FlashSale.Application.Orders;
using FlashSale.EventStore;
using FlashSale.Hosting;
using FlashSale.Payments;
using FlashSale.Payments.Lease;
using Mediator;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using FlashSale.Subscriptions.Status;
using Microsoft.Extensions.Hosting;

namespace FlashSale.Api.Tests.Payments;

/// <summary>One "process" of the write side with the payments processor on, on a shared event store, with its own gateway.</summary>
internal sealed class PaymentsProcess : IAsyncDisposable
{
    private readonly IHost _host;
    private bool _gone;

    private PaymentsProcess(IHost host) => _host = host;

    public ProcessorLease Lease => _host.Services.GetRequiredService<ProcessorLease>();

    public IEventStore Store => _host.Services.GetRequiredService<IEventStore>();

    public static async Task<PaymentsProcess> StartAsync(string name, IReadOnlyDictionary<string, string?> store, IPaymentGateway gateway,
        TimeProvider clock)
    {
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Configuration.AddInMemoryCollection(store);
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Payments:InstanceId"] = name,
            ["Payments:GatewayLatencyMs"] = "0",
            ["Payments:SweepIntervalSeconds"] = "0.1",
            ["Payments:LeaseRenewSeconds"] = "0.1",
            ["Payments:CallbackSecret"] = Fixtures.ApiCalls.CallbackSecret,
        });
        builder.Services.AddLogging();
        builder.Services.AddSingleton(clock);
        builder.Services.AddSingleton(gateway);
        builder.Services.AddFlashSaleEventStore(builder.Configuration);
        builder.Services.AddFlashSaleWriteSide(builder.Configuration);
        builder.Services.AddFlashSalePayments(builder.Configuration);
        var host = builder.Build();
        await host.StartAsync().WaitAsync(TimeSpan.FromSeconds(30));
        // The host starts before its followers have read the log (ADR 0019): a "process" is up once they have, as a real
        // one is ready then.
        var followers = host.Services.GetRequiredService<LogFollowers>();
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (followers.All.Count == 0 || followers.CatchingUp.Count > 0)
        {
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"{name}: the log followers did not catch up within 30 s.");
            await Task.Delay(10);
        }
        return new PaymentsProcess(host);
    }

    public async Task ListItemAsync(string itemId, int stock) =>
        await Send(new ListItemRequest(itemId, itemId, stock, 1, null, null, 600, CommandContext.System("operator")));

    public async Task<OrderReceipt> PlaceOrderAsync(string orderId, string itemId) =>
        await Send(new PlaceOrderRequest(orderId, itemId, $"user-{orderId}", 1, CommandContext.System("buyer")));

    /// <summary>Gone without a graceful stop: the lease is not given up and must expire.</summary>
    public void Kill()
    {
        _gone = true;
        _host.Dispose();
    }

    public async ValueTask DisposeAsync()
    {
        if (_gone) return;
        _gone = true;
        await _host.StopAsync().WaitAsync(TimeSpan.FromSeconds(30));
        _host.Dispose();
    }

    private ValueTask<TResponse> Send<TResponse>(ICommand<TResponse> command) =>
        _host.Services.GetRequiredService<IMediator>().Send(command);
}
