using System.Runtime.CompilerServices;
using System.Text;
using JasperFx;
using JasperFx.Events;
using Marten;
using Marten.Events;
using Npgsql;

namespace FlashSale.EventStore.Marten;

/// <summary>
/// The event store on PostgreSQL through Marten's event store (string stream keys, Marten's <c>mt_events</c> /
/// <c>mt_streams</c> tables). Appends hold a transaction-level advisory lock from before Marten draws their global
/// sequence numbers until they commit, so sequence order is commit order and a reader never sees a later event
/// before an earlier one (ADR 0012).
/// </summary>
public sealed partial class MartenEventStore : IEventStore, IAsyncDisposable
{
    private const int PageSize = 1024;

    private readonly DocumentStore _store;
    private readonly NpgsqlDataSource _dataSource;
    private readonly MartenEventStoreSettings _settings;
    private TaskCompletionSource _appended = NewSignal();
    private int _disposed;

    private MartenEventStore(DocumentStore store, NpgsqlDataSource dataSource, MartenEventStoreSettings settings) =>
        (_store, _dataSource, _settings) = (store, dataSource, settings);

    public MartenEventStoreSettings Settings => _settings;

    /// <summary>Opens the store: creates or migrates Marten's tables (unless <see cref="MartenEventStoreSettings.CreateSchema"/>
    /// is false) and checks that they match what this adapter needs.</summary>
    public static async Task<MartenEventStore> OpenAsync(MartenEventStoreSettings settings, CancellationToken cancellationToken = default)
    {
        var dataSource = NpgsqlDataSource.Create(settings.ConnectionString);
        var store = new DocumentStore(MartenSchema.Options(dataSource, settings));
        try
        {
            await MartenSchema.PrepareAsync(store, dataSource, settings, cancellationToken);
            return new MartenEventStore(store, dataSource, settings);
        }
        catch
        {
            store.Dispose();
            await dataSource.DisposeAsync();
            throw;
        }
    }

    public async IAsyncEnumerable<RecordedEvent> ReadStreamAsync(string streamId, long fromRevision = 0, int maxCount = int.MaxValue,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var next = Math.Max(0, fromRevision);
        var remaining = maxCount;
        while (remaining > 0)
        {
            var limit = Math.Min(PageSize, remaining);
            IReadOnlyList<IEvent> page;
            await using (var session = _store.QuerySession())
            {
                // Marten's versions are 1-based: revision r is version r + 1.
                page = await Translate(() => session.Events.FetchStreamAsync(streamId, version: next + limit, fromVersion: next + 1,
                    token: cancellationToken));
            }
            foreach (var e in page) yield return ToRecorded(e);
            if (page.Count < limit) yield break;
            remaining -= page.Count;
            next += page.Count;
        }
    }

    public async IAsyncEnumerable<RecordedEvent> ReadAllAsync(LogPosition? after, int maxCount, StreamFilter? filter = null,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var from = (long)(after?.Commit ?? 0);
        var remaining = maxCount;
        while (remaining > 0)
        {
            var page = await ReadPageAsync(from, cancellationToken);
            foreach (var e in page)
            {
                if (IsMartensOwn(e) || (filter is not null && !filter.Passes(e.StreamKey!))) continue;
                yield return ToRecorded(e);
                if (--remaining == 0) yield break;
            }
            if (page.Count < PageSize) yield break;
            from = page[^1].Sequence;
        }
    }

    public async IAsyncEnumerable<RecordedEvent> SubscribeToAllAsync(LogPosition? checkpoint, StreamFilter filter,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var from = (long)(checkpoint?.Commit ?? 0);
        while (!cancellationToken.IsCancellationRequested)
        {
            // Taken before reading, so an append of this process that lands after the read still wakes us.
            var appended = Volatile.Read(ref _appended).Task;
            var page = await ReadPageAsync(from, cancellationToken);
            foreach (var e in page)
            {
                from = e.Sequence;
                if (!IsMartensOwn(e) && filter.Passes(e.StreamKey!)) yield return ToRecorded(e);
            }
            if (page.Count == PageSize) continue;
            await Task.WhenAny(appended, Task.Delay(_settings.LivePollInterval, cancellationToken));
        }
        cancellationToken.ThrowIfCancellationRequested();
    }

    public async Task<LogPosition?> ReadHeadPositionAsync(CancellationToken cancellationToken = default)
    {
        await using var session = _store.QuerySession();
        var head = await Translate(() => session.Events.QueryAllRawEvents()
            .Where(e => e.StreamKey != Tombstone.StreamKey)
            .OrderByDescending(e => e.Sequence).Select(e => e.Sequence).Take(1).ToListAsync(cancellationToken));
        return head.Count == 0 ? null : LogPosition.At((ulong)head[0]);
    }

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1) return;
        await _store.DisposeAsync();
        await _dataSource.DisposeAsync();
    }

    // Sequence order is commit order (the append lock), so whatever a read sees is a gap-free prefix of what will
    // ever be committed up to its last event: gaps left by rolled-back appends stay empty for good.
    private async Task<IReadOnlyList<IEvent>> ReadPageAsync(long after, CancellationToken cancellationToken)
    {
        await using var session = _store.QuerySession();
        return await Translate(() => session.Events.QueryAllRawEvents()
            .Where(e => e.Sequence > after).OrderBy(e => e.Sequence).Take(PageSize).ToListAsync(cancellationToken));
    }

    /// <summary>Marten fills the sequence numbers of a failed save with events on its tombstone stream; they are not ours.</summary>
    private static bool IsMartensOwn(IEvent e) => e.StreamKey == Tombstone.StreamKey;

    private static RecordedEvent ToRecorded(IEvent e)
    {
        var body = (StoredEventBody)e.Data;
        return new RecordedEvent(e.StreamKey!, e.Version - 1, LogPosition.At((ulong)e.Sequence), e.Id, body.Type,
            Encoding.UTF8.GetBytes(body.Data), Encoding.UTF8.GetBytes(body.Metadata), e.Timestamp);
    }

    private static TaskCompletionSource NewSignal() => new(TaskCreationOptions.RunContinuationsAsynchronously);
}
