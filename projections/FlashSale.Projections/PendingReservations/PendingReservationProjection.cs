using FlashSale.Domain.Items;

namespace FlashSale.Projections.PendingReservations;

/// <summary>The reservations awaiting payment, by the same rules as the payments worker's in-memory set
/// (<c>PendingReservations.Apply</c>): a reservation opens one, a charge started marks it, a confirmation or a timeout
/// settles it.</summary>
public sealed class PendingReservationProjection : Projection<PendingReservationRow>
{
    public const string ProjectionName = "pending-reservations";

    public override string Name => ProjectionName;

    public override ReadModelTable<PendingReservationRow> Table => PendingReservationTable.Definition;

    public override RowKey? KeyOf(ProjectedEvent @event) => @event.Event switch
    {
        StockReserved or ChargeStarted or PaymentConfirmed or PaymentTimedOut =>
            PendingReservationTable.KeyOf(@event.Event.ItemId, ((OrderEvent)@event.Event).OrderId),
        _ => (RowKey?)null,
    };

    public override PendingReservationRow? Apply(PendingReservationRow? row, ProjectedEvent @event) => (row, @event.Event) switch
    {
        (_, StockReserved e) => new PendingReservationRow(e.ItemId, e.OrderId, e.UserId, e.Quantity, e.ReservedUntil, e.Retry, 0,
            @event.CorrelationId, @event.PositionToken),
        ({ } current, ChargeStarted e) when current.Retry == e.Retry => current with { ChargeStarted = 1, LastPosition = @event.PositionToken },
        (_, PaymentConfirmed or PaymentTimedOut) => null,
        _ => row,
    };
}
