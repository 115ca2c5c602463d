namespace FlashSale.EventStore.Tests.Contract;

/// <summary>An append that asks only for its last position (<see cref="AppendPositions.LastEvent"/>, ADR 0023).</summary>
public abstract partial class EventStoreContract
{
    [Fact]
    public async Task an_append_asking_only_for_its_last_position_answers_the_position_reads_show_for_its_last_event()
    {
        var stream = NewStream();
        await AppendOk(stream, ExpectedRevision.NoStream, NewEvent());
        var batch = NewEvents(5);

        var result = (await Store.AppendAsync(stream, ExpectedRevision.Exact(0), batch, AppendPositions.LastEvent))
            .ShouldBeOfType<AppendResult.Success>();

        result.NextExpectedRevision.ShouldBe(5);
        var stored = await ReadStream(stream, fromRevision: 1);
        stored.Select(e => e.EventId).ShouldBe(batch.Select(e => e.EventId));
        result.Position.ShouldBe(stored[^1].Position);
        (await ReadAll(null, StreamFilter.Prefixes(stream)))[^1].Position.ShouldBe(result.Position);
        // An adapter may give every position anyway; whatever it gives is what reads show.
        result.EventPositions.ShouldBe(result.EventPositions.Count == 1 ? [stored[^1].Position] : stored.Select(e => e.Position));
    }

    [Fact]
    public async Task an_adapter_that_says_it_answers_every_appended_position_does_even_when_asked_for_the_last_only()
    {
        var stream = NewStream();
        var batch = NewEvents(3);

        var result = (await Store.AppendAsync(stream, ExpectedRevision.NoStream, batch, AppendPositions.LastEvent))
            .ShouldBeOfType<AppendResult.Success>();

        // The command path stores which events were appended together only where this is false (ADR 0023).
        if (Store.AnswersEveryAppendedPosition) result.EventPositions.ShouldBe((await ReadStream(stream)).Select(e => e.Position));
    }

    [Fact]
    public async Task a_repeated_append_asking_only_for_its_last_position_answers_the_first_appends_last_position()
    {
        var stream = NewStream();
        var batch = NewEvents(4);
        var first = (await Store.AppendAsync(stream, ExpectedRevision.NoStream, batch, AppendPositions.LastEvent))
            .ShouldBeOfType<AppendResult.Success>();
        await AppendOk(stream, ExpectedRevision.Exact(3), NewEvent());

        var repeat = (await Store.AppendAsync(stream, ExpectedRevision.NoStream, batch, AppendPositions.LastEvent))
            .ShouldBeOfType<AppendResult.Success>();

        repeat.NextExpectedRevision.ShouldBe(3);
        repeat.Position.ShouldBe(first.Position);
        repeat.Position.ShouldBe((await ReadStream(stream))[3].Position);
        (await ReadStream(stream)).Count.ShouldBe(5);
    }
}
