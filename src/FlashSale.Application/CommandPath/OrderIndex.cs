using System.Collections.Concurrent;
using FlashSale.Contracts;
using FlashSale.Domain;
using FlashSale.Domain.Items;

namespace FlashSale.Application.CommandPath;

/// <summary>
/// Which item each order id belongs to, so calls that name only an order (payment callbacks) reach the right item
/// stream. Fed by this process's writers as they record orders and by <see cref="OrderIndexFeeder"/> from the log.
/// </summary>
public sealed class OrderIndex : IOrderItemLookup
{
    private readonly ConcurrentDictionary<string, string> _itemByOrder = new(StringComparer.Ordinal);

    public void Record(OrderPlaced placed) => _itemByOrder.TryAdd(placed.OrderId, placed.ItemId);

    /// <summary>
    /// Reserves <paramref name="orderId"/> for <paramref name="itemId"/> before the order reaches the item's writer,
    /// so that one order id raced onto two items is placed on one of them only (within this process).
    /// </summary>
    /// <returns>The item the order id already belongs to, or null when the claim is ours.</returns>
    public string? Claim(string orderId, string itemId)
    {
        var owner = _itemByOrder.GetOrAdd(orderId, itemId);
        return owner == itemId ? null : owner;
    }

    /// <summary>Gives up a claim whose order was certainly not recorded (it was refused before any append).</summary>
    public void Release(string orderId, string itemId) =>
        _itemByOrder.TryRemove(KeyValuePair.Create(orderId, itemId));

    public string? ItemOf(string orderId) => _itemByOrder.GetValueOrDefault(orderId);

    /// <summary>The item a call names, or else the one the order belongs to; an order nobody knows is not found.</summary>
    public string ItemOf(string orderId, string? named) => named ?? ItemOf(orderId)
        ?? throw new DomainException(DomainErrors.OrderNotFound, $"Order '{orderId}' is not known.");

    public int Count => _itemByOrder.Count;
}
