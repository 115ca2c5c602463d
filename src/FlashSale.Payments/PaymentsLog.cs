using FlashSale.EventStore.Logging;
using Microsoft.Extensions.Logging;

namespace FlashSale.Payments;

/// <summary>The payments worker's log lines; every one names its <see cref="LogEvents"/> event. Lines about one
/// reservation are written inside its <see cref="LogScope.ForOrder"/> scope (correlation_id, item_id, order_id).</summary>
internal static partial class PaymentsLog
{
    [LoggerMessage(EventName = LogEvents.PaymentAlreadySettled, Level = LogLevel.Debug, Message = "Order {OrderId} on {ItemId} is already settled; not charged")]
    public static partial void PaymentAlreadySettled(this ILogger logger, string orderId, string itemId);

    [LoggerMessage(EventName = LogEvents.PaymentTooLate, Level = LogLevel.Information,
        Message = "Reservation of order {OrderId} on {ItemId} closes within {Margin}; released instead of charged")]
    public static partial void PaymentTooLate(this ILogger logger, string orderId, string itemId, TimeSpan margin);

    [LoggerMessage(EventName = LogEvents.PaymentOutcomeUnknown, Level = LogLevel.Warning,
        Message = "Charge of order {OrderId} on {ItemId} timed out and the gateway cannot tell its outcome yet; the deadline sweeper asks " +
                  "again before releasing it")]
    public static partial void PaymentOutcomeUnknown(this ILogger logger, string orderId, string itemId);

    [LoggerMessage(EventName = LogEvents.PaymentConfirmationUnsigned, Level = LogLevel.Warning,
        Message = "The confirmation of order {OrderId} on {ItemId} is not signed with the callback secret; asking the gateway")]
    public static partial void PaymentConfirmationUnsigned(this ILogger logger, string orderId, string itemId);

    [LoggerMessage(EventName = LogEvents.PaymentStatusUnknown, Level = LogLevel.Warning, Message = "Status of charge {Key} unknown: {Error}")]
    public static partial void PaymentStatusUnknown(this ILogger logger, string key, string error);

    [LoggerMessage(EventName = LogEvents.PaymentTimedOut, Level = LogLevel.Information,
        Message = "Payment of order {OrderId} on {ItemId} timed out ({Cause}); stock released")]
    public static partial void PaymentTimedOut(this ILogger logger, string orderId, string itemId, string cause);

    [LoggerMessage(EventName = LogEvents.PaymentTimeoutFailed, Level = LogLevel.Error, Message = "Timing out order {OrderId} on {ItemId} failed; will retry")]
    public static partial void PaymentTimeoutFailed(this ILogger logger, Exception error, string orderId, string itemId);

    [LoggerMessage(EventName = LogEvents.RefundRequired, Level = LogLevel.Information,
        Message = "Payment {Reference} of order {OrderId} on {ItemId} recorded as a refund to make ({Reason})")]
    public static partial void RefundRequired(this ILogger logger, string reference, string orderId, string itemId, string reason);

    [LoggerMessage(EventName = LogEvents.PaymentChargeFailed, Level = LogLevel.Error,
        Message = "Charging order {OrderId} on {ItemId} failed (correlation {CorrelationId})")]
    public static partial void PaymentChargeFailed(this ILogger logger, Exception error, string orderId, string itemId, string? correlationId);

    [LoggerMessage(EventName = LogEvents.PaymentsEventUnreadable, Level = LogLevel.Warning,
        Message = "Payments skip unreadable event {Position}: {Error} (correlation {CorrelationId})")]
    public static partial void PaymentsEventUnreadable(this ILogger logger, string position, string? error, string? correlationId);

    [LoggerMessage(EventName = LogEvents.PaymentsCaughtUp, Level = LogLevel.Information, Message = "Payments caught up: {Count} reservations awaiting payment")]
    public static partial void PaymentsCaughtUp(this ILogger logger, int count);

    [LoggerMessage(EventName = LogEvents.PaymentsRestored, Level = LogLevel.Information,
        Message = "Payments restored from their checkpoint: {Count} reservations awaiting payment up to position {Position}; reading the log after it")]
    public static partial void PaymentsRestored(this ILogger logger, int count, string position);

    [LoggerMessage(EventName = LogEvents.PaymentsNotRestored, Level = LogLevel.Warning,
        Message = "Payments not restored from their checkpoint; reading the whole log")]
    public static partial void PaymentsNotRestored(this ILogger logger, Exception error);

    [LoggerMessage(EventName = LogEvents.PaymentsActive, Level = LogLevel.Information,
        Message = "Payments active in {Holder}: {Count} reservations awaiting payment")]
    public static partial void PaymentsActive(this ILogger logger, string holder, int count);

    [LoggerMessage(EventName = LogEvents.LeaseLost, Level = LogLevel.Warning, Message = "Payments lease lost by {Holder}; it stops charging (standby)")]
    public static partial void LeaseLost(this ILogger logger, string holder);

    [LoggerMessage(EventName = LogEvents.LeaseReleaseFailed, Level = LogLevel.Warning,
        Message = "Payments lease not released; a standby takes over when it expires")]
    public static partial void LeaseReleaseFailed(this ILogger logger, Exception error);

    [LoggerMessage(EventName = LogEvents.CallbackSecretGenerated, Level = LogLevel.Warning,
        Message = "Payments:CallbackSecret is not set; generated payment callback secret for this run: {Secret}")]
    public static partial void CallbackSecretGenerated(this ILogger logger, string secret);
}
