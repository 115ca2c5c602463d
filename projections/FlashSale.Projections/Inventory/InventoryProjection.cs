using FlashSale.Domain.Items;

namespace FlashSale.Projections.Inventory;

public sealed class InventoryProjection : Projection<InventoryRow>
{
    public const string ProjectionName = "inventory";

    public override string Name => ProjectionName;

    public override ReadModelTable<InventoryRow> Table => InventoryTable.Definition;

    public override RowKey? KeyOf(ProjectedEvent @event) => @event.Event.ItemId;

    public override InventoryRow? Apply(InventoryRow? row, ProjectedEvent @event)
    {
        if (row is null)
            return @event.Event is SaleItemListed listed
                ? new InventoryRow(listed.ItemId, listed.Name, listed.PerUserLimit, listed.SaleStartsAt, listed.SaleEndsAt,
                    listed.Stock, 0, listed.Stock, 0, 0, 0, 0, @event.PositionToken, @event.Recorded)
                : null; // an event for an item never listed changes nothing, as in the domain
        // One copy of the row per event: the hot item's row takes every event of the sale.
        var (position, at) = (@event.PositionToken, @event.Recorded);
        return @event.Event switch
        {
            ItemRestocked e => row with
            {
                Restocked = row.Restocked + e.Quantity, Available = row.Available + e.Quantity, LastPosition = position, UpdatedAt = at,
            },
            StockReserved e => row with
            {
                Available = Checked(row.Available - e.Quantity, InventoryTable.Available, e), Reserved = row.Reserved + e.Quantity,
                LastPosition = position, UpdatedAt = at,
            },
            OrderRejected => row with { RejectedOrders = row.RejectedOrders + 1, LastPosition = position, UpdatedAt = at },
            PaymentConfirmed e => row with
            {
                Reserved = Checked(row.Reserved - e.Quantity, InventoryTable.Reserved, e), Sold = row.Sold + e.Quantity,
                LastPosition = position, UpdatedAt = at,
            },
            StockReleased e => row with
            {
                Reserved = Checked(row.Reserved - e.Quantity, InventoryTable.Reserved, e),
                Available = row.Available + e.Quantity,
                Released = row.Released + e.Quantity,
                LastPosition = position, UpdatedAt = at,
            },
            _ => row with { LastPosition = position, UpdatedAt = at },
        };
    }

    /// <summary>A count below zero means the log and this projection disagree: refuse the event (it becomes a
    /// poison event) rather than publish impossible stock.</summary>
    private static int Checked(int value, Column column, ItemEvent @event) => value >= 0
        ? value
        : throw new InvalidOperationException($"{@event.GetType().Name} would take '{column.Name}' of item '{@event.ItemId}' below zero.");
}
