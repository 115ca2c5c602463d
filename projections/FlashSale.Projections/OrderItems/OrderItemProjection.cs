using FlashSale.Domain.Items;

namespace FlashSale.Projections.OrderItems;

/// <summary>Every order placed, by order id and item: the first placement is kept (a repeat writes nothing to the log).</summary>
public sealed class OrderItemProjection : Projection<OrderItemRow>
{
    public const string ProjectionName = "order-items";

    public override string Name => ProjectionName;

    public override ReadModelTable<OrderItemRow> Table => OrderItemTable.Definition;

    /// <summary>Only a repeated placement of the same order touches a row again; keeping every order's row in memory for that
    /// cost more than the loads it saves.</summary>
    public override bool CachesRows => false;

    public override RowKey? KeyOf(ProjectedEvent @event) =>
        @event.Event is OrderPlaced placed ? OrderItemTable.KeyOf(placed.ItemId, placed.OrderId) : (RowKey?)null;

    public override OrderItemRow? Apply(OrderItemRow? row, ProjectedEvent @event) =>
        row ?? (@event.Event is OrderPlaced placed ? new OrderItemRow(placed.OrderId, placed.ItemId, @event.PositionToken) : null);
}
