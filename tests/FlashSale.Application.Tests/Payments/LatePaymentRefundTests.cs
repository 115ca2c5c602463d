using FlashSale.Application.CommandPath;
using FlashSale.Application.Orders;
using FlashSale.Application.Tests.Fixtures;
using FlashSale.Domain;
using FlashSale.Domain.Items;
using FlashSale.Payments;
using static FlashSale.Application.Tests.Payments.PaymentsApp;

namespace FlashSale.Application.Tests.Payments;

/// <summary>Money that arrives for a released reservation is recorded as a refund to make, never just a log line.</summary>
public sealed class LatePaymentRefundTests : IDisposable
{
    private readonly TempDatabase _database = new();
    private readonly ManualTimeProvider _clock = new(DateTimeOffset.UtcNow);

    public void Dispose() => _database.Dispose();

    [Fact]
    public async Task a_processor_charge_that_succeeds_after_the_window_closed_is_recorded_as_a_refund()
    {
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var gateway = new ScriptedGateway { Charge = ScriptedGateway.HeldUntil(gate.Task, new PaymentAttempt.Confirmed("psp-slow")) };
        await using var app = await StartAsync(_database.Path, gateway, _clock);
        await app.ListItemAsync("item", stock: 1, paymentWindowSeconds: 60);
        await app.PlaceOrderAsync("order", "item", "alice");
        await Eventually.HoldsAsync(() => Task.FromResult(!gateway.Charges.IsEmpty), "the charge starts");
        _clock.Advance(TimeSpan.FromSeconds(61));
        await Until(app, "item", l => l.OfType<StockReleased>().Count == 1, "the sweeper releases the reservation");

        gate.SetResult();

        var log = await Until(app, "item", l => l.OfType<RefundRequired>().Count == 1, "the late payment is recorded");
        var refund = log.OfType<RefundRequired>()[0];
        (refund.PaymentReference, refund.Reason, refund.Quantity).ShouldBe(("psp-slow", RefundReasons.LatePayment, 1));
        log.OfType<PaymentConfirmed>().ShouldBeEmpty();
        log.State.Orders["order"].Status.ShouldBe(OrderStatus.TimedOut);
        log.State.Available.ShouldBe(1);
    }

    [Fact]
    public async Task a_late_callback_is_refused_and_records_one_refund_however_often_it_is_repeated_and_another_for_another_reference()
    {
        await using var app = await WriteSide.StartAsync(_database.Path, _clock);
        await app.ListItemAsync("item", stock: 1, paymentWindowSeconds: 60);
        await app.PlaceOrderAsync("order", "item", "alice");
        await app.Mediator.Send(new TimeOutPaymentRequest("item", "order", TimeoutCauses.GatewayTimeout, CommandContext.System("payments")));

        foreach (var reference in new[] { "psp-1", "psp-1", "psp-2", "psp-1" })
            (await Should.ThrowAsync<DomainException>(() => app.ConfirmPaymentAsync("order", reference))).Code.ShouldBe(DomainErrors.PaymentTimedOut);

        var log = await app.ReadLogAsync("item");
        log.OfType<RefundRequired>().Select(r => r.PaymentReference).ShouldBe(["psp-1", "psp-2"]);
        log.OfType<RefundRequired>().ShouldAllBe(r => r.Reason == RefundReasons.LatePayment);
        log.OfType<PaymentConfirmed>().ShouldBeEmpty();
        log.State.Available.ShouldBe(1);
    }

    [Fact]
    public async Task a_callback_after_the_deadline_of_a_still_reserved_order_releases_it_and_records_the_refund()
    {
        await using var app = await WriteSide.StartAsync(_database.Path, _clock);
        await app.ListItemAsync("item", stock: 1, paymentWindowSeconds: 60);
        await app.PlaceOrderAsync("order", "item", "alice");
        _clock.Advance(TimeSpan.FromSeconds(60));

        (await Should.ThrowAsync<DomainException>(() => app.ConfirmPaymentAsync("order", "psp-late"))).Code.ShouldBe(DomainErrors.PaymentTimedOut);

        var log = await app.ReadLogAsync("item");
        log.Events.Skip(3).Select(e => e.GetType()).ShouldBe([typeof(PaymentTimedOut), typeof(StockReleased), typeof(RefundRequired)]);
        log.OfType<RefundRequired>()[0].PaymentReference.ShouldBe("psp-late");
    }

    [Fact]
    public async Task a_processor_charge_for_an_order_the_provider_paid_meanwhile_is_recorded_as_a_duplicate_to_refund()
    {
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var gateway = new ScriptedGateway { Charge = ScriptedGateway.HeldUntil(gate.Task, new PaymentAttempt.Confirmed("psp-processor")) };
        await using var app = await StartAsync(_database.Path, gateway, _clock);
        await app.ListItemAsync("item", stock: 1, paymentWindowSeconds: 60);
        await app.PlaceOrderAsync("order", "item", "alice");
        await Eventually.HoldsAsync(() => Task.FromResult(!gateway.Charges.IsEmpty), "the charge starts");
        await app.ConfirmPaymentAsync("order", "psp-callback");

        gate.SetResult();

        var log = await Until(app, "item", l => l.OfType<RefundRequired>().Count == 1, "the second payment is recorded");
        var refund = log.OfType<RefundRequired>()[0];
        (refund.PaymentReference, refund.Reason).ShouldBe(("psp-processor", RefundReasons.DuplicatePayment));
        log.OfType<PaymentConfirmed>().ShouldHaveSingleItem().PaymentReference.ShouldBe("psp-callback");
    }
}
