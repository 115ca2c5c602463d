using FlashSale.Contracts;
using FlashSale.ReadModels.Queries;

namespace FlashSale.ReadModels.Audit;

/// <summary>Finds the item an order belongs to: from the order-status model, and from the write side's index for orders
/// the model has not seen yet.</summary>
public sealed class OrderLocator(ReadModelQueries queries, IOrderItemLookup? index = null)
{
    /// <returns>The order's item; null when neither knows the order.</returns>
    /// <exception cref="Domain.DomainException">order.ambiguous: several items have an order with this id.</exception>
    public Task<string?> ItemOfAsync(string orderId, CancellationToken cancellationToken = default) =>
        ItemOfAsync(orderId, null, cancellationToken);

    /// <param name="itemId">The item the caller names: returned when it has an order with this id.</param>
    /// <returns>The order's item; null when neither knows the order (on <paramref name="itemId"/>, when named).</returns>
    /// <exception cref="Domain.DomainException">order.ambiguous: no item named, and several have an order with this id.</exception>
    public async Task<string?> ItemOfAsync(string orderId, string? itemId, CancellationToken cancellationToken = default)
    {
        var items = (await queries.OrdersWithIdAsync(orderId, cancellationToken)).Select(o => o.ItemId)
            .Union(index?.ItemsOf(orderId) ?? [], StringComparer.Ordinal)
            .ToList();
        return itemId is null ? AmbiguousOrder.SingleItem(orderId, items) : items.Contains(itemId, StringComparer.Ordinal) ? itemId : null;
    }
}
