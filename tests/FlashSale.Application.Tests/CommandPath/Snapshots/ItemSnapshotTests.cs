using FlashSale.Domain.Items;
using static FlashSale.Application.Tests.CommandPath.Snapshots.RestartableItem;

namespace FlashSale.Application.Tests.CommandPath.Snapshots;

/// <summary>A restarted writer starts from the item's last snapshot and answers exactly as the writer before it did.</summary>
public sealed class ItemSnapshotTests
{
    private static readonly ItemCommand[] Repeats =
    [
        new PlaceOrder("lamp", "o-0", "alice", 1, Start.AddHours(1)),
        new PlaceOrder("lamp", "o-5", "user-5", 1, Start.AddHours(1)),
        new PlaceOrder("lamp", "o-limit", "alice", 1, Start.AddHours(1)),
        new PlaceOrder("lamp", "o-early", "bob", 1, Start.AddHours(1)),
        new RestockItem("lamp", 5, "found", Start.AddHours(1), "op-1"),
        new ConfirmPayment("lamp", "o-0", "psp-0", Start.AddHours(1)),
        new TimeOutPayment("lamp", "o-7", TimeoutCauses.GatewayTimeout, Start.AddHours(1)),
        new DiscardDeadLetter("lamp", "o-7", "gone", "operator", Start.AddHours(1)),
        new PlaceOrder("lamp", "o-0", "mallory", 1, Start.AddHours(1)),
    ];

    [Fact]
    public async Task a_restarted_writer_loads_the_last_snapshot_folds_only_what_follows_and_answers_repeats_as_before()
    {
        await using var item = await new RestartableItem(every: 10).StartAsync();
        await SellAsync(item);
        var before = await AnswersAsync(item);

        await item.RestartAsync();
        var after = await AnswersAsync(item);

        var load = item.Writer.LastLoad.ShouldNotBeNull();
        load.WhyNoSnapshot.ShouldBeNull();
        load.SnapshotRevision.ShouldNotBeNull().ShouldBeGreaterThanOrEqualTo(60);
        load.EventsFolded.ShouldBeLessThan(12);
        after.ShouldBe(before);
        (await item.AnswerAsync(new PlaceOrder("lamp", "o-new", "alice", 1, Start.AddMinutes(2)))).ShouldStartWith("OrderPlaced");
    }

    [Theory]
    [InlineData("DELETE FROM snapshots", "no snapshot")]
    [InlineData("UPDATE snapshot_entries SET data = x'7b7b' WHERE key LIKE 'o:%'", "cannot be read")]
    [InlineData("UPDATE snapshot_entries SET key = 'x:' || key", "cannot be read")]
    [InlineData("UPDATE snapshots SET schema = 'item-state.2;written-by-a-newer-version'", "schema")]
    [InlineData("UPDATE snapshots SET event_id = zeroblob(16)", "another event")]
    [InlineData("UPDATE snapshots SET revision = revision + 1000", "another event")]
    public async Task a_missing_corrupt_newer_or_stale_snapshot_is_not_used_the_stream_is_replayed_and_answers_do_not_change(
        string damage, string why)
    {
        await using var item = await new RestartableItem(every: 10).StartAsync();
        await SellAsync(item);
        var before = await AnswersAsync(item);
        await item.RestartAsync();
        (await AnswersAsync(item)).ShouldBe(before);
        var events = item.Writer.LastLoad!.SnapshotRevision!.Value + item.Writer.LastLoad.EventsFolded + 1;

        await item.ExecuteOnSnapshotsAsync(damage);
        await item.RestartAsync();
        var after = await AnswersAsync(item);

        var load = item.Writer.LastLoad.ShouldNotBeNull();
        load.SnapshotRevision.ShouldBeNull();
        load.WhyNoSnapshot.ShouldNotBeNull().ShouldContain(why);
        load.EventsFolded.ShouldBe(events);
        after.ShouldBe(before);
    }

    /// <summary>Reservations, a payment, a restock with an operation id, rejections of each kind, a dead letter discarded.</summary>
    private static async Task SellAsync(RestartableItem item)
    {
        await item.SendAsync(new ListItem("lamp", "Lamp", 100, 2, Start.AddSeconds(10), null, 600, Start));
        await item.SendAsync(new PlaceOrder("lamp", "o-early", "bob", 1, Start));
        await item.SendAsync(new PlaceOrder("lamp", "o-0", "alice", 1, Start.AddSeconds(10)));
        await item.SendAsync(new RestockItem("lamp", 5, "found", Start.AddSeconds(11), "op-1"));
        await item.SendAsync(new ConfirmPayment("lamp", "o-0", "psp-0", Start.AddSeconds(12)));
        await item.SendAsync(new PlaceOrder("lamp", "o-1", "alice", 1, Start.AddSeconds(13)));
        await item.SendAsync(new PlaceOrder("lamp", "o-limit", "alice", 1, Start.AddSeconds(14)));
        for (var i = 2; i <= 30; i++) await item.SendAsync(new PlaceOrder("lamp", $"o-{i}", $"user-{i}", 1, Start.AddSeconds(20 + i)));
        await item.SendAsync(new TimeOutPayment("lamp", "o-7", TimeoutCauses.GatewayTimeout, Start.AddSeconds(60)));
        await item.SendAsync(new DiscardDeadLetter("lamp", "o-7", "gone", "operator", Start.AddSeconds(61)));
    }

    private static async Task<List<string>> AnswersAsync(RestartableItem item)
    {
        var answers = new List<string>();
        foreach (var command in Repeats) answers.Add(await item.AnswerAsync(command));
        return answers;
    }
}
