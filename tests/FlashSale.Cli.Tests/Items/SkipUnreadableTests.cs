using System.Text;
using FlashSale.Cli.Tests.Fixtures;
using FlashSale.Contracts;
using FlashSale.Domain.Items;
using FlashSale.EventStore;
using FlashSale.EventStore.Sqlite;

namespace FlashSale.Cli.Tests.Items;

/// <summary><c>flashsale items skip-unreadable</c>: the operator's repair of an item blocked by an unreadable event.</summary>
public sealed class SkipUnreadableTests : SaleTests
{
    [Fact]
    public async Task skipping_the_unreadable_event_appends_the_marker_and_the_item_takes_orders_again()
    {
        var position = await AppendRawAsync("mug", "V1.StockReserved", "{\"quantity\": true}");
        await using (var blocked = await SaleWriter.OpenAsync(Sale.Data.EventsDb))
            await Should.ThrowAsync<FlashSale.Application.CommandPath.ItemUnreadableException>(() => blocked.PlaceOrderAsync("o-6", "mug", "erin"));

        var run = await Cli("items", "skip-unreadable", "mug", "--position", position.ToToken(), "--reason", "bad import", "--json");

        run.ExitCode.ShouldBe(ExitCodes.Ok, run.ToString());
        run.Json.GetProperty("skippedPosition").GetString().ShouldBe(position.ToToken());
        run.Json.GetProperty("type").GetString().ShouldBe("V1.StockReserved");
        run.Json.GetProperty("stillUnreadable").GetInt32().ShouldBe(0);
        var marker = (await Sale.ReadStreamAsync("mug")).Last();
        marker.Type.ShouldBe("V1.UnreadableEventSkipped");
        var skipped = ItemEventSerializer.Deserialize(marker).ShouldBeOfType<UnreadableEventSkipped>();
        skipped.Reason.ShouldBe("bad import");
        skipped.Actor.ShouldStartWith("cli:");
        await using var repaired = await SaleWriter.OpenAsync(Sale.Data.EventsDb);
        (await repaired.PlaceOrderAsync("o-7", "tshirt", "erin")).Reserved.ShouldBeTrue();
        (await repaired.PlaceOrderAsync("o-8", "mug", "frank")).RejectionReason.ShouldBe(RejectionReasons.SoldOut, "the mug is still sold out, and no longer blocked");
    }

    [Fact]
    public async Task skipping_where_no_unreadable_event_waits_is_refused_with_exit_5_and_appends_nothing()
    {
        var before = (await Sale.ReadStreamAsync("mug")).Count;

        var run = await Cli("items", "skip-unreadable", "mug", "--position", "1", "--reason", "nothing there");

        run.ExitCode.ShouldBe(ExitCodes.Refused, run.ToString());
        run.Error.ShouldContain("item.no_unreadable_event");
        (await Sale.ReadStreamAsync("mug")).Count.ShouldBe(before);
    }

    [Fact]
    public async Task audit_verify_lists_events_of_unknown_types_and_stays_clean()
    {
        var position = await AppendRawAsync("tshirt", "V2.GiftWrapped", "{\"itemId\":\"tshirt\"}");
        await Cli("items", "list");
        await Cli("orders", "show", "o-1");
        await Cli("dlq", "list");

        var run = await Cli("audit", "verify", "--json");

        run.ExitCode.ShouldBe(ExitCodes.Ok, run.ToString());
        var unread = run.Json.GetProperty("unreadEvents").EnumerateArray().ShouldHaveSingleItem();
        unread.GetProperty("kind").GetString().ShouldBe("unknown");
        unread.GetProperty("type").GetString().ShouldBe("V2.GiftWrapped");
        unread.GetProperty("streamId").GetString().ShouldBe("item-tshirt");
        unread.GetProperty("position").GetString().ShouldBe(position.ToToken());
        (await Cli("audit", "verify")).Out.ShouldContain("V2.GiftWrapped");
    }

    private async Task<LogPosition> AppendRawAsync(string itemId, string type, string data)
    {
        var last = (await Sale.ReadStreamAsync(itemId)).Last().StreamRevision;
        await using var store = await SqliteEventStore.OpenAsync(Sale.Data.EventsDb);
        var result = await store.AppendAsync(ItemStreams.For(itemId), ExpectedRevision.Exact(last),
            [new EventData(Guid.NewGuid(), type, Encoding.UTF8.GetBytes(data), ReadOnlyMemory<byte>.Empty)]);
        return result.ShouldBeOfType<AppendResult.Success>().Position;
    }
}
