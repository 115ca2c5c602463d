using FlashSale.EventStore.Marten;
using FlashSale.EventStore.Marten.Snapshots;
using FlashSale.EventStore.Snapshots;
using FlashSale.EventStore.Tests.Marten;
using FlashSale.Testing.PostgreSql;

namespace FlashSale.EventStore.Tests.Snapshots;

/// <summary>The snapshot contract on the PostgreSQL event store: plain tables next to Marten's, in its schema.</summary>
[Collection(PostgresCollection.Name)]
public sealed partial class MartenSnapshotStoreTests(PostgresServer server) : SnapshotStoreContract
{
    private MartenEventStoreSettings _settings = null!;

    protected override async Task<(ISnapshotStore Snapshots, IEventStore Events)> CreateStoresAsync()
    {
        _settings = await MartenStores.NewSchemaAsync(server, nameof(MartenSnapshotStoreTests));
        var events = await MartenEventStore.OpenAsync(_settings);
        return (await MartenSnapshotStore.OpenAsync(_settings), events);
    }
}
