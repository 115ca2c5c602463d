using FlashSale.EventStore.Logging;
using Microsoft.Extensions.Logging;

namespace FlashSale.EventStore.EventStoreDb.Snapshots;

/// <summary>The snapshot store's lines; every one names its <see cref="LogEvents"/> event.</summary>
internal static partial class SnapshotLog
{
    [LoggerMessage(EventName = LogEvents.SnapshotTruncateFailed, Level = LogLevel.Warning,
        Message = "Snapshot stream {Stream} is written but its $tb could not be moved to {TruncateBefore}: earlier writes stay readable until the next replacing write")]
    public static partial void SnapshotTruncateFailed(this ILogger logger, Exception error, string stream, long truncateBefore);
}
