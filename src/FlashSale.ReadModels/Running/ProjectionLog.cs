using FlashSale.Contracts;
using FlashSale.Domain.Items;
using FlashSale.EventStore;
using FlashSale.EventStore.Logging;
using FlashSale.Subscriptions.Handling;
using Microsoft.Extensions.Logging;

namespace FlashSale.ReadModels.Running;

/// <summary>The read side's log lines; every one names its <see cref="LogEvents"/> event. Lines about events carry the
/// correlation id of their metadata, so the read-model work an order caused is found by the order's id.</summary>
internal static partial class ProjectionLog
{
    [LoggerMessage(EventName = LogEvents.RebuildClaimReleaseFailed, Level = LogLevel.Warning,
        Message = "Could not release the rebuild claim of {Projection}; it expires within {Lease}")]
    public static partial void RebuildClaimReleaseFailed(this ILogger logger, Exception error, string projection, TimeSpan lease);

    [LoggerMessage(EventName = LogEvents.RebuildClaimRenewFailed, Level = LogLevel.Warning,
        Message = "The rebuild claim of {Projection} could not be renewed; another process may start a rebuild once it expires")]
    public static partial void RebuildClaimRenewFailed(this ILogger logger, Exception? error, string projection);

    private const int MaxCorrelationIds = 20;

    /// <summary>A poison event: in the scope of its conversation, item and (when it could be read) order.</summary>
    public static void PoisonEvent(this ILogger logger, string projection, RecordedEvent recorded, ItemEvent? @event, string error)
    {
        if (!logger.IsEnabled(LogLevel.Warning)) return;
        var itemId = @event?.ItemId ?? (recorded.StreamId.StartsWith(ItemStreams.Prefix, StringComparison.Ordinal)
            ? recorded.StreamId[ItemStreams.Prefix.Length..]
            : null);
        using var scope = logger.BeginScope(LogScope.ForOrder(ReceivedEvent.MetadataOf(recorded)?.CorrelationId, itemId, (@event as OrderEvent)?.OrderId));
        logger.ProjectionPoisonEvent(projection, recorded.Position.ToToken(), recorded.StreamId, recorded.StreamRevision, recorded.Type, error);
    }

    /// <summary>A batch a projection could not commit, with the conversations it held (its correlation id when only one).</summary>
    public static void BatchFailed(this ILogger logger, Exception error, string projection, IReadOnlyList<DecodedEvent> batch)
    {
        var ids = batch.Select(d => ReceivedEvent.MetadataOf(d.Recorded)?.CorrelationId).OfType<string>().Distinct(StringComparer.Ordinal)
            .Take(MaxCorrelationIds).ToList();
        using var scope = ids.Count == 1 ? logger.BeginScope(LogScope.Of((LogFields.CorrelationId, ids[0]))) : null;
        logger.ProjectionBatchFailed(error, projection, batch.Count, batch[0].Recorded.Position.ToToken(), batch[^1].Recorded.Position.ToToken(), ids);
    }

    /// <summary>The optional line per order event that reached the read models (<c>Logging:OrderLines</c>).</summary>
    public static void OrdersProjected(this ILogger orderLines, LogBatch batch, DateTimeOffset now)
    {
        if (!orderLines.IsEnabled(LogLevel.Information)) return;
        foreach (var received in batch.Events)
        {
            if (received.Event is not OrderEvent order) continue;
            var sinceRecorded = Math.Round((now - received.Recorded.Created).TotalMilliseconds, 2);
            orderLines.OrderProjected(order.OrderId, order.ItemId, received.Recorded.Type, received.Position.ToToken(), sinceRecorded,
                received.Metadata?.CorrelationId);
        }
    }

    [LoggerMessage(EventName = LogEvents.ProjectionPoisonEvent, Level = LogLevel.Warning,
        Message = "Projection {Projection} recorded a poison event at {Position} ({Stream} revision {Revision}, {Type}): {Error}")]
    private static partial void ProjectionPoisonEvent(this ILogger logger, string projection, string position, string stream, long revision,
        string type, string error);

    [LoggerMessage(EventName = LogEvents.ProjectionBatchFailed, Level = LogLevel.Error,
        Message = "Projection {Projection} could not apply a batch of {Count} events ({From} to {To}; correlation ids {CorrelationIds})")]
    private static partial void ProjectionBatchFailed(this ILogger logger, Exception error, string projection, int count, string from, string to,
        IReadOnlyList<string> correlationIds);

    [LoggerMessage(EventName = LogEvents.OrderProjected, Level = LogLevel.Information,
        Message = "Order {OrderId} on {ItemId}: {Type} at {Position} in the read models {ProcessingTimeMs} ms after it was recorded " +
                  "(correlation {CorrelationId})")]
    private static partial void OrderProjected(this ILogger logger, string orderId, string itemId, string type, string position,
        double processingTimeMs, string? correlationId);

    [LoggerMessage(EventName = LogEvents.ProjectionCaughtUp, Level = LogLevel.Information,
        Message = "Projections {Projections} caught up with the log at {Position}")]
    public static partial void ProjectionCaughtUp(this ILogger logger, IReadOnlyList<string> projections, string position);

    [LoggerMessage(EventName = LogEvents.ProjectionStateNotRecorded, Level = LogLevel.Warning,
        Message = "Could not record state {State} of projection {Projection}")]
    public static partial void ProjectionStateNotRecorded(this ILogger logger, Exception error, string state, string projection);

    [LoggerMessage(EventName = LogEvents.ProjectionRebuildStarted, Level = LogLevel.Information, Message = "Rebuild of {Projection} started")]
    public static partial void ProjectionRebuildStarted(this ILogger logger, string projection);

    [LoggerMessage(EventName = LogEvents.ProjectionRebuildProgress, Level = LogLevel.Information,
        Message = "Rebuild of {Projection}: {Done} events, {Rate:F0} events/s, {Percent:P0}, ETA {Eta}")]
    public static partial void ProjectionRebuildProgress(this ILogger logger, string projection, long done, double rate, double percent, TimeSpan? eta);

    [LoggerMessage(EventName = LogEvents.ProjectionRebuilt, Level = LogLevel.Information,
        Message = "Rebuild of {Projection} swapped in: {Done} events in {Elapsed} ({Rate:F0} events/s)")]
    public static partial void ProjectionRebuilt(this ILogger logger, string projection, long done, TimeSpan elapsed, double rate);

    [LoggerMessage(EventName = LogEvents.ProjectionRebuildFailed, Level = LogLevel.Error,
        Message = "Rebuild of {Projection} failed; the live model is untouched")]
    public static partial void ProjectionRebuildFailed(this ILogger logger, Exception error, string projection);

    [LoggerMessage(EventName = LogEvents.ProjectionCheckpointNotOnLog, Level = LogLevel.Warning,
        Message = "Projection {Projection} is emptied and replays the log from the start: {Reason}")]
    public static partial void ProjectionCheckpointNotOnLog(this ILogger logger, string projection, string reason);

    [LoggerMessage(EventName = LogEvents.ProjectionShadowNotDropped, Level = LogLevel.Warning, Message = "Could not drop the shadow of {Projection}")]
    public static partial void ProjectionShadowNotDropped(this ILogger logger, Exception error, string projection);
}
