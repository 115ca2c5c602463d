using FlashSale.EventStore;
using FlashSale.EventStore.Sqlite;
using FlashSale.Projections;
using FlashSale.ReadModels.Audit;
using FlashSale.ReadModels.Queries;
using FlashSale.ReadModels.Sqlite;
using FlashSale.ReadModels.Tests.Fixtures;

namespace FlashSale.ReadModels.Tests.Audit;

/// <summary>The audit views' set-up: an SQLite log and read store in a throw-away directory, the order locator over
/// the read models, and the export and history read from the log.</summary>
public abstract class AuditLogTests : IAsyncLifetime
{
    private readonly TempDirectory _directory = new();
    private SqliteReadModelStore _store = null!;

    protected SqliteEventStore Events { get; private set; } = null!;

    protected OrderLocator Orders { get; private set; } = null!;

    protected LogExport Export => new(Events, new AuditTrail(Events, Orders), Orders);

    /// <param name="events">Another view of the log than <see cref="Events"/> (a decorated store), if given.</param>
    protected HistoryQuery History(IEventStore? events = null) => new(events ?? Events, new AuditTrail(events ?? Events, Orders), Orders);

    public async Task InitializeAsync()
    {
        Events = await SqliteEventStore.OpenAsync(_directory.File("events.db"));
        _store = SqliteReadModelStore.Open(_directory.File("readmodels.db"));
        var projections = AllProjections.Create();
        await _store.InitializeAsync(projections);
        Orders = new OrderLocator(new ReadModelQueries(_store, projections));
        await SeedAsync();
    }

    /// <summary>What the log holds before each test (nothing unless a class says so).</summary>
    protected virtual Task SeedAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        await _store.DisposeAsync();
        await Events.DisposeAsync();
        _directory.Dispose();
    }
}
