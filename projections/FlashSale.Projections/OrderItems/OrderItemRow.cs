namespace FlashSale.Projections.OrderItems;

/// <summary>One order id on one item: what the command path's order index holds, persisted so a restart loads it
/// instead of reading the whole log. An order id on two items (two processes accepted it) is two rows.</summary>
public sealed record OrderItemRow(string OrderId, string ItemId, string PlacedPosition);
