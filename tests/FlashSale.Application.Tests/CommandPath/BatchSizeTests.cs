using FlashSale.Application.CommandPath;
using FlashSale.Application.Tests.Fixtures;
using FlashSale.Domain.Items;
using FlashSale.EventStore;
using Microsoft.Extensions.Logging.Abstractions;

namespace FlashSale.Application.Tests.CommandPath;

/// <summary>A batch is cut by bytes as well as by count, and a batch the store refuses as too large is split, so one
/// caller's huge payload never fails other buyers' orders.</summary>
public sealed class BatchSizeTests : OnSqlite
{
    private const string ItemId = "bytes";

    [Fact]
    public async Task a_batch_larger_than_max_batch_bytes_is_appended_in_several_appends_and_every_caller_is_answered()
    {
        var limited = new SizeLimitedEventStore(Sqlite, long.MaxValue);
        var gate = new GatedEventStore(limited);
        await using var writer = Writer(gate, new CommandPathOptions { MaxBatchBytes = 4096 });
        await RunAsync(writer, List(stock: 100));

        var outcomes = await HeldAppend.GroupAsync(gate, writer, Enumerable.Range(0, 40).Select(i => Order($"o-{i}", $"u-{i}")), concurrently: true);

        outcomes.ShouldAllBe(o => o.Events.OfType<StockReserved>().Any());
        limited.TakenAppendSizes.Skip(2).ShouldAllBe(size => size <= 4096, "every append of the held-back batch stays under the cap");
        limited.TakenAppendSizes.Count.ShouldBeGreaterThan(4, "39 orders of ~700 bytes cannot go in one 4 KiB append");
        var log = await ItemLog.ReadAsync(Sqlite, ItemId);
        log.OfType<StockReserved>().Count.ShouldBe(40);
        foreach (var outcome in outcomes) log.ShouldHoldAcknowledged(outcome, "an order of a cut batch");
    }

    [Fact]
    public async Task a_batch_the_store_refuses_as_too_large_is_split_and_every_order_is_reserved()
    {
        var limited = new SizeLimitedEventStore(Sqlite, 3000);
        var gate = new GatedEventStore(limited);
        await using var writer = Writer(gate, new CommandPathOptions());
        await RunAsync(writer, List(stock: 100));

        var outcomes = await HeldAppend.GroupAsync(gate, writer, Enumerable.Range(0, 30).Select(i => Order($"o-{i}", $"u-{i}")), concurrently: true);

        limited.Refused.ShouldBeGreaterThan(0, "the held-back batch is larger than the store takes");
        outcomes.ShouldAllBe(o => o.Events.OfType<StockReserved>().Any());
        var log = await ItemLog.ReadAsync(Sqlite, ItemId);
        log.OfType<StockReserved>().Count.ShouldBe(30);
        log.State.Available.ShouldBe(70);
    }

    [Fact]
    public async Task a_command_too_large_on_its_own_fails_alone_and_the_orders_around_it_are_reserved()
    {
        var limited = new SizeLimitedEventStore(Sqlite, 1400);
        var gate = new GatedEventStore(limited);
        await using var writer = Writer(gate, new CommandPathOptions());
        await RunAsync(writer, List(stock: 10));
        gate.Close();
        var first = writer.ExecuteAsync(Order("o-first", "u-first"), Context("u-first"));
        await gate.Blocked.WaitAsync(Eventually.Bound);

        var before = writer.ExecuteAsync(Order("o-before", "u-before"), Context("u-before"));
        var huge = writer.ExecuteAsync(new RestockItem(ItemId, 5, new string('€', 500), DateTimeOffset.UtcNow), Context("operator"));
        var after = writer.ExecuteAsync(Order("o-after", "u-after"), Context("u-after"));
        gate.Open();

        await Should.ThrowAsync<AppendTooLargeException>(() => huge.WaitAsync(Eventually.Bound));
        foreach (var order in new[] { first, before, after })
            (await order.WaitAsync(Eventually.Bound)).Events.OfType<StockReserved>().ShouldHaveSingleItem();
        var log = await ItemLog.ReadAsync(Sqlite, ItemId);
        log.OfType<ItemRestocked>().ShouldBeEmpty();
        log.State.Available.ShouldBe(7);
        (await after).State.ShouldBeOfType<Listed>().Available.ShouldBe(7, "the order after the refused restock was decided without it");
    }

    private static ItemWriter Writer(IEventStore store, CommandPathOptions options) => new(ItemId, store, options, NullLogger.Instance);

    private static ListItem List(int stock) => new(ItemId, "Bytes", stock, 10, null, null, 600, DateTimeOffset.UtcNow);

    private static PlaceOrder Order(string orderId, string userId) => new(ItemId, orderId, userId, 1, DateTimeOffset.UtcNow);

    private static CommandContext Context(string actor) => CommandContext.System(actor);

    private static Task<CommandOutcome> RunAsync(ItemWriter writer, ItemCommand command) =>
        writer.ExecuteAsync(command, Context("operator")).WaitAsync(Eventually.Bound);
}
