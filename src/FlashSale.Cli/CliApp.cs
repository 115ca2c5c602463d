using System.CommandLine;
using FlashSale.Cli.Audit;
using FlashSale.Cli.Backup;
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
            "(same configuration as the API: appsettings.json next to the program, then in the working directory, environment variables such as " +
            "Storage__DataDirectory; a relative data directory starts at the working directory).")
        {
            cli.Options.Json, cli.Options.DataDirectory, cli.Options.NoCatchUp, cli.Options.Verbose,
        };
        root.Subcommands.Add(ItemCommands.Create(cli));
        root.Subcommands.Add(OrderCommands.Create(cli));
        root.Subcommands.Add(DeadLetterCommands.Create(cli));
        root.Subcommands.Add(ProjectionCommands.Create(cli));
        root.Subcommands.Add(AuditCommands.Create(cli));
        root.Subcommands.Add(EventStoreCommands.Create(cli));
        root.Subcommands.Add(ConfigCommands.Create(cli));
        foreach (var command in BackupCommands.Create(cli)) root.Subcommands.Add(command);
        root.Subcommands.Add(FlashSale.Cli.LoadTest.LoadTestCommand.Create(cli));
        root.Subcommands.Add(FlashSale.Cli.LoadTest.DemoCommand.Create(cli));
        return root;
    }

    public static async Task<int> RunAsync(string[] args, CliConsole console, CancellationToken cancellationToken = default)
    {
        var options = new GlobalOptions();
        var parsed = CreateRoot(new CliContext(console, options)).Parse(args);
        if (parsed.Errors.Count > 0)
        {
            if (JsonAsked(parsed, options))
                new CommandOutput(console, json: true).Document(new CliError(ExitCodes.CodeOf(ExitCodes.Usage),
                    string.Join(" ", parsed.Errors.Select(e => e.Message)), ExitCodes.Usage));
            // The parser's own error action prints the errors and the command's usage; both belong on stderr.
            await parsed.InvokeAsync(new InvocationConfiguration { Output = console.Error, Error = console.Error }, cancellationToken);
            return ExitCodes.Usage;
        }
        return await parsed.InvokeAsync(
            new InvocationConfiguration { Output = console.Out, Error = console.Error, EnableDefaultExceptionHandler = false },
            cancellationToken);
    }

    /// <summary>--json among the arguments even when the rest did not parse (an unknown option, a bad value).</summary>
    private static bool JsonAsked(ParseResult parsed, GlobalOptions options)
    {
        try
        {
            return parsed.GetValue(options.Json);
        }
        catch (InvalidOperationException)
        {
            return parsed.Tokens.Any(t => t.Value == options.Json.Name);
        }
    }
}
