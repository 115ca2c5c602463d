using FlashSale.EventStore.Logging;
using Microsoft.Extensions.Logging;

namespace FlashSale.EventStore.EventStoreDb;

/// <summary>The $all subscription's lines; every one names its <see cref="LogEvents"/> event.</summary>
internal static partial class SubscriptionLog
{
    [LoggerMessage(EventName = LogEvents.StoreSubscribed, Level = LogLevel.Debug, Message = "Subscribed to $all after {Position}")]
    public static partial void StoreSubscribed(this ILogger logger, string position);

    [LoggerMessage(EventName = LogEvents.StoreSubscriptionState, Level = LogLevel.Debug, Message = "$all subscription {State} at {Position}")]
    public static partial void StoreSubscriptionState(this ILogger logger, object state, string position);

    [LoggerMessage(EventName = LogEvents.StoreSubscriptionDropped, Level = LogLevel.Warning,
        Message = "$all subscription dropped; resubscribing after {Position} (attempt {Attempt})")]
    public static partial void StoreSubscriptionDropped(this ILogger logger, Exception? error, string position, int attempt);
}
