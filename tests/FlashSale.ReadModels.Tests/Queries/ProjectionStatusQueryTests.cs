using FlashSale.EventStore;
using FlashSale.EventStore.Sqlite;
using FlashSale.Projections;
using FlashSale.ReadModels.Queries;
using FlashSale.ReadModels.Rebuilding;
using FlashSale.ReadModels.Running;
using FlashSale.ReadModels.Sqlite;
using FlashSale.ReadModels.Storage;
using FlashSale.ReadModels.Tests.Fixtures;
using FlashSale.Testing.EventStores;
using Microsoft.Extensions.Logging.Abstractions;

namespace FlashSale.ReadModels.Tests.Queries;

public sealed class ProjectionStatusQueryTests : IAsyncLifetime
{
    private readonly TempDirectory _directory = new();
    private readonly IReadOnlyList<IProjection> _projections = AllProjections.Create();
    private readonly ShiftedClock _clock = new();
    private SqliteEventStore _events = null!;
    private SqliteReadModelStore _store = null!;
    private ProjectionStatusQuery _status = null!;

    public async Task InitializeAsync()
    {
        _events = await SqliteEventStore.OpenAsync(_directory.File("events.db"));
        _store = SqliteReadModelStore.Open(_directory.File("readmodels.db"));
        await _store.InitializeAsync(_projections);
        var options = new ReadModelOptions();
        var rebuilds = new RebuildCoordinator(
            new ProjectionRebuilder(_events, _store, options, _clock, NullLogger<ProjectionRebuilder>.Instance), _clock);
        _status = new ProjectionStatusQuery(_projections, _events, _store, new ProjectionProgress(), rebuilds, _clock);
    }

    public async Task DisposeAsync()
    {
        await _store.DisposeAsync();
        await _events.DisposeAsync();
        _directory.Dispose();
    }

    [Fact]
    public async Task lag_counts_the_events_after_the_checkpoint_and_how_long_the_oldest_has_waited()
    {
        var log = new SaleLog(_events);
        foreach (var append in ScriptedSale.Appends.Take(3)) await log.AppendAsync(append);
        var inventory = _projections[0];
        await new ProjectionCatchUp(_events, _store, new ReadModelOptions(), _clock).RunToHeadAsync(inventory);
        var caughtUp = (await _status.GetAsync(inventory.Name))!;

        foreach (var append in ScriptedSale.Appends.Skip(3).Take(2)) await log.AppendAsync(append);
        _clock.Shift = TimeSpan.FromMinutes(1);
        var behind = (await _status.GetAsync(inventory.Name))!;

        (caughtUp.LagEvents, caughtUp.LagSeconds, caughtUp.Checkpoint).ShouldBe((0L, 0d, caughtUp.Head));
        behind.LagEvents.ShouldBe(3, "an order (placed + rejected) and a payment were appended after the checkpoint");
        behind.LagSeconds.ShouldBeInRange(55, 120);
        behind.Head.ShouldNotBe(behind.Checkpoint);
    }

    [Fact]
    public async Task a_shadow_left_by_a_rebuild_that_died_stops_counting_as_rebuilding_after_a_while()
    {
        var inventory = _projections[0];
        await _store.StartShadowAsync(inventory, DateTimeOffset.UtcNow);

        var fresh = (await _status.GetAsync(inventory.Name))!;
        _clock.Shift = ProjectionStatusQuery.AbandonedAfter + TimeSpan.FromSeconds(30);
        var stale = (await _status.GetAsync(inventory.Name))!;

        fresh.State.ShouldBe(ProjectionStates.Rebuilding);
        fresh.Rebuild!.Phase.ShouldBe(RebuildPhases.Replaying);
        stale.State.ShouldBe(ProjectionStates.Stopped, "nobody runs it and nobody rebuilds it");
        stale.Rebuild!.Phase.ShouldBe(RebuildPhases.Abandoned);
    }

    [Theory]
    [InlineData(ProjectionStatusQuery.LagCountLimit)]
    [InlineData(5)] // counted up to 5: the two checkpoints further behind say "at least 5"
    public async Task the_lag_of_every_projection_is_counted_from_its_own_checkpoint_without_reading_the_events_after_it(int limit)
    {
        var log = new SaleLog(_events);
        foreach (var append in ScriptedSale.Appends.Take(3)) await log.AppendAsync(append);
        var catchUp = new ProjectionCatchUp(_events, _store, new ReadModelOptions(), _clock);
        await catchUp.RunToHeadAsync(_projections[0]);
        foreach (var append in ScriptedSale.Appends.Skip(3).Take(2)) await log.AppendAsync(append);
        await catchUp.RunToHeadAsync(_projections[1]);
        foreach (var append in ScriptedSale.Appends.Skip(5).Take(2)) await log.AppendAsync(append);
        var counting = new CountingReads(_events);

        var all = await Query(counting, limit).GetAllAsync();

        counting.EventsRead.ShouldBe(3, "the first event after each of the three distinct checkpoints, for how long it has waited");
        if (limit == ProjectionStatusQuery.LagCountLimit)
            all.Select(s => (s.LagEvents, s.LagEventsAtLeast)).Distinct().Order().ToArray().ShouldBe(new[] { (4L, false), (7L, false), (12L, false) },
                "three checkpoints: after 5 appends, after 3, none");
        else
            all.Select(s => (s.LagEvents, s.LagEventsAtLeast)).Distinct().Order().ToArray().ShouldBe(new[] { (4L, false), (5L, true) });
        all.Where(s => s.LagEvents > 0).ShouldAllBe(s => s.LagSeconds >= 0 && s.LagSeconds < 120);
    }

    [Fact]
    public async Task sqlite_counts_the_events_a_read_after_the_same_position_would_yield_and_no_lease_event()
    {
        var log = new SaleLog(_events);
        foreach (var append in ScriptedSale.Appends.Take(4)) await log.AppendAsync(append);
        var lease = new FlashSale.Subscriptions.Leases.RoleLease(_events, "lease-test", "Test", TimeSpan.FromSeconds(30), "here", _clock,
            NullLogger.Instance);
        (await lease.TryHoldAsync(CancellationToken.None)).ShouldBeTrue();
        foreach (var append in ScriptedSale.Appends.Skip(4).Take(3)) await log.AppendAsync(append);
        (await lease.TryHoldAsync(CancellationToken.None)).ShouldBeTrue();
        var everything = await _events.ReadAllAsync(null, int.MaxValue).ToListAsync();
        everything.Count(e => !FlashSale.Contracts.ItemStreams.Filter.Passes(e.StreamId)).ShouldBeGreaterThanOrEqualTo(2, "lease events in the log");
        var reference = new ReadingCounts(_events);

        foreach (var after in everything.Select(e => (LogPosition?)e.Position).Prepend(null))
            foreach (var limit in new[] { 0, 1, 3, int.MaxValue })
                foreach (var filter in new[] { null, FlashSale.Contracts.ItemStreams.Filter, StreamFilter.AllUserStreams, StreamFilter.Prefixes("lease-", "item-") })
                    (await ((IEventStore)_events).CountAfterAsync(after, limit, filter))
                        .ShouldBe(await ((IEventStore)reference).CountAfterAsync(after, limit, filter), $"after {after}, limit {limit}, {filter}");
    }

    private ProjectionStatusQuery Query(IEventStore events, int limit)
    {
        var rebuilds = new RebuildCoordinator(
            new ProjectionRebuilder(_events, _store, new ReadModelOptions(), _clock, NullLogger<ProjectionRebuilder>.Instance), _clock);
        return new ProjectionStatusQuery(_projections, events, _store, new ProjectionProgress(), rebuilds, _clock, limit);
    }

    /// <summary>Counts the events read through it; counts without reading are the store's own.</summary>
    private sealed class CountingReads(IEventStore inner) : DelegatingEventStore(inner), IEventStore
    {
        private int _eventsRead;

        public int EventsRead => _eventsRead;

        public override async IAsyncEnumerable<RecordedEvent> ReadAllAsync(LogPosition? after, int maxCount, StreamFilter? filter = null,
            [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken = default)
        {
            await foreach (var recorded in base.ReadAllAsync(after, maxCount, filter, cancellationToken))
            {
                Interlocked.Increment(ref _eventsRead);
                yield return recorded;
            }
        }

        public Task<long> CountAfterAsync(LogPosition? after, int limit, StreamFilter? filter = null, CancellationToken cancellationToken = default) =>
            Inner.CountAfterAsync(after, limit, filter, cancellationToken);
    }

    /// <summary>The port's own count: what reading the events yields.</summary>
    private sealed class ReadingCounts(IEventStore inner) : DelegatingEventStore(inner);

    private sealed class ShiftedClock : TimeProvider
    {
        public TimeSpan Shift { get; set; }

        public override DateTimeOffset GetUtcNow() => base.GetUtcNow() + Shift;
    }
}
