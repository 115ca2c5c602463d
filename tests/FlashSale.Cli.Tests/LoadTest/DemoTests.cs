using FlashSale.Cli.LoadTest;
using FlashSale.Cli.Tests.Fixtures;

namespace FlashSale.Cli.Tests.LoadTest;

public sealed class DemoTests
{
    [Fact]
    public async Task the_demo_lists_a_sample_sale_runs_a_crowd_and_says_where_to_look_next()
    {
        await using var api = await InProcessApi.StartAsync(CancellationToken.None);

        var run = await InProcessCli.RunAsync(false, "demo", "--url", api.Url.ToString(), "--operator-key", api.OperatorKey,
            "--callback-secret", api.CallbackSecret);

        run.ExitCode.ShouldBe(ExitCodes.Ok, run.ToString());
        run.Error.ShouldContain("Sample sale on");
        run.Out.ShouldContain("check\tresult\tdetail");
        run.Out.ShouldContain("stock_never_exceeded\tpassed");
        run.Out.ShouldNotContain("FAILED");
        run.Error.ShouldContain("flashsale dlq list");
        run.Error.ShouldContain("flashsale audit verify");
    }
}
