namespace FlashSale.EventStore.Tests.EventStoreDb;

public sealed class SubscriptionResilienceTests : DoubleFixture
{
    [Fact]
    public async Task a_subscription_survives_dropped_connections_without_losing_or_repeating_events()
    {
        var run = NewStream();
        var appended = new List<Guid>();
        for (var i = 0; i < 20; i++) appended.AddRange(await AppendBatch($"{run}-{i % 2}", 50));
        using var timeout = new CancellationTokenSource(Patience);
        var sentinel = NewEvent();
        var firstDelivered = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

        // A slow consumer keeps the catch-up running while connections drop under it.
        var consumer = Collect(Store.SubscribeToAllAsync(null, StreamFilter.Prefixes(run), timeout.Token), sentinel.EventId,
            firstDelivered, slowEvery: 50);
        await firstDelivered.Task.WaitAsync(timeout.Token);
        var drops = 0;
        for (var i = 0; i < 40; i++)
        {
            appended.AddRange(await AppendBatch($"{run}-{i % 3}", 1 + i % 4));
            if (i % 4 == 0) drops += await DropWhenSubscribedAsync(timeout.Token);
            await Task.Delay(5, timeout.Token);
        }
        await AppendOk(run, ExpectedRevision.Any, sentinel);
        appended.Add(sentinel.EventId);
        var received = await consumer.WaitAsync(timeout.Token);

        drops.ShouldBeGreaterThanOrEqualTo(5);
        Server.SubscriptionStarts.Count.ShouldBeGreaterThan(drops);
        received.Select(e => e.EventId).ShouldBe(appended);
        received.Select(e => e.Position).ShouldBeInOrder(SortDirection.Ascending);
        received.Select(e => e.Position).ShouldBeUnique();
    }

    [Fact]
    public async Task a_dropped_subscription_resumes_after_the_last_checkpoint_not_from_its_last_event()
    {
        var run = NewStream();
        using var timeout = new CancellationTokenSource(Patience);
        var wanted = NewEvent();
        var later = NewEvent();
        await AppendOk(run, ExpectedRevision.NoStream, wanted);
        var consumer = Collect(Store.SubscribeToAllAsync(null, StreamFilter.Prefixes(run), timeout.Token), later.EventId);
        var lastElsewhere = (await AppendOk(NewStream("order"), ExpectedRevision.NoStream, NewEvents(200))).Position;
        while (Server.LastCheckpointSent is not { } sent || new LogPosition(sent.Commit, sent.Prepare) < lastElsewhere)
            await Task.Delay(5, timeout.Token);
        await Task.Delay(500, timeout.Token); // the checkpoint is on the wire; let the adapter read it

        await DropWhenSubscribedAsync(timeout.Token);
        await AppendOk(run, ExpectedRevision.Exact(0), later);
        var received = await consumer.WaitAsync(timeout.Token);

        received.Select(e => e.EventId).ShouldBe([wanted.EventId, later.EventId]);
        var resumedAfter = Server.SubscriptionStarts[^1].ShouldNotBeNull();
        new LogPosition(resumedAfter.Commit, resumedAfter.Prepare).ShouldBeGreaterThanOrEqualTo(lastElsewhere);
    }

    [Fact]
    public async Task a_subscription_resumes_after_the_server_goes_down_and_comes_back_and_calls_meanwhile_fail_as_unavailable()
    {
        var stream = NewStream();
        var before = NewEvents(30);
        var after = NewEvents(30);
        await AppendOk(stream, ExpectedRevision.NoStream, before);
        using var timeout = new CancellationTokenSource(Patience);
        var firstDelivered = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var consumer = Collect(Store.SubscribeToAllAsync(null, StreamFilter.Prefixes(stream), timeout.Token), after[^1].EventId,
            firstDelivered, slowEvery: 10);
        await firstDelivered.Task.WaitAsync(timeout.Token);

        await Server.StopAsync();
        var whileDown = await Should.ThrowAsync<EventStoreUnavailableException>(() => Store.AppendAsync(stream, ExpectedRevision.Any, after));
        await Server.StartAgainAsync();
        await AppendOk(stream, ExpectedRevision.Exact(29), after);
        var received = await consumer.WaitAsync(timeout.Token);

        whileDown.Message.ShouldContain("event store is unavailable");
        received.Select(e => e.EventId).ShouldBe(before.Concat(after).Select(e => e.EventId));
        received.Select(e => e.StreamRevision).ShouldBe(Enumerable.Range(0, 60).Select(r => (long)r));
    }

    [Fact]
    public async Task a_drop_right_after_a_checkpoint_naming_an_undelivered_event_loses_nothing()
    {
        Server.CheckpointAheadOfEvents = true;
        Server.DropAfterNextCheckpoint();
        var stream = NewStream();
        var first = NewEvent();
        var second = NewEvent();
        var written = await AppendOk(stream, ExpectedRevision.NoStream, first);
        using var timeout = new CancellationTokenSource(Patience);
        var firstDelivered = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

        var consumer = Collect(Store.SubscribeToAllAsync(null, StreamFilter.Prefixes(stream), timeout.Token), second.EventId, firstDelivered);
        await firstDelivered.Task.WaitAsync(timeout.Token);
        await AppendOk(stream, ExpectedRevision.Exact(0), second);
        var received = await consumer.WaitAsync(timeout.Token);

        received.Select(e => e.EventId).ShouldBe([first.EventId, second.EventId]);
        Server.SubscriptionStarts.Count.ShouldBe(2);
        Server.SubscriptionStarts[1].ShouldBe((written.Position.Commit, written.Position.Prepare), "resumed after the checkpoint");
    }

    [Fact]
    public async Task a_subscription_goes_live_on_a_server_that_never_sends_caught_up()
    {
        Server.SendCaughtUp = false;
        var stream = NewStream();
        var history = NewEvent();
        var live = NewEvent();
        await AppendOk(stream, ExpectedRevision.NoStream, history);
        using var timeout = new CancellationTokenSource(Patience);
        var firstDelivered = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

        var consumer = Collect(Store.SubscribeToAllAsync(null, StreamFilter.Prefixes(stream), timeout.Token), live.EventId, firstDelivered);
        await firstDelivered.Task.WaitAsync(timeout.Token);
        await AppendOk(stream, ExpectedRevision.Exact(0), live);

        (await consumer.WaitAsync(timeout.Token)).Select(e => e.EventId).ShouldBe([history.EventId, live.EventId]);
    }

    [Fact]
    public async Task system_events_interleaved_in_all_never_reach_a_filtered_reader_or_subscriber()
    {
        var run = NewStream();
        var appended = new List<Guid>();
        for (var i = 0; i < 12; i++) appended.AddRange(await AppendBatch($"{run}-{i % 2}", 2));
        using var timeout = new CancellationTokenSource(Patience);

        var everything = await Store.ReadAllAsync(null, int.MaxValue).ToListAsync();
        var userStreams = await Store.ReadAllAsync(null, int.MaxValue, StreamFilter.AllUserStreams).ToListAsync();
        var subscribed = await Collect(Store.SubscribeToAllAsync(null, StreamFilter.AllUserStreams, timeout.Token), appended[^1]);

        everything.Count(e => e.StreamId.StartsWith('$')).ShouldBeGreaterThanOrEqualTo(4);
        userStreams.Select(e => e.EventId).ShouldBe(appended);
        subscribed.Select(e => e.EventId).ShouldBe(appended);
    }

    private async Task<List<Guid>> AppendBatch(string stream, int count)
    {
        var events = NewEvents(count);
        await AppendOk(stream, ExpectedRevision.Any, events);
        return [.. events.Select(e => e.EventId)];
    }

    /// <summary>Waits until a subscription is live on the double, then resets it.</summary>
    private async Task<int> DropWhenSubscribedAsync(CancellationToken cancellationToken)
    {
        while (Server.LiveSubscriptions == 0) await Task.Delay(5, cancellationToken);
        return Server.DropSubscriptions();
    }

    private static Task<List<RecordedEvent>> Collect(IAsyncEnumerable<RecordedEvent> subscription, Guid last,
        TaskCompletionSource? firstDelivered = null, int slowEvery = 0) =>
        Task.Run(async () =>
        {
            var received = new List<RecordedEvent>();
            await foreach (var e in subscription)
            {
                received.Add(e);
                firstDelivered?.TrySetResult();
                if (e.EventId == last) return received;
                if (slowEvery > 0 && received.Count % slowEvery == 0) await Task.Delay(2);
            }
            throw new ShouldAssertException($"The subscription ended after {received.Count} events, before {last}.");
        });
}
