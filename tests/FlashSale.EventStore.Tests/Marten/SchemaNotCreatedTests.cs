using FlashSale.EventStore.Marten;
using FlashSale.EventStore.Marten.Snapshots;
using FlashSale.Testing.PostgreSql;

namespace FlashSale.EventStore.Tests.Marten;

/// <summary>A database where the application's role may not run DDL (<c>EventStore:CreateSchema=false</c>) and nobody ran
/// <c>flashsale event-store create-schema</c>, or ran only part of it: what is missing is named, with the command that creates it.</summary>
[Collection(PostgresCollection.Name)]
public sealed class SchemaNotCreatedTests(PostgresServer server)
{
    [Fact]
    public async Task the_snapshot_store_names_its_missing_tables_until_they_are_created()
    {
        var settings = await MartenStores.NewSchemaAsync(server, nameof(SchemaNotCreatedTests)) with { CreateSchema = false };
        await using var snapshots = await MartenSnapshotStore.OpenAsync(settings);

        (await snapshots.MissingTablesAsync()).ShouldBe(["snapshots", "snapshot_entries"]);

        await snapshots.CreateTablesAsync();
        (await snapshots.MissingTablesAsync()).ShouldBeEmpty();
    }

    [Fact]
    public async Task an_event_store_without_its_tables_refuses_to_open_in_one_line_naming_them_and_the_command()
    {
        var settings = await MartenStores.NewSchemaAsync(server, nameof(SchemaNotCreatedTests)) with { CreateSchema = false };
        // Only the snapshot tables exist (created by hand, or a create-schema of another release).
        await using (var snapshots = await MartenSnapshotStore.OpenAsync(settings with { CreateSchema = true })) { }

        var refused = await Should.ThrowAsync<EventStoreUnavailableException>(() => MartenEventStore.OpenAsync(settings));

        refused.Message.ShouldSatisfyAllConditions(
            m => m.ShouldContain($"schema '{settings.Schema}' has no mt_events, mt_streams tables"),
            m => m.ShouldContain("`flashsale event-store create-schema`"),
            m => m.ShouldContain("EventStore:CreateSchema is false"),
            // Not Marten's DDL (hundreds of lines on an empty schema): that stays in the inner exception.
            m => m.ShouldNotContain("\n"));
        refused.InnerException.ShouldNotBeNull().Message.ShouldContain("mt_events");
    }

    [Fact]
    public async Task after_create_schema_the_store_opens_with_nothing_missing()
    {
        var settings = await MartenStores.NewSchemaAsync(server, nameof(SchemaNotCreatedTests)) with { CreateSchema = false };

        (await MartenEventStoreSchema.CreateOrMigrateAsync(settings)).ShouldBe(MartenSchemaChange.Created);

        await using var store = await MartenEventStore.OpenAsync(settings);
        await using var snapshots = await MartenSnapshotStore.OpenAsync(settings);
        (await snapshots.MissingTablesAsync()).ShouldBeEmpty();
    }
}
