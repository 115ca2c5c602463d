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
    [InlineData(ProjectionStatusQuery.LagCountLimit, 1)]
    [InlineData(5, 3)] // the shared window is full after 5 events: the two checkpoints it cut short are read again on their own
    public async Task one_read_of_the_log_answers_the_lag_of_every_projection_each_counted_from_its_own_checkpoint(int limit, int reads)
    {
        var log = new SaleLog(_events);
        foreach (var append in ScriptedSale.Appends.Take(3)) await log.AppendAsync(append);
        var catchUp = new ProjectionCatchUp(_events, _store, new ReadModelOptions(), _clock);
        await catchUp.RunToHeadAsync(_projections[0]);
        foreach (var append in ScriptedSale.Appends.Skip(3).Take(2)) await log.AppendAsync(append);
        await catchUp.RunToHeadAsync(_projections[1]);
        foreach (var append in ScriptedSale.Appends.Skip(5).Take(2)) await log.AppendAsync(append);
        var oneByOne = new List<ProjectionStatus>();
        var single = Query(_events, limit);
        foreach (var projection in _projections) oneByOne.Add((await single.GetAsync(projection.Name))!);
        var counting = new CountingReads(_events);

        var all = await Query(counting, limit).GetAllAsync();

        counting.ReadAllCalls.ShouldBe(reads);
        all.Select(s => (s.Name, s.LagEvents, s.LagEventsAtLeast)).ShouldBe(oneByOne.Select(s => (s.Name, s.LagEvents, s.LagEventsAtLeast)));
        all.Zip(oneByOne).ShouldAllBe(pair => Math.Abs(pair.First.LagSeconds - pair.Second.LagSeconds) < 5);
        if (limit == ProjectionStatusQuery.LagCountLimit)
            all.Select(s => s.LagEvents).Distinct().Order().ToArray().ShouldBe(new long[] { 4, 7, 12 }, "three checkpoints: after 5 appends, after 3, none");
        else
            all.Select(s => (s.LagEvents, s.LagEventsAtLeast)).Distinct().Order().ToArray().ShouldBe(new[] { (4L, false), (5L, true) });
    }

    private ProjectionStatusQuery Query(IEventStore events, int limit)
    {
        var rebuilds = new RebuildCoordinator(
            new ProjectionRebuilder(_events, _store, new ReadModelOptions(), _clock, NullLogger<ProjectionRebuilder>.Instance), _clock);
        return new ProjectionStatusQuery(_projections, events, _store, new ProjectionProgress(), rebuilds, _clock, limit);
    }

    private sealed class CountingReads(IEventStore inner) : DelegatingEventStore(inner)
    {
        private int _readAllCalls;

        public int ReadAllCalls => _readAllCalls;

        public override IAsyncEnumerable<RecordedEvent> ReadAllAsync(LogPosition? after, int maxCount, StreamFilter? filter = null,
            CancellationToken cancellationToken = default)
        {
            Interlocked.Increment(ref _readAllCalls);
            return base.ReadAllAsync(after, maxCount, filter, cancellationToken);
        }
    }

    private sealed class ShiftedClock : TimeProvider
    {
        public TimeSpan Shift { get; set; }

        public override DateTimeOffset GetUtcNow() => base.GetUtcNow() + Shift;
    }
}
