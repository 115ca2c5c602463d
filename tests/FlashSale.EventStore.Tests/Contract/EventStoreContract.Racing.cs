namespace FlashSale.EventStore.Tests.Contract;

public abstract partial class EventStoreContract
{
    [Fact]
    public async Task of_many_writers_appending_at_the_same_revision_exactly_one_wins()
    {
        var stream = NewStream();
        await AppendOk(stream, ExpectedRevision.NoStream, NewEvent());

        var results = await RaceAsync(stream, ExpectedRevision.Exact(0), contenders: 16);

        var (winner, winnerEvent) = results.Where(r => r.Result is AppendResult.Success).ShouldHaveSingleItem();
        ((AppendResult.Success)winner).NextExpectedRevision.ShouldBe(1);
        results.Select(r => r.Result).OfType<AppendResult.WrongExpectedVersion>()
            .ShouldAllBe(c => c == new AppendResult.WrongExpectedVersion(stream, ExpectedRevision.Exact(0), 1));
        results.Count(r => r.Result is AppendResult.WrongExpectedVersion).ShouldBe(15);
        var stored = await ReadStream(stream);
        stored.Count.ShouldBe(2);
        stored[1].EventId.ShouldBe(winnerEvent.EventId);
    }

    [Fact]
    public async Task of_many_writers_creating_the_same_stream_exactly_one_wins()
    {
        var stream = NewStream();

        var results = await RaceAsync(stream, ExpectedRevision.NoStream, contenders: 16);

        var (_, winnerEvent) = results.Where(r => r.Result is AppendResult.Success).ShouldHaveSingleItem();
        results.Select(r => r.Result).OfType<AppendResult.WrongExpectedVersion>()
            .ShouldAllBe(c => c == new AppendResult.WrongExpectedVersion(stream, ExpectedRevision.NoStream, 0));
        results.Count(r => r.Result is AppendResult.WrongExpectedVersion).ShouldBe(15);
        (await ReadStream(stream)).ShouldHaveSingleItem().EventId.ShouldBe(winnerEvent.EventId);
    }

    [Fact]
    public async Task writers_that_catch_up_and_retry_on_conflict_append_every_event_exactly_once()
    {
        var stream = NewStream();

        var written = await RunRetryingWritersAsync([Store], stream, writers: 8, appendsEach: 25);

        written.ShouldAllBe(w => w.Count == 25);
        var stored = await ReadStream(stream);
        stored.Select(e => e.StreamRevision).ShouldBe(Enumerable.Range(0, 200).Select(r => (long)r));
        stored.Select(e => e.EventId).ShouldBeUnique();
        stored.Select(e => e.EventId).ShouldBe(written.SelectMany(w => w), ignoreOrder: true);
        ShouldBeStrictlyIncreasing([.. stored.Select(e => e.Position)]);
    }

    /// <summary>Lets <paramref name="contenders"/> writers loose on one stream at once, each appending one event.</summary>
    private async Task<(AppendResult Result, EventData Event)[]> RaceAsync(string stream, ExpectedRevision expected, int contenders)
    {
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var tasks = Enumerable.Range(0, contenders).Select(_ => Task.Run(async () =>
        {
            var e = NewEvent();
            await gate.Task;
            return (await Store.AppendAsync(stream, expected, [e]), e);
        })).ToArray();
        gate.SetResult();
        return await Task.WhenAll(tasks).WaitAsync(Patience);
    }

    /// <summary>
    /// The shell's command loop in miniature: each writer catches up on the stream, appends one event at the revision
    /// it knows, and on a conflict catches up and tries again. Writer <c>w</c> uses <c>stores[w % stores.Count]</c>.
    /// Returns the ids each writer got acknowledged.
    /// </summary>
    protected static async Task<List<Guid>[]> RunRetryingWritersAsync(IReadOnlyList<IEventStore> stores, string stream,
        int writers, int appendsEach)
    {
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var tasks = Enumerable.Range(0, writers).Select(w => Task.Run(async () =>
        {
            var store = stores[w % stores.Count];
            var known = -1L;
            var written = new List<Guid>();
            await gate.Task;
            while (written.Count < appendsEach)
            {
                await foreach (var seen in store.ReadStreamAsync(stream, known + 1)) known = seen.StreamRevision;
                var e = NewEvent();
                switch (await store.AppendAsync(stream, ExpectedRevision.After(known), [e]))
                {
                    case AppendResult.Success ok:
                        ok.NextExpectedRevision.ShouldBe(known + 1);
                        known = ok.NextExpectedRevision;
                        written.Add(e.EventId);
                        break;
                    case AppendResult.WrongExpectedVersion conflict:
                        conflict.ActualRevision.ShouldBeGreaterThan(known);
                        break;
                }
            }
            return written;
        })).ToArray();
        gate.SetResult();
        return await Task.WhenAll(tasks).WaitAsync(Patience);
    }
}
