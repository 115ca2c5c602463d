using System.Runtime.InteropServices;
using FlashSale.Domain.Items;
using FlashSale.EventStore;
using FlashSale.Projections;
using FlashSale.ReadModels.Storage;
using FlashSale.Subscriptions.Checkpoints;
using Microsoft.Extensions.Logging;

namespace FlashSale.ReadModels.Running;

/// <summary>
/// Applies batches of events to one slot of one projection: loads the rows a batch touches (from its cache when it
/// can), applies the pure projection, and commits rows + checkpoint in one transaction. Poison events (unreadable,
/// or refused by the projection) are recorded as poison events and the batch goes on.
/// </summary>
public sealed class ProjectionWriter
{
    private readonly IReadModelStore _store;
    private readonly RowCache _cache;
    private readonly bool _cacheStartedComplete;
    private readonly TimeProvider _clock;
    private readonly ILogger? _logger;
    private RowPresence? _presence;

    /// <summary>Tables of at most this many rows have their keys read when a live writer starts (<see cref="ResumeLiveAsync"/>):
    /// a second or so of SQLite at the limit, and the filter still skips ~19 loads in 20 there.</summary>
    public const int SeedLimit = 1_000_000;

    /// <summary>The rows a live writer keeps by default (<see cref="RowCache"/>): the batch's own rows and the last few
    /// batches', so an order's next events find its row, while no row stays long enough for the GC to promote it twice
    /// (ADR 0040). A rebuild keeps far more, as it applies the whole log at once.</summary>
    public const int LiveCacheLimit = 4_096;

    /// <param name="startsEmpty">The slot's table has no row at <paramref name="checkpoint"/>, so a key this writer never
    /// gave a row has none and needs no lookup (<see cref="RowPresence"/>, ADR 0029); a key missing from the cache needs
    /// none until the cache overflows once.</param>
    /// <param name="logger">Where the poison events it records are logged too.</param>
    public ProjectionWriter(IProjection projection, ReadModelSlot slot, IReadModelStore store, ProjectionCheckpoint checkpoint,
        TimeProvider clock, bool startsEmpty = false, int cacheLimit = LiveCacheLimit, ILogger? logger = null)
        : this(projection, slot, store, checkpoint, clock, startsEmpty ? new RowPresence() : null, startsEmpty, cacheLimit, logger)
    {
    }

    private ProjectionWriter(IProjection projection, ReadModelSlot slot, IReadModelStore store, ProjectionCheckpoint checkpoint,
        TimeProvider clock, RowPresence? presence, bool cacheIsComplete, int cacheLimit, ILogger? logger)
    {
        _logger = logger;
        Projection = projection;
        Slot = slot;
        _store = store;
        _clock = clock;
        _cache = new RowCache(cacheLimit);
        Checkpoint = checkpoint;
        Position = checkpoint.Position;
        Version = checkpoint.Version;
        EventsApplied = checkpoint.EventsApplied;
        // A projection whose rows are not kept has a complete cache of nothing: what says "no row" is the presence filter.
        _cacheStartedComplete = cacheIsComplete && projection.CachesRows;
        _presence = presence;
    }

    /// <summary>A writer of the live table at its stored checkpoint; null when the projection has no checkpoint. The keys of
    /// a table of at most <paramref name="seedLimit"/> rows are read with the checkpoint in one snapshot and seed the keys
    /// the writer may find rows for (ADR 0035), so it loads only those: a row written after that snapshot moved the
    /// checkpoint's version, and the writer's first commit fails. A larger table loads every key it was not the one to write.</summary>
    public static async Task<ProjectionWriter?> ResumeLiveAsync(IProjection projection, IReadModelStore store, TimeProvider clock,
        CancellationToken cancellationToken, ILogger? logger = null, int cacheLimit = LiveCacheLimit, int seedLimit = SeedLimit)
    {
        var presence = new RowPresence();
        var keys = 0;
        var checkpoint = await store.ReadKeySnapshotAsync(projection, (int)Math.Min(seedLimit + 1L, int.MaxValue), key =>
        {
            presence.Add(key);
            keys++;
        }, cancellationToken);
        if (checkpoint is null) return null;
        return new ProjectionWriter(projection, ReadModelSlot.Live, store, checkpoint, clock, keys <= seedLimit ? presence : null,
            cacheIsComplete: keys == 0, cacheLimit, logger);
    }

    /// <summary>The checkpoint this writer started from.</summary>
    public ProjectionCheckpoint Checkpoint { get; }

    public IProjection Projection { get; }

    public ReadModelSlot Slot { get; }

    public LogPosition? Position { get; private set; }

    public long Version { get; private set; }

    public long EventsApplied { get; private set; }

    // Every row of the slot is in the cache (or known to be missing): until the cache drops one, which it says.
    private bool CacheIsComplete => _cacheStartedComplete && !_cache.DroppedAny;

    // The batch's events with their rows' keys, reused from batch to batch (a writer prepares one batch at a time, and
    // nothing prepared keeps this list): a new one per batch was 3% of what the API allocated in a sale (ADR 0041).
    private readonly List<(RecordedEvent Recorded, ProjectedEvent Event, RowKey Key)> _decoded = [];

    /// <exception cref="CheckpointMovedException">Another writer moved the checkpoint; nothing was written.</exception>
    public Task ApplyAsync(IReadOnlyList<RecordedEvent> batch, CancellationToken cancellationToken) =>
        ApplyAsync(DecodedEvent.DecodeAll(batch), cancellationToken);

    /// <summary>Applies events decoded once for several projections (the live runner feeds all of them from one read).</summary>
    /// <exception cref="CheckpointMovedException">Another writer moved the checkpoint; nothing was written.</exception>
    public async Task ApplyAsync(IReadOnlyList<DecodedEvent> batch, CancellationToken cancellationToken)
    {
        if (await PrepareAsync(batch, cancellationToken) is not { } prepared) return;
        if (!await _store.CommitAsync(prepared.Commit, cancellationToken)) throw Moved();
        Committed(prepared);
    }

    /// <summary>What <paramref name="batch"/> makes of the rows, ready to commit (with other projections' batches, in one
    /// transaction); nothing of this writer changes until <see cref="Committed"/>. Null for an empty batch.</summary>
    public async Task<PreparedBatch?> PrepareAsync(IReadOnlyList<DecodedEvent> batch, CancellationToken cancellationToken)
    {
        if (batch.Count == 0) return null;
        var poison = new List<PoisonEvent>();
        var poisonSources = new List<(RecordedEvent Recorded, ItemEvent? Event)>(); // for the log, once committed
        var decoded = _decoded;
        decoded.Clear();
        decoded.EnsureCapacity(batch.Count);
        foreach (var (recorded, projected, error) in batch)
        {
            if (error is not null)
            {
                poison.Add(Poison(recorded, $"Unreadable event: {error}"));
                poisonSources.Add((recorded, null));
            }
            else if (projected is not null && Projection.KeyOf(projected) is { } key) decoded.Add((recorded, projected, key));
        }

        try
        {
            return await PrepareAsync(batch, decoded, poison, poisonSources, cancellationToken);
        }
        finally
        {
            decoded.Clear(); // holds no event past its batch
        }
    }

    private async Task<PreparedBatch> PrepareAsync(IReadOnlyList<DecodedEvent> batch, List<(RecordedEvent Recorded, ProjectedEvent Event, RowKey Key)> decoded,
        List<PoisonEvent> poison, List<(RecordedEvent Recorded, ItemEvent? Event)> poisonSources, CancellationToken cancellationToken)
    {
        var rows = await LoadAsync(decoded, cancellationToken);
        var changed = new HashSet<RowKey>(rows.Count);
        foreach (var (recorded, projected, key) in decoded)
        {
            try
            {
                ref var row = ref CollectionsMarshal.GetValueRefOrNullRef(rows, key);
                row = Projection.Apply(row, projected);
                changed.Add(key);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                poison.Add(Poison(recorded, ex.Message));
                poisonSources.Add((recorded, projected.Event));
            }
        }

        var upserts = new List<object?[]>(changed.Count);
        var deletes = new List<RowKey>();
        foreach (var key in changed)
        {
            if (rows[key] is { } row) upserts.Add(Projection.ToValues(row));
            else deletes.Add(key);
        }
        var commit = new ProjectionCommit(Projection, Slot, Version, batch[^1].Recorded.Position, batch.Count, upserts, deletes, poison,
            _clock.GetUtcNow(), CheckpointEvent.Of(batch[^1].Recorded));
        return new PreparedBatch(this, commit, rows, changed, poisonSources);
    }

    /// <summary>The prepared batch is committed: this writer moves past it and remembers its rows.</summary>
    public void Committed(PreparedBatch prepared)
    {
        if (prepared.Writer != this) throw new ArgumentException("The batch was prepared by another writer.", nameof(prepared));
        var commit = prepared.Commit;
        for (var i = 0; i < commit.PoisonEvents.Count; i++)
            _logger?.PoisonEvent(Projection.Name, prepared.PoisonSources[i].Recorded, prepared.PoisonSources[i].Event, commit.PoisonEvents[i].Error);
        Version++;
        Position = commit.NewPosition;
        EventsApplied += commit.EventsApplied;
        Remember(prepared.Rows, prepared.Changed);
    }

    /// <summary>Another writer moved the checkpoint under the prepared batch: what this writer holds is stale.</summary>
    public CheckpointMovedException Moved()
    {
        _cache.Clear();
        _presence = null;
        return new CheckpointMovedException(Projection.Name);
    }

    /// <summary>A batch applied in memory, not yet committed (<see cref="PrepareAsync"/>).</summary>
    public sealed class PreparedBatch
    {
        internal PreparedBatch(ProjectionWriter writer, ProjectionCommit commit, Dictionary<RowKey, object?> rows, HashSet<RowKey> changed,
            List<(RecordedEvent Recorded, ItemEvent? Event)> poisonSources) =>
            (Writer, Commit, Rows, Changed, PoisonSources) = (writer, commit, rows, changed, poisonSources);

        internal ProjectionWriter Writer { get; }

        public ProjectionCommit Commit { get; }

        internal Dictionary<RowKey, object?> Rows { get; }

        internal HashSet<RowKey> Changed { get; }

        internal List<(RecordedEvent Recorded, ItemEvent? Event)> PoisonSources { get; }
    }

    private async Task<Dictionary<RowKey, object?>> LoadAsync(List<(RecordedEvent Recorded, ProjectedEvent Event, RowKey Key)> decoded,
        CancellationToken cancellationToken)
    {
        var rows = new Dictionary<RowKey, object?>(decoded.Count);
        List<RowKey>? missing = null;
        foreach (var (_, _, key) in decoded)
        {
            ref var row = ref CollectionsMarshal.GetValueRefOrAddDefault(rows, key, out var seen);
            if (seen) continue;
            if (_cache.TryGet(key, out var cached)) row = cached;
            else if (!CacheIsComplete && _presence?.MayHold(key) != false) (missing ??= []).Add(key);
        }
        if (missing is null) return rows;
        foreach (var (key, values) in await _store.LoadRowsAsync(Projection, Slot, missing, cancellationToken))
            rows[key] = Projection.FromValues(values);
        return rows;
    }

    private void Remember(Dictionary<RowKey, object?> rows, HashSet<RowKey> changed)
    {
        if (_presence is { } presence)
            foreach (var key in changed)
                if (rows[key] is not null) presence.Add(key);
        if (!Projection.CachesRows) return;
        // Every row the batch touched goes to the young generation, the ones it only read too: they are in use.
        foreach (var (key, row) in rows) _cache.Set(key, row);
    }

    private PoisonEvent Poison(RecordedEvent recorded, string error) =>
        new(Projection.Name, recorded.Position, recorded.StreamId, recorded.StreamRevision, recorded.Type, error, _clock.GetUtcNow());
}
