namespace FlashSale.Contracts;

/// <summary>Which items an order id is an order on, as far as the write side of this process knows; readers that name
/// only an order use it before the read models have seen the order.</summary>
public interface IOrderItemLookup
{
    /// <summary>Usually one item; several when processes accepted the same order id on different items; none when unknown.</summary>
    IReadOnlyList<string> ItemsOf(string orderId);
}
