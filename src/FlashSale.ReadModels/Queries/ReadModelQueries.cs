using FlashSale.Contracts;
using FlashSale.Projections;
using FlashSale.Projections.DeadLetters;
using FlashSale.Projections.Inventory;
using FlashSale.Projections.OrderStatus;
using FlashSale.ReadModels.Storage;

namespace FlashSale.ReadModels.Queries;

/// <summary>Typed reads of the live read models, for the query API and the CLI.</summary>
/// <remarks>An order is found by its id and item; by its id alone when exactly one item has an order with that id. When
/// several have (two processes accepted it on different items), a lookup by id alone throws order.ambiguous naming them.</remarks>
public sealed class ReadModelQueries(IReadModelStore store, IReadOnlyList<IProjection> projections)
{
    /// <summary>More items than anyone would name in one answer; an id is reused across items by accident, a few times at most.</summary>
    private const int ItemsNamed = 100;

    private readonly InventoryProjection _inventory = projections.OfType<InventoryProjection>().Single();
    private readonly OrderStatusProjection _orders = projections.OfType<OrderStatusProjection>().Single();
    private readonly DeadLetterProjection _deadLetters = projections.OfType<DeadLetterProjection>().Single();

    public async Task<InventoryRow?> GetItemAsync(string itemId, CancellationToken cancellationToken = default) =>
        await store.GetRowAsync(_inventory, itemId, cancellationToken) is { } row ? _inventory.FromValues(row) : null;

    public async Task<IReadOnlyList<InventoryRow>> ListItemsAsync(int limit, int offset = 0, CancellationToken cancellationToken = default) =>
        [.. (await store.QueryRowsAsync(_inventory, new RowQuery([], [], limit, offset), cancellationToken)).Select(_inventory.FromValues)];

    /// <summary>The order with this id on the one item that has it; null when none has.</summary>
    /// <exception cref="Domain.DomainException">order.ambiguous: several items have an order with this id.</exception>
    public Task<OrderStatusRow?> GetOrderAsync(string orderId, CancellationToken cancellationToken = default) =>
        GetOrderAsync(orderId, null, cancellationToken);

    /// <param name="itemId">The order's item; null to find it by the order id alone.</param>
    /// <exception cref="Domain.DomainException">order.ambiguous: no item named, and several have an order with this id.</exception>
    public async Task<OrderStatusRow?> GetOrderAsync(string orderId, string? itemId, CancellationToken cancellationToken = default)
    {
        if (itemId is not null)
            return await store.GetRowAsync(_orders, OrderStatusTable.KeyOf(itemId, orderId), cancellationToken) is { } row ? _orders.FromValues(row) : null;
        var orders = await OrdersWithIdAsync(orderId, cancellationToken);
        return AmbiguousOrder.SingleItem(orderId, [.. orders.Select(o => o.ItemId)]) is null ? null : orders[0];
    }

    /// <summary>Every order with this id, one per item that has one, by item id.</summary>
    public async Task<IReadOnlyList<OrderStatusRow>> OrdersWithIdAsync(string orderId, CancellationToken cancellationToken = default) =>
        [.. (await store.QueryRowsAsync(_orders, new RowQuery([OrderStatusTable.OrderId.Is(orderId)], [], ItemsNamed), cancellationToken))
            .Select(_orders.FromValues)];

    /// <summary>A user's orders, oldest first.</summary>
    public async Task<IReadOnlyList<OrderStatusRow>> OrdersOfUserAsync(string userId, int limit, int offset = 0,
        CancellationToken cancellationToken = default) =>
        [.. (await store.QueryRowsAsync(_orders, new RowQuery([OrderStatusTable.UserId.Is(userId)], [OrderStatusTable.PlacedAt.Name], limit, offset), cancellationToken))
            .Select(_orders.FromValues)];

    /// <summary>The dead letter of the order with this id on the one item that has one; null when none has.</summary>
    /// <exception cref="Domain.DomainException">order.ambiguous: several items have a dead letter with this order id.</exception>
    public Task<DeadLetterRow?> GetDeadLetterAsync(string orderId, CancellationToken cancellationToken = default) =>
        GetDeadLetterAsync(orderId, null, cancellationToken);

    /// <param name="itemId">The order's item; null to find it by the order id alone.</param>
    /// <exception cref="Domain.DomainException">order.ambiguous: no item named, and several have a dead letter with this order id.</exception>
    public async Task<DeadLetterRow?> GetDeadLetterAsync(string orderId, string? itemId, CancellationToken cancellationToken = default)
    {
        if (itemId is not null)
            return await store.GetRowAsync(_deadLetters, DeadLetterTable.KeyOf(itemId, orderId), cancellationToken) is { } row
                ? _deadLetters.FromValues(row)
                : null;
        var deadLetters = (await store.QueryRowsAsync(_deadLetters, new RowQuery([DeadLetterTable.OrderId.Is(orderId)], [], ItemsNamed), cancellationToken))
            .Select(_deadLetters.FromValues).ToList();
        return AmbiguousOrder.SingleItem(orderId, [.. deadLetters.Select(d => d.ItemId)]) is null ? null : deadLetters[0];
    }

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
        CancellationToken cancellationToken = default) => store.ReadPoisonEventsAsync(projection, limit, 0, cancellationToken);

    // One page of each list, by the paging rules every list shares (PageRequest): what the query API and the CLI page with.

    public async Task<ReadPage<InventoryRow>> ItemsPageAsync(PageRequest page, CancellationToken cancellationToken = default) =>
        page.Of(await ListItemsAsync(page.ReadLimit, page.Offset, cancellationToken));

    public async Task<ReadPage<OrderStatusRow>> OrdersOfUserPageAsync(string userId, PageRequest page, CancellationToken cancellationToken = default) =>
        page.Of(await OrdersOfUserAsync(userId, page.ReadLimit, page.Offset, cancellationToken));

    public async Task<ReadPage<DeadLetterRow>> DeadLettersPageAsync(string? state, string? itemId, PageRequest page,
        CancellationToken cancellationToken = default) =>
        page.Of(await DeadLettersAsync(state, itemId, page.ReadLimit, page.Offset, cancellationToken));

    /// <summary>Newest first.</summary>
    public async Task<ReadPage<PoisonEvent>> PoisonEventsPageAsync(string projection, PageRequest page, CancellationToken cancellationToken = default) =>
        page.Of(await store.ReadPoisonEventsAsync(projection, page.ReadLimit, page.Offset, cancellationToken));
}
