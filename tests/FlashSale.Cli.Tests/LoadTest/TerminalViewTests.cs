using FlashSale.Cli.Tests.Fixtures;

namespace FlashSale.Cli.Tests.LoadTest;

public sealed class TerminalViewTests
{
    [Fact]
    public async Task on_a_terminal_the_run_draws_the_live_progress_and_the_report_as_tables()
    {
        var run = await InProcessCli.RunAsync(true, "loadtest", "--orders", "120", "--stock", "30", "--concurrency", "4");

        run.ExitCode.ShouldBe(ExitCodes.Ok, run.ToString());
        run.Out.ShouldContain("requests/s");
        run.Out.ShouldContain("p99 so far");
        run.Out.ShouldContain("Latency by outcome (ms)");
        run.Out.ShouldContain("Correctness checks");
        run.Out.ShouldContain("inventory_matches");
        run.Out.ShouldNotContain("FAILED");
    }
}
