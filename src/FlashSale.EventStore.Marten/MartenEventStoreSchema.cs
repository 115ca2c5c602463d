using FlashSale.EventStore.Marten.Snapshots;
using Marten;
using Npgsql;
using Weasel.Core;

namespace FlashSale.EventStore.Marten;

/// <summary>What creating or migrating the event store's tables changed.</summary>
public enum MartenSchemaChange
{
    UpToDate,
    Created,
    Migrated,
}

public static class MartenEventStoreSchema
{
    /// <summary>The operator's command that runs <see cref="CreateOrMigrateAsync"/>, for messages that say what to do.</summary>
    public const string Command = "flashsale event-store create-schema";

    /// <summary>
    /// Creates or migrates Marten's tables in the settings' schema, as a start with <c>CreateSchema=true</c> does, then
    /// checks that they match, and creates the snapshot tables; for a role that may run DDL, so applications whose role may not can start with
    /// <c>CreateSchema=false</c>. <see cref="MartenEventStoreSettings.CreateSchema"/> is ignored.
    /// </summary>
    public static async Task<MartenSchemaChange> CreateOrMigrateAsync(MartenEventStoreSettings settings,
        CancellationToken cancellationToken = default)
    {
        var creating = settings with { CreateSchema = true };
        await using var dataSource = NpgsqlDataSource.Create(creating.ConnectionString);
        await using var store = new DocumentStore(MartenSchema.Options(dataSource, creating));
        SchemaPatchDifference difference;
        try
        {
            difference = (await store.Storage.Database.CreateMigrationAsync(cancellationToken)).Difference;
        }
        catch (NpgsqlException e)
        {
            throw new EventStoreUnavailableException($"The PostgreSQL event store could not be reached: {e.Message}", e);
        }
        await MartenSchema.PrepareAsync(store, dataSource, creating, cancellationToken);
        // The snapshot tables beside Marten's (ADR 0021), so a start with CreateSchema=false finds them too.
        await using (await MartenSnapshotStore.OpenAsync(creating, cancellationToken)) { }
        return difference switch
        {
            SchemaPatchDifference.None => MartenSchemaChange.UpToDate,
            SchemaPatchDifference.Create => MartenSchemaChange.Created,
            _ => MartenSchemaChange.Migrated,
        };
    }
}
