using System.Text;
using FlashSale.EventStore.EventStoreDb.Snapshots;
using FlashSale.EventStore.Snapshots;

namespace FlashSale.EventStore.Tests.Snapshots;

/// <summary>How snapshots sit in their streams on EventStoreDB: truncated by the server, cut to its append size, safe
/// against writes that never committed.</summary>
public sealed partial class EventStoreDbSnapshotStoreTests
{
    [Fact]
    public async Task a_replacing_write_has_the_server_truncate_every_earlier_write_of_the_snapshot_stream()
    {
        var stream = NewStream();
        await WrittenAsync(Replacing(stream, 10, Entry("o:a", "1")));
        await WrittenAsync(Adding(stream, 20, basedOn: 10, Entry("o:b", "1")));
        var before = await Events.ReadStreamAsync(SnapshotStreams.For(stream)).CountAsync();

        var replacing = Replacing(stream, 30, Entry("o:c", "2"));
        await WrittenAsync(replacing);

        var readable = await Events.ReadStreamAsync(SnapshotStreams.For(stream)).ToListAsync();
        readable.Select(e => (e.StreamRevision, e.Type)).ShouldBe([(before, SnapshotStreams.PartType), (before + 1, SnapshotStreams.CommitType)]);
        var metadata = await Events.ReadStreamAsync("$$" + SnapshotStreams.For(stream)).SingleAsync();
        Encoding.UTF8.GetString(metadata.Data.Span).ShouldBe($$"""{"$tb":{{before}}}""");
        (await ShownAsync(stream)).ShouldBe(Expected(replacing, Entry("o:c", "2")));
    }

    [Fact]
    public async Task a_server_with_a_smaller_maximum_append_size_still_takes_a_large_snapshot_in_more_appends()
    {
        var stream = NewStream();
        _server.MaxAppendSize = 40_000;
        var entries = Enumerable.Range(0, 2_000).Select(i => Entry($"o:{i:D4}", new string((char)('a' + i % 26), 200))).ToArray();
        var appendsBefore = _server.AppendCalls;

        await WrittenAsync(Replacing(stream, 10, entries));

        (_server.AppendCalls - appendsBefore).ShouldBeGreaterThan(10);
        (await Events.ReadStreamAsync(SnapshotStreams.For(stream)).ToListAsync())
            .ShouldAllBe(e => e.Data.Length + e.Metadata.Length <= 40_000);
        (await ShownAsync(stream)).ShouldBe(Expected(Replacing(stream, 10), entries));
    }

    [Fact]
    public async Task parts_of_a_write_that_never_committed_are_skipped_and_the_next_write_goes_on_from_the_last_commit()
    {
        var stream = NewStream();
        var stored = Replacing(stream, 10, Entry("o:a", "1"));
        await WrittenAsync(stored);
        // A writer that died after its parts: they sit after the commit, without one of their own.
        var blob = SnapshotBlob.Encode("header"u8.ToArray(), [Entry("o:a", "orphan"), Entry("o:z", "orphan")]);
        await Store.AppendMessagesAsync(SnapshotStreams.For(stream), ExpectedRevision.Any,
            [SnapshotRequests.Part(blob, new SnapshotPart(Guid.NewGuid(), 0))], CancellationToken.None);

        (await ShownAsync(stream)).ShouldBe(Expected(stored, Entry("o:a", "1")));
        (await Snapshots.WriteAsync(Adding(stream, 5, basedOn: 1, Entry("o:q", "1")))).ShouldBe(SnapshotWriteResult.Superseded);
        var adding = Adding(stream, 20, basedOn: 10, Entry("o:b", "2"));
        await WrittenAsync(adding);

        (await ShownAsync(stream)).ShouldBe(Expected(adding, Entry("o:a", "1"), Entry("o:b", "2")));
    }

    [Fact]
    public async Task a_commit_that_cannot_be_read_fails_the_read_and_only_a_replacing_write_follows_it()
    {
        var stream = NewStream();
        await WrittenAsync(Replacing(stream, 10, Entry("o:a", "1")));
        await Events.AppendAsync(SnapshotStreams.For(stream), ExpectedRevision.Any,
            [new EventData(Guid.NewGuid(), SnapshotStreams.CommitType, "{\"write\":1}"u8.ToArray(), "{}"u8.ToArray())]);

        await Should.ThrowAsync<InvalidDataException>(() => Snapshots.ReadAsync(stream));
        (await Snapshots.WriteAsync(Adding(stream, 20, basedOn: 10, Entry("o:b", "1")))).ShouldBe(SnapshotWriteResult.BaseMissing);
        var replacing = Replacing(stream, 20, Entry("o:c", "2"));
        await WrittenAsync(replacing);
        (await ShownAsync(stream)).ShouldBe(Expected(replacing, Entry("o:c", "2")));
    }

    [Fact]
    public async Task a_writer_that_keeps_adding_has_its_stream_compacted_so_reads_stay_about_the_size_of_the_snapshot()
    {
        var stream = NewStream();
        var model = Enumerable.Range(0, 1_000).ToDictionary(i => $"o:{i:D4}", _ => new string('a', 300));
        await WrittenAsync(Replacing(stream, 0, [.. model.Select(e => Entry(e.Key, e.Value))]));
        SnapshotWrite last = null!;
        for (var k = 1; k <= 20; k++)
        {
            var changed = Enumerable.Range(0, 200).Select(i => $"o:{(k * 37 + i * 7) % 1_200:D4}").Distinct()
                .Select(key => Entry(key, new string((char)('a' + k), 300))).ToArray();
            foreach (var entry in changed) model[entry.Key] = Encoding.UTF8.GetString(entry.Data.Span);
            last = Adding(stream, k * 10, basedOn: (k - 1) * 10, changed);
            await WrittenAsync(last);
        }

        var readable = (await Events.ReadStreamAsync(SnapshotStreams.For(stream)).ToListAsync()).Sum(e => (long)e.Data.Length);
        var size = model.Sum(e => 8L + e.Key.Length + e.Value.Length);
        readable.ShouldBeLessThan(3 * size);
        (await ShownAsync(stream)).ShouldBe(Expected(last, [.. model.Select(e => Entry(e.Key, e.Value))]));
    }
}
