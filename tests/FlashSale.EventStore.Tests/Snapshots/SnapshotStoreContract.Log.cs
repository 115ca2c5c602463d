using System.Text;
using FlashSale.EventStore.Snapshots;

namespace FlashSale.EventStore.Tests.Snapshots;

/// <summary>Snapshots are not part of the log: nothing that reads or follows it (projections, the order index, payments,
/// exports, audits, the head that readiness and checkpoints are compared with) ever meets one.</summary>
public abstract partial class SnapshotStoreContract
{
    [Fact]
    public async Task snapshots_never_show_in_reads_of_the_log_nor_move_its_head()
    {
        var stream = NewStream();
        var appended = await AppendAsync(stream, ExpectedRevision.NoStream, 3);
        var before = await EverythingAsync();

        await WrittenAsync(Replacing(stream, 2, [.. Enumerable.Range(0, 5_000).Select(i => Entry($"o:{i}", new string('s', 400)))]));
        await WrittenAsync(Adding(stream, 3, basedOn: 2, Entry("o:x", "1")));

        var unfiltered = await Events.ReadAllAsync(null, int.MaxValue).ToListAsync();
        unfiltered.Where(e => e.StreamId != stream && e.StreamId.Contains(stream[5..], StringComparison.Ordinal)).ShouldBeEmpty();
        // A store with system streams may have written one of its own meanwhile: the head is the last event reads show
        // (this test is the only writer).
        (await Events.ReadHeadPositionAsync()).ShouldBe(unfiltered[^1].Position);
        unfiltered.Last(e => !e.StreamId.StartsWith('$')).Position.ShouldBe(appended.Position);
        (await EverythingAsync()).ShouldBe(before);
    }

    [Fact]
    public async Task a_subscription_to_the_log_delivers_the_events_around_snapshots_and_never_a_snapshot()
    {
        var stream = NewStream();
        await AppendAsync(stream, ExpectedRevision.NoStream, 2);
        await WrittenAsync(Replacing(stream, 1, [.. Enumerable.Range(0, 4_000).Select(i => Entry($"o:{i}", new string('s', 400)))]));
        using var timeout = new CancellationTokenSource(Patience);
        var received = new List<RecordedEvent>();
        var live = new TaskCompletionSource();
        var follow = Task.Run(async () =>
        {
            await foreach (var e in Events.SubscribeToAllAsync(null, StreamFilter.AllUserStreams, timeout.Token))
            {
                // Other tests' streams may be on a shared server; the snapshot's stream would name this one.
                if (e.StreamId != stream && !e.StreamId.Contains(stream[5..], StringComparison.Ordinal)) continue;
                received.Add(e);
                if (received.Count == 2) live.TrySetResult();
                if (received.Count == 4) return;
            }
        });
        await live.Task.WaitAsync(Patience);

        await WrittenAsync(Adding(stream, 2, basedOn: 1, Entry("o:live", "1")));
        await AppendAsync(stream, ExpectedRevision.Exact(1), 2);
        await follow.WaitAsync(Patience);

        received.Select(e => (e.StreamId, e.StreamRevision)).ShouldBe([(stream, 0L), (stream, 1L), (stream, 2L), (stream, 3L)]);
    }

    private async Task<AppendResult.Success> AppendAsync(string stream, ExpectedRevision expected, int count) =>
        (await Events.AppendAsync(stream, expected, [.. Enumerable.Range(0, count).Select(_ => new EventData(Guid.NewGuid(), "V1.TestHappened",
            Encoding.UTF8.GetBytes("{}"), Encoding.UTF8.GetBytes("{}")))])).ShouldBeOfType<AppendResult.Success>();

    /// <summary>The log's user streams through every reading the port offers: unfiltered, user streams, item streams.</summary>
    private async Task<List<string>> EverythingAsync()
    {
        var lines = new List<string>();
        foreach (var filter in new StreamFilter?[] { null, StreamFilter.AllUserStreams, StreamFilter.Prefixes("item-") })
            await foreach (var e in Events.ReadAllAsync(null, int.MaxValue, filter))
                if (!e.StreamId.StartsWith('$')) lines.Add($"{filter?.StreamPrefixes.Count} {e.StreamId}/{e.StreamRevision}@{e.Position} {e.Type}");
        return lines;
    }
}
