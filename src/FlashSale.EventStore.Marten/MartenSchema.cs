using JasperFx;
using JasperFx.Events;
using Marten;
using Npgsql;

namespace FlashSale.EventStore.Marten;

/// <summary>Marten's configuration for this adapter, and the schema check at start.</summary>
internal static class MartenSchema
{
    public static StoreOptions Options(NpgsqlDataSource dataSource, MartenEventStoreSettings settings)
    {
        var options = new StoreOptions();
        options.Connection(dataSource);
        options.DatabaseSchemaName = settings.Schema;
        options.Events.DatabaseSchemaName = settings.Schema;
        options.Events.StreamIdentity = StreamIdentity.AsString;
        // Rich: Marten draws the sequence numbers and reads the stream's version inside our transaction, after the lock.
        options.Events.AppendMode = EventAppendMode.Rich;
        options.Events.AddEventType<StoredEventBody>();
        options.UseSystemTextJsonForSerialization();
        options.AutoCreateSchemaObjects = settings.CreateSchema ? AutoCreate.CreateOrUpdate : AutoCreate.None;
        options.DisableNpgsqlLogging = true;
        return options;
    }

    public static async Task PrepareAsync(DocumentStore store, MartenEventStoreSettings settings, CancellationToken cancellationToken)
    {
        try
        {
            if (settings.CreateSchema) await store.Storage.ApplyAllConfiguredChangesToDatabaseAsync();
            await store.Storage.Database.AssertDatabaseMatchesConfigurationAsync(cancellationToken);
        }
        catch (NpgsqlException e)
        {
            throw new EventStoreUnavailableException($"The PostgreSQL event store could not be reached: {e.Message}", e);
        }
        catch (Exception e) when (e is not OperationCanceledException && !settings.CreateSchema)
        {
            throw new EventStoreUnavailableException(
                $"The PostgreSQL event store's schema '{settings.Schema}' is missing or out of date and EventStore:CreateSchema is false: " +
                $"create it with a role that may run DDL (start once with EventStore:CreateSchema=true). {e.Message}", e);
        }
    }
}
