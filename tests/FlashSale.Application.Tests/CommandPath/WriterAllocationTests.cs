using FlashSale.Application.CommandPath;
using FlashSale.Domain.Items;

namespace FlashSale.Application.Tests.CommandPath;

/// <summary>A regression guard on what deciding and serializing a batch allocates per order, on one thread (ADR 0033:
/// measured ~1,560 B per order for SQLite, ~1,740 B with append ends marked; the bounds are about twice that). Counts bytes, not time.</summary>
public sealed class WriterAllocationTests
{
    private const int BatchSize = 256;

    [Theory]
    [InlineData(false, 3_200)]
    [InlineData(true, 3_600)]
    public void deciding_and_serializing_a_batch_of_orders_stays_within_its_allocation_budget(bool markAppendEnd, int bytesPerOrder)
    {
        var at = new DateTimeOffset(2030, 1, 1, 12, 0, 0, TimeSpan.Zero);
        var state = ItemDecider.Evolve(ItemState.Initial, new SaleItemListed("item", "Item", 1_000_000, 2, null, null, 600, at));
        var warm = Batch(state, 0, at, "warm");
        var commands = Commands("measured", at);

        var before = GC.GetAllocatedBytesForCurrentThread();
        var batch = new DecidedBatch(warm.State, warm.RevisionAfter, at).Decide(commands);
        var chunks = batch.Serialize("item-item", new CommandPathOptions().MaxBatchBytes, markAppendEnd);
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        chunks.ShouldHaveSingleItem().EventCount.ShouldBe(2 * BatchSize);
        (allocated / BatchSize).ShouldBeLessThan(bytesPerOrder);

        DecidedBatch Batch(ItemState on, long revision, DateTimeOffset now, string prefix)
        {
            var decided = new DecidedBatch(on, revision, now).Decide(Commands(prefix, now));
            decided.Serialize("item-item", new CommandPathOptions().MaxBatchBytes, markAppendEnd);
            return decided;
        }
    }

    private static List<PendingCommand> Commands(string prefix, DateTimeOffset at) =>
    [
        .. Enumerable.Range(0, BatchSize).Select(i => new PendingCommand(new PlaceOrder("item", $"{prefix}-{i}", $"user-{prefix}-{i}", 1, at),
            new CommandContext($"correlation-{prefix}-{i}", $"causation-{prefix}-{i}", "buyer"))),
    ];
}
