using System.Diagnostics;

namespace FlashSale.EventStore.Tests.Contract;

public abstract partial class EventStoreContract
{
    [Fact]
    public async Task a_subscription_delivers_every_event_once_and_in_order_from_catch_up_into_live()
    {
        var run = NewStream();
        var streams = new[] { $"{run}-a", $"{run}-b", $"{run}-c" };
        var elsewhere = NewStream("order");
        var appended = new List<(Guid EventId, LogPosition Position)>();
        async Task Append(string stream, params EventData[] events)
        {
            var result = await AppendOk(stream, ExpectedRevision.Any, events);
            if (stream.StartsWith(run, StringComparison.Ordinal))
                appended.AddRange(events.Select((e, i) => (e.EventId, result.EventPositions[i])));
        }
        // More than a typical page, so catch-up crosses page boundaries before it reaches the live end.
        for (var i = 0; i < 30; i++)
        {
            await Append(streams[i % 3], NewEvents(50));
            await Append(elsewhere, NewEvent());
        }
        var sentinel = NewEvent("V1.Sentinel");
        using var timeout = new CancellationTokenSource(Patience);
        var firstDelivered = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

        // A consumer a little slower than the writer keeps catch-up going while the live appends land.
        var subscription = CollectUntilAsync(
            Store.SubscribeToAllAsync(null, StreamFilter.Prefixes(run), timeout.Token), sentinel.EventId, timeout.Token,
            firstDelivered, afterEach: n => n % 50 == 0 ? Task.Delay(1) : Task.CompletedTask);
        await firstDelivered.Task.WaitAsync(timeout.Token);
        for (var i = 0; i < 100; i++)
        {
            await Append(streams[i % 3], NewEvents(1 + i % 5));
            if (i % 10 == 0) await Append(elsewhere, NewEvent());
        }
        await Append(streams[0], sentinel);
        var received = await subscription;

        received.Count.ShouldBe(appended.Count);
        received.Select(e => e.EventId).ShouldBe(appended.OrderBy(a => a.Position).Select(a => a.EventId));
        received.Select(e => e.Position).ShouldBe(appended.Select(a => a.Position).Order());
        ShouldBeStrictlyIncreasing([.. received.Select(e => e.Position)]);
    }

    [Fact]
    public async Task a_subscription_from_a_checkpoint_delivers_only_later_events()
    {
        var stream = NewStream();
        var history = NewEvents(3);
        var result = await AppendOk(stream, ExpectedRevision.NoStream, history);
        using var timeout = new CancellationTokenSource(Patience);
        var firstDelivered = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var live = NewEvents(2);

        var subscription = CollectUntilAsync(
            Store.SubscribeToAllAsync(result.EventPositions[1], StreamFilter.Prefixes(stream), timeout.Token),
            live[^1].EventId, timeout.Token, firstDelivered);
        await firstDelivered.Task.WaitAsync(timeout.Token);
        await AppendOk(stream, ExpectedRevision.Exact(2), live[0]);
        await AppendOk(stream, ExpectedRevision.Exact(3), live[1]);
        var received = await subscription;

        received.Select(e => e.EventId).ShouldBe([history[2].EventId, live[0].EventId, live[1].EventId]);
        received.Select(e => e.StreamRevision).ShouldBe([2L, 3, 4]);
        received[0].Position.ShouldBe(result.EventPositions[2]);
    }

    [Fact]
    public async Task a_subscription_filter_excludes_other_streams()
    {
        var run = NewStream();
        var wanted = new List<EventData>();
        for (var i = 0; i < 5; i++)
        {
            var e = NewEvent();
            await AppendOk($"{run}-item-{i % 2}", ExpectedRevision.Any, e);
            wanted.Add(e);
            await AppendOk($"{run}-order-{i}", ExpectedRevision.NoStream, NewEvent());
            await AppendOk(NewStream("cart"), ExpectedRevision.NoStream, NewEvent());
        }
        using var timeout = new CancellationTokenSource(Patience);

        var received = await CollectUntilAsync(
            Store.SubscribeToAllAsync(null, StreamFilter.Prefixes($"{run}-item-"), timeout.Token),
            wanted[^1].EventId, timeout.Token);

        received.Select(e => e.EventId).ShouldBe(wanted.Select(e => e.EventId));
        received.ShouldAllBe(e => e.StreamId.StartsWith($"{run}-item-"));
    }

    [Fact]
    public async Task system_streams_never_pass_a_filter()
    {
        var run = NewStream();
        var system = $"${run}-audit";
        var checkpoint = await Store.ReadHeadPositionAsync();
        await AppendOk(system, ExpectedRevision.NoStream, NewEvents(3));
        var user = NewEvent();
        await AppendOk(run, ExpectedRevision.NoStream, user);
        using var timeout = new CancellationTokenSource(Patience);

        // Even a prefix that names the system stream does not let it through.
        var byPrefix = await CollectUntilAsync(
            Store.SubscribeToAllAsync(checkpoint, StreamFilter.Prefixes(system, run), timeout.Token), user.EventId, timeout.Token);
        var allUser = await CollectUntilAsync(
            Store.SubscribeToAllAsync(checkpoint, StreamFilter.AllUserStreams, timeout.Token), user.EventId, timeout.Token);

        byPrefix.ShouldHaveSingleItem().EventId.ShouldBe(user.EventId);
        allUser.ShouldNotBeEmpty();
        allUser.ShouldAllBe(e => !e.StreamId.StartsWith('$'));
        (await ReadAll(checkpoint, StreamFilter.Prefixes(system, run))).ShouldHaveSingleItem().EventId.ShouldBe(user.EventId);
        (await ReadStream(system)).Count.ShouldBe(3);
    }

    [Fact]
    public async Task cancelling_ends_a_live_subscription_promptly()
    {
        var stream = NewStream();
        var e = NewEvent();
        await AppendOk(stream, ExpectedRevision.NoStream, e);
        using var cancellation = new CancellationTokenSource();
        var caughtUp = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var delivered = 0;
        var subscription = Task.Run(async () =>
        {
            await foreach (var _ in Store.SubscribeToAllAsync(null, StreamFilter.Prefixes(stream), cancellation.Token))
            {
                delivered++;
                caughtUp.TrySetResult();
            }
        });
        await caughtUp.Task.WaitAsync(Patience);

        var clock = Stopwatch.StartNew();
        await cancellation.CancelAsync();
        try
        {
            await subscription.WaitAsync(TimeSpan.FromSeconds(5));
        }
        catch (OperationCanceledException)
        {
        }

        subscription.IsCompleted.ShouldBeTrue();
        clock.Elapsed.ShouldBeLessThan(TimeSpan.FromSeconds(5));
        delivered.ShouldBe(1);
    }
}
