using FlashSale.Contracts;
using FlashSale.Projections;
using FlashSale.Projections.Inventory;
using FlashSale.Projections.OrderStatus;
using FlashSale.ReadModels.Running;

namespace FlashSale.ReadModels.Audit;

/// <summary>One step of a history: the event and the state right after it.</summary>
public sealed record HistoryStep<TRow>(string Position, long Revision, string Type, DateTimeOffset Recorded, TRow? State);

/// <summary>
/// The state of an item or an order at any point, computed from the log alone (never from a read model): the
/// item stream replayed through the same pure projections, up to a position or a moment.
/// </summary>
public sealed class HistoryQuery(FlashSale.EventStore.IEventStore events,
    AuditTrail trail, OrderLocator orders)
{
    private static readonly InventoryProjection Inventory = new();
    private static readonly OrderStatusProjection Orders = new();

    public async Task<IReadOnlyList<HistoryStep<InventoryRow>>> ItemAsync(string itemId, AsOf asOf, CancellationToken cancellationToken = default)
    {
        var recorded = await events.ReadStreamAsync(ItemStreams.For(itemId), 0, int.MaxValue, cancellationToken)
            .ToListAsync(cancellationToken);
        return Replay(Inventory, recorded.Where(asOf.Includes));
    }

    /// <returns>Null when the order is unknown.</returns>
    /// <exception cref="Domain.DomainException">order.ambiguous: several items have an order with this id.</exception>
    public Task<IReadOnlyList<HistoryStep<OrderStatusRow>>?> OrderAsync(string orderId, AsOf asOf, CancellationToken cancellationToken = default) =>
        OrderAsync(orderId, null, asOf, cancellationToken);

    /// <param name="itemId">The order's item; null to find it by the order id alone.</param>
    /// <returns>Null when the order is unknown (on <paramref name="itemId"/>, when named).</returns>
    /// <exception cref="Domain.DomainException">order.ambiguous: no item named, and several have an order with this id.</exception>
    public async Task<IReadOnlyList<HistoryStep<OrderStatusRow>>?> OrderAsync(string orderId, string? itemId, AsOf asOf,
        CancellationToken cancellationToken = default)
    {
        if (await orders.ItemOfAsync(orderId, itemId, cancellationToken) is not { } item) return null;
        var recorded = await trail.OrderEventsAsync(item, orderId, cancellationToken);
        return recorded.Count == 0 ? null : Replay(Orders, recorded.Where(asOf.Includes));
    }

    private static List<HistoryStep<TRow>> Replay<TRow>(Projection<TRow> projection, IEnumerable<FlashSale.EventStore.RecordedEvent> recorded)
        where TRow : class
    {
        var steps = new List<HistoryStep<TRow>>();
        TRow? state = null;
        foreach (var e in recorded)
        {
            var projected = TryDecode(e);
            if (projected is not null && projection.KeyOf(projected) is not null) state = TryApply(projection, state, projected);
            steps.Add(new HistoryStep<TRow>(e.Position.ToToken(), e.StreamRevision, e.Type, e.Created, state));
        }
        return steps;
    }

    private static ProjectedEvent? TryDecode(FlashSale.EventStore.RecordedEvent recorded)
    {
        try { return EventDecoder.Decode(recorded); }
        catch (Exception) { return null; } // the runner records these as poison events; history skips them the same way
    }

    private static TRow? TryApply<TRow>(Projection<TRow> projection, TRow? state, ProjectedEvent e) where TRow : class
    {
        try { return projection.Apply(state, e); }
        catch (Exception) { return state; }
    }
}
