using FlashSale.Projections;
using FlashSale.Projections.DeadLetters;
using FlashSale.Projections.Inventory;
using FlashSale.Projections.OrderStatus;
using FlashSale.ReadModels.Storage;

namespace FlashSale.ReadModels.Queries;

/// <summary>Typed reads of the live read models, for the query API and the CLI.</summary>
public sealed class ReadModelQueries(IReadModelStore store, IReadOnlyList<IProjection> projections)
{
    private readonly InventoryProjection _inventory = projections.OfType<InventoryProjection>().Single();
    private readonly OrderStatusProjection _orders = projections.OfType<OrderStatusProjection>().Single();
    private readonly DeadLetterProjection _deadLetters = projections.OfType<DeadLetterProjection>().Single();

    public async Task<InventoryRow?> GetItemAsync(string itemId, CancellationToken cancellationToken = default) =>
        await store.GetRowAsync(_inventory, itemId, cancellationToken) is { } row ? _inventory.FromValues(row) : null;

    public async Task<IReadOnlyList<InventoryRow>> ListItemsAsync(int limit, int offset = 0, CancellationToken cancellationToken = default) =>
        [.. (await store.QueryRowsAsync(_inventory, new RowQuery([], [], limit, offset), cancellationToken)).Select(_inventory.FromValues)];

    public async Task<OrderStatusRow?> GetOrderAsync(string orderId, CancellationToken cancellationToken = default) =>
        await store.GetRowAsync(_orders, orderId, cancellationToken) is { } row ? _orders.FromValues(row) : null;

    /// <summary>A user's orders, oldest first.</summary>
    public async Task<IReadOnlyList<OrderStatusRow>> OrdersOfUserAsync(string userId, int limit, int offset = 0,
        CancellationToken cancellationToken = default) =>
        [.. (await store.QueryRowsAsync(_orders, new RowQuery([OrderStatusTable.UserId.Is(userId)], [OrderStatusTable.PlacedAt.Name], limit, offset), cancellationToken))
            .Select(_orders.FromValues)];

    public async Task<DeadLetterRow?> GetDeadLetterAsync(string orderId, CancellationToken cancellationToken = default) =>
        await store.GetRowAsync(_deadLetters, orderId, cancellationToken) is { } row ? _deadLetters.FromValues(row) : null;

    /// <summary>Dead letters, oldest failure first, optionally only one state and/or one item.</summary>
    public async Task<IReadOnlyList<DeadLetterRow>> DeadLettersAsync(string? state, string? itemId, int limit, int offset = 0,
        CancellationToken cancellationToken = default)
    {
        List<(string, object)> filters = [];
        if (state is not null) filters.Add(DeadLetterTable.State.Is(state));
        if (itemId is not null) filters.Add(DeadLetterTable.ItemId.Is(itemId));
        return [.. (await store.QueryRowsAsync(_deadLetters, new RowQuery(filters, [DeadLetterTable.FirstFailedAt.Name], limit, offset), cancellationToken))
            .Select(_deadLetters.FromValues)];
    }

    /// <summary>How many dead letters are in <paramref name="state"/> (one COUNT, not paging).</summary>
    public Task<long> CountDeadLettersAsync(string state, CancellationToken cancellationToken = default) =>
        store.CountRowsAsync(_deadLetters, [DeadLetterTable.State.Is(state)], cancellationToken);

    public Task<IReadOnlyList<PoisonEvent>> PoisonEventsAsync(string projection, int limit,
        CancellationToken cancellationToken = default) => store.ReadPoisonEventsAsync(projection, limit, cancellationToken);
}
