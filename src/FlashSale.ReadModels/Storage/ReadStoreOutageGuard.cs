using System.Runtime.CompilerServices;
using FlashSale.Projections;

namespace FlashSale.ReadModels.Storage;

/// <summary>
/// A read store whose outages (what <paramref name="isOutage"/> recognises among its driver's failures) surface as
/// <see cref="ReadStoreUnavailableException"/>, so callers tell "the store is down" from a fault without knowing the
/// driver. Every other failure passes through unchanged.
/// </summary>
public sealed class ReadStoreOutageGuard(IReadModelStore inner, Func<Exception, bool> isOutage) : IReadModelStore
{
    public Task InitializeAsync(IReadOnlyList<IProjection> projections, CancellationToken cancellationToken = default) =>
        Guard(() => inner.InitializeAsync(projections, cancellationToken));

    public Task<ProjectionCheckpoint?> ReadCheckpointAsync(string projection, ReadModelSlot slot, CancellationToken cancellationToken = default) =>
        Guard(() => inner.ReadCheckpointAsync(projection, slot, cancellationToken));

    public Task<IReadOnlyList<ProjectionCheckpoint>> ReadCheckpointsAsync(CancellationToken cancellationToken = default) =>
        Guard(() => inner.ReadCheckpointsAsync(cancellationToken));

    public Task<IReadOnlyDictionary<RowKey, object?[]>> LoadRowsAsync(IProjection projection, ReadModelSlot slot,
        IReadOnlyCollection<RowKey> keys, CancellationToken cancellationToken = default) =>
        Guard(() => inner.LoadRowsAsync(projection, slot, keys, cancellationToken));

    public Task<bool> CommitAsync(ProjectionCommit commit, CancellationToken cancellationToken = default) =>
        Guard(() => inner.CommitAsync(commit, cancellationToken));

    public Task<ProjectionCommit?> CommitAllAsync(IReadOnlyList<ProjectionCommit> commits, CancellationToken cancellationToken = default) =>
        Guard(() => inner.CommitAllAsync(commits, cancellationToken));

    public Task StartShadowAsync(IProjection projection, DateTimeOffset startedAt, CancellationToken cancellationToken = default) =>
        Guard(() => inner.StartShadowAsync(projection, startedAt, cancellationToken));

    public Task<SwapOutcome> SwapShadowAsync(IProjection projection, long expectedShadowVersion, CancellationToken cancellationToken = default) =>
        Guard(() => inner.SwapShadowAsync(projection, expectedShadowVersion, cancellationToken));

    public Task DropShadowAsync(IProjection projection, CancellationToken cancellationToken = default) =>
        Guard(() => inner.DropShadowAsync(projection, cancellationToken));

    public Task ResetLiveAsync(IProjection projection, string reason, CancellationToken cancellationToken = default) =>
        Guard(() => inner.ResetLiveAsync(projection, reason, cancellationToken));

    public Task<ProjectionCheckpoint?> ReadSnapshotAsync(IProjection projection, Action<object?[]> row, CancellationToken cancellationToken = default) =>
        Guard(() => inner.ReadSnapshotAsync(projection, row, cancellationToken));

    public Task<ProjectionCheckpoint?> ReadKeySnapshotAsync(IProjection projection, int limit, Action<RowKey> key,
        CancellationToken cancellationToken = default) =>
        Guard(() => inner.ReadKeySnapshotAsync(projection, limit, key, cancellationToken));

    public Task SetStateAsync(string projection, ReadModelSlot slot, string state, string? error, CancellationToken cancellationToken = default) =>
        Guard(() => inner.SetStateAsync(projection, slot, state, error, cancellationToken));

    public Task<object?[]?> GetRowAsync(IProjection projection, RowKey key, CancellationToken cancellationToken = default) =>
        Guard(() => inner.GetRowAsync(projection, key, cancellationToken));

    public Task<IReadOnlyList<object?[]>> QueryRowsAsync(IProjection projection, RowQuery query, CancellationToken cancellationToken = default) =>
        Guard(() => inner.QueryRowsAsync(projection, query, cancellationToken));

    public Task<long> CountRowsAsync(IProjection projection, IReadOnlyList<(string Column, object Value)> filters,
        CancellationToken cancellationToken = default) =>
        Guard(() => inner.CountRowsAsync(projection, filters, cancellationToken));

    public async IAsyncEnumerable<object?[]> ReadAllRowsAsync(IProjection projection, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await using var rows = inner.ReadAllRowsAsync(projection, cancellationToken).GetAsyncEnumerator(cancellationToken);
        while (await Guard(() => rows.MoveNextAsync().AsTask())) yield return rows.Current;
    }

    public Task<IReadOnlyList<PoisonEvent>> ReadPoisonEventsAsync(string projection, int limit, int offset = 0,
        CancellationToken cancellationToken = default) =>
        Guard(() => inner.ReadPoisonEventsAsync(projection, limit, offset, cancellationToken));

    public Task<RebuildClaimRecord> ClaimRebuildAsync(string projection, string owner, string holder, DateTimeOffset now,
        DateTimeOffset expiresAt, CancellationToken cancellationToken = default) =>
        Guard(() => inner.ClaimRebuildAsync(projection, owner, holder, now, expiresAt, cancellationToken));

    public Task<bool> RenewRebuildClaimAsync(string projection, string owner, DateTimeOffset expiresAt,
        CancellationToken cancellationToken = default) =>
        Guard(() => inner.RenewRebuildClaimAsync(projection, owner, expiresAt, cancellationToken));

    public Task ReleaseRebuildClaimAsync(string projection, string owner, CancellationToken cancellationToken = default) =>
        Guard(() => inner.ReleaseRebuildClaimAsync(projection, owner, cancellationToken));

    public Task<long> CountPoisonEventsAsync(string projection, CancellationToken cancellationToken = default) =>
        Guard(() => inner.CountPoisonEventsAsync(projection, cancellationToken));

    public ValueTask DisposeAsync() => inner.DisposeAsync();

    private async Task Guard(Func<Task> call)
    {
        try
        {
            await call();
        }
        catch (Exception e) when (e is not OperationCanceledException && isOutage(e))
        {
            throw new ReadStoreUnavailableException(e);
        }
    }

    private async Task<T> Guard<T>(Func<Task<T>> call)
    {
        try
        {
            return await call();
        }
        catch (Exception e) when (e is not OperationCanceledException && isOutage(e))
        {
            throw new ReadStoreUnavailableException(e);
        }
    }
}
