using System.CommandLine;
using FlashSale.Cli.Output;
using FlashSale.LoadTest;

namespace FlashSale.Cli.LoadTest;

/// <summary><c>flashsale demo</c>: a newcomer's first look. Lists a small sample sale on the running API, sends a
/// short crowd at it, shows the report and the commands to look at what happened.</summary>
public static class DemoCommand
{
    public const string DefaultUrl = "http://127.0.0.1:5080";

    public static Command Create(CliContext cli)
    {
        var options = new CrowdOptions();
        var command = new Command("demo",
            $"After starting the API ({DefaultUrl} unless --url): list a sample sale, send a crowd at it for a few seconds, show the report.");
        // Only the target options: the crowd is fixed (the plan's other values are set below, not parsed).
        foreach (var option in options.Target) command.Options.Add(option);
        LoadTestDriver.SetAction(command, cli, (parsed, output, ct) =>
        {
            var plan = LoadTestPlan.From(options, parsed, cli, DefaultUrl);
            plan = plan with
            {
                Options = plan.Options with
                {
                    Items = 3, Stock = 40, PerUserLimit = 2, Duration = TimeSpan.FromSeconds(5), Concurrency = 16, Users = 2_000,
                    Popularity = Popularity.Zipf, ZipfS = 1.1, RepeatShare = 0.05, Orders = null, VerifyOrders = 1000, Seed = 42,
                },
            };
            return RunAsync(plan, output, ct);
        });
        return command;
    }

    private static Task<int> RunAsync(LoadTestPlan plan, CommandOutput output, CancellationToken ct) =>
        LoadTestDriver.RunAsync(plan, output, ct,
            starting: options =>
            {
                if (output.IsJson) return;
                output.Note($"Sample sale on {options.Url}: {options.Items} items of {options.Stock} units, {options.PerUserLimit} per buyer; " +
                    $"{options.Concurrency} buyers at once for {options.EffectiveDuration.TotalSeconds:0} s, " +
                    (options.ConfirmRate > 0 ? $"{options.ConfirmRate:P0} of reservations paid by signed callback." : "no payments (no callback secret)."));
            },
            finished: report =>
            {
                if (!output.IsJson) NextSteps(output, report.Items[0].ItemId);
            });

    private static void NextSteps(CommandOutput output, string itemId) =>
        output.Note(string.Join(Environment.NewLine,
            "Look at the result (flashsale reads the API's stores: run it in the API's working directory or pass --data-dir):",
            $"  flashsale items show {itemId}",
            "  flashsale dlq list --state open            # reservations whose payment timed out (the dead-letter queue)",
            $"  flashsale audit history item {itemId}      # every event of the item with its state after it",
            "  flashsale audit verify                     # the read models against the log (exit 1 on a difference)"));
}
