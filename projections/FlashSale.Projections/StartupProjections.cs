using FlashSale.Projections.OrderItems;
using FlashSale.Projections.PendingReservations;

namespace FlashSale.Projections;

/// <summary>
/// The state a process needs before it serves (the order index, the reservations awaiting payment), kept as projections
/// so a restart loads it from its checkpoint instead of reading the whole log (ADR 0019). The projector writes them with
/// the read models; they are not read models: no query, status or rebuild lists them.
/// </summary>
public static class StartupProjections
{
    public static IReadOnlyList<IProjection> Create() => [new OrderItemProjection(), new PendingReservationProjection()];
}
