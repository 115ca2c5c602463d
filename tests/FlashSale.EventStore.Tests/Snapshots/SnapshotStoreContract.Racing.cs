using FlashSale.EventStore.Snapshots;

namespace FlashSale.EventStore.Tests.Snapshots;

public abstract partial class SnapshotStoreContract
{
    /// <param name="padding">0: each write fits one EventStoreDB append; 1.5 MB: each takes several.</param>
    [Theory]
    [InlineData(0)]
    [InlineData(1_500_000)]
    public async Task of_writers_racing_at_one_revision_exactly_one_writes_and_the_others_write_nothing(int padding)
    {
        var stream = NewStream();
        await WrittenAsync(Replacing(stream, 10, Entry("o:base", "0")));
        const int Writers = 6;
        var writes = Enumerable.Range(0, Writers).Select(w => w % 2 == 0
                ? Replacing(stream, 20, Entry($"o:w{w}", "replaced"), Entry("o:shared", $"w{w}"), Entry("p:pad", new string('p', padding)))
                : Adding(stream, 20, basedOn: 10, Entry($"o:w{w}", "added"), Entry("o:shared", $"w{w}"), Entry("p:pad", new string('q', padding))))
            .ToList();

        var results = await RaceAsync(writes);

        results.Count(r => r == SnapshotWriteResult.Written).ShouldBe(1, string.Join(", ", results));
        results.Count(r => r == SnapshotWriteResult.Superseded).ShouldBe(Writers - 1, string.Join(", ", results));
        var winner = writes[results.IndexOf(SnapshotWriteResult.Written)];
        SnapshotEntry[] expected = winner.BasedOn is null ? [.. winner.Entries] : [Entry("o:base", "0"), .. winner.Entries];
        (await ShownAsync(stream)).ShouldBe(Expected(winner, expected));
    }

    /// <param name="entryBytes">2,000: each write fits one EventStoreDB append; 6,000: each takes several.</param>
    [Theory]
    [InlineData(8, 2_000)]
    [InlineData(4, 6_000)]
    public async Task of_writers_racing_at_different_revisions_the_furthest_is_stored_whole_and_never_mixed_with_another(
        int writers, int entryBytes)
    {
        var stream = NewStream();
        var writes = Enumerable.Range(0, writers).Select(w => Replacing(stream, 100 + w,
            [.. Enumerable.Range(0, 200).Select(i => Entry($"o:{w}-{i}", new string((char)('a' + w), entryBytes)))]))
            .ToList();

        var results = await RaceAsync(writes);

        results[^1].ShouldBe(SnapshotWriteResult.Written);
        results.ShouldAllBe(r => r == SnapshotWriteResult.Written || r == SnapshotWriteResult.Superseded);
        var stored = (await Snapshots.ReadAsync(stream)).ShouldNotBeNull();
        stored.Revision.ShouldBe(100 + writers - 1);
        (await ShownAsync(stream)).ShouldBe(Expected(writes[^1], [.. writes[^1].Entries]));
    }

    /// <summary>Every write on its own task, released at once.</summary>
    private async Task<List<SnapshotWriteResult>> RaceAsync(IReadOnlyList<SnapshotWrite> writes)
    {
        var start = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var tasks = writes.Select(write => Task.Run(async () =>
        {
            await start.Task;
            return await Snapshots.WriteAsync(write);
        })).ToList();
        start.SetResult();
        return [.. await Task.WhenAll(tasks).WaitAsync(Patience)];
    }
}
