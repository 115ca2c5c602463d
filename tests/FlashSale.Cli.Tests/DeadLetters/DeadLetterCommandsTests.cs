using System.Text.Json;
using FlashSale.Cli.Tests.Fixtures;

namespace FlashSale.Cli.Tests.DeadLetters;

public sealed class DeadLetterCommandsTests : SaleTests
{
    [Fact]
    public async Task dlq_list_shows_the_open_dead_letters_oldest_first()
    {
        var run = await Cli("dlq", "list", "--state", "open");

        run.ExitCode.ShouldBe(0, run.ToString());
        run.Lines.Skip(1).Select(l => l.Split('\t')[0]).ShouldBe(["o-2", "o-3"]);
        run.Lines[1].Split('\t')[..4].ShouldBe(["o-2", "tshirt", "open", "gateway_timeout"]);
    }

    [Fact]
    public async Task dlq_list_filters_by_item_and_state()
    {
        (await JsonOf("dlq", "list", "--item", "mug")).GetProperty("deadLetters").GetArrayLength().ShouldBe(0);
        (await JsonOf("dlq", "list", "--state", "discarded")).GetProperty("deadLetters").GetArrayLength().ShouldBe(0);
        (await JsonOf("dlq", "list", "--item", "tshirt")).GetProperty("deadLetters").GetArrayLength().ShouldBe(2);
    }

    [Fact]
    public async Task dlq_retry_reserves_the_order_again_and_appends_it_to_the_items_stream()
    {
        var before = (await Sale.ReadStreamAsync("tshirt")).Count;

        var run = await Cli("dlq", "retry", "o-2", "--json");

        run.ExitCode.ShouldBe(0, run.ToString());
        run.Json.GetProperty("outcome").GetString().ShouldBe("retried");
        run.Json.GetProperty("retry").GetInt32().ShouldBe(1);
        var appended = (await Sale.ReadStreamAsync("tshirt")).Skip(before).ToList();
        appended.Select(e => e.Type).ShouldBe(["V1.DeadLetterRetried", "V1.StockReserved"]);
        Data(appended[0]).GetProperty("actor").GetString()!.ShouldStartWith("cli:");
        run.Json.GetProperty("position").GetString().ShouldBe(appended[1].Position.ToToken());
        var list = await JsonOf("dlq", "list", "--state", "retried");
        list.GetProperty("deadLetters").EnumerateArray().Select(d => d.GetProperty("orderId").GetString()).ShouldBe(["o-2"]);
    }

    [Fact]
    public async Task dlq_discard_closes_the_order_with_the_reason_given()
    {
        var before = (await Sale.ReadStreamAsync("tshirt")).Count;

        var run = await Cli("dlq", "discard", "o-3", "--reason", "customer gave up");

        run.ExitCode.ShouldBe(0, run.ToString());
        run.Lines.ShouldContain("outcome: discarded");
        run.Lines.ShouldContain("reason: customer gave up");
        var appended = (await Sale.ReadStreamAsync("tshirt")).Skip(before).ToList();
        appended.Select(e => e.Type).ShouldBe(["V1.DeadLetterDiscarded"]);
        Data(appended[0]).GetProperty("reason").GetString().ShouldBe("customer gave up");
        (await JsonOf("orders", "show", "o-3")).GetProperty("order").GetProperty("status").GetString().ShouldBe("discarded");
        (await JsonOf("dlq", "list", "--state", "open")).GetProperty("deadLetters").GetArrayLength().ShouldBe(1);
    }

    [Fact]
    public async Task retrying_an_order_that_is_not_dead_lettered_is_refused_and_appends_nothing()
    {
        var before = (await Sale.ReadStreamAsync("tshirt")).Count;

        var run = await Cli("dlq", "retry", "o-1");

        run.ExitCode.ShouldBe(ExitCodes.Refused, run.ToString());
        run.Error.ShouldContain("order.not_dead_lettered");
        (await Sale.ReadStreamAsync("tshirt")).Count.ShouldBe(before);
    }

    [Fact]
    public async Task retrying_an_unknown_order_exits_3()
    {
        var run = await Cli("dlq", "discard", "o-404");

        run.ExitCode.ShouldBe(ExitCodes.NotFound, run.ToString());
        run.Error.ShouldContain("Order 'o-404' is not known.");
    }

    private static JsonElement Data(FlashSale.EventStore.RecordedEvent recorded) => JsonDocument.Parse(recorded.Data).RootElement;
}
