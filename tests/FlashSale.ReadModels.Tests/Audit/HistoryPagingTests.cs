using System.Runtime.CompilerServices;
using FlashSale.Contracts;
using FlashSale.EventStore;
using FlashSale.ReadModels.Audit;
using FlashSale.ReadModels.Queries;
using FlashSale.ReadModels.Tests.Fixtures;

namespace FlashSale.ReadModels.Tests.Audit;

public sealed class HistoryPagingTests : AuditLogTests
{
    protected override Task SeedAsync() => ScriptedSale.AppendAsync(new SaleLog(Events));

    [Fact]
    public async Task an_items_history_read_a_page_at_a_time_gives_every_step_once_and_the_state_as_of_the_point_on_every_page()
    {
        var all = await History().ItemAsync(ScriptedSale.Lamp, AsOf.Now);
        var paged = new List<HistoryStep<Projections.Inventory.InventoryRow>>();
        var pages = new List<HistoryPage<Projections.Inventory.InventoryRow>>();
        for (int? offset = 0; offset is { } from;)
        {
            var page = await History().ItemPageAsync(ScriptedSale.Lamp, AsOf.Now, new PageRequest(4, from));
            pages.Add(page);
            paged.AddRange(page.Steps);
            offset = page.NextOffset;
        }

        all.Count.ShouldBeGreaterThan(8);
        paged.ShouldBe(all);
        pages.Count.ShouldBe((all.Count + 3) / 4);
        var asOfNow = all[^1].State;
        pages.ShouldAllBe(p => p.State == asOfNow);
        pages.Take(pages.Count - 1).ShouldAllBe(p => p.HasMore && p.Steps.Count == 4);
        pages[^1].HasMore.ShouldBeFalse();
    }

    [Fact]
    public async Task history_steps_are_handed_out_while_the_log_is_still_being_read()
    {
        var held = new HeldStream(Events);

        await using var steps = History(held).ItemStepsAsync(ScriptedSale.Lamp, AsOf.Now).GetAsyncEnumerator();
        (await steps.MoveNextAsync().AsTask().WaitAsync(TimeSpan.FromSeconds(30))).ShouldBeTrue();

        steps.Current.Revision.ShouldBe(0);
        held.Delivered.ShouldBe(1, "the rest of the stream is not read before the first step is out");
        held.Release();
        while (await steps.MoveNextAsync()) { }
        held.Delivered.ShouldBeGreaterThan(8);
    }

    /// <summary>Delivers a stream's first event, then holds the rest until released: what a reader that buffers could not get past.</summary>
    private sealed class HeldStream(IEventStore inner) : IEventStore
    {
        private readonly TaskCompletionSource _released = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public int Delivered { get; private set; }

        public void Release() => _released.TrySetResult();

        public async IAsyncEnumerable<RecordedEvent> ReadStreamAsync(string streamId, long fromRevision = 0, int maxCount = int.MaxValue,
            [EnumeratorCancellation] CancellationToken cancellationToken = default)
        {
            await foreach (var recorded in inner.ReadStreamAsync(streamId, fromRevision, maxCount, cancellationToken))
            {
                if (Delivered == 1) await _released.Task.WaitAsync(cancellationToken);
                Delivered++;
                yield return recorded;
            }
        }

        public Task<AppendResult> AppendAsync(string streamId, ExpectedRevision expected, IReadOnlyList<EventData> events,
            AppendPositions positions = AppendPositions.EachEvent, CancellationToken cancellationToken = default) => inner.AppendAsync(streamId, expected, events, positions, cancellationToken);

        public IAsyncEnumerable<RecordedEvent> ReadAllAsync(LogPosition? after, int maxCount, StreamFilter? filter = null,
            CancellationToken cancellationToken = default) => inner.ReadAllAsync(after, maxCount, filter, cancellationToken);

        public IAsyncEnumerable<RecordedEvent> SubscribeToAllAsync(LogPosition? checkpoint, StreamFilter filter,
            CancellationToken cancellationToken = default) => inner.SubscribeToAllAsync(checkpoint, filter, cancellationToken);

        public Task<LogPosition?> ReadHeadPositionAsync(CancellationToken cancellationToken = default) => inner.ReadHeadPositionAsync(cancellationToken);
    }
}
