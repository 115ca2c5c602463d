using FlashSale.Contracts;
using FlashSale.Domain.Items;
using FlashSale.EventStore.Sqlite;
using FlashSale.Subscriptions.Following;
using FlashSale.Subscriptions.Tests.Fixtures;

namespace FlashSale.Subscriptions.Tests.Following;

/// <summary>Followers of one process decode each of its own appends once between them (ADR 0026); anything else is
/// decoded from its own bytes.</summary>
public sealed class SharedDecodingTests
{
    private static readonly HashSet<string> OrdersOnly = new(StringComparer.Ordinal) { ItemEventTypes.NameOf<OrderPlaced>() };

    [Fact]
    public async Task followers_of_one_store_share_one_decode_of_its_own_appends()
    {
        // No polls: the followers learn of the appends from the store itself, which hands them what it committed.
        await using var log = await TestLog.OpenAsync(pollInterval: TimeSpan.FromHours(1));
        await log.RestockAsync("sku-1", 1); // read from the file when they subscribe; what follows, from the store's memory
        await using var projections = new RunningFollower(log.Store, new RecordingHandler(), name: "projections");
        await using var payments = new RunningFollower(log.Store, new RecordingHandler(), name: "payments");
        await using var orders = new RunningFollower(log.Store, new RecordingHandler(), new FollowerOptions { DecodeOnly = OrdersOnly }, name: "orders");
        await Task.WhenAll(projections.Follower.CaughtUp, payments.Follower.CaughtUp, orders.Follower.CaughtUp).WaitAsync(Eventually.Bound);

        var placed = new OrderPlaced("sku-1", "order-1", "alice", 1, DateTimeOffset.UnixEpoch);
        var reserved = new StockReserved("sku-1", "order-1", "alice", 1, DateTimeOffset.UnixEpoch.AddMinutes(5));
        await log.AppendAsync("sku-1", [placed, reserved]);
        await Task.WhenAll(projections.UntilHandledAsync(3), payments.UntilHandledAsync(3), orders.UntilHandledAsync(3));

        var (first, second, third) = (projections.Handler.Events.Skip(1).ToList(), payments.Handler.Events.Skip(1).ToList(),
            orders.Handler.Events.Skip(1).ToList());
        first.Select(e => e.Event).ShouldBe([placed, reserved]);
        for (var i = 0; i < 2; i++) second[i].Event.ShouldBeSameAs(first[i].Event);
        third[0].Event.ShouldBeSameAs(first[0].Event);
        third[1].Event.ShouldBeNull(); // told to decode orders only: the shared decode of the reservation does not reach it
    }

    [Fact]
    public async Task an_event_at_the_same_position_of_another_store_is_decoded_from_its_own_bytes()
    {
        await using var mine = await TestLog.OpenAsync(pollInterval: TimeSpan.FromHours(1));
        await using var other = await TestLog.OpenAsync(pollInterval: TimeSpan.FromHours(1));
        await using var following = new RunningFollower(mine.Store, new RecordingHandler());
        await using var followingOther = new RunningFollower(other.Store, new RecordingHandler());
        await Task.WhenAll(following.Follower.CaughtUp, followingOther.Follower.CaughtUp).WaitAsync(Eventually.Bound);

        var alice = new OrderPlaced("sku-1", "order-1", "alice", 1, DateTimeOffset.UnixEpoch);
        var bob = new OrderPlaced("sku-1", "order-2", "bob", 2, DateTimeOffset.UnixEpoch);
        var at = (await mine.AppendAsync("sku-1", [alice]))[0];
        await following.UntilHandledAsync(1);
        (await other.AppendAsync("sku-1", [bob]))[0].ShouldBe(at);
        await followingOther.UntilHandledAsync(1);

        following.Handler.Events.ShouldHaveSingleItem().Event.ShouldBe(alice);
        followingOther.Handler.Events.ShouldHaveSingleItem().Event.ShouldBe(bob);
    }

    [Fact]
    public async Task an_append_of_another_process_is_decoded_by_each_follower_from_what_it_read()
    {
        await using var log = await TestLog.OpenAsync();
        await using var first = new RunningFollower(log.Store, new RecordingHandler(), name: "first");
        await using var second = new RunningFollower(log.Store, new RecordingHandler(), name: "second");
        await Task.WhenAll(first.Follower.CaughtUp, second.Follower.CaughtUp).WaitAsync(Eventually.Bound);

        // Another process on the same file: the followers find its append by polling and read it each from the file.
        await using var otherProcess = await SqliteEventStore.OpenAsync(Path.Combine(log.Directory, "events.db"));
        var placed = new OrderPlaced("sku-1", "order-1", "alice", 1, DateTimeOffset.UnixEpoch);
        await TestLog.AppendAsync(otherProcess, "sku-1", [placed]);
        await Task.WhenAll(first.UntilHandledAsync(1), second.UntilHandledAsync(1));

        var (a, b) = (first.Handler.Events.ShouldHaveSingleItem(), second.Handler.Events.ShouldHaveSingleItem());
        a.Recorded.ShouldNotBeSameAs(b.Recorded);
        a.Event.ShouldBe(placed);
        b.Event.ShouldBe(placed);
        a.Event.ShouldNotBeSameAs(b.Event);
    }
}
