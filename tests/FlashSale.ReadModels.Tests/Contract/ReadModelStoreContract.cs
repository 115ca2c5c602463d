using FlashSale.EventStore;
using FlashSale.EventStore.Sqlite;
using FlashSale.Projections;
using FlashSale.Projections.DeadLetters;
using FlashSale.Projections.Inventory;
using FlashSale.Projections.OrderStatus;
using FlashSale.ReadModels.Running;
using FlashSale.ReadModels.Storage;
using FlashSale.ReadModels.Tests.Fixtures;
using FlashSale.Subscriptions.Checkpoints;

namespace FlashSale.ReadModels.Tests.Contract;

/// <summary>
/// What every <see cref="IReadModelStore"/> must do, and the runner, writer and rebuilder over it against a real SQLite
/// event log. A store's test class derives from this one and only says how to create an empty store.
/// </summary>
public abstract partial class ReadModelStoreContract : IAsyncLifetime
{
    /// <summary>Bounds every wait on a runner, a race or a rebuild, so a broken store fails instead of hanging.</summary>
    protected static readonly TimeSpan Patience = TimeSpan.FromSeconds(90);

    protected static readonly InventoryProjection Inventory = new();
    protected static readonly OrderStatusProjection OrderStatus = new();
    protected static readonly DeadLetterProjection DeadLetters = new();
    protected static readonly IReadOnlyList<IProjection> Projections = [Inventory, OrderStatus, DeadLetters];

    private readonly List<IReadModelStore> _stores = [];

    protected TempDirectory Files { get; } = new();

    protected IReadModelStore Store { get; private set; } = null!;

    protected SqliteEventStore Events { get; private set; } = null!;

    protected SaleLog Log { get; private set; } = null!;

    /// <summary>Where a new, empty store lives: a file for SQLite, a connection string for a server.</summary>
    protected abstract Task<string> NewDatabaseAsync();

    /// <summary>A store (not yet initialised) on <paramref name="database"/>; the test disposes it.</summary>
    protected abstract IReadModelStore Open(string database);

    /// <summary>Where <see cref="Store"/> lives, for a second store on it (another process).</summary>
    protected string Database { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Database = await NewDatabaseAsync();
        Store = OpenOwned(Database);
        await Store.InitializeAsync(Projections);
        Events = await SqliteEventStore.OpenAsync(Files.File("events.db"), TimeSpan.FromMilliseconds(20));
        Log = new SaleLog(Events);
    }

    public async Task DisposeAsync()
    {
        foreach (var store in _stores) await store.DisposeAsync();
        if (Events is not null) await Events.DisposeAsync();
        Files.Dispose();
    }

    protected async Task<IReadModelStore> NewInitializedStoreAsync()
    {
        var store = OpenOwned(await NewDatabaseAsync());
        await store.InitializeAsync(Projections);
        return store;
    }

    protected IReadModelStore OpenOwned(string database)
    {
        var store = Open(database);
        _stores.Add(store);
        return store;
    }

    protected async Task<ProjectionCheckpoint> CheckpointOf(IProjection projection, ReadModelSlot slot = ReadModelSlot.Live, IReadModelStore? store = null) =>
        await (store ?? Store).ReadCheckpointAsync(projection.Name, slot) ?? throw new ShouldAssertException($"{projection.Name} has no {slot} checkpoint");

    /// <summary>Applies the whole log to <paramref name="projection"/> through a <see cref="ProjectionWriter"/>, as the runner would.</summary>
    protected async Task ReplayAsync(IProjection projection, int batchSize, IReadModelStore? store = null)
    {
        store ??= Store;
        var writer = new ProjectionWriter(projection, ReadModelSlot.Live, store, await CheckpointOf(projection, store: store), TimeProvider.System);
        var log = await CleanReplay.ReadLogAsync(Events);
        foreach (var batch in log.Where(e => writer.Position is null || e.Position > writer.Position.Value).Chunk(batchSize))
            await writer.ApplyAsync(batch, CancellationToken.None);
    }

    protected async Task ShouldEqualCleanReplayAsync(IReadModelStore? store = null)
    {
        var log = await CleanReplay.ReadLogAsync(Events);
        foreach (var projection in Projections)
        {
            (await CleanReplay.TableAsync(store ?? Store, projection)).ShouldBe(CleanReplay.Rows(projection, log), $"the {projection.Name} table");
            (await CheckpointOf(projection, store: store)).EventsApplied.ShouldBe(log.Count, $"{projection.Name} counts every event once");
        }
    }

    protected async Task CaughtUpAsync(IReadModelStore? store = null)
    {
        var head = await Events.ReadHeadPositionAsync();
        await Eventually.HoldsAsync(async () =>
        {
            foreach (var projection in Projections)
                if ((await CheckpointOf(projection, store: store)).Position != head) return false;
            return true;
        }, $"every projection reached {head}", Patience);
    }

    protected static ProjectionCommit Commit(IProjection projection, long expectedVersion, ulong position, IReadOnlyList<object?[]> upserts,
        IReadOnlyList<RowKey>? deletes = null, IReadOnlyList<PoisonEvent>? poison = null, ReadModelSlot slot = ReadModelSlot.Live) =>
        new(projection, slot, expectedVersion, LogPosition.At(position), upserts.Count + (deletes?.Count ?? 0) + (poison?.Count ?? 0),
            upserts, deletes ?? [], poison ?? [], DateTimeOffset.UtcNow, EventAt(position));

    /// <summary>The event a test commit says its checkpoint was taken at.</summary>
    protected static CheckpointEvent EventAt(ulong position) =>
        new(new Guid((int)position, 0, 0, new byte[8]), "item-test", (long)position);

    protected static object?[] ItemRow(string itemId, int available = 10, int sold = 0, ulong position = 1) =>
        Inventory.ToValues(new InventoryRow(itemId, $"Item {itemId}", 2, null, null, 10, 0, available, 10 - available - sold, sold, 0, 0,
            LogPosition.At(position).ToToken(), ScriptedSale.At((int)position)));

    protected static object?[] OrderRow(string orderId, string userId, int placedAtSecond, string status = OrderStatuses.Reserved, string itemId = "sku-1") =>
        OrderStatus.ToValues(new OrderStatusRow(orderId, itemId, userId, 1, status, null, ScriptedSale.At(placedAtSecond), null, null, null,
            null, null, null, null, 0, "1", ScriptedSale.At(placedAtSecond)));

    protected async Task<IReadOnlyList<string>> KeysOf(IProjection projection, IReadModelStore? store = null) =>
        [.. (await (store ?? Store).ReadAllRowsAsync(projection).ToListAsync()).Select(r => (string)r[0]!).Order(StringComparer.Ordinal)];
}
