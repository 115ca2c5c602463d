using FlashSale.Application.CommandPath;
using FlashSale.Application.Tests.Fixtures;
using FlashSale.Domain.Items;

namespace FlashSale.Application.Tests.CommandPath;

/// <summary>Checks an acknowledged command against the log: what the writer answered is what a replay from scratch says.</summary>
internal static class FoldOfTheLog
{
    /// <summary>
    /// The command's events sit in the log, with the acknowledged content, ending at the acknowledged position, and the
    /// item the writer answered with equals a fold of the log from its start up to that position.
    /// </summary>
    public static void ShouldHoldAcknowledged(this ItemLog log, CommandOutcome outcome, string what)
    {
        var end = log.Entries.ToList().FindIndex(e => e.Recorded.Position == outcome.Position);
        end.ShouldBeGreaterThanOrEqualTo(0, $"{what}: its acknowledged position {outcome.Position} is not in the log");
        var start = end - outcome.Events.Count + 1;
        start.ShouldBeGreaterThanOrEqualTo(0, what);
        log.Entries.Skip(start).Take(outcome.Events.Count).Select(e => e.Event).ShouldBe(outcome.Events, $"{what}: acknowledged events");
        ItemDecider.Fold(log.Entries.Take(end + 1).Select(e => e.Event)).ShouldBeTheSameItemAs(outcome.State, what);
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
