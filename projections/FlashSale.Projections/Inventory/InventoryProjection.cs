using FlashSale.Domain.Items;

namespace FlashSale.Projections.Inventory;

public sealed class InventoryProjection : Projection<InventoryRow>
{
    public const string ProjectionName = "inventory";

    public override string Name => ProjectionName;

    public override ReadModelTable Table { get; } = new("inventory",
    [
        new("item_id", ColumnType.Text), new("name", ColumnType.Text), new("per_user_limit", ColumnType.Integer),
        new("sale_starts_at", ColumnType.Timestamp, Nullable: true), new("sale_ends_at", ColumnType.Timestamp, Nullable: true),
        new("initial_stock", ColumnType.Integer), new("restocked", ColumnType.Integer), new("available", ColumnType.Integer),
        new("reserved", ColumnType.Integer), new("sold", ColumnType.Integer), new("released", ColumnType.Integer),
        new("rejected_orders", ColumnType.Integer), new("last_position", ColumnType.Text), new("updated_at", ColumnType.Timestamp),
    ], []);

    public override string? KeyOf(ProjectedEvent @event) => @event.Event.ItemId;

    public override InventoryRow? Apply(InventoryRow? row, ProjectedEvent @event)
    {
        if (row is null)
            return @event.Event is SaleItemListed listed
                ? new InventoryRow(listed.ItemId, listed.Name, listed.PerUserLimit, listed.SaleStartsAt, listed.SaleEndsAt,
                    listed.Stock, 0, listed.Stock, 0, 0, 0, 0, @event.Position.ToToken(), @event.Recorded)
                : null; // an event for an item never listed changes nothing, as in the domain
        var next = @event.Event switch
        {
            StockAdded e => row with { Restocked = row.Restocked + e.Quantity, Available = row.Available + e.Quantity },
            StockReserved e => row with { Available = Checked(row.Available - e.Quantity, "available", e), Reserved = row.Reserved + e.Quantity },
            OrderRejected => row with { RejectedOrders = row.RejectedOrders + 1 },
            PaymentConfirmed e => row with { Reserved = Checked(row.Reserved - e.Quantity, "reserved", e), Sold = row.Sold + e.Quantity },
            StockReleased e => row with
            {
                Reserved = Checked(row.Reserved - e.Quantity, "reserved", e),
                Available = row.Available + e.Quantity,
                Released = row.Released + e.Quantity,
            },
            _ => row,
        };
        return next with { LastPosition = @event.Position.ToToken(), UpdatedAt = @event.Recorded };
    }

    /// <summary>A count below zero means the log and this projection disagree: refuse the event (it becomes a
    /// poison event) rather than publish impossible stock.</summary>
    private static int Checked(int value, string column, ItemEvent @event) => value >= 0
        ? value
        : throw new InvalidOperationException($"{@event.GetType().Name} would take '{column}' of item '{@event.ItemId}' below zero.");

    public override object?[] ToValues(InventoryRow row) =>
    [
        row.ItemId, row.Name, (long)row.PerUserLimit, Values.Timestamp(row.SaleStartsAt), Values.Timestamp(row.SaleEndsAt),
        (long)row.InitialStock, (long)row.Restocked, (long)row.Available, (long)row.Reserved, (long)row.Sold,
        (long)row.Released, (long)row.RejectedOrders, row.LastPosition, Values.Timestamp(row.UpdatedAt),
    ];

    public override InventoryRow FromValues(IReadOnlyList<object?> v) => new(
        Values.ToText(v[0]), Values.ToText(v[1]), Values.ToInt(v[2]), Values.ToTimestamp(v[3]), Values.ToTimestamp(v[4]),
        Values.ToInt(v[5]), Values.ToInt(v[6]), Values.ToInt(v[7]), Values.ToInt(v[8]), Values.ToInt(v[9]),
        Values.ToInt(v[10]), Values.ToInt(v[11]), Values.ToText(v[12]), Values.ToTimestamp(v[13])!.Value);
}
