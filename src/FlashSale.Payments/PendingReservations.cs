using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using FlashSale.Domain.Items;

namespace FlashSale.Payments;

/// <param name="Retry">0 for the placement's reservation, n for the one an operator's n-th retry made.</param>
/// <param name="ChargeStarted">Whether the log records a charge started for this reservation (its outcome is then asked
/// for before the reservation is released).</param>
/// <param name="CorrelationId">The conversation the reservation belongs to (its event's metadata): the payment's events and
/// log lines carry it too.</param>
/// <remarks>A struct: every order of a sale has one while it awaits payment, kept inline in the pending dictionary's
/// entries (no object per order for the GC to copy twice on its way to the old generation, ADR 0041).</remarks>
public readonly record struct Reservation(string ItemId, string OrderId, string UserId, int Quantity, DateTimeOffset ReservedUntil, int Retry = 0,
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
/// <remarks>Every order of a sale passes through here, so the structures are the cheap ones (ADR 0038): one dictionary and
/// one heap of deadlines under one lock, no node per reservation. A deadline stays in the heap when its reservation is
/// settled or reserved again; it is dropped when it comes up and is no longer its reservation's.</remarks>
public sealed class PendingReservations
{
    private readonly record struct Key(string ItemId, string OrderId);

    private readonly Lock _lock = new();
    private readonly Dictionary<Key, Reservation> _pending = new();
    // Deadlines not yet come, earliest first (ties in any order); some are no longer their reservation's.
    private readonly PriorityQueue<Key, DateTimeOffset> _deadlines = new();
    // Reservations whose deadline came at an earlier look and that are still pending (their timeout not yet applied), by
    // the deadline that made them due.
    private readonly Dictionary<Key, DateTimeOffset> _due = new();
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
            case ChargeStarted e:
                lock (_lock)
                {
                    ref var current = ref CollectionsMarshal.GetValueRefOrNullRef(_pending, new Key(e.ItemId, e.OrderId));
                    if (!Unsafe.IsNullRef(ref current) && current.Retry == e.Retry) current = current with { ChargeStarted = true };
                }
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

    public bool IsPending(string itemId, string orderId)
    {
        lock (_lock) return _pending.ContainsKey(new Key(itemId, orderId));
    }

    /// <summary>Whether this very reservation (not an earlier or later one of the same order) still awaits payment.</summary>
    public bool IsPending(Reservation reservation)
    {
        lock (_lock) return _pending.TryGetValue(new Key(reservation.ItemId, reservation.OrderId), out var current) && current.Retry == reservation.Retry;
    }

    /// <summary>Claims the reservation for one charge in this process; false when it is settled or already claimed.</summary>
    public bool TryClaim(Reservation reservation) =>
        IsPending(reservation) && _claimed.TryAdd((new Key(reservation.ItemId, reservation.OrderId), reservation.Retry), 0);

    /// <summary>Gives a claim back when nothing was asked of the gateway (this process lost the lease first).</summary>
    public void Unclaim(Reservation reservation) => _claimed.TryRemove((new Key(reservation.ItemId, reservation.OrderId), reservation.Retry), out _);

    public IReadOnlyList<Reservation> All
    {
        get
        {
            lock (_lock) return [.. _pending.Values];
        }
    }

    /// <summary>The pending reservations whose window has passed at <paramref name="now"/>, earliest deadline first.</summary>
    public IReadOnlyList<Reservation> DueAt(DateTimeOffset now)
    {
        var due = new List<Reservation>();
        lock (_lock)
        {
            while (_deadlines.TryPeek(out var key, out var until) && until <= now)
            {
                _deadlines.Dequeue();
                if (_pending.TryGetValue(key, out var reservation) && reservation.ReservedUntil == until) _due[key] = until;
            }
            List<Key>? gone = null;
            foreach (var (key, until) in _due)
            {
                if (_pending.TryGetValue(key, out var reservation) && reservation.ReservedUntil == until)
                {
                    if (until <= now) due.Add(reservation);
                }
                else (gone ??= []).Add(key);
            }
            if (gone is not null)
                foreach (var key in gone) _due.Remove(key);
        }
        due.Sort(DeadlineOrder.Instance);
        return due;
    }

    public int Count
    {
        get
        {
            lock (_lock) return _pending.Count;
        }
    }

    private void Put(Reservation reservation)
    {
        var key = new Key(reservation.ItemId, reservation.OrderId);
        lock (_lock)
        {
            ref var held = ref CollectionsMarshal.GetValueRefOrAddDefault(_pending, key, out var replacing);
            // A deadline already in the heap (or already due) for this key stands for the new reservation too.
            var deadlineKnown = replacing && held.ReservedUntil == reservation.ReservedUntil;
            held = reservation;
            if (!deadlineKnown) _deadlines.Enqueue(key, reservation.ReservedUntil);
            CompactIfMostlyStale();
        }
    }

    /// <summary>Orders paid within their window leave their deadline in the heap until it comes: rebuilt from the pending
    /// ones once it holds more than twice as many (so at most every reservation's cost once more, spread over the others).</summary>
    private void CompactIfMostlyStale()
    {
        if (_deadlines.Count <= 2 * _pending.Count + 64) return;
        var live = new List<(Key, DateTimeOffset)>(_pending.Count);
        foreach (var (key, reservation) in _pending)
        {
            if (_due.TryGetValue(key, out var due) && due == reservation.ReservedUntil) continue;
            _due.Remove(key);
            live.Add((key, reservation.ReservedUntil));
        }
        _deadlines.Clear();
        _deadlines.EnqueueRange(live);
    }

    private void Settle(Key key)
    {
        lock (_lock)
        {
            if (!_pending.Remove(key, out var settled)) return;
            _due.Remove(key);
            _claimed.TryRemove((key, settled.Retry), out _);
            CompactIfMostlyStale();
        }
    }

    private sealed class DeadlineOrder : IComparer<Reservation>
    {
        public static readonly DeadlineOrder Instance = new();

        public int Compare(Reservation x, Reservation y)
        {
            var byTime = x.ReservedUntil.CompareTo(y.ReservedUntil);
            if (byTime != 0) return byTime;
            var byItem = string.CompareOrdinal(x.ItemId, y.ItemId);
            return byItem != 0 ? byItem : string.CompareOrdinal(x.OrderId, y.OrderId);
        }
    }
}
