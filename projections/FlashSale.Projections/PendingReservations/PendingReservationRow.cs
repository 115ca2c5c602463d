namespace FlashSale.Projections.PendingReservations;

/// <summary>
/// A reservation neither paid nor released: what the payments worker charges and sweeps, persisted so a restart loads
/// it instead of reading the whole log. One row per (item, order): an operator's retry replaces the row with the new
/// reservation (<see cref="Retry"/>), a confirmation or timeout deletes it.
/// </summary>
/// <param name="ChargeStarted">1 once the log records a charge started for this very reservation, else 0.</param>
/// <param name="CorrelationId">The correlation id of the <c>StockReserved</c> event's metadata.</param>
public sealed record PendingReservationRow(
    string ItemId,
    string OrderId,
    string UserId,
    int Quantity,
    DateTimeOffset ReservedUntil,
    int Retry,
    int ChargeStarted,
    string? CorrelationId,
    string LastPosition);
