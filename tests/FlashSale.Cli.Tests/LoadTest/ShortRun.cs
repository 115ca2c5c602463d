using System.Text.Json;
using FlashSale.Cli.Tests.Fixtures;

namespace FlashSale.Cli.Tests.LoadTest;

/// <summary>One short load test on an API hosted in the test process: a hot item with less stock than the crowd
/// wants, repeats and confirmations on; JSON on stdout and the HTML report on disk, shared by the tests of a class.</summary>
public sealed class ShortRun : IAsyncLifetime
{
    public const int Stock = 60;
    public const int Orders = 400;

    public string ReportPath { get; } = Path.Combine(Path.GetTempPath(), $"flashsale-loadtest-{Guid.NewGuid():N}.html");

    public CliRun Run { get; private set; } = null!;

    public JsonElement Report => Run.Json;

    public async Task InitializeAsync() =>
        Run = await InProcessCli.RunAsync(false, "loadtest", "--orders", $"{Orders}", "--stock", $"{Stock}", "--per-user-limit", "3",
            "--users", "50", "--concurrency", "8", "--repeat-share", "0.2", "--confirm-rate", "0.5", "--json", "--report", ReportPath);

    public Task DisposeAsync()
    {
        File.Delete(ReportPath);
        return Task.CompletedTask;
    }
}
