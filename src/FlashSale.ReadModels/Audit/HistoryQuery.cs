using System.Runtime.CompilerServices;
using FlashSale.Contracts;
using FlashSale.EventStore;
using FlashSale.Projections;
using FlashSale.Projections.Inventory;
using FlashSale.Projections.OrderStatus;
using FlashSale.ReadModels.Queries;
using FlashSale.ReadModels.Running;

namespace FlashSale.ReadModels.Audit;

/// <summary>One step of a history: the event and the state right after it.</summary>
public sealed record HistoryStep<TRow>(string Position, long Revision, string Type, DateTimeOffset Recorded, TRow? State);

/// <summary>
/// The state of an item or an order at any point, computed from the log alone (never from a read model): the
/// item stream replayed through the same pure projections, up to a position or a moment. The <c>Steps</c> reads stream
/// (nothing is held but the current state); <c>Page</c> reads give one page of them by the rules every list shares.
/// </summary>
public sealed class HistoryQuery(IEventStore events, AuditTrail trail, OrderLocator orders)
{
    private static readonly InventoryProjection Inventory = new();
    private static readonly OrderStatusProjection Orders = new();

    /// <summary>Every step of the item's history up to <paramref name="asOf"/>, read from the log as it is enumerated.
    /// No steps: the item is unknown, or <paramref name="asOf"/> is before its first event.</summary>
    public IAsyncEnumerable<HistoryStep<InventoryRow>> ItemStepsAsync(string itemId, AsOf asOf, CancellationToken cancellationToken = default) =>
        Replay(Inventory, events.ReadStreamAsync(ItemStreams.For(itemId), 0, int.MaxValue, cancellationToken).Where(asOf.Includes), cancellationToken);

    /// <param name="itemId">The order's item; null to find it by the order id alone.</param>
    /// <returns>The order's steps, read from the log as they are enumerated; null when the order is unknown (on
    /// <paramref name="itemId"/>, when named).</returns>
    /// <exception cref="Domain.DomainException">order.ambiguous: no item named, and several have an order with this id.</exception>
    public async Task<IAsyncEnumerable<HistoryStep<OrderStatusRow>>?> OrderStepsAsync(string orderId, string? itemId, AsOf asOf,
        CancellationToken cancellationToken = default) =>
        await orders.ItemOfAsync(orderId, itemId, cancellationToken) is { } item
            ? Replay(Orders, trail.ReadOrderEventsAsync(item, orderId, cancellationToken).Where(asOf.Includes), cancellationToken)
            : null;

    /// <summary>One page of the item's history; its <see cref="HistoryPage{TRow}.State"/> is the state as of <paramref name="asOf"/>.</summary>
    public Task<HistoryPage<InventoryRow>> ItemPageAsync(string itemId, AsOf asOf, PageRequest page, CancellationToken cancellationToken = default) =>
        HistoryPage<InventoryRow>.ReadAsync(new HistoryPageStream<InventoryRow>(ItemStepsAsync(itemId, asOf, cancellationToken), page), cancellationToken);

    /// <returns>Null when the order is unknown (on <paramref name="itemId"/>, when named).</returns>
    /// <exception cref="Domain.DomainException">order.ambiguous: no item named, and several have an order with this id.</exception>
    public async Task<HistoryPage<OrderStatusRow>?> OrderPageAsync(string orderId, string? itemId, AsOf asOf, PageRequest page,
        CancellationToken cancellationToken = default) =>
        await OrderStepsAsync(orderId, itemId, asOf, cancellationToken) is { } steps
            ? await HistoryPage<OrderStatusRow>.ReadAsync(new HistoryPageStream<OrderStatusRow>(steps, page), cancellationToken)
            : null;

    public async Task<IReadOnlyList<HistoryStep<InventoryRow>>> ItemAsync(string itemId, AsOf asOf, CancellationToken cancellationToken = default) =>
        await ItemStepsAsync(itemId, asOf, cancellationToken).ToListAsync(cancellationToken);

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
        return recorded.Count == 0
            ? null
            : await Replay(Orders, recorded.Where(asOf.Includes).ToAsyncEnumerable(), cancellationToken).ToListAsync(cancellationToken);
    }

    private static async IAsyncEnumerable<HistoryStep<TRow>> Replay<TRow>(Projection<TRow> projection, IAsyncEnumerable<RecordedEvent> recorded,
        [EnumeratorCancellation] CancellationToken cancellationToken) where TRow : class
    {
        TRow? state = null;
        await foreach (var e in recorded.WithCancellation(cancellationToken))
        {
            var projected = TryDecode(e);
            if (projected is not null && projection.KeyOf(projected) is not null) state = TryApply(projection, state, projected);
            yield return new HistoryStep<TRow>(e.Position.ToToken(), e.StreamRevision, e.Type, e.Created, state);
        }
    }

    private static ProjectedEvent? TryDecode(RecordedEvent recorded)
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
