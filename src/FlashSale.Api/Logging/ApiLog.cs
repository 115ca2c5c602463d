using FlashSale.EventStore.Logging;

namespace FlashSale.Api.Logging;

/// <summary>The API's own log lines; every one names its <see cref="LogEvents"/> event.</summary>
internal static partial class ApiLog
{
    [LoggerMessage(EventName = LogEvents.ShutdownStarted, Level = LogLevel.Information,
        Message = "Stopping: readiness answers 503 and new requests 503 {Code}; the server listens for {Drain} more")]
    public static partial void ShutdownStarted(this ILogger logger, string code, TimeSpan drain);

    [LoggerMessage(EventName = LogEvents.ShutdownDrained, Level = LogLevel.Information,
        Message = "Stopped: the command path is drained ({Queued} commands were waiting)")]
    public static partial void ShutdownDrained(this ILogger logger, int queued);

    [LoggerMessage(EventName = LogEvents.ShutdownDrainTimedOut, Level = LogLevel.Warning,
        Message = "The command path did not drain within Shutdown:TimeoutSeconds; {Queued} commands were waiting")]
    public static partial void ShutdownDrainTimedOut(this ILogger logger, int queued);

    [LoggerMessage(EventName = LogEvents.ProjectorLockTakenOver, Level = LogLevel.Warning,
        Message = "Projector lock of a process that is gone ({Previous}) taken over")]
    public static partial void ProjectorLockTakenOver(this ILogger logger, string previous);

    [LoggerMessage(EventName = LogEvents.OrderReserved, Level = LogLevel.Information,
        Message = "Order {OrderId} on {ItemId} reserved in {ProcessingTimeMs} ms (correlation {CorrelationId})")]
    public static partial void OrderReserved(this ILogger logger, string orderId, string itemId, double processingTimeMs, string correlationId);

    [LoggerMessage(EventName = LogEvents.OrderRejected, Level = LogLevel.Information,
        Message = "Order {OrderId} on {ItemId} rejected ({Reason}) in {ProcessingTimeMs} ms (correlation {CorrelationId})")]
    public static partial void OrderRejected(this ILogger logger, string? orderId, string? itemId, string reason, double processingTimeMs,
        string correlationId);

    [LoggerMessage(EventName = LogEvents.OrderReplayed, Level = LogLevel.Information,
        Message = "Order {OrderId} on {ItemId} repeated: answered as recorded in {ProcessingTimeMs} ms (correlation {CorrelationId})")]
    public static partial void OrderReplayed(this ILogger logger, string orderId, string itemId, double processingTimeMs, string correlationId);

    [LoggerMessage(EventName = LogEvents.OrderInvalid, Level = LogLevel.Information,
        Message = "Order {OrderId} on {ItemId} refused as invalid ({Reason}) in {ProcessingTimeMs} ms (correlation {CorrelationId})")]
    public static partial void OrderInvalid(this ILogger logger, string? orderId, string? itemId, string reason, double processingTimeMs,
        string correlationId);

    [LoggerMessage(EventName = LogEvents.OrderFailed, Level = LogLevel.Information,
        Message = "Order {OrderId} on {ItemId} could not be decided ({Error}) in {ProcessingTimeMs} ms (correlation {CorrelationId})")]
    public static partial void OrderFailed(this ILogger logger, string? orderId, string? itemId, string error, double processingTimeMs,
        string correlationId);

    [LoggerMessage(EventName = LogEvents.PaymentChargeStarted, Level = LogLevel.Information,
        Message = "Charge of order {OrderId} on {ItemId} (retry {Retry}) recorded as started in {ProcessingTimeMs} ms (correlation {CorrelationId})")]
    public static partial void PaymentChargeStarted(this ILogger logger, string orderId, string itemId, int retry, double processingTimeMs,
        string correlationId);

    [LoggerMessage(EventName = LogEvents.PaymentConfirmed, Level = LogLevel.Information,
        Message = "Payment of order {OrderId} on {ItemId} confirmed by {Actor} in {ProcessingTimeMs} ms (correlation {CorrelationId})")]
    public static partial void PaymentConfirmed(this ILogger logger, string orderId, string itemId, string actor, double processingTimeMs,
        string correlationId);

    [LoggerMessage(EventName = LogEvents.OperatorKeyGenerated, Level = LogLevel.Warning,
        Message = "Operators:ApiKey is not set; generated operator API key for this run: {ApiKey}")]
    public static partial void OperatorKeyGenerated(this ILogger logger, string apiKey);

    [LoggerMessage(EventName = LogEvents.MetricsRefreshFailed, Level = LogLevel.Warning,
        Message = "Could not refresh the {Metrics} metrics within {Budget}; they keep their last values")]
    public static partial void MetricsRefreshFailed(this ILogger logger, Exception error, string metrics, TimeSpan budget);
}
