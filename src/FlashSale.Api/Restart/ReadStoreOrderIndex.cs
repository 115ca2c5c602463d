using FlashSale.Application.CommandPath;
using FlashSale.Projections.OrderItems;
using FlashSale.ReadModels.Storage;

namespace FlashSale.Api.Restart;

/// <summary>The order index persisted as the <c>order-items</c> projection: the rows and their checkpoint, one snapshot.</summary>
public sealed class ReadStoreOrderIndex(IReadModelStore store) : IPersistedOrderIndex
{
    private static readonly OrderItemProjection Projection = new();

    public async Task<PersistedOrders?> LoadAsync(CancellationToken cancellationToken)
    {
        var orders = new List<(string OrderId, string ItemId)>();
        var checkpoint = await store.ReadSnapshotAsync(Projection, values =>
        {
            var row = Projection.FromValues(values);
            orders.Add((row.OrderId, row.ItemId));
        }, cancellationToken);
        return checkpoint?.Position is { } position ? new PersistedOrders(position, orders, checkpoint.Event) : null;
    }
}
