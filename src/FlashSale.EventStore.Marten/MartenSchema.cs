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

    /// <summary>The tables a start with <c>CreateSchema=false</c> names when they are missing: the log itself.</summary>
    private static readonly string[] EventTables = ["mt_events", "mt_streams"];

    public static async Task PrepareAsync(DocumentStore store, NpgsqlDataSource dataSource, MartenEventStoreSettings settings,
        CancellationToken cancellationToken)
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
            // Marten's message is the whole DDL it would run (hundreds of lines on an empty schema): one line names what to do,
            // the difference stays in the inner exception.
            var missing = await MissingAsync(dataSource, settings.Schema, EventTables, cancellationToken);
            var what = missing.Count > 0
                ? $"has no {string.Join(", ", missing)} table{(missing.Count > 1 ? "s" : "")}"
                : "does not match what this version needs (a migration)";
            throw new EventStoreUnavailableException(
                $"The PostgreSQL event store's schema '{settings.Schema}' {what} and EventStore:CreateSchema is false: " +
                $"run `{MartenEventStoreSchema.Command}` on the same configuration with a role that may run DDL " +
                "(or start once with EventStore:CreateSchema=true).", e);
        }
    }

    /// <summary>Which of <paramref name="tables"/> the schema lacks.</summary>
    public static async Task<IReadOnlyList<string>> MissingAsync(NpgsqlDataSource dataSource, string schema, IReadOnlyList<string> tables,
        CancellationToken cancellationToken)
    {
        try
        {
            await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
            await using var query = new NpgsqlCommand(
                "SELECT t FROM unnest($1::text[]) WITH ORDINALITY AS n(t, i) WHERE to_regclass(quote_ident($2) || '.' || quote_ident(t)) IS NULL ORDER BY i",
                connection);
            query.Parameters.Add(new NpgsqlParameter<string[]> { TypedValue = [.. tables] });
            query.Parameters.Add(new NpgsqlParameter<string> { TypedValue = schema });
            var missing = new List<string>();
            await using var row = await query.ExecuteReaderAsync(cancellationToken);
            while (await row.ReadAsync(cancellationToken)) missing.Add(row.GetString(0));
            return missing;
        }
        catch (NpgsqlException e)
        {
            throw new EventStoreUnavailableException($"The PostgreSQL event store could not be reached: {e.Message}", e);
        }
    }
}
