using FlashSale.Cli.Tests.Fixtures;
using FlashSale.Cli.Tests.Process;
using FlashSale.Contracts;
using FlashSale.EventStore;
using FlashSale.EventStore.Marten;
using FlashSale.EventStore.Marten.Snapshots;
using FlashSale.EventStore.Snapshots;
using FlashSale.Testing.PostgreSql;

namespace FlashSale.Cli.Tests.EventStore;

[CollectionDefinition(Name)]
public sealed class PostgresCollection : ICollectionFixture<PostgresServer>
{
    public const string Name = "postgresql";
}

/// <summary>A locked-down production database: the application starts with EventStore:CreateSchema=false, the schema
/// comes from <c>flashsale event-store create-schema</c> run once with the same configuration.</summary>
[Collection(PostgresCollection.Name)]
public sealed class CreateSchemaTests : IDisposable
{
    private readonly PostgresServer _postgres;
    private readonly TempDataDirectory _data = new();
    private readonly string _schema = $"events_{Guid.NewGuid():N}";

    public CreateSchemaTests(PostgresServer postgres)
    {
        _postgres = postgres;
        Directory.CreateDirectory(_data.Path);
    }

    [Fact]
    public async Task create_schema_lets_a_store_configured_not_to_create_it_start()
    {
        var environment = await EnvironmentAsync(createSchema: false);
        var before = await CliProcess.RunAsync(_data.Path, environment, "projections", "status");
        before.ExitCode.ShouldNotBe(ExitCodes.Ok, before.ToString());
        before.Error.ShouldContain("EventStore:CreateSchema is false");

        var created = await CliProcess.RunAsync(_data.Path, environment, "event-store", "create-schema");

        created.ExitCode.ShouldBe(ExitCodes.Ok, created.ToString());
        created.Out.ShouldContain($"Event store schema '{_schema}'");
        created.Out.ShouldContain("created");
        var after = await CliProcess.RunAsync(_data.Path, environment, "projections", "status");
        after.ExitCode.ShouldBe(ExitCodes.Ok, after.ToString());
        await using var store = await MartenEventStore.OpenAsync(
            new MartenEventStoreSettings(environment["EventStore__ConnectionString"], _schema, CreateSchema: false));
        var metadata = ItemEventSerializer.SerializeMetadata(new EventMetadata("test", "test", "test", DateTimeOffset.UtcNow));
        var listing = new Domain.Items.SaleItemListed("mug", "Mug", 5, 2, null, null, 600, DateTimeOffset.UtcNow);
        (await store.AppendAsync(ItemStreams.For("mug"), ExpectedRevision.NoStream, [ItemEventSerializer.ToEventData(listing, 0, metadata)]))
            .ShouldBeOfType<AppendResult.Success>();
        // The snapshot tables (ADR 0021) came with it.
        await using var snapshots = await MartenSnapshotStore.OpenAsync(
            new MartenEventStoreSettings(environment["EventStore__ConnectionString"], _schema, CreateSchema: false));
        var snapshot = new SnapshotWrite(ItemStreams.For("mug"), 0, Guid.NewGuid(), "schema", "header"u8.ToArray(), [new SnapshotEntry("o:1", new byte[] { 1 })], null);
        (await snapshots.WriteAsync(snapshot)).ShouldBe(SnapshotWriteResult.Written);
        (await snapshots.ReadAsync(ItemStreams.For("mug"))).ShouldNotBeNull().Revision.ShouldBe(0);
    }

    [Fact]
    public async Task create_schema_on_a_current_schema_changes_nothing_and_succeeds()
    {
        var environment = await EnvironmentAsync(createSchema: true);
        (await CliProcess.RunAsync(_data.Path, environment, "eventstore", "create-schema")).ExitCode.ShouldBe(ExitCodes.Ok);

        var again = await CliProcess.RunAsync(_data.Path, environment, "event-store", "create-schema", "--json");

        again.ExitCode.ShouldBe(ExitCodes.Ok, again.ToString());
        again.Json.GetProperty("schema").GetString().ShouldBe(_schema);
        again.Json.GetProperty("change").GetString().ShouldBe("upToDate");
    }

    [Fact]
    public async Task create_schema_on_the_sqlite_store_is_a_configuration_error()
    {
        var run = await CliProcess.RunAsync(_data.Path, new Dictionary<string, string> { ["Storage__DataDirectory"] = _data.Path },
            "event-store", "create-schema");

        run.ExitCode.ShouldBe(ExitCodes.Configuration, run.ToString());
        run.Error.ShouldContain("EventStore:Provider is 'Sqlite'");
    }

    private async Task<Dictionary<string, string>> EnvironmentAsync(bool createSchema) => new()
    {
        ["Storage__DataDirectory"] = _data.Path,
        ["EventStore__Provider"] = "PostgreSql",
        ["EventStore__ConnectionString"] = await _postgres.DatabaseOfAsync(nameof(CreateSchemaTests)),
        ["EventStore__Schema"] = _schema,
        ["EventStore__CreateSchema"] = createSchema ? "true" : "false",
    };

    public void Dispose() => _data.Dispose();
}
