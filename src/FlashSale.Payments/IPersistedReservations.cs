using FlashSale.EventStore;
using FlashSale.Subscriptions.Checkpoints;

namespace FlashSale.Payments;

/// <summary>The reservations awaiting payment as last persisted (the <c>pending-reservations</c> projection of the read
/// store): what the payments worker starts from instead of the beginning of the log.</summary>
public interface IPersistedReservations
{
    /// <summary>Every reservation pending at <see cref="PersistedReservations.Position"/>, read in one consistent snapshot.</summary>
    /// <returns>Null when nothing is persisted yet (the worker then reads the whole log).</returns>
    Task<PersistedReservations?> LoadAsync(CancellationToken cancellationToken);
}

/// <param name="At">The event at <see cref="Position"/>; null when the checkpoint was stored without it.</param>
public sealed record PersistedReservations(LogPosition Position, IReadOnlyList<Reservation> Reservations, CheckpointEvent? At = null);
