namespace FlashSale.EventStore.Tests.Contract;

public abstract partial class EventStoreContract
{
    [Fact]
    public async Task reading_a_stream_from_a_revision_starts_at_that_revision()
    {
        var stream = NewStream();
        var events = NewEvents(10);
        await AppendOk(stream, ExpectedRevision.NoStream, events);

        var fromSeven = await ReadStream(stream, fromRevision: 7);

        fromSeven.Select(e => e.StreamRevision).ShouldBe([7L, 8, 9]);
        fromSeven.Select(e => e.EventId).ShouldBe(events[7..].Select(e => e.EventId));
        fromSeven.ShouldAllBe(e => e.StreamId == stream);
        (await ReadStream(stream, fromRevision: 10)).ShouldBeEmpty();
    }

    [Fact]
    public async Task reading_a_stream_returns_at_most_max_count_events()
    {
        var stream = NewStream();
        await AppendOk(stream, ExpectedRevision.NoStream, NewEvents(10));

        (await ReadStream(stream, fromRevision: 3, maxCount: 4)).Select(e => e.StreamRevision).ShouldBe([3L, 4, 5, 6]);
        (await ReadStream(stream, fromRevision: 8, maxCount: 100)).Select(e => e.StreamRevision).ShouldBe([8L, 9]);
        (await ReadStream(stream, maxCount: 1)).ShouldHaveSingleItem().StreamRevision.ShouldBe(0);
    }

    [Fact]
    public async Task long_streams_and_long_logs_read_back_completely()
    {
        var run = NewStream();
        var stream = $"{run}-long";
        var events = new List<EventData>();
        for (var i = 0; i < 5; i++)
        {
            var batch = NewEvents(500);
            await AppendOk(stream, ExpectedRevision.Any, batch);
            await AppendOk($"{run}-other", ExpectedRevision.Any, NewEvent());
            events.AddRange(batch);
        }

        (await ReadStream(stream)).Select(e => e.EventId).ShouldBe(events.Select(e => e.EventId));
        (await ReadStream(stream, fromRevision: 1000, maxCount: 1200)).Select(e => e.StreamRevision)
            .ShouldBe(Enumerable.Range(1000, 1200).Select(r => (long)r));
        (await ReadAll(null, StreamFilter.Prefixes(stream))).Select(e => e.EventId).ShouldBe(events.Select(e => e.EventId));
        (await ReadAll(null, StreamFilter.Prefixes(run))).Count.ShouldBe(2505);
    }

    [Fact]
    public async Task reading_an_unknown_stream_returns_nothing()
    {
        (await ReadStream(NewStream())).ShouldBeEmpty();
        (await ReadStream(NewStream(), fromRevision: 5)).ShouldBeEmpty();
    }

    [Fact]
    public async Task data_metadata_type_and_event_id_round_trip_byte_exactly()
    {
        var stream = NewStream();
        // Indentation, escapes and non-ASCII text must survive: the store keeps bytes, it does not re-serialize JSON.
        var order = new EventData(Guid.NewGuid(), "V1.OrderPlaced",
            """
            {
              "orderId": "o-1",   "buyer": "Zoë Ünal 山田",
              "note": "🔥 \"flash\" sale \u00e9\n",
              "quantity": 2, "price": 19.90, "tags": [], "nested": { "empty": {} }
            }
            """u8.ToArray(),
            """{"correlationId":"c-1","causationId":"c-0","actor":"user:42","timestamp":"2025-01-01T00:00:00.000+00:00"}"""u8.ToArray());
        var withoutMetadata = new EventData(Guid.NewGuid(), "V2.StockReserved", """{"quantity":1}"""u8.ToArray(), ReadOnlyMemory<byte>.Empty);
        var before = DateTimeOffset.UtcNow;

        await AppendOk(stream, ExpectedRevision.NoStream, order, withoutMetadata);

        var stored = await ReadStream(stream);
        stored.Count.ShouldBe(2);
        foreach (var (sent, got) in new[] { order, withoutMetadata }.Zip(stored))
        {
            got.StreamId.ShouldBe(stream);
            got.EventId.ShouldBe(sent.EventId);
            got.Type.ShouldBe(sent.Type);
            got.Data.ToArray().ShouldBe(sent.Data.ToArray());
            got.Metadata.ToArray().ShouldBe(sent.Metadata.ToArray());
            got.Created.ShouldBeInRange(before.AddMinutes(-5), DateTimeOffset.UtcNow.AddMinutes(5));
        }
        var fromAll = (await ReadAll(null, StreamFilter.Prefixes(stream))).First();
        fromAll.Data.ToArray().ShouldBe(order.Data.ToArray());
        fromAll.Metadata.ToArray().ShouldBe(order.Metadata.ToArray());
    }

    [Fact]
    public async Task reading_all_after_a_position_returns_only_later_events_in_order()
    {
        var run = NewStream();
        var earlier = await AppendOk($"{run}-a", ExpectedRevision.NoStream, NewEvents(3));
        var later = new List<EventData>();
        for (var i = 0; i < 4; i++)
        {
            var e = NewEvent();
            await AppendOk($"{run}-{(i % 2 == 0 ? "b" : "a")}", ExpectedRevision.Any, e);
            later.Add(e);
        }

        var read = await ReadAll(earlier.Position, StreamFilter.Prefixes(run));

        read.Select(e => e.EventId).ShouldBe(later.Select(e => e.EventId));
        read.Select(e => e.StreamId).ShouldBe([$"{run}-b", $"{run}-a", $"{run}-b", $"{run}-a"]);
        read.ShouldAllBe(e => e.Position > earlier.Position);
        ShouldBeStrictlyIncreasing([.. read.Select(e => e.Position)]);
        (await ReadAll(earlier.EventPositions[0], StreamFilter.Prefixes(run), maxCount: 3)).Select(e => e.EventId)
            .ShouldBe((await ReadStream($"{run}-a", 1, 2)).Select(e => e.EventId).Append(later[0].EventId));
    }

    [Fact]
    public async Task reading_all_with_a_stream_filter_returns_only_matching_streams()
    {
        var run = NewStream();
        var item1 = NewEvent();
        var order = NewEvent();
        var item2 = NewEvent();
        var cart = NewEvent();
        await AppendOk($"{run}-item-1", ExpectedRevision.NoStream, item1);
        await AppendOk($"{run}-order-1", ExpectedRevision.NoStream, order);
        await AppendOk($"{run}-item-2", ExpectedRevision.NoStream, item2);
        await AppendOk($"{run}-cart-1", ExpectedRevision.NoStream, cart);

        (await ReadAll(null, StreamFilter.Prefixes($"{run}-item-"))).Select(e => e.EventId)
            .ShouldBe([item1.EventId, item2.EventId]);
        (await ReadAll(null, StreamFilter.Prefixes($"{run}-item-", $"{run}-order-"))).Select(e => e.EventId)
            .ShouldBe([item1.EventId, order.EventId, item2.EventId]);
        (await ReadAll(null, StreamFilter.Prefixes($"{run}-item-"), maxCount: 1)).ShouldHaveSingleItem().EventId
            .ShouldBe(item1.EventId);
    }

    [Fact]
    public async Task the_head_position_is_the_position_of_the_last_appended_event()
    {
        var run = NewStream();

        var first = await AppendOk($"{run}-a", ExpectedRevision.NoStream, NewEvent());
        await ShouldBeHeadAsync(first.Position, run);
        var second = await AppendOk($"{run}-b", ExpectedRevision.NoStream, NewEvents(3));
        await ShouldBeHeadAsync(second.Position, run);
    }

    // On a shared server others (the server itself, too) may append right after us: only their events may lie
    // between our last append and the head. With no one else writing, the head is exactly our last append.
    private async Task ShouldBeHeadAsync(LogPosition lastAppended, string run)
    {
        var head = (await Store.ReadHeadPositionAsync()).ShouldNotBeNull();
        var foreign = await Store.ReadAllAsync(lastAppended, int.MaxValue).TakeWhile(e => e.Position <= head).ToListAsync();
        foreign.ShouldAllBe(e => !e.StreamId.StartsWith(run, StringComparison.Ordinal));
        head.ShouldBe(foreign.Count == 0 ? lastAppended : foreign[^1].Position);
    }
}
