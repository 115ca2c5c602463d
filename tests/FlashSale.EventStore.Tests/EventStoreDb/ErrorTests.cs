using System.Diagnostics;
using FlashSale.EventStore.EventStoreDb;

namespace FlashSale.EventStore.Tests.EventStoreDb;

public class ErrorTests : DoubleFixture
{
    [Fact]
    public async Task access_denied_is_a_clear_access_denied_error()
    {
        Server.DenyAccess = true;

        var append = await Should.ThrowAsync<EventStoreAccessDeniedException>(() => Store.AppendAsync(NewStream(), ExpectedRevision.Any, [NewEvent()]));
        var read = await Should.ThrowAsync<EventStoreAccessDeniedException>(() => Store.ReadStreamAsync(NewStream()).ToListAsync().AsTask());

        append.Message.ShouldContain("denied access");
        read.Message.ShouldContain("credentials");
    }

    [Fact]
    public async Task a_deleted_stream_can_be_neither_appended_to_nor_read()
    {
        var stream = NewStream();
        await AppendOk(stream, ExpectedRevision.NoStream, NewEvent());
        Server.Tombstone(stream);

        var append = await Should.ThrowAsync<StreamDeletedException>(() => Store.AppendAsync(stream, ExpectedRevision.Any, [NewEvent()]));
        var read = await Should.ThrowAsync<StreamDeletedException>(() => Store.ReadStreamAsync(stream).ToListAsync().AsTask());

        append.StreamId.ShouldBe(stream);
        read.StreamId.ShouldBe(stream);
        append.Message.ShouldContain("is deleted");
    }

    [Fact]
    public async Task an_append_over_the_maximum_size_is_rejected_naming_the_limit_and_writes_nothing()
    {
        Server.MaxAppendSize = 4096;
        var stream = NewStream();

        var error = await Should.ThrowAsync<AppendTooLargeException>(() =>
            Store.AppendAsync(stream, ExpectedRevision.Any, [NewEvent(2000), NewEvent(2000), NewEvent(2000)]));

        error.MaxAppendSize.ShouldBe(4096);
        error.StreamId.ShouldBe(stream);
        Server.StreamEventIds(stream).ShouldBeNull();
        (await AppendOk(stream, ExpectedRevision.NoStream, NewEvent(2000))).NextExpectedRevision.ShouldBe(0);
    }

    [Fact]
    public async Task only_the_events_data_counts_against_the_maximum_append_size_as_on_a_23_10_server()
    {
        Server.MaxAppendSize = 4096;
        var stream = NewStream();
        var data = NewEvent(3000);
        var withMetadata = data with { Metadata = System.Text.Encoding.UTF8.GetBytes($"{{\"pad\":\"{new string('m', 3000)}\"}}") };

        (await AppendOk(stream, ExpectedRevision.NoStream, withMetadata)).NextExpectedRevision.ShouldBe(0);
        await Should.ThrowAsync<AppendTooLargeException>(() => Store.AppendAsync(stream, ExpectedRevision.Any, [NewEvent(3000), NewEvent(3000)]));
    }

    [Fact]
    public async Task a_call_cut_off_mid_way_is_an_unavailable_store_and_the_next_call_goes_through()
    {
        var stream = NewStream();
        Server.DropNextCalls(2);

        var append = await Should.ThrowAsync<EventStoreUnavailableException>(() => Store.AppendAsync(stream, ExpectedRevision.Any, [NewEvent()]));
        await Should.ThrowAsync<EventStoreUnavailableException>(() => Store.ReadStreamAsync(stream).ToListAsync().AsTask());

        append.Message.ShouldContain(Server.Port.ToString(System.Globalization.CultureInfo.InvariantCulture));
        (await AppendOk(stream, ExpectedRevision.NoStream, NewEvent())).NextExpectedRevision.ShouldBe(0);
    }

    [Fact]
    public async Task a_stalled_server_fails_the_call_at_the_deadline()
    {
        await using var store = EventStoreDbEventStore.Connect(Server.ConnectionString + "&defaultDeadline=1000");
        Server.Stall = true;
        var clock = Stopwatch.StartNew();

        var append = await Should.ThrowAsync<EventStoreTimeoutException>(() => store.AppendAsync(NewStream(), ExpectedRevision.Any, [NewEvent()]));
        await Should.ThrowAsync<EventStoreTimeoutException>(() => store.ReadHeadPositionAsync());

        append.Message.ShouldContain("did not answer within the deadline");
        clock.Elapsed.ShouldBeLessThan(Patience);
    }

    [Fact]
    public async Task an_unreachable_server_is_reported_as_an_unavailable_event_store()
    {
        await using var store = EventStoreDbEventStore.Connect($"esdb://127.0.0.1:{ClosedPort()}?tls=false&defaultDeadline=2000");

        var error = await Should.ThrowAsync<EventStoreUnavailableException>(() => store.ReadHeadPositionAsync());

        error.Message.ShouldContain("event store is unavailable");
    }

    [Fact]
    public async Task cancelling_a_call_throws_operation_cancelled()
    {
        Server.Stall = true;
        using var cancellation = new CancellationTokenSource(TimeSpan.FromMilliseconds(100));

        await Should.ThrowAsync<OperationCanceledException>(() => Store.ReadHeadPositionAsync(cancellation.Token));
    }
}
