using FlashSale.Contracts;
using FlashSale.Application.Tests.Fixtures;
using FlashSale.Domain;
using FlashSale.Domain.Items;

namespace FlashSale.Application.Tests.Payments;

public sealed class PaymentsTests : IDisposable
{
    private readonly TempDatabase _database = new();

    public void Dispose() => _database.Dispose();

    [Fact]
    public async Task with_a_gateway_that_never_times_out_every_reservation_is_confirmed()
    {
        await using var app = await StartWithPayments(timeoutRate: 0);
        await app.ListItemAsync("item", stock: 10, perUserLimit: 1);

        var receipts = await Task.WhenAll(Enumerable.Range(0, 12).Select(i => app.PlaceOrderAsync($"order-{i}", "item", $"user-{i}")));

        var reserved = receipts.Where(r => r.Reserved).Select(r => r.OrderId).ToList();
        reserved.Count.ShouldBe(10);
        var log = await Until(app, "item", l => l.OfType<PaymentConfirmed>().Count == 10, "every reservation is confirmed");
        log.OfType<PaymentConfirmed>().Select(e => e.OrderId).ShouldBe(reserved, ignoreOrder: true);
        log.OfType<PaymentTimedOut>().ShouldBeEmpty();
        log.State.Available.ShouldBe(0);
        foreach (var entry in log.Entries.Where(e => e.Event is PaymentConfirmed))
        {
            var metadata = ItemEventSerializer.DeserializeMetadata(entry.Recorded)!;
            metadata.Actor.ShouldBe("payment-processor");
            metadata.CausationId.ShouldBe(((PaymentConfirmed)entry.Event).OrderId);
        }

        // The same payment again is a harmless repeat; a second, different payment for a paid order is refused.
        var recorded = log.OfType<PaymentConfirmed>().Single(e => e.OrderId == reserved[0]);
        var repeat = await app.ConfirmPaymentAsync(reserved[0], recorded.PaymentReference);
        repeat.PaymentReference.ShouldBe(recorded.PaymentReference);
        var second = await Should.ThrowAsync<DomainException>(() => app.ConfirmPaymentAsync(reserved[0], "callback-ref"));
        second.Code.ShouldBe(DomainErrors.PaymentAlreadyConfirmed);
        (await app.ReadLogAsync("item")).Entries.Count.ShouldBe(log.Entries.Count);
    }

    [Fact]
    public async Task with_a_gateway_that_always_times_out_every_reservation_is_released()
    {
        await using var app = await StartWithPayments(timeoutRate: 1);
        await app.ListItemAsync("item", stock: 3, perUserLimit: 1);

        foreach (var i in Enumerable.Range(0, 3)) (await app.PlaceOrderAsync($"order-{i}", "item", $"user-{i}")).Reserved.ShouldBeTrue();

        var log = await Until(app, "item", l => l.OfType<StockReleased>().Count == 3, "every reservation is released");
        log.OfType<PaymentTimedOut>().Count.ShouldBe(3);
        log.OfType<PaymentTimedOut>().ShouldAllBe(e => e.Cause == TimeoutCauses.GatewayTimeout);
        log.OfType<PaymentConfirmed>().ShouldBeEmpty();
        log.State.Available.ShouldBe(3);
        log.ReplayCheckingStock().ShouldBeInRange(1, 3);

        var late = await Should.ThrowAsync<DomainException>(() => app.ConfirmPaymentAsync("order-0", "too-late"));
        late.Code.ShouldBe(DomainErrors.PaymentTimedOut);
        (await app.PlaceOrderAsync("order-again", "item", "user-0")).Reserved.ShouldBeTrue();
    }

    [Fact]
    public async Task the_deadline_sweeper_releases_a_reservation_whose_window_passed_while_the_process_was_down()
    {
        var listedAt = DateTimeOffset.UtcNow;
        var settings = new Dictionary<string, string?>
        {
            ["Payments:ProcessorEnabled"] = "false",
            ["Sales:DefaultPaymentWindowSeconds"] = "1",
        };
        await using (var before = await WriteSide.StartAsync(_database.Path, new ManualTimeProvider(listedAt), payments: true, settings))
        {
            await before.ListItemAsync("item", stock: 2, paymentWindowSeconds: null);
            var receipt = await before.PlaceOrderAsync("order", "item", "alice");
            receipt.ReservedUntil.ShouldBe(listedAt.AddSeconds(1));
        }
        var untouched = await ItemLogAfterRestart();
        untouched.OfType<PaymentTimedOut>().ShouldBeEmpty();
        untouched.State.Available.ShouldBe(1);

        await using var after = await WriteSide.StartAsync(_database.Path, new ManualTimeProvider(listedAt.AddSeconds(5)), payments: true, settings);

        var log = await Until(after, "item", l => l.OfType<StockReleased>().Any(), "the sweeper releases the expired reservation");
        log.OfType<PaymentTimedOut>().ShouldHaveSingleItem().ShouldBe(
            new PaymentTimedOut("item", "order", TimeoutCauses.DeadlinePassed, listedAt.AddSeconds(5)));
        log.OfType<StockReleased>().ShouldHaveSingleItem().ShouldBe(new StockReleased("item", "order", "alice", 1, listedAt.AddSeconds(5)));
        log.State.Available.ShouldBe(2);
        var metadata = ItemEventSerializer.DeserializeMetadata(log.Entries[^1].Recorded)!;
        metadata.Actor.ShouldBe("deadline-sweeper");
        metadata.CausationId.ShouldBe("order");
    }

    private Task<WriteSide> StartWithPayments(double timeoutRate) =>
        WriteSide.StartAsync(_database.Path, payments: true, settings: new Dictionary<string, string?>
        {
            ["Payments:TimeoutRate"] = timeoutRate.ToString(System.Globalization.CultureInfo.InvariantCulture),
        });

    private async Task<ItemLog> ItemLogAfterRestart()
    {
        await using var store = await FlashSale.EventStore.Sqlite.SqliteEventStore.OpenAsync(_database.Path);
        return await ItemLog.ReadAsync(store, "item");
    }

    private static async Task<ItemLog> Until(WriteSide app, string itemId, Func<ItemLog, bool> condition, string what)
    {
        ItemLog log = null!;
        await Eventually.HoldsAsync(async () => condition(log = await app.ReadLogAsync(itemId)), what);
        return log;
    }
}
