using FlashSale.Api.Tests.Marten;
using FlashSale.EventStore.Marten;
using FlashSale.EventStore.Marten.Snapshots;
using FlashSale.Testing.PostgreSql;

namespace FlashSale.Api.Tests.Snapshots;

/// <summary>With EventStore:Provider = PostgreSql, a restarted process loads items from the snapshot tables.</summary>
[Collection(PostgresCollection.Name)]
public sealed class SnapshotsOnMartenTests(PostgresServer server) : SnapshotsOnStoreTests
{
    protected override async Task<IReadOnlyDictionary<string, string?>> SettingsAsync() =>
        await MartenApi.SettingsAsync(server, nameof(SnapshotsOnMartenTests));

    protected override async Task DamageAsync(IReadOnlyDictionary<string, string?> settings, string streamId, string damage)
    {
        await using var snapshots = await MartenSnapshotStore.OpenAsync(
            new MartenEventStoreSettings(settings["EventStore:ConnectionString"]!, settings["EventStore:Schema"]!));
        await SnapshotRestarts.DamageAsync(snapshots, streamId, damage);
    }
}
