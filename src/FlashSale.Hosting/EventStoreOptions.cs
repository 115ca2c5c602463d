using FlashSale.EventStore.EventStoreDb;
using FlashSale.EventStore.Marten;
using Microsoft.Extensions.Options;

namespace FlashSale.Hosting;

public sealed class EventStoreOptions
{
    public const string Section = "EventStore";

    /// <summary><c>Sqlite</c> (embedded default, file under Storage:DataDirectory), <c>EventStoreDb</c>, or
    /// <c>PostgreSql</c> (Marten's event store; <c>Marten</c> is accepted as well).</summary>
    public string Provider { get; set; } = EventStoreProviders.Sqlite;

    /// <summary>For EventStoreDb: <c>esdb://host:2113?tls=false</c> (also <c>kurrentdb://</c>, <c>esdb+discover://</c>,
    /// several hosts, <c>user:pass@</c>). For PostgreSql: an Npgsql connection string.</summary>
    public string? ConnectionString { get; set; }

    /// <summary>For PostgreSql: the schema of Marten's event tables.</summary>
    public string Schema { get; set; } = MartenEventStoreSettings.DefaultSchema;

    /// <summary>For PostgreSql: create or migrate the tables at start (true), or only check them (false, for databases
    /// where the application's role may not run DDL).</summary>
    public bool CreateSchema { get; set; } = true;

    /// <summary>For PostgreSql with <see cref="CreateSchema"/> false: how often, at most, a process that found the snapshot
    /// tables missing looks for them again (when an item reads or writes a snapshot), so they are used once created.</summary>
    public int SnapshotTablesRecheckSeconds { get; set; } = 30;

    public bool IsEventStoreDb => string.Equals(Provider, EventStoreProviders.EventStoreDb, StringComparison.OrdinalIgnoreCase);

    public bool IsPostgreSql =>
        string.Equals(Provider, EventStoreProviders.PostgreSql, StringComparison.OrdinalIgnoreCase) ||
        string.Equals(Provider, EventStoreProviders.Marten, StringComparison.OrdinalIgnoreCase);
}

public static class EventStoreProviders
{
    public const string Sqlite = "Sqlite";
    public const string EventStoreDb = "EventStoreDb";
    public const string PostgreSql = "PostgreSql";
    public const string Marten = "Marten";
}

/// <summary>Start-up checks with messages that say which key is wrong and what would be right.</summary>
internal sealed class EventStoreOptionsValidator : IValidateOptions<EventStoreOptions>
{
    public ValidateOptionsResult Validate(string? name, EventStoreOptions options)
    {
        if (options.IsPostgreSql) return ValidatePostgreSql(options);
        if (!options.IsEventStoreDb && !string.Equals(options.Provider, EventStoreProviders.Sqlite, StringComparison.OrdinalIgnoreCase))
            return ValidateOptionsResult.Fail(
                $"EventStore:Provider '{options.Provider}' is not supported: use '{EventStoreProviders.Sqlite}' (default) or " +
                $"'{EventStoreProviders.EventStoreDb}', or '{EventStoreProviders.PostgreSql}' (Marten).");
        if (!options.IsEventStoreDb) return ValidateOptionsResult.Success;
        if (string.IsNullOrWhiteSpace(options.ConnectionString))
            return ValidateOptionsResult.Fail(
                $"EventStore:ConnectionString is required when EventStore:Provider is '{EventStoreProviders.EventStoreDb}' (e.g. esdb://localhost:2113?tls=false).");
        try
        {
            EventStoreDbConnectionString.Parse(options.ConnectionString);
            return ValidateOptionsResult.Success;
        }
        catch (FormatException e)
        {
            return ValidateOptionsResult.Fail($"EventStore:ConnectionString is invalid. {e.Message}");
        }
    }

    private static ValidateOptionsResult ValidatePostgreSql(EventStoreOptions options)
    {
        if (string.IsNullOrWhiteSpace(options.ConnectionString))
            return ValidateOptionsResult.Fail(
                $"EventStore:ConnectionString is required when EventStore:Provider is '{options.Provider}' " +
                "(e.g. Host=localhost;Database=flashsale;Username=flashsale;Password=...).");
        if (MartenConnectionString.Problem(options.ConnectionString) is { } problem)
            return ValidateOptionsResult.Fail($"EventStore:ConnectionString is invalid. {problem}");
        if (options.SnapshotTablesRecheckSeconds is < 1 or > 86_400)
            return ValidateOptionsResult.Fail(
                $"EventStore:SnapshotTablesRecheckSeconds '{options.SnapshotTablesRecheckSeconds}' must be between 1 and 86400.");
        return MartenConnectionString.IsValidSchema(options.Schema)
            ? ValidateOptionsResult.Success
            : ValidateOptionsResult.Fail(
                $"EventStore:Schema '{options.Schema}' is not a schema name this store accepts: lower-case letters, digits and '_', starting with a letter.");
    }
}
