using System.Collections.Concurrent;
using FlashSale.Domain.Items;

namespace FlashSale.Payments;

/// <param name="Retry">0 for the placement's reservation, n for the one an operator's n-th retry made.</param>
/// <param name="ChargeStarted">Whether the log records a charge started for this reservation (its outcome is then asked
/// for before the reservation is released).</param>
/// <param name="CorrelationId">The conversation the reservation belongs to (its event's metadata): the payment's events and
/// log lines carry it too.</param>
public sealed record Reservation(string ItemId, string OrderId, string UserId, int Quantity, DateTimeOffset ReservedUntil, int Retry = 0,
    bool ChargeStarted = false, string? CorrelationId = null)
{
    public PaymentRequest ToPaymentRequest() => new(ItemId, OrderId, UserId, Quantity, Retry);
}

/// <summary>
/// Reservations that are neither paid nor released, as the log tells; at every start restored from their persisted
/// projection and the log after it (or rebuilt from the whole log). Keyed by item
/// and order: an order id is unique per item only, so two items' orders of one id never shadow each other. An operator's
/// retry reserves a timed-out order again: that is a new pending reservation with a new window. Also ordered by deadline,
/// so the sweeper's look for due reservations touches only the due ones, not every pending one each second.
/// </summary>
public sealed class PendingReservations
{
    private readonly record struct Key(string ItemId, string OrderId);

    private readonly ConcurrentDictionary<Key, Reservation> _pending = new();
    private readonly SortedSet<Deadline> _byDeadline = new(DeadlineOrder.Instance);
    private readonly ConcurrentDictionary<(Key, int Retry), byte> _claimed = new();

    /// <param name="correlationId">The correlation id of <paramref name="event"/>'s metadata, kept with the reservation it opens.</param>
    /// <returns>The reservation when <paramref name="event"/> opened one.</returns>
    public Reservation? Apply(ItemEvent @event, string? correlationId = null)
    {
        switch (@event)
        {
            case StockReserved e:
                var reservation = new Reservation(e.ItemId, e.OrderId, e.UserId, e.Quantity, e.ReservedUntil, e.Retry, CorrelationId: correlationId);
                Put(reservation);
                return reservation;
            case ChargeStarted e when _pending.TryGetValue(new Key(e.ItemId, e.OrderId), out var current) && current.Retry == e.Retry:
                Put(current with { ChargeStarted = true });
                break;
            case PaymentConfirmed e:
                Settle(new Key(e.ItemId, e.OrderId));
                break;
            case PaymentTimedOut e:
                Settle(new Key(e.ItemId, e.OrderId));
                break;
        }
        return null;
    }

    /// <summary>Puts back a reservation persisted as pending (a start from the checkpoint), before any event is applied.</summary>
    public void Restore(Reservation reservation) => Put(reservation);

    public bool IsPending(string itemId, string orderId) => _pending.ContainsKey(new Key(itemId, orderId));

    /// <summary>Whether this very reservation (not an earlier or later one of the same order) still awaits payment.</summary>
    public bool IsPending(Reservation reservation) =>
        _pending.TryGetValue(new Key(reservation.ItemId, reservation.OrderId), out var current) && current.Retry == reservation.Retry;

    /// <summary>Claims the reservation for one charge in this process; false when it is settled or already claimed.</summary>
    public bool TryClaim(Reservation reservation) =>
        IsPending(reservation) && _claimed.TryAdd((new Key(reservation.ItemId, reservation.OrderId), reservation.Retry), 0);

    /// <summary>Gives a claim back when nothing was asked of the gateway (this process lost the lease first).</summary>
    public void Unclaim(Reservation reservation) => _claimed.TryRemove((new Key(reservation.ItemId, reservation.OrderId), reservation.Retry), out _);

    public IReadOnlyList<Reservation> All => [.. _pending.Values];

    /// <summary>The pending reservations whose window has passed at <paramref name="now"/>, earliest deadline first.</summary>
    public IReadOnlyList<Reservation> DueAt(DateTimeOffset now)
    {
        var due = new List<Reservation>();
        lock (_byDeadline)
        {
            foreach (var deadline in _byDeadline)
            {
                if (deadline.Until > now) break;
                due.Add(_pending[deadline.Key]);
            }
        }
        return due;
    }

    public int Count => _pending.Count;

    private void Put(Reservation reservation)
    {
        var key = new Key(reservation.ItemId, reservation.OrderId);
        lock (_byDeadline)
        {
            if (_pending.TryGetValue(key, out var replaced)) _byDeadline.Remove(new Deadline(replaced.ReservedUntil, key));
            _pending[key] = reservation;
            _byDeadline.Add(new Deadline(reservation.ReservedUntil, key));
        }
    }

    private void Settle(Key key)
    {
        lock (_byDeadline)
        {
            if (!_pending.TryRemove(key, out var settled)) return;
            _byDeadline.Remove(new Deadline(settled.ReservedUntil, key));
            _claimed.TryRemove((key, settled.Retry), out _);
        }
    }

    private readonly record struct Deadline(DateTimeOffset Until, Key Key);

    private sealed class DeadlineOrder : IComparer<Deadline>
    {
        public static readonly DeadlineOrder Instance = new();

        public int Compare(Deadline x, Deadline y)
        {
            var byTime = x.Until.CompareTo(y.Until);
            if (byTime != 0) return byTime;
            var byItem = string.CompareOrdinal(x.Key.ItemId, y.Key.ItemId);
            return byItem != 0 ? byItem : string.CompareOrdinal(x.Key.OrderId, y.Key.OrderId);
        }
    }
}
