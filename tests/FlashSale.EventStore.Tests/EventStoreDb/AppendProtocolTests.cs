using FlashSale.EventStore.EventStoreDb;

namespace FlashSale.EventStore.Tests.EventStoreDb;

/// <summary>appendProtocol in the connection string: auto (BatchAppend, Append after UNIMPLEMENTED), append, batchAppend.</summary>
public sealed class ForcedAppendProtocolTests : DoubleFixture
{
    protected override string ConnectionOptions => "&appendProtocol=append";

    [Fact]
    public async Task forced_append_never_asks_a_server_that_serves_batch_append_for_it()
    {
        var stream = NewStream();

        await AppendOk(stream, ExpectedRevision.NoStream, NewEvents(3));
        var second = await Task.WhenAll(Enumerable.Range(0, 5).Select(_ => Store.AppendAsync(NewStream(), ExpectedRevision.NoStream, NewEvents(2))));

        second.ShouldAllBe(r => r is AppendResult.Success);
        Server.BatchAppendCalls.ShouldBe(0);
        Server.AppendCalls.ShouldBe(6);
        Server.StreamEventIds(stream)!.Count.ShouldBe(3);
    }
}

public sealed class ForcedBatchAppendProtocolTests : DoubleFixture
{
    protected override string ConnectionOptions => "&appendProtocol=batchAppend";

    protected override bool SupportsBatchAppend => false;

    [Fact]
    public async Task forced_batch_append_against_a_server_without_it_fails_each_append_naming_the_setting_and_never_falls_back()
    {
        var stream = NewStream();

        var first = await Should.ThrowAsync<NotSupportedException>(() => Store.AppendAsync(stream, ExpectedRevision.NoStream, NewEvents(2)));
        await Should.ThrowAsync<NotSupportedException>(() => Store.AppendAsync(stream, ExpectedRevision.NoStream, NewEvents(2)));

        first.Message.ShouldContain("appendProtocol=batchAppend");
        first.Message.ShouldContain("does not serve BatchAppend");
        Server.AppendCalls.ShouldBe(0);
        Server.BatchAppendCalls.ShouldBe(2);
        Server.StreamEventIds(stream).ShouldBeNull();
    }
}

public sealed class AutoAppendProtocolTests : DoubleFixture
{
    protected override string ConnectionOptions => "&appendProtocol=auto";

    [Fact]
    public async Task auto_appends_over_one_batch_append_call_while_the_server_serves_it()
    {
        await AppendOk(NewStream(), ExpectedRevision.NoStream, NewEvents(2));
        await AppendOk(NewStream(), ExpectedRevision.NoStream, NewEvents(2));

        Server.BatchAppendCalls.ShouldBe(1);
        Server.AppendCalls.ShouldBe(2);
    }

    [Fact]
    public async Task auto_asks_a_server_without_batch_append_once_and_then_appends_over_append()
    {
        Server.SupportsBatchAppend = false;
        var stream = NewStream();

        await AppendOk(stream, ExpectedRevision.NoStream, NewEvents(2));
        await AppendOk(stream, ExpectedRevision.Exact(1), NewEvents(2));

        Server.BatchAppendCalls.ShouldBe(1);
        Server.AppendCalls.ShouldBe(2);
        Server.StreamEventIds(stream)!.Count.ShouldBe(4);
    }
}
