using FlashSale.Domain.Items;
using FlashSale.EventStore.Logging;
using Microsoft.Extensions.Logging;
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
    [InlineData("UPDATE snapshot_entries SET data = x'7b7b' WHERE key LIKE 'o:%'", "cannot be read")]
    [InlineData("UPDATE snapshot_entries SET data = substr(data, 1, length(data) - 5) WHERE key = 'o:0'", "does not match its checksum")]
    [InlineData("flip o:0", "does not match its checksum")]
    [InlineData("flip u:0", "does not match its checksum")]
    [InlineData("DELETE FROM snapshot_entries WHERE key = 'u:0'", "has no entry 'u:0'")]
    [InlineData("UPDATE snapshots SET header = substr(header, 2)", "'header' does not match its checksum")]
    [InlineData("UPDATE snapshot_entries SET key = 'x:' || key", "cannot be read")]
    [InlineData("UPDATE snapshots SET schema = 'item-state.3;written-by-a-newer-version'", "schema")]
    [InlineData("UPDATE snapshots SET schema = 'item-state.1;c0ffee'", "schema is item-state.1")]
    [InlineData("UPDATE snapshots SET event_id = zeroblob(16)", "another event")]
    [InlineData("UPDATE snapshots SET revision = revision + 1000", "another event")]
    public async Task a_damaged_newer_older_or_stale_snapshot_is_not_used_the_stream_is_replayed_with_a_warning_and_answers_do_not_change(
        string damage, string why)
    {
        await using var item = await new RestartableItem(every: 10).StartAsync();
        await SellAsync(item);
        var before = await AnswersAsync(item);
        await item.RestartAsync();
        (await AnswersAsync(item)).ShouldBe(before);
        var events = item.Writer.LastLoad!.SnapshotRevision!.Value + item.Writer.LastLoad.EventsFolded + 1;
        NotUsedLines(item).ShouldBeEmpty();

        if (damage.StartsWith("flip ", StringComparison.Ordinal)) await item.FlipBitAsync(damage["flip ".Length..]);
        else await item.ExecuteOnSnapshotsAsync(damage);
        await item.RestartAsync();
        var after = await AnswersAsync(item);

        var load = item.Writer.LastLoad.ShouldNotBeNull();
        load.SnapshotRevision.ShouldBeNull();
        load.WhyNoSnapshot.ShouldNotBeNull().ShouldContain(why);
        load.EventsFolded.ShouldBe(events);
        after.ShouldBe(before);
        var line = NotUsedLines(item).ShouldHaveSingleItem();
        line.Level.ShouldBe(LogLevel.Warning);
        (line.Fields["Stream"], line.Fields["Reason"]).ShouldBe(("item-lamp", load.WhyNoSnapshot));
        line.Message.ShouldContain("item-lamp");
    }

    [Fact]
    public async Task an_item_without_a_snapshot_is_replayed_without_a_warning()
    {
        await using var item = await new RestartableItem(every: 10).StartAsync();
        await SellAsync(item);
        await item.ExecuteOnSnapshotsAsync("DELETE FROM snapshots");
        await item.RestartAsync();
        await AnswersAsync(item);

        item.Writer.LastLoad.ShouldNotBeNull().WhyNoSnapshot.ShouldBe("no snapshot");
        NotUsedLines(item).ShouldBeEmpty();
    }

    /// <summary>A snapshot written in the first format (one JSON row per order) is not used: the item is replayed and its next
    /// snapshot replaces every row with chunks.</summary>
    [Fact]
    public async Task a_snapshot_of_the_first_format_is_replayed_over_and_replaced_by_chunks()
    {
        await using var item = await new RestartableItem(every: 10).StartAsync();
        await SellAsync(item);
        await item.RestartAsync();
        await item.ExecuteOnSnapshotsAsync("UPDATE snapshots SET schema = 'item-state.1;c0ffee'; " +
            "INSERT INTO snapshot_entries (stream_id, key, data) VALUES ('item-lamp', 'o:o-1', x'7b7d')");
        await item.RestartAsync();
        for (var i = 0; i < 12; i++) await item.SendAsync(new PlaceOrder("lamp", $"o-more-{i}", $"more-{i}", 1, Start.AddMinutes(2)));

        await item.RestartAsync();
        await AnswersAsync(item);

        item.Writer.LastLoad.ShouldNotBeNull().WhyNoSnapshot.ShouldBeNull();
        NotUsedLines(item).Count().ShouldBe(1);
        (await item.EntryKeysAsync()).ShouldBe(["header: item-state.2", "o:0", "u:0", "r:0"], ignoreOrder: true);
    }

    private static IEnumerable<(LogLevel Level, string Event, string Message, IReadOnlyDictionary<string, object?> Fields)> NotUsedLines(
        RestartableItem item) => item.Log.Lines.Where(l => l.Event == LogEvents.SnapshotNotUsed);

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
