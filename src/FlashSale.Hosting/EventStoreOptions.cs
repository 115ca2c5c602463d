using FlashSale.EventStore.EventStoreDb;
using Microsoft.Extensions.Options;

namespace FlashSale.Hosting;

public sealed class EventStoreOptions
{
    public const string Section = "EventStore";

    /// <summary><c>Sqlite</c> (embedded default, file under Storage:DataDirectory) or <c>EventStoreDb</c>.</summary>
    public string Provider { get; set; } = EventStoreProviders.Sqlite;

    /// <summary>For EventStoreDb: <c>esdb://host:2113?tls=false</c> (also <c>kurrentdb://</c>, <c>esdb+discover://</c>,
    /// several hosts, <c>user:pass@</c>).</summary>
    public string? ConnectionString { get; set; }

    public bool IsEventStoreDb => string.Equals(Provider, EventStoreProviders.EventStoreDb, StringComparison.OrdinalIgnoreCase);
}

public static class EventStoreProviders
{
    public const string Sqlite = "Sqlite";
    public const string EventStoreDb = "EventStoreDb";
}

/// <summary>Start-up checks with messages that say which key is wrong and what would be right.</summary>
internal sealed class EventStoreOptionsValidator : IValidateOptions<EventStoreOptions>
{
    public ValidateOptionsResult Validate(string? name, EventStoreOptions options)
    {
        if (!options.IsEventStoreDb && !string.Equals(options.Provider, EventStoreProviders.Sqlite, StringComparison.OrdinalIgnoreCase))
            return ValidateOptionsResult.Fail(
                $"EventStore:Provider '{options.Provider}' is not supported: use '{EventStoreProviders.Sqlite}' (default) or '{EventStoreProviders.EventStoreDb}'.");
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
}
