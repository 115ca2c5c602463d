using FlashSale.Domain.Items;

namespace FlashSale.ReadModels.Tests.Fixtures;

/// <summary>
/// A plausible random sale, the same for the same seed: items listed, orders reserved or rejected (sold out, per-user
/// limit), reservations confirmed or timed out and released, dead letters retried or discarded, the odd restock.
/// Every event is one the domain could record, so no projection refuses any of them.
/// </summary>
public sealed class SaleGenerator(int seed, int items = 20, string prefix = "gen")
{
    private readonly Random _random = new(seed);
    private readonly Dictionary<int, Item> _items = [];
    private DateTimeOffset _now = new(2026, 11, 27, 9, 0, 0, TimeSpan.Zero);
    private long _orders;

    public long EventsGenerated { get; private set; }

    /// <summary>The events of up to <paramref name="operations"/> operations on one random item: what one append holds.</summary>
    public ItemEvent[] Next(int operations = 10)
    {
        var index = _random.Next(items);
        var events = new List<ItemEvent>();
        if (!_items.TryGetValue(index, out var item))
        {
            item = _items[index] = new Item($"{prefix}-i{index}", _random.Next(50, 500), _random.Next(1, 4));
            events.Add(new SaleItemListed(item.Id, $"Item {index}", item.Available, item.Limit, null, null, 300, Tick()));
        }
        for (var i = 0; i < operations; i++)
        {
            var roll = _random.NextDouble();
            if (roll < 0.55 || (item.Pending.Count == 0 && item.DeadLetters.Count == 0)) Place(item, events);
            else if (roll < 0.88 && item.Pending.Count > 0) Settle(item, events);
            else if (roll < 0.97 && item.DeadLetters.Count > 0) Decide(item, events);
            else events.Add(Restock(item));
        }
        EventsGenerated += events.Count;
        return [.. events];
    }

    private void Place(Item item, List<ItemEvent> events)
    {
        var (order, user, quantity) = ($"{prefix}-o{++_orders}", $"u{_random.Next(1000)}", _random.Next(1, item.Limit + 1));
        events.Add(new OrderPlaced(item.Id, order, user, quantity, Tick()));
        var reason = item.Held.GetValueOrDefault(user) + quantity > item.Limit ? RejectionReasons.PerUserLimit
            : item.Available < quantity ? RejectionReasons.SoldOut : null;
        if (reason is not null)
        {
            events.Add(new OrderRejected(item.Id, order, user, quantity, reason, _now));
            return;
        }
        events.Add(Reserve(item, new Reservation(order, user, quantity, 0)));
    }

    private void Settle(Item item, List<ItemEvent> events)
    {
        var reservation = Take(item.Pending);
        if (_random.NextDouble() < 0.85)
        {
            events.Add(new PaymentConfirmed(item.Id, reservation.OrderId, reservation.UserId, reservation.Quantity, $"psp-{reservation.OrderId}", Tick()));
            return;
        }
        events.Add(new PaymentTimedOut(item.Id, reservation.OrderId, TimeoutCauses.GatewayTimeout, Tick(), reservation.Retry));
        events.Add(new StockReleased(item.Id, reservation.OrderId, reservation.UserId, reservation.Quantity, _now, reservation.Retry));
        item.Available += reservation.Quantity;
        item.Held[reservation.UserId] -= reservation.Quantity;
        item.DeadLetters.Add(reservation);
    }

    /// <summary>An operator retries or discards a dead letter; a retry re-reserves if stock and the limit allow.</summary>
    private void Decide(Item item, List<ItemEvent> events)
    {
        var letter = Take(item.DeadLetters);
        if (_random.NextDouble() < 0.5)
        {
            events.Add(new DeadLetterDiscarded(item.Id, letter.OrderId, "gave up", "ops", Tick()));
            return;
        }
        var retry = letter with { Retry = letter.Retry + 1 };
        if (item.Available >= retry.Quantity && item.Held.GetValueOrDefault(retry.UserId) + retry.Quantity <= item.Limit)
        {
            events.Add(new DeadLetterRetried(item.Id, retry.OrderId, retry.Retry, "ops", Tick()));
            events.Add(Reserve(item, retry));
            return;
        }
        events.Add(new DeadLetterRetryFailed(item.Id, retry.OrderId, retry.Retry, RejectionReasons.SoldOut, "ops", Tick()));
        item.DeadLetters.Add(retry);
    }

    private StockReserved Reserve(Item item, Reservation reservation)
    {
        item.Available -= reservation.Quantity;
        item.Held[reservation.UserId] = item.Held.GetValueOrDefault(reservation.UserId) + reservation.Quantity;
        item.Pending.Add(reservation);
        return new StockReserved(item.Id, reservation.OrderId, reservation.UserId, reservation.Quantity, _now.AddMinutes(5), reservation.Retry);
    }

    private ItemRestocked Restock(Item item)
    {
        var quantity = _random.Next(5, 50);
        item.Available += quantity;
        return new ItemRestocked(item.Id, quantity, "restock", Tick());
    }

    private Reservation Take(List<Reservation> from)
    {
        var index = _random.Next(from.Count);
        var taken = from[index];
        from[index] = from[^1];
        from.RemoveAt(from.Count - 1);
        return taken;
    }

    private DateTimeOffset Tick() => _now = _now.AddMilliseconds(_random.Next(1, 50));

    private sealed class Item(string id, int stock, int limit)
    {
        public string Id { get; } = id;
        public int Limit { get; } = limit;
        public int Available { get; set; } = stock;
        public Dictionary<string, int> Held { get; } = new(StringComparer.Ordinal);
        public List<Reservation> Pending { get; } = [];
        public List<Reservation> DeadLetters { get; } = [];
    }

    private sealed record Reservation(string OrderId, string UserId, int Quantity, int Retry);
}
