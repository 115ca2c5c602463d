using FlashSale.Api.Tests.Fixtures;
using FlashSale.Domain.Items;
using FlashSale.EventStore.EventStoreDb.TestDouble;
using FlashSale.Payments.Lease;

namespace FlashSale.Api.Tests.Payments;

/// <summary>
/// Two processes with payments on, one store: the lease lets exactly one charge, so every reservation is charged exactly
/// once; when the active one dies without a graceful stop, the standby takes over once the lease has expired and charges
/// what is left, nothing twice. On SQLite (one file) and on EventStoreDB (the loopback double).
/// </summary>
public sealed class OneProcessorAcrossProcessesTests
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(20);
    private readonly ManualClock _clock = new(new DateTimeOffset(2030, 3, 3, 12, 0, 0, TimeSpan.Zero));
    private readonly ProviderLedger _provider = new();

    [Fact]
    public async Task on_one_sqlite_file_every_reservation_is_charged_exactly_once_and_a_standby_takes_over_a_killed_processor()
    {
        var directory = Path.Combine(Path.GetTempPath(), "flashsale-api-tests", "lease-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(directory);
        try
        {
            await ChargedExactlyOnceAcross(new Dictionary<string, string?> { ["Storage:DataDirectory"] = directory });
        }
        finally
        {
            try { Directory.Delete(directory, recursive: true); }
            catch (IOException) { }
        }
    }

    [Fact]
    public async Task on_eventstoredb_every_reservation_is_charged_exactly_once_and_a_standby_takes_over_a_killed_processor()
    {
        await using var server = await EventStoreDbDouble.StartAsync();
        await ChargedExactlyOnceAcross(new Dictionary<string, string?>
        {
            ["EventStore:Provider"] = "EventStoreDb",
            ["EventStore:ConnectionString"] = server.ConnectionString,
            ["Storage:DataDirectory"] = Path.GetTempPath(),
        });
    }

    private async Task ChargedExactlyOnceAcross(IReadOnlyDictionary<string, string?> store)
    {
        var itemId = Ids.New("lease");
        var active = await PaymentsProcess.StartAsync("process-a", store, _provider.GatewayFor("process-a"), _clock);
        try
        {
            // The standby is the one started second: it starts once the first holds the lease.
            await Until(() => active.Lease.IsHeld, "process-a holds the lease");
            await using var standby = await PaymentsProcess.StartAsync("process-b", store, _provider.GatewayFor("process-b"), _clock);
            await active.ListItemAsync(itemId, stock: 30);
            // Orders arrive at both processes; only the lease holder charges, whichever process took the order.
            for (var i = 0; i < 10; i++) await (i % 2 == 0 ? active : standby).PlaceOrderAsync($"order-{i}", itemId);

            var paid = await PaidAsync(standby, itemId, 10);
            paid.Count.ShouldBe(10);
            _provider.Calls.Count.ShouldBe(10, "one charge call per reservation");
            _provider.Calls.ShouldAllBe(c => c.Process == "process-a");
            standby.Lease.IsHeld.ShouldBeFalse();

            active.Kill();
            for (var i = 10; i < 15; i++) await standby.PlaceOrderAsync($"order-{i}", itemId);
            await Task.Delay(300);
            _provider.Calls.Count.ShouldBe(10, "the standby waits while the dead processor's lease is valid");

            _clock.Advance(TimeSpan.FromSeconds(16)); // past the killed holder's last term (15 s)

            paid = await PaidAsync(standby, itemId, 15);
            paid.Select(p => p.OrderId).Order().ShouldBe(Enumerable.Range(0, 15).Select(i => $"order-{i}").Order());
            _provider.ChargedKeys.Count.ShouldBe(15);
            _provider.Calls.GroupBy(c => c.Key).ShouldAllBe(g => g.Count() == 1, "nothing is charged twice");
            _provider.Calls.Skip(10).ShouldAllBe(c => c.Process == "process-b");
            standby.Lease.IsHeld.ShouldBeTrue();
            var lease = await standby.Store.ReadStreamAsync(LeaseStream.Name).ToListAsync();
            lease.ShouldNotContain(e => e.Type == LeaseStream.Released, "a killed processor gives nothing up");
        }
        finally
        {
            await active.DisposeAsync();
        }
    }

    private static async Task<IReadOnlyList<PaymentConfirmed>> PaidAsync(PaymentsProcess process, string itemId, int count)
    {
        var events = await EventLog.WaitForAsync(() => EventLog.ReadItemAsync(process.Store, itemId),
            e => e.OfType<PaymentConfirmed>().Count() >= count, Bound, $"{count} payments");
        return [.. events.OfType<PaymentConfirmed>()];
    }

    private static async Task Until(Func<bool> condition, string what)
    {
        var deadline = DateTime.UtcNow + Bound;
        while (!condition())
        {
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"Timed out waiting until {what}.");
            await Task.Delay(20);
        }
    }
}
