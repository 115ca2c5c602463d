using System.Text;
using FlashSale.EventStore.Snapshots;

namespace FlashSale.EventStore.Tests.Snapshots;

public abstract partial class SnapshotStoreContract
{
    [Fact]
    public async Task a_stream_never_snapshotted_has_no_snapshot()
    {
        (await Snapshots.ReadAsync(NewStream())).ShouldBeNull();
    }

    [Fact]
    public async Task a_replacing_write_is_read_back_with_its_revision_event_id_schema_header_and_every_entry()
    {
        var stream = NewStream();
        var write = Replacing(stream, 41, Entry("o:a", "alpha"), Entry("o:b", "beta"), Entry("u:alice", "1"));

        await WrittenAsync(write);

        (await ShownAsync(stream)).ShouldBe(Expected(write, Entry("o:a", "alpha"), Entry("o:b", "beta"), Entry("u:alice", "1")));
    }

    [Fact]
    public async Task an_incremental_write_upserts_its_entries_on_the_stored_snapshot_and_keeps_the_others()
    {
        var stream = NewStream();
        await WrittenAsync(Replacing(stream, 10, Entry("o:a", "placed"), Entry("o:b", "placed"), Entry("u:alice", "1")));

        var adding = Adding(stream, 20, basedOn: 10, Entry("o:b", "paid"), Entry("o:c", "placed"));
        await WrittenAsync(adding);
        var again = Adding(stream, 30, basedOn: 20, Entry("o:c", "paid"));
        await WrittenAsync(again);

        (await ShownAsync(stream)).ShouldBe(Expected(again,
            Entry("o:a", "placed"), Entry("o:b", "paid"), Entry("o:c", "paid"), Entry("u:alice", "1")));
    }

    [Fact]
    public async Task an_incremental_write_on_a_snapshot_further_than_its_base_is_written_on_top_of_it()
    {
        var stream = NewStream();
        await WrittenAsync(Replacing(stream, 10, Entry("o:a", "placed")));
        await WrittenAsync(Adding(stream, 20, basedOn: 10, Entry("o:b", "placed")));

        var adding = Adding(stream, 25, basedOn: 10, Entry("o:a", "paid"));
        await WrittenAsync(adding);

        (await ShownAsync(stream)).ShouldBe(Expected(adding, Entry("o:a", "paid"), Entry("o:b", "placed")));
    }

    [Fact]
    public async Task a_write_at_or_behind_the_stored_revision_is_superseded_and_changes_nothing()
    {
        var stream = NewStream();
        var stored = Replacing(stream, 50, Entry("o:a", "kept"));
        await WrittenAsync(stored);

        (await Snapshots.WriteAsync(Replacing(stream, 50, Entry("o:a", "same revision")))).ShouldBe(SnapshotWriteResult.Superseded);
        (await Snapshots.WriteAsync(Replacing(stream, 49, Entry("o:z", "older")))).ShouldBe(SnapshotWriteResult.Superseded);
        (await Snapshots.WriteAsync(Adding(stream, 45, basedOn: 40, Entry("o:y", "older")))).ShouldBe(SnapshotWriteResult.Superseded);

        (await ShownAsync(stream)).ShouldBe(Expected(stored, Entry("o:a", "kept")));
    }

    [Fact]
    public async Task an_incremental_write_without_its_base_is_refused_and_changes_nothing()
    {
        var stream = NewStream();
        (await Snapshots.WriteAsync(Adding(stream, 20, basedOn: 10, Entry("o:a", "x")))).ShouldBe(SnapshotWriteResult.BaseMissing);
        (await Snapshots.ReadAsync(stream)).ShouldBeNull();

        var stored = Replacing(stream, 5, Entry("o:a", "kept"));
        await WrittenAsync(stored);
        (await Snapshots.WriteAsync(Adding(stream, 20, basedOn: 10, Entry("o:b", "x")))).ShouldBe(SnapshotWriteResult.BaseMissing);

        (await ShownAsync(stream)).ShouldBe(Expected(stored, Entry("o:a", "kept")));
    }

    [Fact]
    public async Task a_replacing_write_drops_every_entry_of_the_snapshots_before_it()
    {
        var stream = NewStream();
        await WrittenAsync(Replacing(stream, 10, Entry("o:a", "1"), Entry("o:b", "1")));
        await WrittenAsync(Adding(stream, 20, basedOn: 10, Entry("o:c", "1")));

        var replacing = Replacing(stream, 30, Entry("o:b", "2"), Entry("o:d", "2"));
        await WrittenAsync(replacing);
        var adding = Adding(stream, 40, basedOn: 30, Entry("o:e", "3"));
        await WrittenAsync(adding);

        (await ShownAsync(stream)).ShouldBe(Expected(adding, Entry("o:b", "2"), Entry("o:d", "2"), Entry("o:e", "3")));
    }

    [Fact]
    public async Task snapshots_of_two_streams_are_kept_apart()
    {
        var (one, two) = (NewStream(), NewStream());
        var first = Replacing(one, 10, Entry("o:a", "one"));
        var second = Replacing(two, 20, Entry("o:a", "two"));
        await WrittenAsync(first);
        await WrittenAsync(second);
        await WrittenAsync(Adding(two, 30, basedOn: 20, Entry("o:b", "two")));

        (await ShownAsync(one)).ShouldBe(Expected(first, Entry("o:a", "one")));
        (await Snapshots.ReadAsync(two)).ShouldNotBeNull().Entries.Count.ShouldBe(2);
    }

    [Fact]
    public async Task the_bytes_of_header_and_entries_round_trip_exactly()
    {
        var stream = NewStream();
        var everyByte = Enumerable.Range(0, 256).Select(b => (byte)b).ToArray();
        var write = new SnapshotWrite(stream, 7, Guid.NewGuid(), "item-state.1;hash=ÿ\"'", everyByte.Reverse().ToArray(),
            [new SnapshotEntry("o:every-byte", everyByte), new SnapshotEntry("o:empty", Array.Empty<byte>()),
             new SnapshotEntry("u:Zoë 🛒 'quoted' \"x\"", "{\"a\":1}\0\n"u8.ToArray()), new SnapshotEntry("", new byte[] { 0 })], null);

        await WrittenAsync(write);

        var read = (await Snapshots.ReadAsync(stream)).ShouldNotBeNull();
        (read.StreamId, read.Revision, read.EventId, read.Schema).ShouldBe((stream, 7L, write.EventId, write.Schema));
        read.Header.ToArray().ShouldBe(write.Header.ToArray());
        read.Entries.OrderBy(e => e.Key, StringComparer.Ordinal).Select(e => (e.Key, Convert.ToHexString(e.Data.Span)))
            .ShouldBe(write.Entries.OrderBy(e => e.Key, StringComparer.Ordinal).Select(e => (e.Key, Convert.ToHexString(e.Data.Span))));
    }

    [Fact]
    public async Task a_large_snapshot_of_many_entries_and_one_entry_larger_than_an_append_round_trips_and_takes_increments()
    {
        var stream = NewStream();
        var random = new Random(7);
        var entries = Enumerable.Range(0, 30_000).Select(i =>
        {
            var data = new byte[80];
            random.NextBytes(data);
            return new SnapshotEntry($"o:order-{i:D6}", data);
        }).ToList();
        var huge = new byte[1_500_000];
        random.NextBytes(huge);
        entries.Add(new SnapshotEntry("h:huge", huge));
        var header = new byte[300_000];
        random.NextBytes(header);

        await WrittenAsync(new SnapshotWrite(stream, 100_000, EventIdAt(100_000), "schema.1", header, entries, null));
        var changed = entries.Take(2_000).Select(e => new SnapshotEntry(e.Key, new byte[] { 1, 2, 3 })).ToList();
        await WrittenAsync(new SnapshotWrite(stream, 101_000, EventIdAt(101_000), "schema.1", header, changed, 100_000));

        var read = (await Snapshots.ReadAsync(stream)).ShouldNotBeNull();
        read.Revision.ShouldBe(101_000);
        read.Header.ToArray().ShouldBe(header);
        var byKey = read.Entries.ToDictionary(e => e.Key, e => e.Data.ToArray(), StringComparer.Ordinal);
        byKey.Count.ShouldBe(entries.Count);
        byKey["h:huge"].ShouldBe(huge);
        byKey["o:order-000000"].ShouldBe([1, 2, 3]);
        byKey["o:order-001999"].ShouldBe([1, 2, 3]);
        byKey["o:order-002000"].ShouldBe(entries[2_000].Data.ToArray());
        byKey["o:order-029999"].ShouldBe(entries[29_999].Data.ToArray());
    }
}
