using FlashSale.Cli.Tests.Fixtures;
using FlashSale.ReadModels.Queries;

namespace FlashSale.Cli.Tests.Paging;

/// <summary>The list commands page by the query API's rules (<see cref="PageRequest"/>: --limit 1-500, 100 by default)
/// and say it in the API's words; a history, streamed, takes larger pages.</summary>
public sealed class ListPageRulesTests : SaleTests
{
    public static TheoryData<string[]> Lists => new()
    {
        { ["items", "list"] },
        { ["orders", "list", "--user", "alice"] },
        { ["dlq", "list"] },
    };

    [Theory]
    [MemberData(nameof(Lists))]
    public async Task a_list_refuses_a_limit_above_500_as_a_usage_error_in_the_query_apis_words(string[] list)
    {
        var run = await Cli([.. list, "--limit", "501"]);

        run.ExitCode.ShouldBe(ExitCodes.Usage, run.ToString());
        run.Error.ShouldContain(PageRequest.LimitProblem("--limit", 501)!);
        run.Error.ShouldContain("'--limit' must be a whole number from 1 to 500.");
        run.Out.ShouldBeEmpty();
    }

    [Theory]
    [MemberData(nameof(Lists))]
    public async Task a_list_takes_a_limit_of_500_and_pages_by_100_when_none_is_given(string[] list)
    {
        var largest = await JsonOf([.. list, "--limit", "500"]);
        var byDefault = await JsonOf(list);

        largest.GetProperty("limit").GetInt32().ShouldBe(500);
        byDefault.GetProperty("limit").GetInt32().ShouldBe(PageRequest.DefaultLimit);
        byDefault.GetProperty("offset").GetInt32().ShouldBe(0);
    }

    [Fact]
    public async Task items_list_pages_with_offset_and_says_where_the_next_page_starts()
    {
        var first = await JsonOf("items", "list", "--limit", "1");
        var second = await JsonOf("items", "list", "--limit", "1", "--offset", "1");
        var cut = await Cli("items", "list", "--limit", "1");

        first.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("itemId").GetString()).ShouldBe(["mug"]);
        first.GetProperty("next").GetInt32().ShouldBe(1);
        second.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("itemId").GetString()).ShouldBe(["tshirt"]);
        second.GetProperty("next").ValueKind.ShouldBe(System.Text.Json.JsonValueKind.Null);
        cut.Lines.Count.ShouldBe(2);
        cut.Error.ShouldContain("more follow: --offset 1");
    }

    [Fact]
    public async Task orders_list_pages_with_offset()
    {
        var second = await JsonOf("orders", "list", "--user", "alice", "--limit", "1", "--offset", "1");

        second.GetProperty("orders").EnumerateArray().Select(o => o.GetProperty("orderId").GetString()).ShouldBe(["o-4"]);
        second.GetProperty("offset").GetInt32().ShouldBe(1);
    }

    [Fact]
    public async Task a_history_takes_pages_above_500_up_to_100000()
    {
        var large = await Cli("audit", "history", "item", "tshirt", "--limit", "100000");
        var tooLarge = await Cli("audit", "history", "item", "tshirt", "--limit", "100001");

        large.ExitCode.ShouldBe(0, large.ToString());
        tooLarge.ExitCode.ShouldBe(ExitCodes.Usage, tooLarge.ToString());
        tooLarge.Error.ShouldContain("'--limit' must be a whole number from 1 to 100000.");
    }
}
