using FlashSale.EventStore.EventStoreDb.Snapshots;
using FlashSale.EventStore.EventStoreDb.TestDouble;

namespace FlashSale.Api.Tests.Snapshots;

/// <summary>With EventStore:Provider = EventStoreDb, a restarted process loads items from their snapshot streams.</summary>
public sealed class SnapshotsOnEventStoreDbTests : SnapshotsOnStoreTests, IAsyncLifetime
{
    private EventStoreDbDouble _server = null!;

    public async Task InitializeAsync() => _server = await EventStoreDbDouble.StartAsync();

    public async Task DisposeAsync() => await _server.DisposeAsync();

    protected override Task<IReadOnlyDictionary<string, string?>> SettingsAsync() =>
        Task.FromResult<IReadOnlyDictionary<string, string?>>(new Dictionary<string, string?>
        {
            ["EventStore:Provider"] = "EventStoreDb",
            ["EventStore:ConnectionString"] = _server.ConnectionString,
        });

    protected override async Task DamageAsync(IReadOnlyDictionary<string, string?> settings, string streamId, string damage)
    {
        await using var snapshots = EventStoreDbSnapshotStore.Connect(_server.ConnectionString);
        await SnapshotRestarts.DamageAsync(snapshots, streamId, damage);
    }
}
