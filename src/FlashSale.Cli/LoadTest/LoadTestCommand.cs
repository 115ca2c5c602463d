using System.CommandLine;

namespace FlashSale.Cli.LoadTest;

public static class LoadTestCommand
{
    public static Command Create(CliContext cli)
    {
        var options = new CrowdOptions();
        var command = new Command("loadtest",
            "Send a crowd of buyers at a running API (--url) or at one hosted here, then check that no unit was sold twice " +
            "and that the read models say what the buyers were told. Exit 1 when a check fails.");
        foreach (var option in options.All) command.Options.Add(option);
        LoadTestDriver.SetAction(command, cli, (parsed, output, ct) =>
            LoadTestDriver.RunAsync(LoadTestPlan.From(options, parsed, cli), output, ct));
        return command;
    }
}
