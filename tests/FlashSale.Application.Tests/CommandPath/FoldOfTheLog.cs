using FlashSale.Application.CommandPath;
using FlashSale.Application.Tests.Fixtures;
using FlashSale.Contracts;
using FlashSale.Domain.Items;

namespace FlashSale.Application.Tests.CommandPath;

/// <summary>Checks an acknowledged command against the log: what the writer answered is what a replay from scratch says.</summary>
internal static class FoldOfTheLog
{
    /// <summary>
    /// The command's events sit in the log, with the acknowledged content, ending at the acknowledged position or (a store
    /// that answers an append with its last position only, ADR 0023) before it, and the item the writer answered with
    /// equals a fold of the log from its start up to the command's last event. The position is exactly the one the
    /// command's last event names (<see cref="ItemEventSerializer.AppendEndOf"/>), which a replay answers repeats with.
    /// </summary>
    public static void ShouldHoldAcknowledged(this ItemLog log, CommandOutcome outcome, string what)
    {
        var end = log.Entries.ToList().FindIndex(e => e.Recorded.Position == outcome.Position);
        end.ShouldBeGreaterThanOrEqualTo(0, $"{what}: its acknowledged position {outcome.Position} is not in the log");
        var count = outcome.Events.Count;
        var own = Enumerable.Range(count - 1, Math.Max(0, end - count + 2)).Reverse()
            .FirstOrDefault(i => log.Entries.Skip(i - count + 1).Take(count).Select(e => e.Event).SequenceEqual(outcome.Events), -1);
        own.ShouldBeGreaterThanOrEqualTo(0, $"{what}: acknowledged events {string.Join(", ", outcome.Events)} are not in the log at or before {outcome.Position}");
        var answeredAt = ItemEventSerializer.AppendEndOf(log.Entries[own].Recorded);
        log.Entries[(int)answeredAt].Recorded.Position.ShouldBe(outcome.Position!.Value,
            $"{what}: the acknowledged position is the one its last event names (its own, or its append's last), as a replay answers");
        ItemDecider.Fold(log.Entries.Take(own + 1).Select(e => e.Event)).ShouldBeTheSameItemAs(outcome.State, what);
    }

    public static void ShouldBeTheSameItemAs(this ItemState folded, ItemState answered, string what)
    {
        if (folded is not Listed f || answered is not Listed a)
        {
            answered.ShouldBe(folded, what);
            return;
        }
        (a with { Orders = f.Orders, Holdings = f.Holdings }).ShouldBe(f, $"{what}: the writer's item against a fold of the log");
        a.Orders.OrderBy(o => o.Key, StringComparer.Ordinal).ShouldBe(f.Orders.OrderBy(o => o.Key, StringComparer.Ordinal), $"{what}: orders");
        a.Holdings.OrderBy(h => h.Key, StringComparer.Ordinal).ShouldBe(f.Holdings.OrderBy(h => h.Key, StringComparer.Ordinal), $"{what}: holdings");
    }
}
