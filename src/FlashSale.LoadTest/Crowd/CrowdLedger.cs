using FlashSale.LoadTest.Http;
using FlashSale.LoadTest.Recording;

namespace FlashSale.LoadTest.Crowd;

/// <summary>What the crowd was told, per item and per order: the side of the books the checks hold the read
/// models against.</summary>
public sealed class CrowdLedger(IEnumerable<string> itemIds)
{
    private const int MismatchExamples = 5;
    private readonly Lock _gate = new();
    private readonly Dictionary<string, ItemTally> _items = itemIds.ToDictionary(id => id, _ => new ItemTally());
    private readonly List<AnsweredOrder> _answered = [];
    private readonly List<AnsweredOrder> _accepted = [];
    private readonly HashSet<string> _confirmed = [];
    private readonly List<string> _mismatches = [];

    public string? LastPosition { get; private set; }
    public long Repeats { get; private set; }
    public long RepeatMismatches { get; private set; }

    public IReadOnlyDictionary<string, ItemTally> Items => _items;
    public IReadOnlyList<AnsweredOrder> Accepted => _accepted;
    public IReadOnlyList<string> MismatchExamplesSeen => _mismatches;

    public bool WasConfirmed(string orderId) { lock (_gate) return _confirmed.Contains(orderId); }

    public void Placed(OrderRequest order, HttpAnswer answer, string outcome)
    {
        lock (_gate)
        {
            Observe(answer);
            var tally = _items[order.ItemId];
            var answered = new AnsweredOrder(order, answer.Status, answer.Body);
            if (outcome == Outcomes.Accepted) { tally.AcceptedUnits += order.Quantity; _accepted.Add(answered); }
            else if (outcome == Outcomes.Rejected) tally.Rejected++;
            else if (answer.Status is 0 or (>= 500 and not 503)) { tally.UnknownUnits += order.Quantity; return; }
            if (outcome != Outcomes.Error) _answered.Add(answered);
        }
    }

    /// <summary>An order answered before, to send again as a client retry would; null when none is yet.</summary>
    public AnsweredOrder? PickAnswered(Random random)
    {
        lock (_gate) return _answered.Count == 0 ? null : _answered[random.Next(_answered.Count)];
    }

    public void Repeated(AnsweredOrder first, HttpAnswer again)
    {
        lock (_gate)
        {
            Observe(again);
            Repeats++;
            if (again.Status == first.Status && again.Body == first.Body) return;
            RepeatMismatches++;
            if (_mismatches.Count < MismatchExamples)
                _mismatches.Add($"{first.Order.OrderId}: first {first.Status} {first.Body} then {again.Status} {again.Body}");
        }
    }

    public void Confirmation(OrderRequest order, HttpAnswer answer)
    {
        lock (_gate)
        {
            Observe(answer);
            if (answer.Status != 200) return;
            _items[order.ItemId].Confirmed++;
            _confirmed.Add(order.OrderId);
        }
    }

    private void Observe(HttpAnswer answer) => LastPosition = PositionOrder.Later(LastPosition, answer.Position);
}

/// <summary>One item's side of the books. Unknown units: orders with no answer or a 5xx other than 503, which the
/// server may or may not have taken.</summary>
public sealed class ItemTally
{
    public long AcceptedUnits { get; set; }
    public long Rejected { get; set; }
    public long Confirmed { get; set; }
    public long UnknownUnits { get; set; }
}

public sealed record AnsweredOrder(OrderRequest Order, int Status, string Body);
