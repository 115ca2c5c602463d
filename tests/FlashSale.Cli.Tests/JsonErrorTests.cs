using FlashSale.Cli.Tests.Fixtures;

namespace FlashSale.Cli.Tests;

/// <summary>With --json a failure is one JSON object on stdout too (code, message, exitCode); the exit code and the
/// stderr line stay what they are without it.</summary>
public sealed class JsonErrorTests : SaleTests
{
    [Theory]
    [InlineData(ExitCodes.NotFound, "not_found", "Order 'o-404' is not known.", "orders", "show", "o-404")]
    [InlineData(ExitCodes.Refused, "order.not_dead_lettered", "order.not_dead_lettered", "dlq", "retry", "o-1")]
    [InlineData(ExitCodes.Usage, "usage", "'--limit' must be a whole number from 1 to 500.", "dlq", "list", "--limit", "0")]
    [InlineData(ExitCodes.Usage, "usage", "Unrecognized command or argument 'frobnicate'", "frobnicate")]
    public async Task a_failure_with_json_is_one_object_on_stdout_with_the_same_exit_code(int exitCode, string code, string message, params string[] args)
    {
        var run = await Cli([.. args, "--json"]);

        run.ExitCode.ShouldBe(exitCode, run.ToString());
        run.Json.GetProperty("code").GetString().ShouldBe(code);
        run.Json.GetProperty("message").GetString()!.ShouldContain(message);
        run.Json.GetProperty("exitCode").GetInt32().ShouldBe(exitCode);
        run.Error.ShouldContain(message);
    }

    [Fact]
    public async Task a_configuration_error_with_json_is_json_on_stdout()
    {
        var missing = Path.Combine(Path.GetTempPath(), $"flashsale-missing-{Guid.NewGuid():N}");

        var run = await InProcessCli.RunAsync(false, "items", "list", "--json", "--data-dir", missing);

        run.ExitCode.ShouldBe(ExitCodes.Configuration, run.ToString());
        run.Json.GetProperty("code").GetString().ShouldBe("configuration");
        run.Json.GetProperty("message").GetString()!.ShouldContain("Storage:DataDirectory");
    }
}
