using FlashSale.EventStore.EventStoreDb;
using Grpc.Core;

namespace FlashSale.EventStore.Tests.EventStoreDb;

/// <summary>
/// Statuses the server sends itself (23.10 <c>RpcExceptions</c>) against calls the client saw cut off: only the latter,
/// a node's write timeout and a follower that knows no leader yet are an outage; a failure the node reports stays itself.
/// </summary>
public class ServerStatusTests : DoubleFixture
{
    [Fact]
    public async Task a_write_the_node_timed_out_is_a_timeout_whose_outcome_is_unknown()
    {
        Server.FailNextCalls(StatusCode.Aborted, "Operation timed out: Commit phase timeout.");

        var error = await Should.ThrowAsync<EventStoreTimeoutException>(() => Store.AppendAsync(NewStream(), ExpectedRevision.Any, [NewEvent()]));

        error.Message.ShouldContain("timed out the operation");
        error.Message.ShouldContain("may or may not be written");
    }

    [Theory]
    [InlineData(StatusCode.Unknown, "Unexpected ReadStreamResult: Error")]
    [InlineData(StatusCode.Unknown, "Exception was thrown by handler.")]
    [InlineData(StatusCode.Internal, "Persistent subscription failed.")]
    [InlineData(StatusCode.ResourceExhausted, "Received message exceeds the maximum configured message size.")]
    public async Task an_error_the_node_reports_itself_is_not_an_unavailable_store(StatusCode status, string detail)
    {
        var stream = NewStream();
        await AppendOk(stream, ExpectedRevision.NoStream, NewEvent());
        Server.FailNextCalls(status, detail);

        var error = await Should.ThrowAsync<RpcException>(() => Store.ReadStreamAsync(stream).ToListAsync().AsTask());

        error.StatusCode.ShouldBe(status);
        error.Status.Detail.ShouldBe(detail);
        (await Store.ReadStreamAsync(stream).ToListAsync()).Count.ShouldBe(1);
    }

    [Fact]
    public async Task a_follower_that_knows_no_leader_yet_is_asked_again()
    {
        var stream = NewStream();
        Server.FailNextCalls(StatusCode.Unknown, "No leader info available in response", calls: 2);

        (await AppendOk(stream, ExpectedRevision.NoStream, NewEvent())).NextExpectedRevision.ShouldBe(0);
        Server.AppendCalls.ShouldBe(3);
    }

    [Fact]
    public async Task a_subscription_ends_with_an_error_the_node_reports_itself_instead_of_resubscribing()
    {
        using var timeout = new CancellationTokenSource(Patience);
        Server.FailNextCalls(StatusCode.Unknown, "Unexpected FilteredReadAllResult: Error", calls: 1000);

        var error = await Should.ThrowAsync<RpcException>(async () =>
        {
            await foreach (var _ in Store.SubscribeToAllAsync(null, StreamFilter.AllUserStreams, timeout.Token)) { }
        });

        error.StatusCode.ShouldBe(StatusCode.Unknown);
        Server.ReadCalls.ShouldBeLessThan(5);
    }

    [Fact]
    public async Task a_call_cut_off_mid_way_carries_the_transport_failure_that_makes_it_an_outage()
    {
        var stream = NewStream();
        Server.DropNextCalls();

        var error = await Should.ThrowAsync<EventStoreUnavailableException>(() => Store.ReadStreamAsync(stream).ToListAsync().AsTask());

        var cut = error.InnerException.ShouldBeOfType<RpcException>();
        cut.Status.DebugException.ShouldNotBeNull();
    }
}
