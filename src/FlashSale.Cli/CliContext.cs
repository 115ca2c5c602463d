using System.CommandLine;
using FlashSale.Cli.Hosting;
using FlashSale.Cli.Output;
using FlashSale.Domain;
using FluentValidation;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;

namespace FlashSale.Cli;

/// <summary>What every command needs: where to write, the global options, and one way to run an action (open the
/// stores, run, map failures to exit codes and messages).</summary>
public sealed class CliContext(CliConsole console, GlobalOptions options)
{
    public CliConsole Console => console;

    public GlobalOptions Options => options;

    public void Run(Command command, Func<CliSession, ParseResult, CancellationToken, Task<int>> action) =>
        command.SetAction((parseResult, cancellationToken) => RunAsync(parseResult, action, cancellationToken));

    /// <summary>For commands that must not open the stores (e.g. creating the event store's schema): the action gets
    /// the configuration only, with the same failure mapping.</summary>
    public void RunOnConfiguration(Command command, Func<CommandOutput, IConfiguration, CancellationToken, Task<int>> action) =>
        command.SetAction((parseResult, cancellationToken) => GuardAsync(parseResult, output =>
            action(output, Configuration(parseResult), cancellationToken), cancellationToken));

    /// <summary>The configuration the command line, the environment and the appsettings files give; with --verbose,
    /// where it came from on stderr.</summary>
    public IConfiguration Configuration(ParseResult parseResult)
    {
        var configuration = CliConfiguration.Build(parseResult.GetValue(options.DataDirectory));
        if (parseResult.GetValue(options.Verbose))
            foreach (var line in CliConfiguration.Describe(configuration)) console.Error.WriteLine($"flashsale: {line}");
        return configuration;
    }

    /// <summary>The same, for commands that also read their own arguments (backup, restore, export-log, import-log).</summary>
    public void RunOnConfiguration(Command command, Func<CommandOutput, IConfiguration, ParseResult, CancellationToken, Task<int>> action) =>
        command.SetAction((parseResult, cancellationToken) => GuardAsync(parseResult, output =>
            action(output, CliConfiguration.Build(parseResult.GetValue(options.DataDirectory)), parseResult, cancellationToken), cancellationToken));

    private Task<int> RunAsync(ParseResult parseResult, Func<CliSession, ParseResult, CancellationToken, Task<int>> action,
        CancellationToken cancellationToken) =>
        GuardAsync(parseResult, async output =>
        {
            await using var session = await CliSession.OpenAsync(Configuration(parseResult), !parseResult.GetValue(options.NoCatchUp),
                output, cancellationToken);
            return await action(session, parseResult, cancellationToken);
        }, cancellationToken);

    private async Task<int> GuardAsync(ParseResult parseResult, Func<CommandOutput, Task<int>> action, CancellationToken cancellationToken)
    {
        var output = new CommandOutput(console, parseResult.GetValue(options.Json));
        try
        {
            return await action(output);
        }
        catch (CliException ex) { return output.Fail(ex.ExitCode, ex.Code, ex.Message); }
        catch (OptionsValidationException ex) { return output.Fail(ExitCodes.Configuration, "Configuration: " + string.Join(" ", ex.Failures)); }
        catch (ValidationException ex) { return output.Fail(ExitCodes.Usage, string.Join(" ", ex.Errors.Select(e => e.ErrorMessage))); }
        catch (DomainException ex) { return output.Fail(ExitCodes.Refused, ex.Code, $"Refused ({ex.Code}): {ex.Message}"); }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested) { return output.Fail(ExitCodes.Cancelled, "Cancelled."); }
        catch (Exception ex) { return output.Fail(ExitCodes.Failed, $"Failed: {ex.Message} ({ex.GetType().Name})"); }
    }
}
