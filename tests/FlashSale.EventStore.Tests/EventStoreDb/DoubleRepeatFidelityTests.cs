namespace FlashSale.EventStore.Tests.EventStoreDb;

/// <summary>
/// The double's idempotency with any / stream exists, as the server decides it (23.10 <c>IndexWriter.CheckCommit</c>):
/// each id is looked up in the recent-ids cache of the stream; the first one unknown means a new write, all known a
/// repeat, known then unknown a wrong expected version ("corrupted idempotency"). The product never appends with any
/// or stream exists; the double must still not be kinder than the server.
/// </summary>
public sealed class DoubleRepeatFidelityTests : DoubleFixture
{
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task any_or_stream_exists_re_sending_stored_events_writes_nothing_twice(bool streamExists)
    {
        var stream = NewStream();
        var batch = NewEvents(3);
        var first = await AppendOk(stream, ExpectedRevision.NoStream, batch);
        await AppendOk(stream, ExpectedRevision.Exact(2), NewEvent());

        var repeat = await AppendOk(stream, streamExists ? ExpectedRevision.StreamExists : ExpectedRevision.Any, batch);

        repeat.NextExpectedRevision.ShouldBe(2);
        repeat.EventPositions.ShouldBe(first.EventPositions);
        Server.StreamEventIds(stream)!.Count.ShouldBe(4);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task any_or_stream_exists_whose_first_id_is_stored_but_a_later_one_is_not_is_a_conflict(bool streamExists)
    {
        var stream = NewStream();
        var stored = NewEvents(2);
        await AppendOk(stream, ExpectedRevision.NoStream, stored);
        var expected = streamExists ? ExpectedRevision.StreamExists : ExpectedRevision.Any;

        var result = await Store.AppendAsync(stream, expected, [stored[0], NewEvent()]);

        result.ShouldBe(new AppendResult.WrongExpectedVersion(stream, expected, 1));
        Server.StreamEventIds(stream).ShouldBe(stored.Select(e => e.EventId));
    }

    [Fact]
    public async Task any_whose_first_id_is_new_is_written_even_when_a_later_one_is_stored()
    {
        var stream = NewStream();
        var stored = NewEvents(2);
        await AppendOk(stream, ExpectedRevision.NoStream, stored);
        var fresh = NewEvent();

        var result = await AppendOk(stream, ExpectedRevision.Any, fresh, stored[1]);

        result.NextExpectedRevision.ShouldBe(3);
        Server.StreamEventIds(stream).ShouldBe([stored[0].EventId, stored[1].EventId, fresh.EventId, stored[1].EventId]);
    }

    [Fact]
    public async Task an_exact_revision_equal_to_the_stream_is_written_even_with_ids_already_stored()
    {
        var stream = NewStream();
        var stored = NewEvents(2);
        await AppendOk(stream, ExpectedRevision.NoStream, stored);

        var result = await AppendOk(stream, ExpectedRevision.Exact(1), stored[0]);

        result.NextExpectedRevision.ShouldBe(2);
        Server.StreamEventIds(stream)!.Count.ShouldBe(3);
    }
}
