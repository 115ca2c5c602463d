using FlashSale.EventStore.Snapshots;

namespace FlashSale.EventStore.Marten.Snapshots;

/// <summary>
/// The snapshot store of a process that may not create the snapshot tables and found them missing (ADR 0021, 0032): no
/// snapshot is read (every item replays its stream) and none is written until a look, at most one every
/// <c>recheckInterval</c> and only when a read or write asks, finds both tables, e.g. after an operator ran
/// <c>flashsale event-store create-schema</c>. From then on it is the <see cref="MartenSnapshotStore"/> it wraps.
/// </summary>
public sealed class MissingTablesSnapshotStore : ISnapshotStore, IAsyncDisposable
{
    private readonly MartenSnapshotStore _tables;
    private readonly TimeProvider _clock;
    private readonly TimeSpan _recheckInterval;
    private readonly Action _found;
    private readonly SemaphoreSlim _looking = new(1, 1);
    private long _nextLookTicks;
    private volatile bool _present;

    /// <param name="found">Called once, when a look finds the tables.</param>
    public MissingTablesSnapshotStore(MartenSnapshotStore tables, TimeProvider clock, TimeSpan recheckInterval, Action found)
    {
        (_tables, _clock, _recheckInterval, _found) = (tables, clock, recheckInterval, found);
        _nextLookTicks = (_clock.GetUtcNow() + _recheckInterval).UtcTicks;
    }

    public bool TablesFound => _present;

    public async Task<StoredSnapshot?> ReadAsync(string streamId, CancellationToken cancellationToken = default) =>
        await TablesPresentAsync(cancellationToken) ? await _tables.ReadAsync(streamId, cancellationToken) : null;

    /// <remarks>Not taken while the tables are missing: to the writer that is what a snapshot another process went further
    /// with is (it keeps its changes and tries again after as many events as a replacing write costs, ADR 0018), without a
    /// failing statement per write.</remarks>
    public async Task<SnapshotWriteResult> WriteAsync(SnapshotWrite snapshot, CancellationToken cancellationToken = default) =>
        await TablesPresentAsync(cancellationToken) ? await _tables.WriteAsync(snapshot, cancellationToken) : SnapshotWriteResult.Superseded;

    private async ValueTask<bool> TablesPresentAsync(CancellationToken cancellationToken)
    {
        if (_present) return true;
        if (!LookDue() || !await _looking.WaitAsync(0, cancellationToken)) return false;
        try
        {
            if (_present) return true;
            if (!LookDue()) return false;
            bool found;
            try
            {
                found = (await _tables.MissingTablesAsync(cancellationToken)).Count == 0;
            }
            catch (EventStoreUnavailableException)
            {
                found = false; // the database is out of reach now: the next look is one interval away, as for missing tables
            }
            if (!found)
            {
                Volatile.Write(ref _nextLookTicks, (_clock.GetUtcNow() + _recheckInterval).UtcTicks);
                return false;
            }
            _present = true;
            _found();
            return true;
        }
        finally
        {
            _looking.Release();
        }
    }

    private bool LookDue() => _clock.GetUtcNow().UtcTicks >= Volatile.Read(ref _nextLookTicks);

    public async ValueTask DisposeAsync()
    {
        await _tables.DisposeAsync();
        _looking.Dispose();
    }
}
