using System.CommandLine;
using FlashSale.Application;
using FlashSale.Cli.Hosting;
using FlashSale.Cli.Output;
using FlashSale.Hosting;
using FlashSale.Hosting.Configuration;
using FlashSale.Hosting.Operators;
using FlashSale.Payments;
using FlashSale.ReadModels;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace FlashSale.Cli.Config;

/// <summary><c>config check</c> (for pre-deployment pipelines: exit 78 on a bad configuration) and <c>config show</c>.
/// Neither opens a store, so both run where the stores are not reachable.</summary>
public static class ConfigCommands
{
    public static Command Create(CliContext cli)
    {
        var check = new Command("check", "Validate the configuration as the API does at start, without starting anything (exit 78 when invalid).");
        check.SetAction(parsed => Check(cli, parsed));
        var show = new Command("show", "Print the effective configuration of this application's sections, secrets masked.");
        show.SetAction(parsed => Show(cli, parsed));
        return new Command("config", "The configuration the API and this CLI read.") { check, show };
    }

    private static int Check(CliContext cli, ParseResult parsed)
    {
        var configuration = cli.Configuration(parsed);
        using var services = Services(configuration);
        var problems = ConfigurationCheck.Problems(services, configuration, IsDevelopment);
        if (parsed.GetValue(cli.Options.Json))
            new CommandOutput(cli.Console, json: true).Document(new { valid = problems.Count == 0, problems });
        else if (problems.Count == 0) cli.Console.Out.WriteLine("Configuration is valid.");
        foreach (var problem in problems) cli.Console.Error.WriteLine($"error: {problem}");
        return problems.Count == 0 ? ExitCodes.Ok : ConfigurationCheck.ExitCode;
    }

    private static int Show(CliContext cli, ParseResult parsed)
    {
        var configuration = cli.Configuration(parsed);
        var values = ConfigurationValues.Effective(configuration).ToList();
        if (parsed.GetValue(cli.Options.Json))
            new CommandOutput(cli.Console, json: true).Document(values.ToDictionary(v => v.Key, v => v.Value));
        else
            foreach (var (key, value) in values) cli.Console.Out.WriteLine($"{key} = {value}");
        return ExitCodes.Ok;
    }

    /// <summary>What the API registers that the CLI can: every option class of the stores, the write side, payments and
    /// the operator keys.</summary>
    private static ServiceProvider Services(IConfiguration configuration)
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSingleton(configuration);
        services.AddFlashSaleEventStore(configuration);
        services.AddFlashSaleReadStore(configuration);
        services.AddFlashSaleWriteSide(configuration);
        services.AddFlashSalePayments(configuration);
        services.AddFlashSaleReadSide(configuration, runProjections: false);
        services.AddOperatorOptions();
        return services.BuildServiceProvider();
    }

    private static bool IsDevelopment => string.Equals(
        Environment.GetEnvironmentVariable("ASPNETCORE_ENVIRONMENT") ?? Environment.GetEnvironmentVariable("DOTNET_ENVIRONMENT"),
        "Development", StringComparison.OrdinalIgnoreCase);
}
