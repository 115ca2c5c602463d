using FlashSale.EventStore;
using FlashSale.ReadModels.Storage;

namespace FlashSale.ReadModels.Running;

/// <summary>
/// A checkpoint is only worth following on the log it was written from. After the event store was restored from an older
/// backup or replaced while the read store was kept, a checkpoint can lie beyond the new log's head: following it would
/// keep stock and orders the log no longer holds, and skip the new log's events until it passes the old position.
/// </summary>
internal static class CheckpointOnLog
{
    /// <param name="head">The log's head, read after the checkpoint: on the log it was written from, never behind it.</param>
    /// <returns>Why the projection must start again from the beginning of the log, or null when its checkpoint is on the log.</returns>
    public static string? WhyNotFollowable(ProjectionCheckpoint checkpoint, LogPosition? head) =>
        checkpoint.Position is { } at && (head is null || at > head.Value)
            ? $"its checkpoint {at.ToToken()} is beyond the log's head ({head?.ToToken() ?? "an empty log"}): the event store was " +
              "restored or replaced while the read store was kept"
            : null;

    /// <summary>What the projection's status says while it replays.</summary>
    public static string RebuildingBecause(string why) => $"Rebuilding from the start of the log: {why}.";
}
