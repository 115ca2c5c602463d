using FlashSale.EventStore.Logging;
using Microsoft.Extensions.Logging;

namespace FlashSale.Subscriptions.Following;

/// <summary>The log follower's lines; every one names its <see cref="LogEvents"/> event.</summary>
internal static partial class FollowerLog
{
    [LoggerMessage(EventName = LogEvents.FollowerSubscribed, Level = LogLevel.Information, Message = "{Follower} following the log from {Position}")]
    public static partial void FollowerSubscribed(this ILogger logger, string follower, string position);

    [LoggerMessage(EventName = LogEvents.FollowerResubscribing, Level = LogLevel.Information,
        Message = "{Follower}: {Reason} Resubscribing from its checkpoint")]
    public static partial void FollowerResubscribing(this ILogger logger, string follower, string reason);

    [LoggerMessage(EventName = LogEvents.FollowerFailed, Level = LogLevel.Error, Message = "{Follower} failed before catching up with the log")]
    public static partial void FollowerFailed(this ILogger logger, Exception error, string follower);

    [LoggerMessage(EventName = LogEvents.FollowerDropped,
        Message = "{Follower} dropped after {Position}; resubscribing from its checkpoint in {Delay}")]
    public static partial void FollowerDropped(this ILogger logger, LogLevel level, Exception error, string follower, string position, TimeSpan delay);

    [LoggerMessage(EventName = LogEvents.FollowerHandlerFailed, Level = LogLevel.Warning, Message = "{Follower}'s handler failed to take a state change")]
    public static partial void FollowerHandlerFailed(this ILogger logger, Exception error, string follower);
}
