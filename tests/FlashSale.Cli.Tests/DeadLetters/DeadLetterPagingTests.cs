using FlashSale.Cli.Tests.Fixtures;

namespace FlashSale.Cli.Tests.DeadLetters;

public sealed class DeadLetterPagingTests : SaleTests
{
    [Fact]
    public async Task dlq_list_pages_with_limit_and_offset_and_gives_the_next_offset()
    {
        var first = await JsonOf("dlq", "list", "--limit", "1");
        var second = await JsonOf("dlq", "list", "--limit", "1", "--offset", "1");

        first.GetProperty("deadLetters").EnumerateArray().Select(d => d.GetProperty("orderId").GetString()).ShouldBe(["o-2"]);
        first.GetProperty("next").GetInt32().ShouldBe(1);
        second.GetProperty("deadLetters").EnumerateArray().Select(d => d.GetProperty("orderId").GetString()).ShouldBe(["o-3"]);
        second.GetProperty("next").ValueKind.ShouldBe(System.Text.Json.JsonValueKind.Null);
        second.GetProperty("offset").GetInt32().ShouldBe(1);
        second.GetProperty("limit").GetInt32().ShouldBe(1);
    }

    [Fact]
    public async Task dlq_list_says_on_stderr_when_rows_were_left_out_and_where_the_next_page_starts()
    {
        var cut = await Cli("dlq", "list", "--limit", "1");
        var whole = await Cli("dlq", "list");

        cut.ExitCode.ShouldBe(0, cut.ToString());
        cut.Lines.Count.ShouldBe(2);
        cut.Error.ShouldContain("more follow: --offset 1");
        whole.Lines.Count.ShouldBe(3);
        whole.Error.ShouldBeEmpty();
    }

    [Theory]
    [InlineData("'--limit' must be a whole number from 1 to 500.", "--limit", "0")]
    [InlineData("'--limit' must be a whole number from 1 to 500.", "--limit", "-5")]
    [InlineData("'--limit' must be a whole number from 1 to 500.", "--limit", "501")]
    [InlineData("'--offset' must be a whole number from 0 to", "--offset", "-1")]
    public async Task dlq_list_refuses_a_limit_outside_1_to_500_and_a_negative_offset_as_usage_errors(string reason, params string[] args)
    {
        var run = await Cli(["dlq", "list", .. args]);

        run.ExitCode.ShouldBe(ExitCodes.Usage, run.ToString());
        run.Error.ShouldContain(reason);
        run.Error.ShouldContain("Usage:");
        run.Out.ShouldBeEmpty();
    }
}
