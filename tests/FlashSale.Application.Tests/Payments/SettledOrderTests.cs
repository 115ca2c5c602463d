using FlashSale.Application.CommandPath;
using FlashSale.Application.Tests.Fixtures;
using FlashSale.Domain.Items;
using FlashSale.Payments;
using static FlashSale.Application.Tests.Payments.PaymentsApp;

namespace FlashSale.Application.Tests.Payments;

/// <summary>The processor never charges an order that is settled already; such races are normal paths.</summary>
public sealed class SettledOrderTests : IDisposable
{
    private readonly TempDatabase _database = new();

    public void Dispose() => _database.Dispose();

    [Fact]
    public async Task an_order_paid_by_the_providers_callback_while_it_waited_in_the_queue_is_never_charged()
    {
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var gateway = new ScriptedGateway();
        gateway.Charge = (request, cancellationToken) => request.OrderId == "first"
            ? ScriptedGateway.HeldUntil(gate.Task, new PaymentAttempt.Confirmed("psp-first"))(request, cancellationToken)
            : Task.FromResult<PaymentAttempt>(new PaymentAttempt.Confirmed($"psp-{request.OrderId}"));
        await using var app = await StartAsync(_database.Path, gateway, settings: new() { ["Payments:Concurrency"] = "1" });
        await app.ListItemAsync("item", stock: 2, paymentWindowSeconds: 60);
        await app.PlaceOrderAsync("first", "item", "alice");
        await Eventually.HoldsAsync(() => Task.FromResult(!gateway.Charges.IsEmpty), "the first charge holds the only charging slot");
        await app.PlaceOrderAsync("second", "item", "bob");
        await app.ConfirmPaymentAsync("second", "psp-callback");

        gate.SetResult();

        var log = await Until(app, "item", l => l.OfType<PaymentConfirmed>().Count == 2, "both orders are paid");
        await Task.Delay(200);
        gateway.Charges.Select(c => c.OrderId).ShouldBe(["first"]);
        log.OfType<RefundRequired>().ShouldBeEmpty();
        log.OfType<PaymentConfirmed>().Single(p => p.OrderId == "second").PaymentReference.ShouldBe("psp-callback");
    }

    [Fact]
    public async Task orders_of_one_id_on_two_items_accepted_by_two_processes_are_both_charged()
    {
        await using (var before = await WriteSide.StartAsync(_database.Path))
        {
            await before.ListItemAsync("item-1", stock: 1);
            await before.ListItemAsync("item-2", stock: 1);
            (await before.PlaceOrderAsync("order", "item-1", "alice")).Reserved.ShouldBeTrue();
            // What two processes racing one order id onto two items leave in the log: each item's writer accepted it.
            await before.CommandPath.ExecuteAsync(new PlaceOrder("item-2", "order", "bob", 1, DateTimeOffset.UtcNow), CommandContext.System("bob"));
        }
        var gateway = new ScriptedGateway();

        await using var payments = await StartAsync(_database.Path, gateway);

        await Until(payments, "item-1", l => l.OfType<PaymentConfirmed>().Count == 1, "item-1's order is paid");
        await Until(payments, "item-2", l => l.OfType<PaymentConfirmed>().Count == 1, "item-2's order is paid");
        gateway.Charges.Select(c => c.IdempotencyKey).Order().ShouldBe(["item-1/order/0", "item-2/order/0"]);
    }
}
