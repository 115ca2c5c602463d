using FlashSale.EventStore.Sqlite;

namespace FlashSale.Application.Tests.Fixtures;

/// <summary>A test class whose every test gets a fresh SQLite event store (a file in a directory of its own).</summary>
public abstract class OnSqlite : IAsyncLifetime
{
    private readonly TempDatabase _database = new();

    protected SqliteEventStore Sqlite { get; private set; } = null!;

    public async Task InitializeAsync() => Sqlite = await SqliteEventStore.OpenAsync(_database.Path);

    public async Task DisposeAsync()
    {
        await Sqlite.DisposeAsync();
        _database.Dispose();
    }
}
