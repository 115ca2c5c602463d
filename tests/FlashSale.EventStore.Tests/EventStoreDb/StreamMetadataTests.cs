using System.Text;

namespace FlashSale.EventStore.Tests.EventStoreDb;

/// <summary>
/// The double applies stream metadata as EventStoreDB 23.10 does on reads: <c>$tb</c> and <c>$maxCount</c> from the last
/// <c>$metadata</c> event of <c>$$stream</c> hide earlier events from stream reads at once, <c>$all</c> still carries them
/// (until a scavenge), appends go on from the real last revision, and a metadata stream reads only its last event.
/// </summary>
public sealed class StreamMetadataTests : DoubleFixture
{
    [Fact]
    public async Task a_stream_read_starts_at_the_truncate_before_revision_while_all_still_carries_the_earlier_events()
    {
        var stream = NewStream();
        var appended = await AppendOk(stream, ExpectedRevision.NoStream, NewEvents(5));

        await SetMetadataAsync(stream, """{"$tb":3}""");

        (await RevisionsAsync(stream, 0)).ShouldBe([3L, 4L]);
        (await RevisionsAsync(stream, 4)).ShouldBe([4L]);
        (await Store.ReadAllAsync(null, int.MaxValue, StreamFilter.Prefixes(stream)).CountAsync()).ShouldBe(5);
        (await AppendOk(stream, ExpectedRevision.Exact(appended.NextExpectedRevision), NewEvent())).NextExpectedRevision.ShouldBe(5);
        (await RevisionsAsync(stream, 0)).ShouldBe([3L, 4L, 5L]);
    }

    [Fact]
    public async Task max_count_leaves_only_the_last_events_readable_and_the_latest_metadata_counts()
    {
        var stream = NewStream();
        await AppendOk(stream, ExpectedRevision.NoStream, NewEvents(6));

        await SetMetadataAsync(stream, """{"$maxCount":2}""");
        (await RevisionsAsync(stream, 0)).ShouldBe([4L, 5L]);

        await SetMetadataAsync(stream, """{"$tb":1}""");
        (await RevisionsAsync(stream, 0)).ShouldBe([1L, 2L, 3L, 4L, 5L]);
    }

    [Fact]
    public async Task a_metadata_stream_reads_only_its_last_event()
    {
        var stream = NewStream();
        await AppendOk(stream, ExpectedRevision.NoStream, NewEvents(2));
        await SetMetadataAsync(stream, """{"$tb":1}""");
        await SetMetadataAsync(stream, """{"$tb":0}""");

        var metadata = await Store.ReadStreamAsync("$$" + stream).ToListAsync();

        metadata.Select(e => (e.StreamRevision, Encoding.UTF8.GetString(e.Data.Span))).ShouldBe([(1L, """{"$tb":0}""")]);
        (await RevisionsAsync(stream, 0)).ShouldBe([0L, 1L]);
    }

    private Task SetMetadataAsync(string stream, string json) =>
        AppendOk("$$" + stream, ExpectedRevision.Any, new EventData(Guid.NewGuid(), "$metadata", Encoding.UTF8.GetBytes(json), "{}"u8.ToArray()));

    private async Task<List<long>> RevisionsAsync(string stream, long from) =>
        await Store.ReadStreamAsync(stream, from).Select(e => e.StreamRevision).ToListAsync();
}
