using FlashSale.Domain.Items;

namespace FlashSale.Application.CommandPath;

/// <summary>
/// What the item recorded about a command's order or restock, read the moment the command was decided. The callers of
/// a batch are answered on other threads while the writer decides on: reading their (older) item versions there would
/// move the item's maps back under the writer (ADR 0017), so what they ask for is read once, on the writer.
/// </summary>
public sealed record CommandRecords(OrderRecord? Order, SaleClosed? SaleClosed, RestockRecord? Restock)
{
    public static CommandRecords? Of(ItemCommand command, ItemState state) => (command, state) switch
    {
        (OrderCommand c, Listed s) when s.Orders.TryGetValue(c.OrderId, out var order) =>
            new CommandRecords(order, s.ClosedSaleRejections.Count == 0 ? null : s.ClosedSaleRejections.GetValueOrDefault(c.OrderId), null),
        (RestockItem { OperationId: { } id }, Listed s) => new CommandRecords(null, null, s.Restocks.GetValueOrDefault(id)),
        _ => null,
    };
}
