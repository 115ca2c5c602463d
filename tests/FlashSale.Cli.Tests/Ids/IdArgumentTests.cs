using FlashSale.Cli.Tests.Fixtures;

namespace FlashSale.Cli.Tests.Ids;

/// <summary>Ids on the command line follow the API's rule: a bad one is a usage error naming the argument and the
/// rule, found before any store is opened, never "not known".</summary>
public sealed class IdArgumentTests
{
    // No event log there: a command that opened the stores would exit 4, one that looked the id up 3 or 4.
    private static readonly string Missing = Path.Combine(Path.GetTempPath(), $"flashsale-missing-{Guid.NewGuid():N}");

    private static readonly string TooLong = new('a', 129);
    private const string LookAlike = "\u0455ku-1"; // Cyrillic dze, looks like "sku-1"

    public static TheoryData<string, string[]> BadIds => new()
    {
        { "'itemId' must be at most 128 bytes (it has 129)", ["items", "show", TooLong] },
        { "'itemId' may contain only ASCII letters", ["items", "show", LookAlike] },
        { "'itemId' must not be '.' or '..'", ["items", "show", ".."] },
        { "'itemId' is required.", ["items", "show", ""] },
        { "'orderId' may contain only ASCII letters", ["orders", "show", "ord\u00e9-1"] },
        { "'--item' must not be '.' or '..'", ["orders", "show", "o-1", "--item", "."] },
        { "'--user' may contain only ASCII letters", ["orders", "list", "--user", "u 42"] },
        { "'itemId' must be at most 128 bytes", ["audit", "history", "item", TooLong] },
        { "'orderId' must not be '.' or '..'", ["audit", "history", "order", ".."] },
        { "'itemId' may contain only ASCII letters", ["audit", "asof", "item", LookAlike, "--position", "1"] },
        { "'--item' may contain only ASCII letters", ["audit", "export", "--item", "sku/1"] },
        { "'--order' is required.", ["audit", "export", "--order", ""] },
        { "'--item' must not be '.' or '..'", ["dlq", "list", "--item", ".."] },
        { "'orderId' may contain only ASCII letters", ["dlq", "retry", LookAlike] },
        { "'orderId' must be at most 128 bytes", ["dlq", "discard", TooLong, "--reason", "gone"] },
        { "'itemId' must not be '.' or '..'", ["items", "skip-unreadable", "..", "--position", "1", "--reason", "x"] },
    };

    [Theory]
    [MemberData(nameof(BadIds))]
    public async Task a_bad_id_is_a_usage_error_naming_the_argument_and_the_rule(string reason, string[] args)
    {
        var run = await InProcessCli.RunAsync(false, [.. args, "--data-dir", Missing]);

        run.ExitCode.ShouldBe(ExitCodes.Usage, run.ToString());
        run.Error.ShouldContain(reason);
        run.Error.ShouldContain("An id is 1-128 bytes of ASCII letters, digits and -_.~:@");
        run.Error.ShouldNotContain("not known");
        run.Out.ShouldBeEmpty();
    }

    [Theory]
    [MemberData(nameof(BadIds))]
    public async Task with_json_a_bad_id_is_a_usage_error_object_on_stdout(string reason, string[] args)
    {
        var run = await InProcessCli.RunAsync(false, [.. args, "--json", "--data-dir", Missing]);

        run.ExitCode.ShouldBe(ExitCodes.Usage, run.ToString());
        run.Json.GetProperty("code").GetString().ShouldBe("usage");
        run.Json.GetProperty("exitCode").GetInt32().ShouldBe(ExitCodes.Usage);
        run.Json.GetProperty("message").GetString()!.ShouldContain(reason);
    }

    [Fact]
    public async Task a_bad_id_never_opens_the_stores()
    {
        var run = await InProcessCli.RunAsync(false, "items", "show", "..", "--data-dir", Missing);

        run.ExitCode.ShouldBe(ExitCodes.Usage, run.ToString());
        Directory.Exists(Missing).ShouldBeFalse();
    }
}

/// <summary>On a real sale: the look-alike of a known item is refused as an id, a good unknown id is still unknown.</summary>
public sealed class IdArgumentOnASaleTests : SaleTests
{
    [Fact]
    public async Task a_look_alike_of_a_known_item_is_a_usage_error_and_an_unknown_good_id_is_not_found()
    {
        var lookAlike = await Cli("items", "show", "ts\u04BBirt");
        var unknown = await Cli("items", "show", "sku-404");
        var known = await Cli("items", "show", "tshirt");

        lookAlike.ExitCode.ShouldBe(ExitCodes.Usage, lookAlike.ToString());
        lookAlike.Error.ShouldContain("'itemId' may contain only ASCII letters, digits and the characters -_.~:@ (not 'U+04BB')");
        unknown.ExitCode.ShouldBe(ExitCodes.NotFound, unknown.ToString());
        unknown.Error.ShouldContain("Item 'sku-404' is not known.");
        known.ExitCode.ShouldBe(ExitCodes.Ok, known.ToString());
    }
}
