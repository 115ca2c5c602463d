using System.CommandLine;
using FlashSale.Cli.Audit;
using FlashSale.Cli.Config;
using FlashSale.Cli.DeadLetters;
using FlashSale.Cli.EventStore;
using FlashSale.Cli.Items;
using FlashSale.Cli.Orders;
using FlashSale.Cli.Output;
using FlashSale.Cli.Projections;

namespace FlashSale.Cli;

public static class CliApp
{
    public static RootCommand CreateRoot(CliContext cli)
    {
        var root = new RootCommand("flashsale: operate a FlashSale engine directly on its configured stores " +
            "(same configuration as the API: appsettings.json in the working directory, environment variables such as Storage__DataDirectory).")
        {
            cli.Options.Json, cli.Options.DataDirectory, cli.Options.NoCatchUp,
        };
        root.Subcommands.Add(ItemCommands.Create(cli));
        root.Subcommands.Add(OrderCommands.Create(cli));
        root.Subcommands.Add(DeadLetterCommands.Create(cli));
        root.Subcommands.Add(ProjectionCommands.Create(cli));
        root.Subcommands.Add(AuditCommands.Create(cli));
        root.Subcommands.Add(EventStoreCommands.Create(cli));
        root.Subcommands.Add(ConfigCommands.Create(cli));
        root.Subcommands.Add(FlashSale.Cli.LoadTest.LoadTestCommand.Create(cli));
        root.Subcommands.Add(FlashSale.Cli.LoadTest.DemoCommand.Create(cli));
        return root;
    }

    public static async Task<int> RunAsync(string[] args, CliConsole console, CancellationToken cancellationToken = default)
    {
        var parsed = CreateRoot(new CliContext(console, new GlobalOptions())).Parse(args);
        if (parsed.Errors.Count > 0)
        {
            // The parser's own error action prints the errors and the command's usage; both belong on stderr.
            await parsed.InvokeAsync(new InvocationConfiguration { Output = console.Error, Error = console.Error }, cancellationToken);
            return ExitCodes.Usage;
        }
        return await parsed.InvokeAsync(
            new InvocationConfiguration { Output = console.Out, Error = console.Error, EnableDefaultExceptionHandler = false },
            cancellationToken);
    }
}
