using FlashSale.Application.CommandPath.Snapshots;
using FlashSale.Domain;
using FlashSale.Domain.Items;
using static FlashSale.Application.Tests.CommandPath.Snapshots.SnapshotHistories;

namespace FlashSale.Application.Tests.CommandPath.Snapshots;

/// <summary>The binary snapshot format (ADR 0022): an item read back from its snapshot is the item the events fold to, and
/// decides the next commands the same.</summary>
public sealed class SnapshotFormatTests
{
    [Theory]
    [MemberData(nameof(Seeds))]
    public void an_item_read_from_its_snapshot_is_the_replayed_item_and_answers_the_next_commands_the_same(int seed)
    {
        var history = new SnapshotHistories(seed).List().Decide(300);

        var read = ItemSnapshot.Read(Stored(history.Write(basedOn: null)));

        Describe(read.State).ShouldBe(Describe(history.State));
        Describe(read.OrderPositions).ShouldBe(Describe(history.OrderPositions));
        Describe(read.RestockPositions).ShouldBe(Describe(history.RestockPositions));
        read.Revision.ShouldBe(history.Events.Count - 1);
        var (replayed, loaded) = (history.State, (ItemState)read.State);
        var next = new SnapshotHistories(seed + 1000);
        for (var step = 300; step < 400; step++)
        {
            var command = next.NextCommand(step);
            var (expected, actual) = (Answer(command, replayed), Answer(command, loaded));
            actual.Answer.ShouldBe(expected.Answer, $"step {step}: {command}");
            (replayed, loaded) = (expected.State, actual.State);
        }
        Describe(loaded).ShouldBe(Describe(replayed));
    }

    [Theory]
    [MemberData(nameof(Seeds))]
    public void incremental_snapshots_written_on_top_of_a_whole_one_read_as_the_replayed_item(int seed)
    {
        var history = new SnapshotHistories(seed).List().Decide(120);
        var stored = Stored(history.Write(basedOn: null));
        for (var write = 1; write <= 3; write++)
        {
            history.Decide(60, from: 60 + write * 60);
            stored = Stored(history.Write(basedOn: stored.Revision), onto: stored);
        }

        var read = ItemSnapshot.Read(stored);

        Describe(read.State).ShouldBe(Describe(history.State));
        Describe(read.OrderPositions).ShouldBe(Describe(history.OrderPositions));
        Describe(read.RestockPositions).ShouldBe(Describe(history.RestockPositions));
    }

    [Theory]
    [InlineData(0, new string[0])]
    [InlineData(1, new[] { "o:0", "u:0" })]
    [InlineData(2047, new[] { "o:0", "u:0" })]
    [InlineData(2048, new[] { "o:0", "u:0" })]
    [InlineData(2049, new[] { "o:0", "o:1", "u:0", "u:1" })]
    public void orders_and_buyers_are_written_in_chunks_of_2048_and_read_back_whole(int orders, string[] keys)
    {
        var history = new SnapshotHistories(1).List(stock: 10_000);
        for (var i = 0; i < orders; i++) history.Apply(new PlaceOrder("lamp", $"o-{i}", $"u-{i}", 1, Start.AddSeconds(10)));

        var write = history.Write(basedOn: null);
        var read = ItemSnapshot.Read(Stored(write));

        write.Entries.Select(e => e.Key).Order(StringComparer.Ordinal).ShouldBe(keys);
        read.State.ShouldBeOfType<Listed>().Orders.Count.ShouldBe(orders);
        Describe(read.State).ShouldBe(Describe(history.State));
        Describe(read.OrderPositions).ShouldBe(Describe(history.OrderPositions));
    }

    [Fact]
    public void an_incremental_snapshot_rewrites_only_the_chunks_whose_orders_buyers_or_restocks_changed()
    {
        var history = new SnapshotHistories(1).List(stock: 10_000);
        for (var i = 0; i < 5_000; i++) history.Apply(new PlaceOrder("lamp", $"o-{i}", $"u-{i}", 1, Start.AddSeconds(10)));
        var stored = Stored(history.Write(basedOn: null));
        stored.Entries.Count.ShouldBe(6);

        history.Apply(new ConfirmPayment("lamp", "o-5", "psp-5", Start.AddSeconds(20))).ShouldNotBeEmpty();
        history.Apply(new PlaceOrder("lamp", "o-new", "u-10", 1, Start.AddSeconds(21))).ShouldNotBeEmpty();
        history.Apply(new RestockItem("lamp", 5, "found", Start.AddSeconds(22), "op-1")).ShouldNotBeEmpty();
        var write = history.Write(basedOn: stored.Revision);

        // o-5 is in the first chunk, o-new in the third (slot 5,000), u-10 in the first buyer chunk; op-1 starts the restocks.
        write.Entries.Select(e => e.Key).Order(StringComparer.Ordinal).ShouldBe(["o:0", "o:2", "r:0", "u:0"]);
        Describe(ItemSnapshot.Read(Stored(write, onto: stored)).State).ShouldBe(Describe(history.State));
    }

    public static TheoryData<int> Seeds() => [.. Enumerable.Range(1, 25)];

    private static (string Answer, ItemState State) Answer(ItemCommand command, ItemState state)
    {
        try
        {
            var events = ItemDecider.Decide(command, state);
            return (string.Join(';', events.Select(e => e.ToString())), events.Aggregate(state, ItemDecider.Evolve));
        }
        catch (DomainException refused)
        {
            return (refused.Code, state);
        }
    }
}
