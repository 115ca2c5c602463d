using FlashSale.Application.CommandPath;
using FlashSale.Contracts;
using FlashSale.EventStore.Snapshots;
using FlashSale.Domain;
using FlashSale.Domain.Items;
using FlashSale.EventStore.Sqlite;
using FlashSale.EventStore.Sqlite.Snapshots;
using Microsoft.Data.Sqlite;

namespace FlashSale.Application.Tests.CommandPath.Snapshots;

/// <summary>One item's event log and snapshot file on disk, and writers started on them as a restarted process would.</summary>
internal sealed class RestartableItem : IAsyncDisposable
{
    public static readonly DateTimeOffset Start = new(2026, 12, 1, 12, 0, 0, TimeSpan.Zero);

    private readonly string _directory = Path.Combine(Path.GetTempPath(), $"flashsale-snapshots-{Guid.NewGuid():N}");
    private readonly bool _snapshots;
    private readonly int _every;
    private SqliteEventStore? _store;
    private SqliteSnapshotStore? _snapshotStore;

    private readonly Func<ISnapshotStore, ISnapshotStore> _wrap;

    /// <param name="wrap">What the writers see of the snapshot store (a recording decorator, say).</param>
    public RestartableItem(bool snapshots = true, int every = 10, Func<ISnapshotStore, ISnapshotStore>? wrap = null) =>
        (_snapshots, _every, _wrap) = (snapshots, every, wrap ?? (store => store));

    public ItemWriter Writer { get; private set; } = null!;

    /// <summary>What the writers started on these files logged.</summary>
    public CapturedLog Log { get; } = new();

    public string SnapshotsPath => Path.Combine(_directory, "snapshots.db");

    public async Task<RestartableItem> StartAsync(string itemId = "lamp")
    {
        _store = await SqliteEventStore.OpenAsync(Path.Combine(_directory, "events.db"));
        _snapshotStore = _snapshots ? await SqliteSnapshotStore.OpenAsync(SnapshotsPath) : null;
        Writer = new ItemWriter(itemId, _store, new CommandPathOptions { SnapshotEvery = _every }, Log, snapshots: _snapshotStore is null ? null : _wrap(_snapshotStore));
        return this;
    }

    /// <summary>Stops the process (its last snapshot write finishes) and starts a new one on the same files.</summary>
    public async Task RestartAsync()
    {
        var itemId = Writer.ItemId;
        await StopAsync();
        await StartAsync(itemId);
    }

    public async Task<CommandOutcome> SendAsync(ItemCommand command) => await Writer.ExecuteAsync(command, new CommandContext("test", "test", "test"));

    /// <summary>The outcome as a caller sees it, or the refusal's code.</summary>
    public async Task<string> AnswerAsync(ItemCommand command)
    {
        try
        {
            var outcome = await SendAsync(command);
            OrderRecord? order = command is OrderCommand c ? outcome.OrderOf(c.OrderId) : null;
            var restock = command is RestockItem { OperationId: { } id } ? outcome.RestockOf(id) : null;
            return $"{string.Join(';', outcome.Events)} | {outcome.Position} | {outcome.Available} | {order} {order?.RefundReferences?.Count} | " +
                $"{outcome.Order} | {restock} {outcome.Restock} | {(command is OrderCommand o ? outcome.SaleClosedFor(o.OrderId) : null)}";
        }
        catch (DomainException refused)
        {
            return refused.Code;
        }
    }

    public async Task ExecuteOnSnapshotsAsync(string sql)
    {
        await using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = SnapshotsPath, Pooling = false }.ToString());
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync();
    }

    /// <summary>The item's stream as the log holds it.</summary>
    public async Task<List<(long Revision, ItemEvent Event)>> EventsAsync()
    {
        var events = new List<(long, ItemEvent)>();
        await foreach (var recorded in _store!.ReadStreamAsync(ItemStreams.For(Writer.ItemId)))
            events.Add((recorded.StreamRevision, ItemEventSerializer.Deserialize(recorded)!));
        return events;
    }

    /// <summary>The stored entries' keys, and the header's schema name.</summary>
    public async Task<List<string>> EntryKeysAsync()
    {
        await using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = SnapshotsPath, Pooling = false }.ToString());
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT 'header: ' || substr(schema, 1, instr(schema, ';') - 1) FROM snapshots UNION ALL SELECT key FROM snapshot_entries";
        var keys = new List<string>();
        await using var rows = await command.ExecuteReaderAsync();
        while (await rows.ReadAsync()) keys.Add(rows.GetString(0));
        return keys;
    }

    /// <summary>Flips one bit of the stored entry <paramref name="key"/>, as a bad disk would.</summary>
    public async Task FlipBitAsync(string key)
    {
        await using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = SnapshotsPath, Pooling = false }.ToString());
        await connection.OpenAsync();
        await using var read = connection.CreateCommand();
        read.CommandText = "SELECT data FROM snapshot_entries WHERE key = $key";
        read.Parameters.AddWithValue("$key", key);
        var data = (byte[])(await read.ExecuteScalarAsync() ?? throw new InvalidOperationException($"No entry '{key}'."));
        data[data.Length / 2] ^= 0x10;
        await using var write = connection.CreateCommand();
        write.CommandText = "UPDATE snapshot_entries SET data = $data WHERE key = $key";
        write.Parameters.AddWithValue("$data", data);
        write.Parameters.AddWithValue("$key", key);
        await write.ExecuteNonQueryAsync();
    }

    private async Task StopAsync()
    {
        await Writer.DisposeAsync();
        if (_snapshotStore is not null) await _snapshotStore.DisposeAsync();
        if (_store is not null) await _store.DisposeAsync();
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
            // A pooled handle may linger; the temp directory is reclaimed later.
        }
    }
}
