using FlashSale.Cli.Tests.Fixtures;

namespace FlashSale.Cli.Tests.Orders;

/// <summary>
/// o-2 is an order on two items: the sale's (tshirt, timed out) and one a second process accepted on cap before it saw
/// the first (also timed out). Commands that name only the order refuse to pick one; <c>--item</c> chooses.
/// </summary>
public sealed class ReusedOrderIdTests : SaleTests, IAsyncLifetime
{
    async Task IAsyncLifetime.InitializeAsync()
    {
        await InitializeAsync();
        // A second writer with an order index of its own that has not read the log: as another API process would.
        await using var secondProcess = await SaleWriter.OpenAsync(Sale.Data.EventsDb);
        await secondProcess.ListItemAsync("cap", 2);
        (await secondProcess.PlaceOrderAsync("o-2", "cap", "erin")).Reserved.ShouldBeTrue();
        await secondProcess.TimeOutAsync("o-2", "cap");
    }

    [Fact]
    public async Task orders_show_of_an_order_id_on_two_items_is_refused_naming_both_and_item_chooses()
    {
        var ambiguous = await Cli("orders", "show", "o-2");
        var cap = await JsonOf("orders", "show", "o-2", "--item", "cap");
        var tshirt = await JsonOf("orders", "show", "o-2", "--item", "tshirt");

        ambiguous.ExitCode.ShouldBe(ExitCodes.Refused, ambiguous.ToString());
        ambiguous.Error.ShouldContain("order.ambiguous");
        ambiguous.Error.ShouldContain("'cap'");
        ambiguous.Error.ShouldContain("'tshirt'");
        (cap.GetProperty("order").GetProperty("userId").GetString(), cap.GetProperty("order").GetProperty("status").GetString())
            .ShouldBe(("erin", "timed_out"));
        tshirt.GetProperty("order").GetProperty("userId").GetString().ShouldBe("bob");
        (await Cli("orders", "show", "o-2", "--item", "mug")).ExitCode.ShouldBe(ExitCodes.NotFound);
        (await JsonOf("orders", "show", "o-3")).GetProperty("order").GetProperty("itemId").GetString()
            .ShouldBe("tshirt", "an order id on one item needs no --item");
    }

    [Fact]
    public async Task dlq_lists_one_dead_letter_per_item_and_a_retry_without_item_appends_nothing()
    {
        var list = await JsonOf("dlq", "list", "--state", "open");
        var tshirtBefore = (await Sale.ReadStreamAsync("tshirt")).Count;
        var capBefore = (await Sale.ReadStreamAsync("cap")).Count;

        var refused = await Cli("dlq", "retry", "o-2");

        list.GetProperty("deadLetters").EnumerateArray()
            .Select(d => (d.GetProperty("orderId").GetString(), d.GetProperty("itemId").GetString()))
            .ShouldBe([("o-2", "tshirt"), ("o-3", "tshirt"), ("o-2", "cap")], ignoreOrder: true);
        refused.ExitCode.ShouldBe(ExitCodes.Refused, refused.ToString());
        refused.Error.ShouldContain("order.ambiguous");
        (await Sale.ReadStreamAsync("tshirt")).Count.ShouldBe(tshirtBefore);
        (await Sale.ReadStreamAsync("cap")).Count.ShouldBe(capBefore);
    }

    [Fact]
    public async Task dlq_retry_and_discard_with_item_decide_on_that_items_order_only()
    {
        var tshirtBefore = (await Sale.ReadStreamAsync("tshirt")).Count;

        var retried = await JsonOf("dlq", "retry", "o-2", "--item", "cap");
        var discarded = await JsonOf("dlq", "discard", "o-2", "--item", "tshirt", "--reason", "duplicate id");

        (retried.GetProperty("itemId").GetString(), retried.GetProperty("outcome").GetString()).ShouldBe(("cap", "retried"));
        (discarded.GetProperty("itemId").GetString(), discarded.GetProperty("outcome").GetString()).ShouldBe(("tshirt", "discarded"));
        (await Sale.ReadStreamAsync("cap")).TakeLast(2).Select(e => e.Type).ShouldBe(["V1.DeadLetterRetried", "V1.StockReserved"]);
        (await Sale.ReadStreamAsync("tshirt")).Skip(tshirtBefore).Select(e => e.Type).ShouldBe(["V1.DeadLetterDiscarded"]);
        (await JsonOf("orders", "show", "o-2", "--item", "cap")).GetProperty("order").GetProperty("status").GetString().ShouldBe("reserved");
        (await JsonOf("orders", "show", "o-2", "--item", "tshirt")).GetProperty("order").GetProperty("status").GetString().ShouldBe("discarded");
    }

    [Fact]
    public async Task order_history_of_an_order_id_on_two_items_needs_the_item()
    {
        var ambiguous = await Cli("audit", "history", "order", "o-2");
        var cap = await JsonOf("audit", "history", "order", "o-2", "--item", "cap");

        ambiguous.ExitCode.ShouldBe(ExitCodes.Refused, ambiguous.ToString());
        ambiguous.Error.ShouldContain("order.ambiguous");
        cap.GetProperty("steps").EnumerateArray().Select(s => s.GetProperty("type").GetString())
            .ShouldBe(["V1.OrderPlaced", "V1.StockReserved", "V1.PaymentTimedOut", "V1.StockReleased"]);
        cap.GetProperty("steps")[0].GetProperty("state").GetProperty("userId").GetString().ShouldBe("erin");
    }
}
