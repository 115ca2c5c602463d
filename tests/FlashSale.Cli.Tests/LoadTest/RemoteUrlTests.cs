using FlashSale.Cli.Tests.Fixtures;

namespace FlashSale.Cli.Tests.LoadTest;

public sealed class RemoteUrlTests
{
    [Theory]
    [InlineData("http://example.com:5080")]
    [InlineData("http://10.1.2.3:5080")]
    public async Task a_url_that_is_not_loopback_is_refused_without_allow_remote(string url)
    {
        var run = await InProcessCli.RunAsync(false, "loadtest", "--url", url, "--operator-key", "key-0123456789");

        run.ExitCode.ShouldBe(ExitCodes.Usage, run.ToString());
        run.Error.ShouldContain("--allow-remote");
        run.Out.ShouldBeEmpty();
    }

    [Theory]
    [InlineData("http://127.0.0.1:5080/", true)]
    [InlineData("http://localhost:5080/", true)]
    [InlineData("http://[::1]:5080/", true)]
    [InlineData("http://192.168.1.10:5080/", false)]
    public void loopback_is_recognised(string url, bool loopback) =>
        FlashSale.LoadTest.LoadTestOptions.IsLoopback(new Uri(url)).ShouldBe(loopback);
}
