using System.Collections.Concurrent;
using FlashSale.Contracts;
using FlashSale.Domain;
using FlashSale.Domain.Items;

namespace FlashSale.Application.CommandPath;

/// <summary>
/// Which item each order id belongs to, so calls that name only an order (payment callbacks) reach the right item
/// stream. Fed by this process's writers as they record orders and by <see cref="OrderIndexFeeder"/> from the log.
/// Within one process an order id is claimed for one item only; two processes can still each accept it on a different
/// item, and the log then teaches each index both, so a call that names only the order is refused as ambiguous instead
/// of reaching one of them.
/// </summary>
public sealed class OrderIndex : IOrderItemLookup
{
    /// <summary>An order id's item as a string, or its items as a string[] once it is an order on several (rare: no array
    /// per order in the common case).</summary>
    private readonly ConcurrentDictionary<string, object> _items = new(StringComparer.Ordinal);

    public void Record(OrderPlaced placed)
    {
        while (!_items.TryAdd(placed.OrderId, placed.ItemId))
        {
            if (!_items.TryGetValue(placed.OrderId, out var current)) continue;
            if (Contains(current, placed.ItemId) || _items.TryUpdate(placed.OrderId, With(current, placed.ItemId), current)) return;
        }
    }

    /// <summary>
    /// Reserves <paramref name="orderId"/> for <paramref name="itemId"/> before the order reaches the item's writer,
    /// so that one order id raced onto two items is placed on one of them only (within this process).
    /// </summary>
    /// <returns>The item the order id already belongs to, or null when the claim is ours (or the id is already an
    /// order on this item too, which the writer answers as a repeat).</returns>
    public string? Claim(string orderId, string itemId)
    {
        var owners = _items.GetOrAdd(orderId, itemId);
        return Contains(owners, itemId) ? null : ItemsIn(owners)[0];
    }

    /// <summary>Gives up a claim whose order was certainly not recorded (it was refused before any append).</summary>
    public void Release(string orderId, string itemId)
    {
        while (_items.TryGetValue(orderId, out var current) && Contains(current, itemId))
        {
            var rest = Without(current, itemId);
            if (rest is null ? _items.TryRemove(KeyValuePair.Create(orderId, current)) : _items.TryUpdate(orderId, rest, current)) return;
        }
    }

    public IReadOnlyList<string> ItemsOf(string orderId) => _items.TryGetValue(orderId, out var owners) ? ItemsIn(owners) : [];

    /// <summary>The item a call names, or else the one item the order belongs to.</summary>
    /// <exception cref="DomainException">The order is unknown (<see cref="DomainErrors.OrderNotFound"/>) or, with no item
    /// named, an order on several items (<see cref="DomainErrors.OrderAmbiguous"/>).</exception>
    public string ItemOf(string orderId, string? named) => named ?? AmbiguousOrder.SingleItem(orderId, ItemsOf(orderId))
        ?? throw new DomainException(DomainErrors.OrderNotFound, $"Order '{orderId}' is not known.");

    public int Count => _items.Count;

    private static IReadOnlyList<string> ItemsIn(object owners) => owners as string[] ?? [(string)owners];

    private static bool Contains(object owners, string itemId) =>
        owners is string one ? one == itemId : Array.IndexOf((string[])owners, itemId) >= 0;

    private static string[] With(object owners, string itemId) => [.. ItemsIn(owners), itemId];

    /// <returns>What is left: a string, an array of several, or null for nothing.</returns>
    private static object? Without(object owners, string itemId)
    {
        var rest = ItemsIn(owners).Where(i => i != itemId).ToArray();
        return rest.Length switch { 0 => null, 1 => rest[0], _ => rest };
    }
}
