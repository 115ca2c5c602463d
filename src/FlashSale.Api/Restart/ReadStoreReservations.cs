using FlashSale.Payments;
using FlashSale.Projections.PendingReservations;
using FlashSale.ReadModels.Storage;

namespace FlashSale.Api.Restart;

/// <summary>The pending reservations persisted as the <c>pending-reservations</c> projection: the rows and their
/// checkpoint, one snapshot.</summary>
public sealed class ReadStoreReservations(IReadModelStore store) : IPersistedReservations
{
    private static readonly PendingReservationProjection Projection = new();

    public async Task<PersistedReservations?> LoadAsync(CancellationToken cancellationToken)
    {
        var reservations = new List<Reservation>();
        var checkpoint = await store.ReadSnapshotAsync(Projection, values =>
        {
            var row = Projection.FromValues(values);
            reservations.Add(new Reservation(row.ItemId, row.OrderId, row.UserId, row.Quantity, row.ReservedUntil, row.Retry,
                row.ChargeStarted != 0, row.CorrelationId));
        }, cancellationToken);
        return checkpoint?.Position is { } position ? new PersistedReservations(position, reservations, checkpoint.Event) : null;
    }
}
