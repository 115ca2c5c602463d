namespace FlashSale.EventStore.Tests.EventStoreDb;

public sealed class AppendingTests : DoubleFixture
{
    [Fact]
    public async Task a_wrong_expected_version_answered_in_band_maps_to_a_conflict_with_the_actual_revision()
    {
        var stream = NewStream();
        await AppendOk(stream, ExpectedRevision.NoStream, NewEvents(4));

        var stale = await Store.AppendAsync(stream, ExpectedRevision.Exact(1), [NewEvent()]);
        var missing = await Store.AppendAsync(NewStream(), ExpectedRevision.Exact(3), [NewEvent()]);

        stale.ShouldBe(new AppendResult.WrongExpectedVersion(stream, ExpectedRevision.Exact(1), 3));
        missing.ShouldBeOfType<AppendResult.WrongExpectedVersion>().ActualRevision.ShouldBe(-1);
        Server.StreamEventIds(stream)!.Count.ShouldBe(4);
    }

    [Fact]
    public async Task a_retried_append_after_a_lost_response_writes_nothing_twice()
    {
        var stream = NewStream();
        await AppendOk(stream, ExpectedRevision.NoStream, NewEvents(2));
        var batch = NewEvents(3);

        var first = await AppendOk(stream, ExpectedRevision.Exact(1), batch);
        var retried = await AppendOk(stream, ExpectedRevision.Exact(1), batch);

        retried.NextExpectedRevision.ShouldBe(first.NextExpectedRevision);
        retried.EventPositions.ShouldBe(first.EventPositions);
        Server.StreamEventIds(stream)!.Skip(2).ShouldBe(batch.Select(e => e.EventId));
        (await Store.ReadStreamAsync(stream).ToListAsync()).Count.ShouldBe(5);
    }

    [Fact]
    public async Task a_retried_first_append_with_no_stream_writes_nothing_twice()
    {
        var stream = NewStream();
        var batch = NewEvents(2);

        var first = await AppendOk(stream, ExpectedRevision.NoStream, batch);
        var retried = await AppendOk(stream, ExpectedRevision.NoStream, batch);

        retried.NextExpectedRevision.ShouldBe(first.NextExpectedRevision);
        retried.EventPositions.ShouldBe(first.EventPositions);
        Server.StreamEventIds(stream).ShouldBe(batch.Select(e => e.EventId));
    }

    [Fact]
    public async Task events_of_one_append_get_their_own_positions_each_committing_itself_as_on_a_23_10_server()
    {
        var stream = NewStream();

        var result = await AppendOk(stream, ExpectedRevision.NoStream, NewEvents(4));

        result.EventPositions.ShouldAllBe(p => p.Commit == p.Prepare);
        result.EventPositions.Select(p => p.Prepare).ShouldBeUnique();
        (await Store.ReadAllAsync(null, 10, StreamFilter.Prefixes(stream)).ToListAsync()).Select(e => e.Position)
            .ShouldBe(result.EventPositions);
    }

    [Fact]
    public async Task global_positions_are_not_consecutive_numbers()
    {
        var result = await AppendOk(NewStream(), ExpectedRevision.NoStream, NewEvents(3));

        var gaps = result.EventPositions.Zip(result.EventPositions.Skip(1), (a, b) => b.Prepare - a.Prepare).ToList();
        gaps.ShouldAllBe(gap => gap > 1);
    }
}
