using FlashSale.EventStore.Snapshots;
using FlashSale.EventStore.Sqlite;
using FlashSale.EventStore.Sqlite.Snapshots;
using Microsoft.Data.Sqlite;

namespace FlashSale.EventStore.Tests.Snapshots;

/// <summary>The snapshot contract on the embedded store: <c>snapshots.db</c> next to <c>events.db</c>.</summary>
public sealed class SqliteSnapshotStoreTests : SnapshotStoreContract
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), $"flashsale-snapshots-{Guid.NewGuid():N}");

    protected override async Task<(ISnapshotStore Snapshots, IEventStore Events)> CreateStoresAsync() =>
        (await SqliteSnapshotStore.OpenAsync(Path.Combine(_directory, "snapshots.db")),
         await SqliteEventStore.OpenAsync(Path.Combine(_directory, "events.db")));

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        SqliteConnection.ClearAllPools();
        if (Directory.Exists(_directory)) Directory.Delete(_directory, recursive: true);
    }
}
