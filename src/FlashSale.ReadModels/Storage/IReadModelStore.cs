using FlashSale.EventStore;
using FlashSale.Projections;
using FlashSale.Subscriptions.Checkpoints;

namespace FlashSale.ReadModels.Storage;

/// <summary>
/// Where read models live (SQLite embedded, PostgreSQL in production). Every projection has a live table that
/// queries read and, during a rebuild, a shadow table that only the rebuild writes. A projection's rows and its
/// checkpoint change together in one transaction, guarded by compare-and-set on the checkpoint's version, so a
/// second writer (another process, a swap) is detected instead of overwritten.
/// </summary>
public interface IReadModelStore : IAsyncDisposable
{
    /// <summary>Creates missing live tables, checkpoints and the poison-event table (renaming the table of a release that
    /// called them projection dead letters). A live table whose columns or primary key are not the ones its projection
    /// declares (a table of an older release) is recreated empty and its checkpoint reset, so the projection replays the
    /// log into it. Idempotent.</summary>
    Task InitializeAsync(IReadOnlyList<IProjection> projections, CancellationToken cancellationToken = default);

    /// <summary>The checkpoint of <paramref name="slot"/>; null when it does not exist (no shadow outside a rebuild).</summary>
    Task<ProjectionCheckpoint?> ReadCheckpointAsync(string projection, ReadModelSlot slot, CancellationToken cancellationToken = default);

    Task<IReadOnlyList<ProjectionCheckpoint>> ReadCheckpointsAsync(CancellationToken cancellationToken = default);

    /// <summary>The rows with the given keys that exist (column values in table order).</summary>
    Task<IReadOnlyDictionary<RowKey, object?[]>> LoadRowsAsync(IProjection projection, ReadModelSlot slot,
        IReadOnlyCollection<RowKey> keys, CancellationToken cancellationToken = default);

    /// <summary>Writes rows, poison events and the new checkpoint atomically if the checkpoint still has
    /// <see cref="ProjectionCommit.ExpectedVersion"/>. Returns false (and writes nothing) when it has not.</summary>
    Task<bool> CommitAsync(ProjectionCommit commit, CancellationToken cancellationToken = default);

    /// <summary>Commits the batches of several projections in one transaction, each as <see cref="CommitAsync"/> would: all
    /// of them or none. Returns the first of them whose checkpoint no longer has its expected version (then nothing is
    /// written), or null when all were written.</summary>
    Task<ProjectionCommit?> CommitAllAsync(IReadOnlyList<ProjectionCommit> commits, CancellationToken cancellationToken = default);

    /// <summary>Replaces any shadow table of <paramref name="projection"/> by an empty one with a fresh shadow checkpoint.</summary>
    Task StartShadowAsync(IProjection projection, DateTimeOffset startedAt, CancellationToken cancellationToken = default);

    /// <summary>
    /// Atomically makes the shadow table live, with the shadow checkpoint, if the shadow has reached the live checkpoint
    /// (so readers never see the model move backwards). The old live table is dropped.
    /// </summary>
    Task<SwapOutcome> SwapShadowAsync(IProjection projection, long expectedShadowVersion, CancellationToken cancellationToken = default);

    Task DropShadowAsync(IProjection projection, CancellationToken cancellationToken = default);

    /// <summary>In one transaction: empties the live table of <paramref name="projection"/>, drops any shadow and the
    /// projection's poison events, and sends its live checkpoint back to the start of the log (the version moves on, so
    /// a writer holding the old checkpoint fails its next commit), in state <see cref="ProjectionStates.Rebuilding"/>
    /// with <paramref name="reason"/> as its error. For a checkpoint that is not on the log (the event store was
    /// restored or replaced): the projection then replays the log into the empty table.</summary>
    Task ResetLiveAsync(IProjection projection, string reason, CancellationToken cancellationToken = default);

    Task SetStateAsync(string projection, ReadModelSlot slot, string state, string? error, CancellationToken cancellationToken = default);

    Task<object?[]?> GetRowAsync(IProjection projection, RowKey key, CancellationToken cancellationToken = default);

    /// <summary>Live rows matching every filter (column = value), ordered by <see cref="RowQuery.OrderBy"/> then key.</summary>
    Task<IReadOnlyList<object?[]>> QueryRowsAsync(IProjection projection, RowQuery query, CancellationToken cancellationToken = default);

    /// <summary>How many live rows match every filter (column = value): one COUNT, for gauges that must not page.</summary>
    Task<long> CountRowsAsync(IProjection projection, IReadOnlyList<(string Column, object Value)> filters, CancellationToken cancellationToken = default);

    /// <summary>Every live row, ordered by key (for audit verify).</summary>
    IAsyncEnumerable<object?[]> ReadAllRowsAsync(IProjection projection, CancellationToken cancellationToken = default);

    /// <summary>Every live row of <paramref name="projection"/> (handed to <paramref name="row"/>) and the live checkpoint they
    /// stand at, read in one snapshot: a commit of the projection is wholly in it or wholly out. What a process starts
    /// from instead of the beginning of the log.</summary>
    /// <returns>The live checkpoint; null when the projection has none (no row is read then).</returns>
    Task<ProjectionCheckpoint?> ReadSnapshotAsync(IProjection projection, Action<object?[]> row, CancellationToken cancellationToken = default);

    /// <summary>The live checkpoint of <paramref name="projection"/> and the keys of its rows (handed to <paramref name="key"/>,
    /// at most <paramref name="limit"/> of them), read in one snapshot: a commit of the projection is wholly in it or wholly
    /// out. Keys only, no other column. What a live writer seeds the keys it may find rows for from (ADR 0035).</summary>
    /// <returns>The live checkpoint; null when the projection has none (no key is read then).</returns>
    Task<ProjectionCheckpoint?> ReadKeySnapshotAsync(IProjection projection, int limit, Action<RowKey> key, CancellationToken cancellationToken = default);

    /// <summary>Newest first, skipping the <paramref name="offset"/> newest.</summary>
    Task<IReadOnlyList<PoisonEvent>> ReadPoisonEventsAsync(string projection, int limit, int offset = 0,
        CancellationToken cancellationToken = default);

    Task<long> CountPoisonEventsAsync(string projection, CancellationToken cancellationToken = default);

    /// <summary>Takes the rebuild claim of <paramref name="projection"/> for <paramref name="owner"/> until
    /// <paramref name="expiresAt"/>, unless another owner holds one that has not expired at <paramref name="now"/>. Atomic
    /// across processes on this store.</summary>
    /// <returns>The claim as it stands afterwards: <paramref name="owner"/>'s when it was taken, the other holder's when not.</returns>
    Task<RebuildClaimRecord> ClaimRebuildAsync(string projection, string owner, string holder, DateTimeOffset now, DateTimeOffset expiresAt,
        CancellationToken cancellationToken = default);

    /// <summary>Moves the expiry of <paramref name="owner"/>'s claim; false when it no longer holds it (it expired and
    /// another owner took it, or it was released).</summary>
    Task<bool> RenewRebuildClaimAsync(string projection, string owner, DateTimeOffset expiresAt, CancellationToken cancellationToken = default);

    /// <summary>Gives up <paramref name="owner"/>'s claim; nothing when it does not hold it.</summary>
    Task ReleaseRebuildClaimAsync(string projection, string owner, CancellationToken cancellationToken = default);
}

public enum ReadModelSlot
{
    Live,
    Shadow,
}

public enum SwapOutcome
{
    Swapped,

    /// <summary>The live model is ahead of the shadow: catch the shadow up and try again.</summary>
    ShadowBehind,

    /// <summary>The shadow changed (or vanished) under the caller: another rebuild owns it.</summary>
    Conflict,
}

/// <summary>A projection's progress in one slot. <see cref="Version"/> changes on every commit and swap (compare-and-set).
/// <see cref="Event"/> is the event at <see cref="Position"/> (null at the start, and in a row written before it was
/// recorded): what tells whether the log is still the one the checkpoint was written from (ADR 0020).</summary>
public sealed record ProjectionCheckpoint(
    string Projection,
    ReadModelSlot Slot,
    LogPosition? Position,
    long Version,
    long EventsApplied,
    string State,
    string? Error,
    DateTimeOffset StartedAt,
    DateTimeOffset UpdatedAt,
    CheckpointEvent? Event = null);

public sealed record ProjectionCommit(
    IProjection Projection,
    ReadModelSlot Slot,
    long ExpectedVersion,
    LogPosition NewPosition,
    long EventsApplied,
    IReadOnlyList<object?[]> Upserts,
    IReadOnlyList<RowKey> Deletes,
    IReadOnlyList<PoisonEvent> PoisonEvents,
    DateTimeOffset At,
    CheckpointEvent NewEvent);

/// <summary>An event a projection could not apply: recorded with the error, skipped, never retried silently.</summary>
public sealed record PoisonEvent(
    string Projection,
    LogPosition Position,
    string StreamId,
    long StreamRevision,
    string EventType,
    string Error,
    DateTimeOffset RecordedAt);

public sealed record RowQuery(IReadOnlyList<(string Column, object Value)> Filters, IReadOnlyList<string> OrderBy, int Limit, int Offset = 0);

public static class ProjectionStates
{
    public const string Running = "running";
    public const string Rebuilding = "rebuilding";
    public const string Faulted = "faulted";
    public const string Stopped = "stopped";
}
