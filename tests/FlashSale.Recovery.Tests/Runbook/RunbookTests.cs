using System.Diagnostics;
using System.Text.RegularExpressions;
using FlashSale.EventStore.EventStoreDb.TestDouble;
using FlashSale.Recovery.Tests.Fixtures;
using Xunit.Abstractions;

namespace FlashSale.Recovery.Tests.Runbook;

/// <summary>RUNBOOK.md's blocks marked <c>bash runbook</c>, run in document order by bash with the real CLI as
/// <c>flashsale</c>, against a temporary data directory holding <see cref="SampleSale"/> and the EventStoreDB double.</summary>
[Collection(ProcessCollection.Name)]
public sealed partial class RunbookTests(ITestOutputHelper output) : IAsyncLifetime
{
    private readonly TempDirectory _work = new TempDirectory().Create();
    private EventStoreDbDouble _eventStoreDb = null!;

    public async Task InitializeAsync()
    {
        _eventStoreDb = await EventStoreDbDouble.StartAsync();
        await SampleSale.WriteAsync(Path.Combine(_work.Path, "data", "events.db"));
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
    }

    public static IReadOnlyList<string> RunnableBlocks() =>
        [.. RunnableBlock().Matches(File.ReadAllText(Path.Combine(Repository.Root, "RUNBOOK.md"))).Select(m => m.Groups["body"].Value)];

    [Fact]
    public void the_runbook_has_runnable_blocks_for_its_cli_procedures()
    {
        var all = string.Join('\n', RunnableBlocks());
        foreach (var command in new[] { "flashsale backup", "flashsale restore", "flashsale projections rebuild", "flashsale dlq retry",
                     "flashsale export-log", "flashsale import-log", "flashsale audit verify" })
            all.ShouldContain(command);
    }

    [Fact]
    public async Task every_runnable_block_of_the_runbook_succeeds_in_order()
    {
        var blocks = RunnableBlocks();
        blocks.Count.ShouldBeGreaterThanOrEqualTo(6);
        for (var i = 0; i < blocks.Count; i++)
        {
            var (exitCode, text) = await BashAsync(blocks[i]);
            output.WriteLine($"--- block {i + 1} (exit {exitCode})\n{blocks[i]}\n{text}");
            exitCode.ShouldBe(0, $"RUNBOOK.md runnable block {i + 1} failed:\n{blocks[i]}\n{text}");
        }
    }

    private async Task<(int ExitCode, string Output)> BashAsync(string script)
    {
        var start = new ProcessStartInfo("bash") { RedirectStandardInput = true, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false, WorkingDirectory = _work.Path };
        start.Environment["DATA"] = start.Environment["Storage__DataDirectory"] = Path.Combine(_work.Path, "data");
        start.Environment["BACKUPS"] = Path.Combine(_work.Path, "backups");
        start.Environment["RESTORED"] = Path.Combine(_work.Path, "restored");
        start.Environment["ESDB"] = _eventStoreDb.ConnectionString;
        start.Environment.Remove("EventStore__Provider");
        using var process = Process.Start(start)!;
        // `flashsale` is the built CLI, as an installed one would be on PATH.
        await process.StandardInput.WriteAsync($"set -euo pipefail\nflashsale() {{ dotnet '{Repository.CliAssembly}' \"$@\"; }}\n{script}");
        process.StandardInput.Close();
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(5));
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, await stdout + await stderr);
    }

    [GeneratedRegex(@"^```bash runbook\n(?<body>.*?)^```", RegexOptions.Multiline | RegexOptions.Singleline)]
    private static partial Regex RunnableBlock();

    public async Task DisposeAsync()
    {
        await _eventStoreDb.DisposeAsync();
        _work.Dispose();
    }
}
