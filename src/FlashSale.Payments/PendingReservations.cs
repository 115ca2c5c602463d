using System.Collections.Concurrent;
using FlashSale.Domain.Items;

namespace FlashSale.Payments;

/// <param name="Retry">0 for the placement's reservation, n for the one an operator's n-th retry made.</param>
public sealed record Reservation(string ItemId, string OrderId, string UserId, int Quantity, DateTimeOffset ReservedUntil, int Retry = 0);

/// <summary>
/// Reservations that are neither paid nor released, as the log tells; rebuilt from the log at every start. An
/// operator's retry reserves a timed-out order again: that is a new pending reservation with a new window.
/// </summary>
public sealed class PendingReservations
{
    private readonly ConcurrentDictionary<string, Reservation> _pending = new(StringComparer.Ordinal);

    /// <returns>The reservation when <paramref name="event"/> opened one.</returns>
    public Reservation? Apply(ItemEvent @event)
    {
        switch (@event)
        {
            case StockReserved e:
                var reservation = new Reservation(e.ItemId, e.OrderId, e.UserId, e.Quantity, e.ReservedUntil, e.Retry);
                _pending[e.OrderId] = reservation;
                return reservation;
            case PaymentConfirmed e:
                _pending.TryRemove(e.OrderId, out _);
                break;
            case PaymentTimedOut e:
                _pending.TryRemove(e.OrderId, out _);
                break;
        }
        return null;
    }

    public bool IsPending(string orderId) => _pending.ContainsKey(orderId);

    /// <summary>Whether this very reservation (not an earlier or later one of the same order) still awaits payment.</summary>
    public bool IsPending(Reservation reservation) =>
        _pending.TryGetValue(reservation.OrderId, out var current) && current.Retry == reservation.Retry;

    public IReadOnlyList<Reservation> All => [.. _pending.Values];

    public IReadOnlyList<Reservation> DueAt(DateTimeOffset now) => [.. _pending.Values.Where(r => r.ReservedUntil <= now)];

    public int Count => _pending.Count;
}
