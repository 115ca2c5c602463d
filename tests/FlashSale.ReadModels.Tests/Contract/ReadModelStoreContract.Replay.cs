using FlashSale.Domain.Items;
using FlashSale.Projections.DeadLetters;
using FlashSale.Projections.OrderStatus;
using FlashSale.ReadModels.Tests.Fixtures;

namespace FlashSale.ReadModels.Tests.Contract;

public abstract partial class ReadModelStoreContract
{
    [Fact]
    public async Task replaying_a_scripted_sale_gives_the_rows_buyers_and_operators_expect()
    {
        await ScriptedSale.AppendAsync(Log);

        foreach (var projection in Projections) await ReplayAsync(projection, batchSize: 4);

        var lamp = Inventory.FromValues((await Store.GetRowAsync(Inventory, ScriptedSale.Lamp))!);
        (lamp.InitialStock, lamp.Restocked, lamp.Available, lamp.Reserved, lamp.Sold, lamp.Released, lamp.RejectedOrders).ShouldBe((3, 2, 4, 0, 1, 4, 1));
        var mug = Inventory.FromValues((await Store.GetRowAsync(Inventory, ScriptedSale.Mug))!);
        (mug.InitialStock, mug.Available, mug.Reserved, mug.Sold, mug.Released, mug.RejectedOrders).ShouldBe((1, 0, 1, 0, 1, 1));

        var orders = (await Store.ReadAllRowsAsync(OrderStatus).ToListAsync()).Select(OrderStatus.FromValues).ToDictionary(o => o.OrderId);
        orders.Keys.Order().ShouldBe(["o1", "o2", "o3", "o4", "o5", "o6"]);
        (orders["o1"].Status, orders["o1"].PaymentReference, orders["o1"].ConfirmedAt).ShouldBe((OrderStatuses.Confirmed, "psp-1", ScriptedSale.At(10)));
        (orders["o2"].Status, orders["o2"].Reason, orders["o2"].Retries, orders["o2"].TimedOutAt).ShouldBe(
            (OrderStatuses.Discarded, "customer gone", 1, ScriptedSale.At(340)));
        (orders["o3"].Status, orders["o3"].Reason).ShouldBe((OrderStatuses.Rejected, RejectionReasons.PerUserLimit));
        (orders["o4"].Status, orders["o4"].Reason, orders["o4"].Retries).ShouldBe((OrderStatuses.TimedOut, TimeoutCauses.GatewayTimeout, 1));
        (orders["o5"].Status, orders["o5"].Reason).ShouldBe((OrderStatuses.Rejected, RejectionReasons.SoldOut));
        (orders["o6"].Status, orders["o6"].ReservedUntil).ShouldBe((OrderStatuses.Reserved, ScriptedSale.At(341)));

        var letters = (await Store.ReadAllRowsAsync(DeadLetters).ToListAsync()).Select(DeadLetters.FromValues).ToDictionary(d => d.OrderId);
        letters.Keys.Order().ShouldBe(["o2", "o4"]);
        (letters["o2"].State, letters["o2"].Reason, letters["o2"].Attempts, letters["o2"].Retries, letters["o2"].DiscardReason, letters["o2"].LastActor)
            .ShouldBe((DeadLetterStates.Discarded, TimeoutCauses.DeadlinePassed, 2, 1, "customer gone", "ops"));
        (letters["o4"].State, letters["o4"].Reason, letters["o4"].Attempts, letters["o4"].Retries, letters["o4"].FirstFailedAt, letters["o4"].LastFailedAt)
            .ShouldBe((DeadLetterStates.Open, RejectionReasons.SoldOut, 2, 1, ScriptedSale.At(40), ScriptedSale.At(50)));
        (await Store.QueryRowsAsync(DeadLetters, new([("state", DeadLetterStates.Open)], ["first_failed_at"], 10))).Count.ShouldBe(1);
        await ShouldEqualCleanReplayAsync();
    }

    [Fact]
    public async Task replaying_in_batches_of_1_7_or_1000_gives_identical_tables()
    {
        await ScriptedSale.AppendAsync(Log);
        var generator = new SaleGenerator(seed: 11, items: 5);
        while (generator.EventsGenerated < 400) await Log.AppendAsync(generator.Next(operations: 8));

        var stores = new[] { Store, await NewInitializedStoreAsync(), await NewInitializedStoreAsync() };
        int[] batchSizes = [1, 7, 1000];
        for (var i = 0; i < stores.Length; i++)
            foreach (var projection in Projections) await ReplayAsync(projection, batchSizes[i], stores[i]);

        foreach (var store in stores) await ShouldEqualCleanReplayAsync(store);
        foreach (var projection in Projections)
            (await CleanReplay.TableAsync(stores[1], projection)).ShouldBe(await CleanReplay.TableAsync(stores[2], projection));
        foreach (var projection in Projections)
        {
            await ReplayAsync(projection, batchSize: 3);
            (await CheckpointOf(projection)).Version.ShouldBe(1 + ScriptedSale.EventCount + generator.EventsGenerated, "replaying again finds nothing new");
        }
        await ShouldEqualCleanReplayAsync();
    }

    [Fact]
    public async Task a_poison_event_is_recorded_and_later_events_still_apply()
    {
        await ScriptedSale.AppendAsync(Log, count: 3);
        var poison = await Log.AppendUnreadableAsync(ScriptedSale.Lamp, "V1.StockReserved");
        await ScriptedSale.AppendAsync(Log, from: 3);

        foreach (var projection in Projections) await ReplayAsync(projection, batchSize: 5);

        foreach (var projection in Projections)
        {
            var recorded = (await Store.ReadPoisonEventsAsync(projection.Name, 10)).ShouldHaveSingleItem();
            (recorded.Position, recorded.StreamId, recorded.EventType).ShouldBe((poison, "item-" + ScriptedSale.Lamp, "V1.StockReserved"));
            recorded.Error.ShouldStartWith("Unreadable event");
            (await Store.CountPoisonEventsAsync(projection.Name)).ShouldBe(1);
        }
        (await Store.GetRowAsync(OrderStatus, OrderStatusTable.KeyOf(ScriptedSale.Mug, "o6"))).ShouldNotBeNull("events after the poison one are applied");
        Inventory.FromValues((await Store.GetRowAsync(Inventory, ScriptedSale.Lamp))!).Available.ShouldBe(4);
        await ShouldEqualCleanReplayAsync();
    }
}
