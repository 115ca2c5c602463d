using FlashSale.Contracts;
using FlashSale.ReadModels.Queries;

namespace FlashSale.ReadModels.Audit;

/// <summary>Finds the item an order belongs to: from the order-status model, or from the write side's index when the
/// model has not seen the order yet.</summary>
public sealed class OrderLocator(ReadModelQueries queries, IOrderItemLookup? index = null)
{
    public async Task<string?> ItemOfAsync(string orderId, CancellationToken cancellationToken = default) =>
        (await queries.GetOrderAsync(orderId, cancellationToken))?.ItemId ?? index?.ItemOf(orderId);
}
