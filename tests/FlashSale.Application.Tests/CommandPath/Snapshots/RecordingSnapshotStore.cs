using System.Collections.Concurrent;
using FlashSale.EventStore.Snapshots;

namespace FlashSale.Application.Tests.CommandPath.Snapshots;

/// <summary>A snapshot store that keeps every write it passes on, with its result, in <paramref name="writes"/> (shared by
/// the stores of a restarted item).</summary>
internal sealed class RecordingSnapshotStore(ISnapshotStore inner, ConcurrentQueue<(SnapshotWrite Write, SnapshotWriteResult Result)> writes)
    : ISnapshotStore
{
    public ConcurrentQueue<(SnapshotWrite Write, SnapshotWriteResult Result)> Writes => writes;

    public Task<StoredSnapshot?> ReadAsync(string streamId, CancellationToken cancellationToken = default) => inner.ReadAsync(streamId, cancellationToken);

    public async Task<SnapshotWriteResult> WriteAsync(SnapshotWrite snapshot, CancellationToken cancellationToken = default)
    {
        var result = await inner.WriteAsync(snapshot, cancellationToken);
        Writes.Enqueue((snapshot, result));
        return result;
    }
}
