using FlashSale.EventStore.EventStoreDb.TestDouble;

namespace FlashSale.EventStore.Tests.EventStoreDb;

/// <summary>
/// An append's positions come from its answer where the answer names them (the last event's) and from one read for
/// the rest: exactly the positions a reader sees, in either way a server places the events of one append.
/// </summary>
public abstract class AppendPositionsTests : DoubleFixture
{
    [Fact]
    public async Task a_one_event_append_is_one_call_and_answers_the_position_a_read_shows()
    {
        var stream = NewStream();
        var (appends, reads) = (Server.AppendCalls, Server.ReadCalls);

        var result = await AppendOk(stream, ExpectedRevision.NoStream, NewEvent());

        (Server.AppendCalls - appends, Server.ReadCalls - reads).ShouldBe((1, 0));
        result.EventPositions.ShouldBe(await StreamPositions(stream));
        result.EventPositions.ShouldBe(await AllPositions(stream));
    }

    [Fact]
    public async Task a_longer_append_reads_back_once_and_answers_the_positions_a_read_shows()
    {
        var stream = NewStream();
        await AppendOk(stream, ExpectedRevision.NoStream, NewEvents(2));
        var (appends, reads) = (Server.AppendCalls, Server.ReadCalls);

        var result = await AppendOk(stream, ExpectedRevision.Exact(1), NewEvents(5));

        (Server.AppendCalls - appends, Server.ReadCalls - reads).ShouldBe((1, 1));
        result.EventPositions.ShouldBe((await StreamPositions(stream)).Skip(2));
        result.EventPositions.ShouldBe((await AllPositions(stream)).Skip(2));
    }

    [Fact]
    public async Task a_longer_append_asking_only_for_its_last_position_is_one_call_and_answers_the_last_position_a_read_shows()
    {
        var stream = NewStream();
        await AppendOk(stream, ExpectedRevision.NoStream, NewEvents(2));
        var (appends, reads) = (Server.AppendCalls, Server.ReadCalls);

        var result = (await Store.AppendAsync(stream, ExpectedRevision.Exact(1), NewEvents(5), AppendPositions.LastEvent))
            .ShouldBeOfType<AppendResult.Success>();

        (Server.AppendCalls - appends, Server.ReadCalls - reads).ShouldBe((1, 0));
        result.NextExpectedRevision.ShouldBe(6);
        result.EventPositions.ShouldBe([(await AllPositions(stream))[^1]]);
        result.Position.ShouldBe((await StreamPositions(stream))[^1]);
    }

    [Fact]
    public async Task an_answer_without_a_position_costs_one_read_and_gives_exactly_the_positions_asked_for()
    {
        var stream = NewStream();
        await AppendOk(stream, ExpectedRevision.NoStream, NewEvents(2));
        Server.AppendsWithoutPosition = true;
        var reads = Server.ReadCalls;

        var last = (await Store.AppendAsync(stream, ExpectedRevision.Exact(1), NewEvents(5), AppendPositions.LastEvent))
            .ShouldBeOfType<AppendResult.Success>();
        var each = await AppendOk(stream, ExpectedRevision.Exact(6), NewEvents(3));

        (Server.ReadCalls - reads).ShouldBe(2, "one read per append");
        var positions = await AllPositions(stream);
        last.EventPositions.ShouldBe([positions[6]]);
        each.EventPositions.ShouldBe(positions.Skip(7));
    }

    [Fact]
    public async Task a_repeated_one_event_append_answers_the_first_position_without_a_read()
    {
        var stream = NewStream();
        await AppendOk(stream, ExpectedRevision.NoStream, NewEvents(3));
        var again = NewEvent();
        var first = await AppendOk(stream, ExpectedRevision.Exact(2), again);
        await AppendOk(stream, ExpectedRevision.Exact(3), NewEvent());
        var reads = Server.ReadCalls;

        var repeat = await AppendOk(stream, ExpectedRevision.Exact(2), again);

        Server.ReadCalls.ShouldBe(reads);
        repeat.NextExpectedRevision.ShouldBe(3);
        repeat.EventPositions.ShouldBe(first.EventPositions);
        Server.StreamEventIds(stream)!.Count.ShouldBe(5);
    }

    [Fact]
    public async Task a_repeated_longer_append_answers_the_first_positions()
    {
        var stream = NewStream();
        var batch = NewEvents(4);
        var first = await AppendOk(stream, ExpectedRevision.NoStream, batch);
        await AppendOk(stream, ExpectedRevision.Exact(3), NewEvent());

        var repeat = await AppendOk(stream, ExpectedRevision.NoStream, batch);

        repeat.NextExpectedRevision.ShouldBe(3);
        repeat.EventPositions.ShouldBe(first.EventPositions);
        repeat.EventPositions.ShouldBe((await AllPositions(stream)).Take(4));
    }

    private async Task<List<LogPosition>> StreamPositions(string stream) =>
        await Store.ReadStreamAsync(stream).Select(e => e.Position).ToListAsync();

    private async Task<List<LogPosition>> AllPositions(string stream) =>
        await Store.ReadAllAsync(null, 100, StreamFilter.Prefixes(stream)).Select(e => e.Position).ToListAsync();
}

public sealed class AppendPositionsOnSelfCommittedEventsTests : AppendPositionsTests
{
    protected override DoublePositions Positions => DoublePositions.SelfCommitted;

    [Fact]
    public async Task each_event_of_one_append_commits_itself_as_on_a_real_server()
    {
        var result = await AppendOk(NewStream(), ExpectedRevision.NoStream, NewEvents(3));

        result.EventPositions.ShouldAllBe(p => p.Commit == p.Prepare);
        result.EventPositions.Select(p => p.Commit).ShouldBeUnique();
    }
}

public sealed class AppendPositionsOnSharedCommitTests : AppendPositionsTests
{
    protected override DoublePositions Positions => DoublePositions.SharedCommit;
}
