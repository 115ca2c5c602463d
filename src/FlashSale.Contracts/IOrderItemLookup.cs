namespace FlashSale.Contracts;

/// <summary>Which item an order id belongs to, as far as the write side of this process knows; readers that name only
/// an order use it before the read models have seen the order.</summary>
public interface IOrderItemLookup
{
    string? ItemOf(string orderId);
}
