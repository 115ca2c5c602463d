using FlashSale.Contracts;
using FlashSale.Domain.Items;
using FlashSale.EventStore;
using FlashSale.ReadModels.Running;

namespace FlashSale.ReadModels.Audit;

public sealed record AuditPage(IReadOnlyList<AuditEntry> Events, long? NextFrom);

/// <summary>Every event of an item or an order, straight from the log, in pages.</summary>
public sealed class AuditTrail(IEventStore events, OrderLocator orders)
{
    /// <param name="from">First stream revision of the page.</param>
    public async Task<AuditPage> ItemAsync(string itemId, long from, int limit, CancellationToken cancellationToken = default)
    {
        var read = await events.ReadStreamAsync(ItemStreams.For(itemId), from, limit + 1, cancellationToken).ToListAsync(cancellationToken);
        var page = read.Take(limit).Select(AuditEntry.From).ToList();
        return new AuditPage(page, read.Count > limit ? read[limit].StreamRevision : null);
    }

    /// <param name="from">Index of the first of the order's events in the page.</param>
    /// <returns>Null when the order is unknown.</returns>
    /// <exception cref="Domain.DomainException">order.ambiguous: several items have an order with this id.</exception>
    public Task<AuditPage?> OrderAsync(string orderId, long from, int limit, CancellationToken cancellationToken = default) =>
        OrderAsync(orderId, null, from, limit, cancellationToken);

    /// <param name="itemId">The order's item; null to find it by the order id alone.</param>
    /// <param name="from">Index of the first of the order's events in the page.</param>
    /// <returns>Null when the order is unknown (on <paramref name="itemId"/>, when named).</returns>
    /// <exception cref="Domain.DomainException">order.ambiguous: no item named, and several have an order with this id.</exception>
    public async Task<AuditPage?> OrderAsync(string orderId, string? itemId, long from, int limit, CancellationToken cancellationToken = default)
    {
        if (await orders.ItemOfAsync(orderId, itemId, cancellationToken) is not { } item) return null;
        var all = await OrderEventsAsync(item, orderId, cancellationToken);
        if (all.Count == 0) return null;
        var page = all.Skip((int)Math.Min(from, int.MaxValue)).Take(limit).Select(AuditEntry.From).ToList();
        return new AuditPage(page, from + limit < all.Count ? from + limit : null);
    }

    public async Task<List<RecordedEvent>> OrderEventsAsync(string itemId, string orderId, CancellationToken cancellationToken) =>
        await ReadOrderEventsAsync(itemId, orderId, cancellationToken).ToListAsync(cancellationToken);

    /// <summary>The order's events in log order, read from its item's stream as they are enumerated.</summary>
    public IAsyncEnumerable<RecordedEvent> ReadOrderEventsAsync(string itemId, string orderId, CancellationToken cancellationToken = default) =>
        events.ReadStreamAsync(ItemStreams.For(itemId), 0, int.MaxValue, cancellationToken).Where(recorded => IsOf(recorded, orderId));

    private static bool IsOf(RecordedEvent recorded, string orderId)
    {
        try
        {
            return EventDecoder.Decode(recorded)?.Event is OrderEvent e && e.OrderId == orderId;
        }
        catch (Exception)
        {
            return false; // unreadable events cannot be attributed to an order; the item trail still shows them
        }
    }
}
