using FlashSale.EventStore.Logging;
using Microsoft.Extensions.Logging;

namespace FlashSale.Application.CommandPath;

/// <summary>The write side's log lines; every one names its <see cref="LogEvents"/> event.</summary>
internal static partial class CommandPathLog
{
    [LoggerMessage(EventName = LogEvents.WriterStopped, Level = LogLevel.Critical, Message = "The writer of item {ItemId} stopped")]
    public static partial void WriterStopped(this ILogger logger, Exception error, string itemId);

    [LoggerMessage(EventName = LogEvents.ItemLoaded, Level = LogLevel.Information,
        Message = "Item {ItemId} loaded at revision {Revision} from {Source}, then {EventsFolded} events of its stream")]
    public static partial void ItemLoaded(this ILogger logger, string itemId, long revision, string source, long eventsFolded);

    [LoggerMessage(EventName = LogEvents.AppendSplit, Level = LogLevel.Information,
        Message = "Item {ItemId} refused an append of {Count} events as too large; appending it in two")]
    public static partial void AppendSplit(this ILogger logger, string itemId, int count);

    [LoggerMessage(EventName = LogEvents.AppendConflict, Level = LogLevel.Debug,
        Message = "Item {ItemId} moved to {Actual} while at {Expected}; catching up")]
    public static partial void AppendConflict(this ILogger logger, string itemId, long? actual, long expected);

    [LoggerMessage(EventName = LogEvents.AppendTooLarge, Level = LogLevel.Warning,
        Message = "Item {ItemId} refuses the events of one command as too large ({Error}); its caller fails, the batch goes on")]
    public static partial void AppendTooLarge(this ILogger logger, string itemId, string error);

    [LoggerMessage(EventName = LogEvents.AppendFailed, Level = LogLevel.Error, Message = "Append of a batch of {Count} commands to item {ItemId} failed")]
    public static partial void AppendFailed(this ILogger logger, Exception error, int count, string itemId);

    [LoggerMessage(EventName = LogEvents.EventUnreadable, Level = LogLevel.Error,
        Message = "Unreadable {Type} event at revision {Revision} of {Stream} (position {Position}): {Error}. The item answers 503 " +
                  "item.unreadable until an operator skips it (flashsale items skip-unreadable, adr/0010)")]
    public static partial void EventUnreadable(this ILogger logger, string type, long revision, string stream, string position, string error);

    [LoggerMessage(EventName = LogEvents.EventTypeUnknown, Level = LogLevel.Warning,
        Message = "Skipping events of unknown type {Type} (first at revision {Revision} of {Stream}, position {Position}): written by a " +
                  "newer version; counted in flashsale_log_unknown_events")]
    public static partial void EventTypeUnknown(this ILogger logger, string type, long revision, string stream, string position);

    [LoggerMessage(EventName = LogEvents.EventSkipped, Level = LogLevel.Information,
        Message = "The {Type} event at revision {Revision} of {Stream} is skipped by {Actor}: {Reason}")]
    public static partial void EventSkipped(this ILogger logger, string type, long revision, string stream, string actor, string reason);

    [LoggerMessage(EventName = LogEvents.OrderIndexLoaded, Level = LogLevel.Information,
        Message = "Order index loaded: {Count} orders up to position {Position}")]
    public static partial void OrderIndexLoaded(this ILogger logger, int count, string position);

    [LoggerMessage(EventName = LogEvents.OrderIndexRestored, Level = LogLevel.Information,
        Message = "Order index restored from its checkpoint: {Count} orders up to position {Position}; reading the log after it")]
    public static partial void OrderIndexRestored(this ILogger logger, int count, string position);

    [LoggerMessage(EventName = LogEvents.OrderIndexNotRestored, Level = LogLevel.Warning,
        Message = "Order index not restored from its checkpoint; reading the whole log")]
    public static partial void OrderIndexNotRestored(this ILogger logger, Exception error);

    [LoggerMessage(EventName = LogEvents.BreakerHalfOpen, Level = LogLevel.Information, Message = "Event store circuit half-open: trying the store again")]
    public static partial void BreakerHalfOpen(this ILogger logger);

    [LoggerMessage(EventName = LogEvents.BreakerClosed, Level = LogLevel.Information,
        Message = "Event store circuit closed after {Successes} successful calls")]
    public static partial void BreakerClosed(this ILogger logger, int successes);

    [LoggerMessage(EventName = LogEvents.BreakerOpened, Level = LogLevel.Error,
        Message = "Event store circuit opened for {BreakMs} ms (opening {Opening} in a row): command path calls are refused with 503")]
    public static partial void BreakerOpened(this ILogger logger, Exception failure, long breakMs, int opening);

    [LoggerMessage(EventName = LogEvents.SnapshotNotUsed, Level = LogLevel.Warning,
        Message = "The snapshot of {Stream} is not used: {Reason}; replaying the whole stream (the next snapshot replaces it)")]
    public static partial void SnapshotNotUsed(this ILogger logger, string stream, string reason);
}
