using System.Collections.Concurrent;
using System.Text.Json;
using FlashSale.LoadTest.Crowd;

namespace FlashSale.LoadTest.Checks;

/// <summary>After the crowd: the books (what buyers were told) against the read models (what the engine recorded),
/// read at the latest position any answer carried.</summary>
public sealed class CorrectnessChecks(LoadTestOptions options, ReadModelReader reader, CrowdLedger ledger, IReadOnlyDictionary<string, int> stockOf)
{
    private static readonly HashSet<string> AcceptedStatuses = ["reserved", "confirmed", "timed_out", "discarded"];

    public async Task<(IReadOnlyList<CheckResult> Checks, IReadOnlyList<ItemResult> Items)> RunAsync(long serverErrors, CancellationToken ct)
    {
        var items = new List<ItemResult>();
        foreach (var (itemId, tally) in ledger.Items.OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            var (inventory, _) = await reader.InventoryAsync(itemId, ledger.LastPosition, ct);
            items.Add(new ItemResult(itemId, stockOf[itemId], tally.AcceptedUnits, tally.Rejected, tally.Confirmed, tally.UnknownUnits, inventory));
        }
        return ([StockNeverExceeded(items), InventoryMatches(items), await OrdersVisibleAsync(ct),
            new(CheckNames.NoServerErrors, serverErrors == 0, $"{serverErrors} answers were 5xx or none at all"),
            new(CheckNames.RepeatsIdentical, ledger.RepeatMismatches == 0,
                $"{ledger.Repeats - ledger.RepeatMismatches} of {ledger.Repeats} repeats answered as the first time"
                + string.Concat(ledger.MismatchExamplesSeen.Select(m => "; " + m)))], items);
    }

    private static CheckResult StockNeverExceeded(IReadOnlyList<ItemResult> items)
    {
        var over = items.Where(i => i.AcceptedUnits > i.Stock || i.Inventory is null
            || i.Inventory.Reserved + i.Inventory.Sold > i.Inventory.Stock).ToList();
        return new(CheckNames.StockNeverExceeded, over.Count == 0, over.Count == 0
            ? $"on all {items.Count} items accepted <= stock and reserved + sold <= stock"
            : string.Join("; ", over.Select(i => $"{i.ItemId}: stock {i.Stock}, accepted {i.AcceptedUnits}, reserved + sold {Held(i)}")));
    }

    private static CheckResult InventoryMatches(IReadOnlyList<ItemResult> items)
    {
        var differences = items.Select(Difference).OfType<string>().ToList();
        return new(CheckNames.InventoryMatches, differences.Count == 0, differences.Count == 0
            ? $"on all {items.Count} items reserved + sold + released = accepted, available = stock - reserved - sold, rejections and confirmations agree"
            : string.Join("; ", differences));
    }

    private static string? Difference(ItemResult item)
    {
        if (item.Inventory is not { } inv) return $"{item.ItemId}: the inventory model did not answer";
        var taken = inv.Reserved + inv.Sold + inv.Released;
        if (taken < item.AcceptedUnits || taken > item.AcceptedUnits + item.UnknownUnits)
            return $"{item.ItemId}: reserved + sold + released = {taken}, accepted {item.AcceptedUnits} (+{item.UnknownUnits} unknown)";
        if (inv.Available != inv.Stock - inv.Reserved - inv.Sold)
            return $"{item.ItemId}: available {inv.Available} != stock {inv.Stock} - reserved {inv.Reserved} - sold {inv.Sold}";
        if (inv.Sold < item.Confirmed) return $"{item.ItemId}: sold {inv.Sold} < {item.Confirmed} confirmed by callback";
        if (item.UnknownUnits == 0 && inv.RejectedOrders != item.Rejected)
            return $"{item.ItemId}: {inv.RejectedOrders} rejected orders in the model, {item.Rejected} rejections answered";
        return null;
    }

    private async Task<CheckResult> OrdersVisibleAsync(CancellationToken ct)
    {
        var accepted = ledger.Accepted;
        var count = Math.Min(accepted.Count, options.VerifyOrders);
        var sample = Enumerable.Range(0, count).Select(i => accepted[(int)((long)i * accepted.Count / Math.Max(count, 1))]).ToList();
        var wrong = new ConcurrentQueue<string>();
        await Parallel.ForEachAsync(sample, new ParallelOptions { MaxDegreeOfParallelism = 8, CancellationToken = ct }, async (order, token) =>
        {
            var answer = await reader.OrderAsync(order.Order.OrderId, order.Order.ItemId, ledger.LastPosition, token);
            var status = answer.Status == 200 ? JsonDocument.Parse(answer.Body).RootElement.GetProperty("status").GetString() : null;
            var expected = ledger.WasConfirmed(order.Order.OrderId) ? "confirmed" : null;
            if (status is null || !AcceptedStatuses.Contains(status) || (expected is not null && status != expected))
                wrong.Enqueue($"{order.Order.OrderId}: {answer.Status} {status ?? answer.Body}");
        });
        return new(CheckNames.OrdersVisible, wrong.IsEmpty, wrong.IsEmpty
            ? $"{count} of {accepted.Count} accepted orders read back as accepted (confirmed ones as confirmed)"
            : $"{wrong.Count} of {count} not as answered: " + string.Join("; ", wrong.Take(5)));
    }

    private static string Held(ItemResult item) => item.Inventory is { } inv ? (inv.Reserved + inv.Sold).ToString(System.Globalization.CultureInfo.InvariantCulture) : "unknown";
}
