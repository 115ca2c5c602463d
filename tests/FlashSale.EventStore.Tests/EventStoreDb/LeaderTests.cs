using FlashSale.EventStore.EventStoreDb;
using FlashSale.EventStore.EventStoreDb.TestDouble;

namespace FlashSale.EventStore.Tests.EventStoreDb;

/// <summary>The adapter talks to a follower (the fixture's double) that points to a leader (a second double).</summary>
public class LeaderTests : DoubleFixture
{
    private EventStoreDbDouble _leader = null!;

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        _leader = await EventStoreDbDouble.StartAsync();
        _leader.SupportsBatchAppend = SupportsBatchAppend;
    }

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        await _leader.DisposeAsync();
    }

    [Fact]
    public async Task a_not_leader_answer_sends_the_append_to_the_leader_it_names_and_later_calls_stay_there()
    {
        Server.FailNextCallsWithNotLeader(_leader, calls: 1);
        var stream = NewStream();
        var e = NewEvent();

        var result = await AppendOk(stream, ExpectedRevision.NoStream, e);
        var read = await Store.ReadStreamAsync(stream).ToListAsync();

        result.NextExpectedRevision.ShouldBe(0);
        _leader.StreamEventIds(stream).ShouldBe([e.EventId]);
        Server.StreamEventIds(stream).ShouldBeNull();
        read.ShouldHaveSingleItem().EventId.ShouldBe(e.EventId);
        Server.AppendCalls.ShouldBe(1);
        Server.ReadCalls.ShouldBe(0);
    }

    [Fact]
    public async Task a_subscription_refused_by_a_follower_subscribes_on_the_leader()
    {
        Server.FailNextCallsWithNotLeader(_leader, calls: int.MaxValue);
        var stream = NewStream();
        var e = NewEvent();
        using var timeout = new CancellationTokenSource(Patience);

        var subscription = Store.SubscribeToAllAsync(null, StreamFilter.Prefixes(stream), timeout.Token).FirstAsync(timeout.Token);
        await AppendOk(stream, ExpectedRevision.NoStream, e);

        (await subscription).EventId.ShouldBe(e.EventId);
        _leader.SubscriptionStarts.ShouldHaveSingleItem();
        Server.StreamEventIds(stream).ShouldBeNull();
    }

    [Fact]
    public async Task an_unreachable_seed_host_is_skipped_for_the_next_one()
    {
        await using var store = EventStoreDbEventStore.Connect(
            $"esdb+discover://127.0.0.1:{ClosedPort()},{_leader.Host}:{_leader.Port}?tls=false");
        var stream = NewStream();
        var e = NewEvent();

        (await store.AppendAsync(stream, ExpectedRevision.NoStream, [e])).ShouldBeOfType<AppendResult.Success>();

        _leader.StreamEventIds(stream).ShouldBe([e.EventId]);
    }

    [Fact]
    public async Task every_call_asks_for_the_leader_and_names_the_connection()
    {
        await AppendOk(NewStream(), ExpectedRevision.NoStream, NewEvent());

        Server.SeenHeaders.ShouldContain(("requires-leader", "true"));
        Server.SeenHeaders.ShouldContain(h => h.Header == "connection-name" && h.Value.StartsWith("flashsale-"));
        Server.SeenHeaders.ShouldNotContain(h => h.Header == "authorization");
    }
}
