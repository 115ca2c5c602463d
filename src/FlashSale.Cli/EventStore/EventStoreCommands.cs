using System.CommandLine;
using FlashSale.Cli.Output;
using FlashSale.EventStore.Marten;
using FlashSale.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Npgsql;

namespace FlashSale.Cli.EventStore;

/// <summary>The event store itself, as opposed to what is in it: today, the PostgreSQL store's schema.</summary>
public static class EventStoreCommands
{
    public static Command Create(CliContext cli)
    {
        var createSchema = new Command("create-schema",
            "Create or migrate the PostgreSQL event store's tables (EventStore:Schema) with EventStore:ConnectionString, " +
            "so an API whose role may not run DDL starts with EventStore:CreateSchema=false. Run it with a role that may.");
        cli.RunOnConfiguration(createSchema, CreateSchemaAsync);

        var command = new Command("event-store", "The configured event store (EventStore:Provider).") { createSchema };
        command.Aliases.Add("eventstore");
        return command;
    }

    private static async Task<int> CreateSchemaAsync(CommandOutput output, IConfiguration configuration, CancellationToken cancellationToken)
    {
        var options = ConfiguredOptions(configuration);
        if (!options.IsPostgreSql)
            throw CliException.Configuration(
                $"EventStore:Provider is '{options.Provider}': create-schema is for '{EventStoreProviders.PostgreSql}' " +
                "(the SQLite log creates its file, EventStoreDB needs no schema).");
        var settings = new MartenEventStoreSettings(options.ConnectionString!, options.Schema);
        var change = await MartenEventStoreSchema.CreateOrMigrateAsync(settings, cancellationToken);
        var database = new NpgsqlConnectionStringBuilder(settings.ConnectionString);
        if (output.IsJson)
            output.Document(new { schema = settings.Schema, host = database.Host, database = database.Database, change });
        else
            output.Line($"Event store schema '{settings.Schema}' on {database.Host}/{database.Database}: {Describe(change)}.");
        return ExitCodes.Ok;
    }

    /// <summary>The EventStore section bound and validated exactly as the API's start does (a bad key names itself).</summary>
    private static EventStoreOptions ConfiguredOptions(IConfiguration configuration)
    {
        using var services = new ServiceCollection().AddFlashSaleEventStore(configuration).BuildServiceProvider();
        return services.GetRequiredService<IOptions<EventStoreOptions>>().Value;
    }

    private static string Describe(MartenSchemaChange change) => change switch
    {
        MartenSchemaChange.Created => "created",
        MartenSchemaChange.Migrated => "migrated",
        _ => "already up to date",
    };
}
