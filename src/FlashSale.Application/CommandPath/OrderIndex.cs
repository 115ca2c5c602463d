using System.Collections.Concurrent;
using FlashSale.Domain.Items;

namespace FlashSale.Application.CommandPath;

/// <summary>
/// Which item each order id belongs to, so calls that name only an order (payment callbacks) reach the right item
/// stream. Fed by this process's writers as they record orders and by <see cref="OrderIndexFeeder"/> from the log.
/// </summary>
public sealed class OrderIndex
{
    private readonly ConcurrentDictionary<string, string> _itemByOrder = new(StringComparer.Ordinal);

    public void Record(OrderPlaced placed) => _itemByOrder.TryAdd(placed.OrderId, placed.ItemId);

    public string? ItemOf(string orderId) => _itemByOrder.GetValueOrDefault(orderId);

    public int Count => _itemByOrder.Count;
}
