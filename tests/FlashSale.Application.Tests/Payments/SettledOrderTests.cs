using FlashSale.Application.CommandPath;
using FlashSale.Application.Tests.Fixtures;
using FlashSale.Domain.Items;
using FlashSale.Payments;
using Microsoft.Extensions.DependencyInjection;
using static FlashSale.Application.Tests.Payments.PaymentsApp;

namespace FlashSale.Application.Tests.Payments;

/// <summary>The processor never charges an order that is settled already; such races are normal paths.</summary>
public sealed class SettledOrderTests : IDisposable
{
    private readonly TempDatabase _database = new();

    public void Dispose() => _database.Dispose();

    [Fact]
    public async Task an_order_paid_by_the_providers_callback_is_not_charged_although_the_processors_view_of_the_log_lags()
    {
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var gateway = new ScriptedGateway();
        gateway.Charge = (request, cancellationToken) => request.OrderId == "first"
            ? ScriptedGateway.HeldUntil(gate.Task, new PaymentAttempt.Confirmed("psp-first"))(request, cancellationToken)
            : Task.FromResult<PaymentAttempt>(new PaymentAttempt.Confirmed($"psp-{request.OrderId}"));
        PausableSubscriptionStore store = null!;
        await using var app = await StartAsync(_database.Path, gateway, settings: new() { ["Payments:Concurrency"] = "1" },
            decorateStore: inner => store = new PausableSubscriptionStore(inner));
        await app.ListItemAsync("item", stock: 3, paymentWindowSeconds: 60);
        await app.PlaceOrderAsync("first", "item", "alice");
        await Eventually.HoldsAsync(() => Task.FromResult(!gateway.Charges.IsEmpty), "the first charge holds the only charging slot");
        await app.PlaceOrderAsync("second", "item", "bob");
        await app.PlaceOrderAsync("third", "item", "carol");
        var pending = app.Services.GetRequiredService<PendingReservations>();
        await Eventually.HoldsAsync(() => Task.FromResult(pending.IsPending("item", "third")), "the processor sees the second and third reservations");
        store.Pause(); // from here on the processor sees nothing more of the log
        await app.ConfirmPaymentAsync("second", "psp-callback");

        gate.SetResult();
        // One charging slot, in order: once the third is charged, the second has had its turn.
        await Eventually.HoldsAsync(() => Task.FromResult(gateway.Charges.Any(c => c.OrderId == "third")), "the third is charged");
        store.Resume();
        await Until(app, "item", l => l.OfType<PaymentConfirmed>().Count == 3, "all three are paid");

        var log = await app.ReadLogAsync("item");
        gateway.Charges.Select(c => c.OrderId).ShouldBe(["first", "third"], "the writer knows the second is paid, whatever the processor last saw");
        log.OfType<ChargeStarted>().Select(c => c.OrderId).ShouldBe(["first", "third"]);
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
