namespace FlashSale.EventStore.Tests.Contract;

public abstract partial class EventStoreContract
{
    [Fact]
    public async Task appending_to_a_new_stream_with_no_stream_starts_it_at_revision_zero()
    {
        var stream = NewStream();
        var e = NewEvent();

        var result = await AppendOk(stream, ExpectedRevision.NoStream, e);

        result.NextExpectedRevision.ShouldBe(0);
        result.EventPositions.Count.ShouldBe(1);
        var stored = (await ReadStream(stream)).ShouldHaveSingleItem();
        stored.EventId.ShouldBe(e.EventId);
        stored.StreamRevision.ShouldBe(0);
        stored.Position.ShouldBe(result.Position);
    }

    [Fact]
    public async Task appending_to_a_new_stream_with_any_starts_it_at_revision_zero()
    {
        var stream = NewStream();

        var result = await AppendOk(stream, ExpectedRevision.Any, NewEvent());

        result.NextExpectedRevision.ShouldBe(0);
        (await ReadStream(stream)).ShouldHaveSingleItem().StreamRevision.ShouldBe(0);
    }

    [Fact]
    public async Task every_append_lands_at_a_later_global_position()
    {
        var run = NewStream();

        var first = await AppendOk($"{run}-a", ExpectedRevision.NoStream, NewEvent());
        var second = await AppendOk($"{run}-b", ExpectedRevision.NoStream, NewEvents(2));
        var third = await AppendOk($"{run}-a", ExpectedRevision.Exact(0), NewEvent());

        ShouldBeStrictlyIncreasing([first.Position, .. second.EventPositions, third.Position]);
    }

    [Fact]
    public async Task no_stream_on_an_existing_stream_is_rejected_with_the_actual_revision()
    {
        var stream = NewStream();
        await AppendOk(stream, ExpectedRevision.NoStream, NewEvents(2));

        var result = await Store.AppendAsync(stream, ExpectedRevision.NoStream, [NewEvent()]);

        result.ShouldBe(new AppendResult.WrongExpectedVersion(stream, ExpectedRevision.NoStream, 1));
        (await ReadStream(stream)).Count.ShouldBe(2);
    }

    [Fact]
    public async Task stream_exists_on_a_missing_stream_is_rejected_with_actual_revision_minus_one()
    {
        var stream = NewStream();

        var result = await Store.AppendAsync(stream, ExpectedRevision.StreamExists, [NewEvent()]);

        result.ShouldBe(new AppendResult.WrongExpectedVersion(stream, ExpectedRevision.StreamExists, -1));
        (await ReadStream(stream)).ShouldBeEmpty();
    }

    [Fact]
    public async Task stream_exists_on_an_existing_stream_succeeds()
    {
        var stream = NewStream();
        await AppendOk(stream, ExpectedRevision.NoStream, NewEvent());

        var result = await AppendOk(stream, ExpectedRevision.StreamExists, NewEvents(2));

        result.NextExpectedRevision.ShouldBe(2);
        (await ReadStream(stream)).Select(e => e.StreamRevision).ShouldBe([0L, 1, 2]);
    }

    [Fact]
    public async Task the_exact_current_revision_succeeds()
    {
        var stream = NewStream();
        await AppendOk(stream, ExpectedRevision.NoStream, NewEvents(3));

        var second = await AppendOk(stream, ExpectedRevision.Exact(2), NewEvent());
        var third = await AppendOk(stream, ExpectedRevision.Exact(3), NewEvents(2));

        second.NextExpectedRevision.ShouldBe(3);
        third.NextExpectedRevision.ShouldBe(5);
        (await ReadStream(stream)).Select(e => e.StreamRevision).ShouldBe([0L, 1, 2, 3, 4, 5]);
    }

    [Fact]
    public async Task a_stale_exact_revision_is_rejected_and_writes_nothing()
    {
        var stream = NewStream();
        var original = NewEvents(3);
        await AppendOk(stream, ExpectedRevision.NoStream, original);

        var result = await Store.AppendAsync(stream, ExpectedRevision.Exact(1), NewEvents(3));

        result.ShouldBe(new AppendResult.WrongExpectedVersion(stream, ExpectedRevision.Exact(1), 2));
        (await ReadStream(stream)).Select(e => e.EventId).ShouldBe(original.Select(e => e.EventId));
        (await ReadAll(null, StreamFilter.Prefixes(stream))).Count.ShouldBe(3);
    }

    [Fact]
    public async Task an_exact_revision_on_a_missing_stream_is_rejected_with_actual_revision_minus_one()
    {
        var stream = NewStream();

        var result = await Store.AppendAsync(stream, ExpectedRevision.Exact(0), [NewEvent()]);

        result.ShouldBe(new AppendResult.WrongExpectedVersion(stream, ExpectedRevision.Exact(0), -1));
        (await ReadStream(stream)).ShouldBeEmpty();
    }

    [Fact]
    public async Task any_always_succeeds()
    {
        var stream = NewStream();

        var created = await AppendOk(stream, ExpectedRevision.Any, NewEvent());
        await AppendOk(stream, ExpectedRevision.Exact(0), NewEvents(2));
        var afterOthers = await AppendOk(stream, ExpectedRevision.Any, NewEvents(2));

        created.NextExpectedRevision.ShouldBe(0);
        afterOthers.NextExpectedRevision.ShouldBe(4);
        (await ReadStream(stream)).Count.ShouldBe(5);
    }

    [Fact]
    public async Task a_multi_event_append_is_stored_in_order_at_the_positions_it_returned()
    {
        var stream = NewStream();
        await AppendOk(stream, ExpectedRevision.NoStream, NewEvent());
        var batch = NewEvents(5);

        var result = await AppendOk(stream, ExpectedRevision.Exact(0), batch);

        result.NextExpectedRevision.ShouldBe(5);
        result.EventPositions.Count.ShouldBe(5);
        result.Position.ShouldBe(result.EventPositions[^1]);
        var stored = await ReadStream(stream, fromRevision: 1);
        stored.Select(e => e.EventId).ShouldBe(batch.Select(e => e.EventId));
        stored.Select(e => e.StreamRevision).ShouldBe([1L, 2, 3, 4, 5]);
        stored.Select(e => e.Position).ShouldBe(result.EventPositions);
        ShouldBeStrictlyIncreasing(result.EventPositions);
    }

    [Fact]
    public async Task concurrent_multi_event_appends_to_one_stream_never_interleave()
    {
        const int writers = 8, appendsEach = 5, batchSize = 4;
        var stream = NewStream();
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var tasks = Enumerable.Range(0, writers).Select(_ => Task.Run(async () =>
        {
            await gate.Task;
            var appended = new List<(EventData[] Batch, AppendResult.Success Result)>();
            for (var i = 0; i < appendsEach; i++)
            {
                var batch = NewEvents(batchSize);
                appended.Add((batch, await AppendOk(stream, ExpectedRevision.Any, batch)));
            }
            return appended;
        })).ToArray();

        gate.SetResult();
        var appends = (await Task.WhenAll(tasks).WaitAsync(Patience)).SelectMany(a => a).ToList();

        var stored = await ReadStream(stream);
        stored.Select(e => e.StreamRevision).ShouldBe(Enumerable.Range(0, writers * appendsEach * batchSize).Select(r => (long)r));
        foreach (var (batch, result) in appends)
        {
            var slice = stored.Skip((int)result.NextExpectedRevision - batchSize + 1).Take(batchSize).ToList();
            slice.Select(e => e.EventId).ShouldBe(batch.Select(e => e.EventId));
            slice.Select(e => e.Position).ShouldBe(result.EventPositions);
        }
    }
}
