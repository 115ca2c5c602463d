using FlashSale.EventStore.EventStoreDb;

namespace FlashSale.EventStore.Tests.EventStoreDb;

/// <summary>Appends go over one BatchAppend call per node, answered by correlation id; Append where the server has none.</summary>
public sealed class BatchAppendTests : DoubleFixture
{
    [Fact]
    public async Task concurrent_appends_share_one_batch_append_call_and_each_gets_its_own_answer()
    {
        var streams = Enumerable.Range(0, 20).Select(_ => NewStream()).ToArray();
        await AppendOk(streams[0], ExpectedRevision.NoStream, NewEvent());

        var results = await Task.WhenAll(streams.Select((s, i) => Store.AppendAsync(s, i == 0 ? ExpectedRevision.Exact(0) : ExpectedRevision.NoStream,
            NewEvents(i + 1), AppendPositions.LastEvent)));

        Server.BatchAppendCalls.ShouldBe(1);
        Server.AppendCalls.ShouldBe(21);
        for (var i = 0; i < streams.Length; i++)
        {
            var success = results[i].ShouldBeOfType<AppendResult.Success>();
            var read = await Store.ReadStreamAsync(streams[i]).ToListAsync();
            success.NextExpectedRevision.ShouldBe(read[^1].StreamRevision);
            success.Position.ShouldBe(read[^1].Position);
        }
    }

    [Fact]
    public async Task a_wrong_expected_version_is_an_answer_naming_the_current_revision_and_the_call_goes_on()
    {
        var stream = NewStream();
        await AppendOk(stream, ExpectedRevision.NoStream, NewEvents(3));

        var wrong = (await Store.AppendAsync(stream, ExpectedRevision.Exact(0), [NewEvent()])).ShouldBeOfType<AppendResult.WrongExpectedVersion>();
        var missing = (await Store.AppendAsync(NewStream(), ExpectedRevision.Exact(4), [NewEvent()])).ShouldBeOfType<AppendResult.WrongExpectedVersion>();

        wrong.ActualRevision.ShouldBe(2);
        missing.ActualRevision.ShouldBe(-1);
        (await AppendOk(stream, ExpectedRevision.Exact(2), NewEvent())).NextExpectedRevision.ShouldBe(3);
        Server.BatchAppendCalls.ShouldBe(1);
    }

    [Fact]
    public async Task a_server_without_batch_append_is_asked_once_and_then_appended_to_over_append()
    {
        Server.SupportsBatchAppend = false;
        var stream = NewStream();

        await AppendOk(stream, ExpectedRevision.NoStream, NewEvents(2));
        await AppendOk(stream, ExpectedRevision.Exact(1), NewEvents(3));

        Server.BatchAppendCalls.ShouldBe(1);
        Server.AppendCalls.ShouldBe(2);
        Server.StreamEventIds(stream)!.Count.ShouldBe(5);
    }

    [Fact]
    public async Task a_cancelled_append_ends_alone_and_the_call_carries_the_next_ones()
    {
        var stream = NewStream();
        await AppendOk(stream, ExpectedRevision.NoStream, NewEvent());
        Server.Stall = true;
        using var cancellation = new CancellationTokenSource(TimeSpan.FromMilliseconds(200));

        await Should.ThrowAsync<OperationCanceledException>(() => Store.AppendAsync(NewStream(), ExpectedRevision.Any, [NewEvent()], cancellationToken: cancellation.Token));
        Server.Stall = false;

        (await AppendOk(stream, ExpectedRevision.Exact(0), NewEvent())).NextExpectedRevision.ShouldBe(1);
        Server.BatchAppendCalls.ShouldBe(1);
    }

    [Fact]
    public async Task a_call_the_server_ends_fails_the_appends_waiting_on_it_and_the_next_append_opens_a_new_one()
    {
        var stream = NewStream();
        await AppendOk(stream, ExpectedRevision.NoStream, NewEvent());
        Server.Stall = true;
        var waiting = Store.AppendAsync(NewStream(), ExpectedRevision.Any, [NewEvent()]);
        await WaitUntil(() => Server.AppendCalls == 2);
        Server.Stall = false;
        Server.DropNextCalls(1, appendsOnly: true);

        var dropped = await Should.ThrowAsync<EventStoreUnavailableException>(() => Store.AppendAsync(stream, ExpectedRevision.Exact(0), [NewEvent()]));
        var stalled = await Should.ThrowAsync<EventStoreUnavailableException>(() => waiting);

        dropped.Message.ShouldContain("unavailable");
        stalled.Message.ShouldContain("unavailable");
        (await AppendOk(stream, ExpectedRevision.Exact(0), NewEvent())).NextExpectedRevision.ShouldBe(1);
        Server.BatchAppendCalls.ShouldBe(2);
    }

    [Fact]
    public async Task a_node_not_ready_is_asked_again()
    {
        var stream = NewStream();
        Server.FailNextCalls(Grpc.Core.StatusCode.Unavailable, "Server Is Not Ready", calls: 2);

        (await AppendOk(stream, ExpectedRevision.NoStream, NewEvent())).NextExpectedRevision.ShouldBe(0);
        Server.AppendCalls.ShouldBe(3);
    }

    private static async Task WaitUntil(Func<bool> condition)
    {
        using var timeout = new CancellationTokenSource(Patience);
        while (!condition()) await Task.Delay(10, timeout.Token);
    }
}
