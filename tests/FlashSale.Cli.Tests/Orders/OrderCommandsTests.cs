using FlashSale.Cli.Tests.Fixtures;

namespace FlashSale.Cli.Tests.Orders;

public sealed class OrderCommandsTests : SaleTests
{
    [Fact]
    public async Task orders_show_prints_the_status_and_its_transitions()
    {
        var run = await Cli("orders", "show", "o-1");

        run.ExitCode.ShouldBe(0, run.ToString());
        run.Lines.ShouldContain("status: confirmed");
        run.Lines.ShouldContain("payment reference: pay-o-1");
        run.Lines.ShouldContain("quantity: 2");
    }

    [Fact]
    public async Task orders_show_json_carries_the_rejection_reason()
    {
        var json = await JsonOf("orders", "show", "o-5");

        json.GetProperty("order").GetProperty("status").GetString().ShouldBe("rejected");
        json.GetProperty("order").GetProperty("reason").GetString().ShouldBe("sold_out");
    }

    [Fact]
    public async Task orders_list_shows_a_users_orders_oldest_first()
    {
        var json = await JsonOf("orders", "list", "--user", "alice");

        json.GetProperty("orders").EnumerateArray().Select(o => o.GetProperty("orderId").GetString()).ShouldBe(["o-1", "o-4"]);
    }

    [Fact]
    public async Task an_unknown_order_exits_3()
    {
        var run = await Cli("orders", "show", "o-404");

        run.ExitCode.ShouldBe(ExitCodes.NotFound);
        run.Error.ShouldContain("Order 'o-404' is not known.");
    }
}
