using FlashSale.Domain;

namespace FlashSale.Contracts;

/// <summary>
/// An order id is the client's idempotency key per item: two processes can each accept one id on a different item
/// before either has seen the other's order. A call that names only the order then cannot tell which one it means and
/// is refused with <see cref="DomainErrors.OrderAmbiguous"/> naming the items, rather than acting on one of them.
/// </summary>
public static class AmbiguousOrder
{
    public static DomainException Error(string orderId, IEnumerable<string> itemIds) => new(DomainErrors.OrderAmbiguous,
        $"Order id '{orderId}' is an order on several items ({string.Join(", ", itemIds.Select(i => $"'{i}'"))}); name the item to choose one.");

    /// <summary>The one item of <paramref name="orderId"/>, null when it has none.</summary>
    /// <exception cref="DomainException"><see cref="DomainErrors.OrderAmbiguous"/> when it has several.</exception>
    public static string? SingleItem(string orderId, IReadOnlyCollection<string> itemIds) => itemIds.Count switch
    {
        0 => null,
        1 => itemIds.First(),
        _ => throw Error(orderId, itemIds.Order(StringComparer.Ordinal)),
    };
}
