using FlashSale.Projections.DeadLetters;
using FlashSale.Projections.Inventory;
using FlashSale.Projections.OrderStatus;

namespace FlashSale.Projections;

public static class AllProjections
{
    public static IReadOnlyList<IProjection> Create() => [new InventoryProjection(), new OrderStatusProjection(), new DeadLetterProjection()];
}
