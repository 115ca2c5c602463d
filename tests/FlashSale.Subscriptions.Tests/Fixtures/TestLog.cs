using System.Text;
using FlashSale.Contracts;
using FlashSale.Domain.Items;
using FlashSale.EventStore;
using FlashSale.EventStore.Sqlite;
using Microsoft.Data.Sqlite;

namespace FlashSale.Subscriptions.Tests.Fixtures;

/// <summary>A real SQLite event store in a throw-away directory, with helpers to write item events (and broken ones).</summary>
public sealed class TestLog : IAsyncDisposable
{
    private readonly string _directory;

    private TestLog(string directory, SqliteEventStore store)
    {
        _directory = directory;
        Store = store;
    }

    public SqliteEventStore Store { get; }

    /// <summary>Where its file is, for a second store on it (another process).</summary>
    public string Directory => _directory;

    /// <param name="pollInterval">How often its subscriptions look for other processes' appends (20 ms by default).</param>
    public static async Task<TestLog> OpenAsync(TimeSpan? pollInterval = null)
    {
        var directory = Path.Combine(Path.GetTempPath(), $"flashsale-subscriptions-{Guid.NewGuid():N}");
        System.IO.Directory.CreateDirectory(directory);
        return new TestLog(directory, await SqliteEventStore.OpenAsync(Path.Combine(directory, "events.db"), pollInterval ?? TimeSpan.FromMilliseconds(20)));
    }

    /// <summary>Appends one restock per quantity to <c>item-{itemId}</c>; returns their positions.</summary>
    public async Task<IReadOnlyList<LogPosition>> RestockAsync(string itemId, int count)
    {
        var events = Enumerable.Range(1, count)
            .Select(i => (ItemEvent)new ItemRestocked(itemId, i, $"restock {i}", DateTimeOffset.UnixEpoch.AddSeconds(i))).ToList();
        return await AppendAsync(itemId, events);
    }

    public Task<IReadOnlyList<LogPosition>> AppendAsync(string itemId, IReadOnlyList<ItemEvent> events) => AppendAsync(Store, itemId, events);

    public static async Task<IReadOnlyList<LogPosition>> AppendAsync(IEventStore store, string itemId, IReadOnlyList<ItemEvent> events)
    {
        var metadata = ItemEventSerializer.SerializeMetadata(new EventMetadata("correlation", "causation", "test", DateTimeOffset.UnixEpoch));
        var data = events.Select((e, i) => ItemEventSerializer.ToEventData(e, i, metadata) with { EventId = Guid.NewGuid() }).ToList();
        var result = await store.AppendAsync(ItemStreams.For(itemId), ExpectedRevision.Any, data);
        return result.ShouldBeOfType<AppendResult.Success>().EventPositions;
    }

    /// <summary>An event of a known type whose data is not its JSON: a poison event.</summary>
    public async Task<LogPosition> AppendUnreadableAsync(string itemId, string type)
    {
        var broken = new EventData(Guid.NewGuid(), type, Encoding.UTF8.GetBytes("{not json"), ReadOnlyMemory<byte>.Empty);
        var result = await Store.AppendAsync(ItemStreams.For(itemId), ExpectedRevision.Any, [broken]);
        return result.ShouldBeOfType<AppendResult.Success>().Position;
    }

    /// <summary>An event on a stream item followers do not follow.</summary>
    public async Task<LogPosition> AppendElsewhereAsync(string streamId)
    {
        var other = new EventData(Guid.NewGuid(), "Other", Encoding.UTF8.GetBytes("{}"), ReadOnlyMemory<byte>.Empty);
        var result = await Store.AppendAsync(streamId, ExpectedRevision.Any, [other]);
        return result.ShouldBeOfType<AppendResult.Success>().Position;
    }

    public async ValueTask DisposeAsync()
    {
        await Store.DisposeAsync();
        SqliteConnection.ClearAllPools();
        try
        {
            System.IO.Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
            // A pooled handle may linger; the temp directory is reclaimed later.
        }
    }
}
