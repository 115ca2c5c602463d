using FlashSale.Cli.Tests.Fixtures;

namespace FlashSale.Cli.Tests;

/// <summary>Bad arguments never reach the stores: exit 2, the reason and the command's usage on stderr.</summary>
public sealed class BadInputTests
{
    [Theory]
    [InlineData("Unrecognized command or argument 'frobnicate'", "frobnicate")]
    [InlineData("Argument 'stale' not recognized. Must be one of:", "dlq", "list", "--state", "stale")]
    [InlineData("'abc' is not a log position token", "audit", "asof", "item", "tshirt", "--position", "abc")]
    [InlineData("'yesterday' is not an ISO 8601 time", "audit", "asof", "order", "o-1", "--time", "yesterday")]
    [InlineData("Give --position <token> or --time <ISO>", "audit", "asof", "item", "tshirt")]
    [InlineData("Give --item or --order, not both.", "audit", "export", "--item", "a", "--order", "b")]
    [InlineData("Argument 'csvx' not recognized", "audit", "export", "--format", "csvx")]
    [InlineData("Argument 'stock' not recognized", "projections", "rebuild", "stock")]
    [InlineData("Option '--user' is required.", "orders", "list")]
    [InlineData("Required command was not provided.", "dlq")]
    public async Task bad_arguments_exit_2_with_the_reason_and_usage_on_stderr(string reason, params string[] args)
    {
        var run = await InProcessCli.RunAsync(false, [.. args, "--data-dir", "/nonexistent/flashsale"]);

        run.ExitCode.ShouldBe(ExitCodes.Usage, run.ToString());
        run.Error.ShouldContain(reason);
        run.Error.ShouldContain("Usage:");
        run.Out.ShouldBeEmpty();
    }

    [Fact]
    public async Task a_data_directory_without_an_event_log_is_a_configuration_error_naming_the_key()
    {
        var missing = Path.Combine(Path.GetTempPath(), $"flashsale-missing-{Guid.NewGuid():N}");

        var run = await InProcessCli.RunAsync(false, "items", "list", "--data-dir", missing);

        run.ExitCode.ShouldBe(ExitCodes.Configuration, run.ToString());
        run.Error.ShouldContain("Storage:DataDirectory");
        Directory.Exists(missing).ShouldBeFalse();
    }

    [Fact]
    public async Task help_goes_to_stdout_and_exits_0()
    {
        var run = await InProcessCli.RunAsync(false, "audit", "--help");

        run.ExitCode.ShouldBe(0);
        run.Out.ShouldContain("verify");
        run.Out.ShouldContain("export");
    }
}
