using System.Text;
using FlashSale.EventStore.Snapshots;

namespace FlashSale.EventStore.Tests.Snapshots;

/// <summary>
/// The semantics every <see cref="ISnapshotStore"/> must have (ADR 0018, 0021), and that snapshots never show in the event
/// log they sit next to. A store's test class derives from this one and only says how to open the pair. Stream names are
/// unique per test.
/// </summary>
public abstract partial class SnapshotStoreContract : IAsyncLifetime
{
    protected static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    protected ISnapshotStore Snapshots { get; private set; } = null!;

    /// <summary>The event log the snapshot store belongs to.</summary>
    protected IEventStore Events { get; private set; } = null!;

    /// <summary>A fresh, empty pair; called once per test.</summary>
    protected abstract Task<(ISnapshotStore Snapshots, IEventStore Events)> CreateStoresAsync();

    public virtual async Task InitializeAsync() => (Snapshots, Events) = await CreateStoresAsync();

    public virtual async Task DisposeAsync()
    {
        if (Snapshots is IAsyncDisposable snapshots) await snapshots.DisposeAsync();
        if (Events is IAsyncDisposable events) await events.DisposeAsync();
    }

    protected static string NewStream() => $"item-{Guid.NewGuid():N}";

    protected static SnapshotEntry Entry(string key, string data) => new(key, Encoding.UTF8.GetBytes(data));

    protected static SnapshotWrite Replacing(string stream, long revision, params SnapshotEntry[] entries) =>
        new(stream, revision, EventIdAt(revision), "schema.1", Encoding.UTF8.GetBytes($"header@{revision}"), entries, null);

    protected static SnapshotWrite Adding(string stream, long revision, long basedOn, params SnapshotEntry[] entries) =>
        Replacing(stream, revision, entries) with { BasedOn = basedOn };

    protected static Guid EventIdAt(long revision) => new($"00000000-0000-0000-0000-{revision:D12}");

    protected async Task WrittenAsync(SnapshotWrite write) => (await Snapshots.WriteAsync(write)).ShouldBe(SnapshotWriteResult.Written);

    /// <summary>The stored snapshot as text: revision, event id, schema, header, then every entry in key order.</summary>
    protected async Task<string?> ShownAsync(string stream) => Show(await Snapshots.ReadAsync(stream));

    protected static string? Show(StoredSnapshot? snapshot) => snapshot is null
        ? null
        : $"{snapshot.StreamId}@{snapshot.Revision} {snapshot.EventId} {snapshot.Schema} [{Encoding.UTF8.GetString(snapshot.Header.Span)}] " +
          string.Join(' ', snapshot.Entries.OrderBy(e => e.Key, StringComparer.Ordinal).Select(e => $"{e.Key}={Encoding.UTF8.GetString(e.Data.Span)}"));

    protected static string Expected(SnapshotWrite write, params SnapshotEntry[] entries) =>
        Show(new StoredSnapshot(write.StreamId, write.Revision, write.EventId, write.Schema, write.Header, entries))!;
}
