using FlashSale.EventStore.Logging;
using Microsoft.Extensions.Logging;

namespace FlashSale.Subscriptions.Leases;

/// <summary>The role leases' log lines; every one names its <see cref="LogEvents"/> event.</summary>
internal static partial class LeaseLog
{
    [LoggerMessage(EventName = LogEvents.LeaseAcquired, Level = LogLevel.Information, Message = "{Role} lease taken by {Holder} until {ExpiresAt:O}")]
    public static partial void LeaseAcquired(this ILogger logger, string role, string holder, DateTimeOffset expiresAt);

    [LoggerMessage(EventName = LogEvents.LeaseRenewFailed, Level = LogLevel.Warning,
        Message = "{Role} lease could not be renewed by {Holder}; it stops acting until it holds the lease again")]
    public static partial void LeaseRenewFailed(this ILogger logger, Exception error, string role, string holder);

    [LoggerMessage(EventName = LogEvents.LeaseReleased, Level = LogLevel.Information, Message = "{Role} lease released by {Holder} ({Result})")]
    public static partial void LeaseReleased(this ILogger logger, string role, string holder, string result);

    [LoggerMessage(EventName = LogEvents.LeasedWorkStarted, Level = LogLevel.Information, Message = "{Holder} is the active {Lease} holder: starting")]
    public static partial void LeasedWorkStarted(this ILogger logger, string holder, string lease);

    [LoggerMessage(EventName = LogEvents.LeaseLost, Level = LogLevel.Warning, Message = "{Holder} no longer holds {Lease}: stopping (standby)")]
    public static partial void LeaseLost(this ILogger logger, string holder, string lease);

    [LoggerMessage(EventName = LogEvents.LeasedWorkFailed, Level = LogLevel.Error, Message = "The work under {Lease} failed in {Holder}")]
    public static partial void LeasedWorkFailed(this ILogger logger, Exception error, string lease, string holder);

    [LoggerMessage(EventName = LogEvents.LeaseReleaseFailed, Level = LogLevel.Warning,
        Message = "{Lease} not released by {Holder}; a standby takes over when it expires")]
    public static partial void LeaseReleaseFailed(this ILogger logger, Exception error, string lease, string holder);
}
