using System.Collections.Concurrent;
using FlashSale.Domain.Items;

namespace FlashSale.Payments;

public sealed record Reservation(string ItemId, string OrderId, string UserId, int Quantity, DateTimeOffset ReservedUntil);

/// <summary>Reservations that are neither paid nor released, as the log tells; rebuilt from the log at every start.</summary>
public sealed class PendingReservations
{
    private readonly ConcurrentDictionary<string, Reservation> _pending = new(StringComparer.Ordinal);

    /// <returns>The reservation when <paramref name="event"/> opened one.</returns>
    public Reservation? Apply(ItemEvent @event)
    {
        switch (@event)
        {
            case StockReserved e:
                var reservation = new Reservation(e.ItemId, e.OrderId, e.UserId, e.Quantity, e.ReservedUntil);
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

    public IReadOnlyList<Reservation> All => [.. _pending.Values];

    public IReadOnlyList<Reservation> DueAt(DateTimeOffset now) => [.. _pending.Values.Where(r => r.ReservedUntil <= now)];

    public int Count => _pending.Count;
}
