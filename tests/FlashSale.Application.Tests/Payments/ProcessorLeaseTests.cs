using FlashSale.Application.Tests.Fixtures;
using FlashSale.EventStore;
using FlashSale.EventStore.Sqlite;
using FlashSale.Payments;
using FlashSale.Payments.Lease;
using FlashSale.Subscriptions.Leases;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace FlashSale.Application.Tests.Payments;

public sealed class ProcessorLeaseTests : IAsyncLifetime
{
    private static readonly TimeSpan Duration = TimeSpan.FromSeconds(15);
    private readonly TempDatabase _database = new();
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2030, 6, 1, 9, 0, 0, TimeSpan.Zero));
    private SqliteEventStore _store = null!;

    public async Task InitializeAsync() => _store = await SqliteEventStore.OpenAsync(_database.Path);

    public async Task DisposeAsync()
    {
        await _store.DisposeAsync();
        _database.Dispose();
    }

    [Fact]
    public async Task the_first_process_takes_a_lease_nobody_holds_and_a_second_stays_standby_while_it_is_valid()
    {
        var (a, b) = (Lease("a"), Lease("b"));

        (await a.TryHoldAsync(default)).ShouldBeTrue();
        _clock.Advance(Duration - TimeSpan.FromMilliseconds(1));

        (await b.TryHoldAsync(default)).ShouldBeFalse();
        b.IsHeld.ShouldBeFalse();
        b.Last.ShouldBe(new LeaseTerm("a", _clock.GetUtcNow() + TimeSpan.FromMilliseconds(1)));
    }

    [Fact]
    public async Task a_holder_that_renews_keeps_the_lease_and_a_standby_takes_over_only_after_it_expired()
    {
        var (a, b) = (Lease("a"), Lease("b"));
        await a.TryHoldAsync(default);
        for (var i = 0; i < 5; i++)
        {
            _clock.Advance(TimeSpan.FromSeconds(5));
            (await a.TryHoldAsync(default)).ShouldBeTrue();
            (await b.TryHoldAsync(default)).ShouldBeFalse();
        }

        _clock.Advance(Duration); // a stopped renewing (a crash): its last term runs out

        a.IsHeld.ShouldBeFalse("a holder whose term ran out acts no more, even before it looks again");
        (await b.TryHoldAsync(default)).ShouldBeTrue();
        (await a.TryHoldAsync(default)).ShouldBeFalse();
        var stream = await _store.ReadStreamAsync(LeaseStream.Name).ToListAsync();
        stream.Select(e => e.Type).ShouldBe([LeaseStream.Acquired, .. Enumerable.Repeat(LeaseStream.Renewed, 5), LeaseStream.Acquired]);
    }

    [Fact]
    public async Task a_holder_that_cannot_renew_stops_acting_at_once_although_its_term_has_time_left()
    {
        var failing = new FailingAppends(_store);
        var a = Lease("a", failing);
        await a.TryHoldAsync(default);
        a.IsHeldFor(TimeSpan.FromSeconds(10)).ShouldBeTrue();

        failing.Fail = true;
        _clock.Advance(TimeSpan.FromSeconds(3));

        (await a.TryHoldAsync(default)).ShouldBeFalse();
        a.IsHeld.ShouldBeFalse();
        failing.Fail = false;
        (await a.TryHoldAsync(default)).ShouldBeTrue("its own term, renewed once the store answers again");
    }

    [Fact]
    public async Task a_charge_is_fenced_by_the_time_the_lease_has_left()
    {
        var a = Lease("a");
        await a.TryHoldAsync(default);
        _clock.Advance(TimeSpan.FromSeconds(10));

        a.IsHeldFor(TimeSpan.FromSeconds(4)).ShouldBeTrue();
        a.IsHeldFor(TimeSpan.FromSeconds(5)).ShouldBeFalse("the charge could outlast the lease");
    }

    [Fact]
    public async Task a_released_lease_is_taken_by_a_standby_at_once()
    {
        var (a, b) = (Lease("a"), Lease("b"));
        await a.TryHoldAsync(default);
        (await b.TryHoldAsync(default)).ShouldBeFalse();

        await a.ReleaseAsync(default);

        a.IsHeld.ShouldBeFalse();
        (await b.TryHoldAsync(default)).ShouldBeTrue();
    }

    [Fact]
    public async Task processes_racing_for_a_free_lease_leave_exactly_one_holder()
    {
        var leases = Enumerable.Range(0, 8).Select(i => Lease($"p{i}")).ToList();

        var held = await Task.WhenAll(leases.Select(l => Task.Run(() => l.TryHoldAsync(default))));

        held.Count(h => h).ShouldBe(1);
        leases.Count(l => l.IsHeld).ShouldBe(1);
        (await _store.ReadStreamAsync(LeaseStream.Name).ToListAsync()).ShouldHaveSingleItem();
    }

    private ProcessorLease Lease(string holder, IEventStore? store = null) =>
        new(store ?? _store, new PaymentsOptions { InstanceId = holder, LeaseSeconds = Duration.TotalSeconds }, _clock,
            NullLogger<ProcessorLease>.Instance);

    private sealed class FailingAppends(IEventStore inner) : DelegatingEventStore(inner)
    {
        public volatile bool Fail;

        public override Task<AppendResult> AppendAsync(string streamId, ExpectedRevision expected, IReadOnlyList<EventData> events,
            AppendPositions positions = AppendPositions.EachEvent, CancellationToken cancellationToken = default) =>
            Fail ? throw new EventStoreUnavailableException("store down") : Inner.AppendAsync(streamId, expected, events, positions, cancellationToken);
    }
}
