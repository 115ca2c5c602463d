using System.Globalization;
using System.Text;
using FlashSale.Application.CommandPath;
using FlashSale.Application.CommandPath.Snapshots;
using FlashSale.Domain;
using FlashSale.Domain.Items;
using FlashSale.EventStore;
using FlashSale.EventStore.Snapshots;

namespace FlashSale.Application.Tests.CommandPath.Snapshots;

/// <summary>Random item histories decided by the domain, their snapshots written and read without a store, and a
/// description of an item precise enough to compare (every field, times to the tick and offset).</summary>
internal sealed class SnapshotHistories(int seed)
{
    public static readonly DateTimeOffset Start = new(2026, 12, 1, 12, 0, 0, TimeSpan.Zero);

    private static readonly string[] Shapes = ["o-{0}", "order-{0:D6}", "é-ü-{0}", "🙂{0}🙂", "{1}"];
    private readonly Random _random = new(seed);

    public SnapshotLayout Layout { get; } = new();

    public SnapshotChanges Changes { get; private set; } = new();

    public ItemState State { get; private set; } = ItemState.Initial;

    public List<ItemEvent> Events { get; } = [];

    public Dictionary<string, OrderPositions> OrderPositions { get; } = new(StringComparer.Ordinal);

    public Dictionary<string, LogPosition> RestockPositions { get; } = new(StringComparer.Ordinal);

    public Listed Listed => (Listed)State;

    public SnapshotHistories List(int stock = 60)
    {
        Apply(new ListItem("lamp", "Lamp", stock, 3, Start.AddSeconds(5), Start.AddSeconds(900), 30, Start));
        return this;
    }

    /// <summary>Decides <paramref name="commands"/> random commands (refused ones change nothing) and folds their events.</summary>
    public SnapshotHistories Decide(int commands, int from = 0)
    {
        for (var step = from; step < from + commands; step++) Apply(NextCommand(step));
        return this;
    }

    public ItemEvent[] Apply(ItemCommand command)
    {
        ItemEvent[] events;
        try
        {
            events = ItemDecider.Decide(command, State);
        }
        catch (DomainException)
        {
            return [];
        }
        foreach (var @event in events) Fold(@event);
        return events;
    }

    public void Fold(ItemEvent @event)
    {
        State = ItemDecider.Evolve(State, @event);
        Events.Add(@event);
        Layout.Record(@event, Changes);
        var position = new LogPosition((ulong)Events.Count * 3, (ulong)Events.Count * 3 + (ulong)(Events.Count % 2));
        // Positions as the writer keeps them, more or less: which field gets one does not matter to the format.
        if (@event is OrderEvent o)
            OrderPositions[o.OrderId] = (OrderPositions.GetValueOrDefault(o.OrderId), Events.Count % 4) switch
            {
                (var p, 0) => p with { Placement = position },
                (var p, 1) => p with { Settlement = position },
                (var p, 2) => p with { Discard = position },
                (var p, _) => p with { Retry = position },
            };
        if (@event is ItemRestocked { OperationId: { } id }) RestockPositions.TryAdd(id, position);
    }

    public SnapshotWrite Write(long? basedOn)
    {
        var write = ItemSnapshot.Write("item-lamp", Listed, Events.Count - 1, Guid.Empty, Layout, basedOn is null ? null : Changes, basedOn,
            OrderPositions, RestockPositions);
        Changes = new SnapshotChanges();
        return write;
    }

    public ItemCommand NextCommand(int step)
    {
        var now = Start.AddSeconds(step * 3 + _random.Next(3)).ToOffset(TimeSpan.FromMinutes(_random.Next(2) * 90));
        var order = string.Format(CultureInfo.InvariantCulture, Shapes[_random.Next(Shapes.Length)], _random.Next(80),
            new Guid(_random.Next(80), 1, 2, [3, 4, 5, 6, 7, 8, 9, 10]));
        var user = $"buyer-{_random.Next(25)}";
        return _random.Next(12) switch
        {
            < 5 => new PlaceOrder("lamp", order, user, _random.Next(1, 3), now),
            5 => new ConfirmPayment("lamp", order, $"psp-{_random.Next(3)}", now),
            6 => new TimeOutPayment("lamp", order, TimeoutCauses.GatewayTimeout, now),
            7 => new RetryDeadLetter("lamp", order, "operator", now),
            8 => new DiscardDeadLetter("lamp", order, _random.Next(2) == 0 ? "" : "gone", "operator", now),
            9 => new StartCharge("lamp", order, 0, $"key-{order}", now.AddSeconds(10), now),
            10 => new RequireRefund("lamp", order, $"psp-{_random.Next(3)}", now),
            _ => new RestockItem("lamp", _random.Next(1, 4), "found", now, _random.Next(2) == 0 ? null : $"op-{_random.Next(6)}"),
        };
    }

    /// <summary>A snapshot store's upsert, without the store: entries by key, the header replaced.</summary>
    public static StoredSnapshot Stored(SnapshotWrite write, StoredSnapshot? onto = null)
    {
        var entries = write.BasedOn is null || onto is null
            ? new Dictionary<string, SnapshotEntry>()
            : onto.Entries.ToDictionary(e => e.Key);
        foreach (var entry in write.Entries) entries[entry.Key] = entry;
        return new StoredSnapshot(write.StreamId, write.Revision, write.EventId, write.Schema, write.Header, [.. entries.Values]);
    }

    public static string Describe(ItemState state)
    {
        if (state is not Listed s) return state.ToString();
        var text = new StringBuilder($"{s.ItemId}|{s.Name}|{s.PerUserLimit}|{T(s.SaleStartsAt)}|{T(s.SaleEndsAt)}|{s.PaymentWindowSeconds}|" +
            $"{s.InitialStock}|{s.Restocked}|{s.Available}|{T(s.EarliestDeadline)}\n");
        foreach (var (id, o) in s.Orders.OrderBy(e => e.Key, StringComparer.Ordinal))
            text.Append($"order {id}: {o.OrderId}|{o.UserId}|{o.Quantity}|{o.Status}|{T(o.ReservedUntil)}|{o.RejectionReason}|{o.PaymentReference}|" +
                $"{o.Retries}|{T(o.RetryReservedUntil)}|{o.ChargeStartedFor}|" +
                $"{(o.RefundReferences is { } r ? "[" + string.Join(',', r.Order(StringComparer.Ordinal)) + "]" : "-")}|{o.DiscardReason ?? "-"}\n");
        foreach (var (user, held) in s.Holdings.OrderBy(e => e.Key, StringComparer.Ordinal)) text.Append($"holds {user}: {held}\n");
        foreach (var (id, r) in s.Restocks.OrderBy(e => e.Key, StringComparer.Ordinal)) text.Append($"restock {id}: {r}\n");
        foreach (var (id, c) in s.ClosedSaleRejections.OrderBy(e => e.Key, StringComparer.Ordinal)) text.Append($"closed {id}: {c.Ended} {T(c.At)}\n");
        return text.ToString();
    }

    public static string Describe<T>(Dictionary<string, T> positions) =>
        string.Join('\n', positions.OrderBy(e => e.Key, StringComparer.Ordinal).Select(e => $"{e.Key}: {e.Value}"));

    private static string T(DateTimeOffset? time) => time?.ToString("O", CultureInfo.InvariantCulture) ?? "-";
}
