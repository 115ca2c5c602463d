using FlashSale.Api.Http;
using FlashSale.Contracts;
using FlashSale.Domain;
using FlashSale.EventStore;
using FlashSale.ReadModels.Audit;

namespace FlashSale.Api.Audit;

/// <summary>A page of the trail; <see cref="Next"/>/<see cref="NextFrom"/> are set only when more events follow.</summary>
public sealed record AuditTrailPage(string? ItemId, string? OrderId, IReadOnlyList<AuditEntry> Events, long? NextFrom, string? Next);

/// <param name="State">The state as of the point: after the last step (null when the point is before the first event).</param>
public sealed record History<TRow>(string? AsOfPosition, DateTimeOffset? AsOfTime, TRow? State, IReadOnlyList<HistoryStep<TRow>> Steps)
    where TRow : class
{
    public static History<TRow> Of(AsOf asOf, IReadOnlyList<HistoryStep<TRow>> steps) =>
        new(asOf.Position?.ToToken(), asOf.Time, steps.Count > 0 ? steps[^1].State : null, steps);
}

/// <summary>The audit endpoints read the log itself, never a read model: what exists is what the log holds.</summary>
public static class AuditLog
{
    public static async Task<bool> ItemExistsAsync(IEventStore events, string itemId, CancellationToken cancellationToken)
    {
        await foreach (var _ in events.ReadStreamAsync(ItemStreams.For(itemId), 0, 1, cancellationToken)) return true;
        return false;
    }

    public static ProblemResult ItemNotFound(string itemId) =>
        Problems.Create(StatusCodes.Status404NotFound, "Item not found", $"The log holds no events of item '{itemId}'.", DomainErrors.ItemNotFound);

    public static ProblemResult OrderNotFound(string orderId) =>
        Problems.Create(StatusCodes.Status404NotFound, "Order not found", $"The log holds no events of order '{orderId}'.", DomainErrors.OrderNotFound);
}
