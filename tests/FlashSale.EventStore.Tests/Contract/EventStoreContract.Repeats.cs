namespace FlashSale.EventStore.Tests.Contract;

/// <summary>
/// EventStoreDB's idempotent repeat: an append re-sent with the same event ids and the same exact expected revision
/// (after a lost answer) succeeds with its own revision and positions and writes nothing twice; anything else at a
/// revision already taken is a conflict. Ids are compared, never data, so ids must identify the content.
/// </summary>
public abstract partial class EventStoreContract
{
    [Fact]
    public async Task the_same_append_re_sent_at_its_exact_revision_succeeds_and_writes_nothing_twice()
    {
        var stream = NewStream();
        await AppendOk(stream, ExpectedRevision.NoStream, NewEvents(2));
        var batch = NewEvents(3);

        var first = await AppendOk(stream, ExpectedRevision.Exact(1), batch);
        var repeat = await AppendOk(stream, ExpectedRevision.Exact(1), batch);

        repeat.NextExpectedRevision.ShouldBe(4);
        repeat.EventPositions.ShouldBe(first.EventPositions);
        (await ReadStream(stream, fromRevision: 2)).Select(e => e.EventId).ShouldBe(batch.Select(e => e.EventId));
        (await ReadAll(null, StreamFilter.Prefixes(stream))).Count.ShouldBe(5);
    }

    [Fact]
    public async Task the_same_first_append_re_sent_with_no_stream_succeeds_and_writes_nothing_twice()
    {
        var stream = NewStream();
        var batch = NewEvents(2);

        var first = await AppendOk(stream, ExpectedRevision.NoStream, batch);
        var repeat = await AppendOk(stream, ExpectedRevision.NoStream, batch);

        repeat.NextExpectedRevision.ShouldBe(1);
        repeat.EventPositions.ShouldBe(first.EventPositions);
        (await ReadStream(stream)).Select(e => e.EventId).ShouldBe(batch.Select(e => e.EventId));
    }

    [Fact]
    public async Task a_repeat_answers_its_own_revision_after_the_stream_moved_on()
    {
        var stream = NewStream();
        var batch = NewEvents(2);
        var first = await AppendOk(stream, ExpectedRevision.NoStream, batch);
        await AppendOk(stream, ExpectedRevision.Exact(1), NewEvents(3));

        var repeat = await AppendOk(stream, ExpectedRevision.NoStream, batch);

        repeat.NextExpectedRevision.ShouldBe(1);
        repeat.EventPositions.ShouldBe(first.EventPositions);
        (await ReadStream(stream)).Count.ShouldBe(5);
    }

    [Fact]
    public async Task another_event_at_a_taken_revision_is_a_conflict_even_when_the_earlier_ids_match()
    {
        var stream = NewStream();
        var stored = NewEvents(2);
        await AppendOk(stream, ExpectedRevision.NoStream, stored);

        var differentLast = await Store.AppendAsync(stream, ExpectedRevision.NoStream, [stored[0], NewEvent()]);
        var differentFirst = await Store.AppendAsync(stream, ExpectedRevision.NoStream, [NewEvent(), stored[1]]);

        differentLast.ShouldBe(new AppendResult.WrongExpectedVersion(stream, ExpectedRevision.NoStream, 1));
        differentFirst.ShouldBe(new AppendResult.WrongExpectedVersion(stream, ExpectedRevision.NoStream, 1));
        (await ReadStream(stream)).Select(e => e.EventId).ShouldBe(stored.Select(e => e.EventId));
    }

    [Fact]
    public async Task a_repeat_that_runs_past_the_end_of_the_stream_is_a_conflict_and_writes_nothing()
    {
        var stream = NewStream();
        var stored = NewEvents(2);
        await AppendOk(stream, ExpectedRevision.NoStream, stored);

        var longer = await Store.AppendAsync(stream, ExpectedRevision.NoStream, [.. stored, NewEvent()]);

        longer.ShouldBe(new AppendResult.WrongExpectedVersion(stream, ExpectedRevision.NoStream, 1));
        (await ReadStream(stream)).Count.ShouldBe(2);
    }
}
