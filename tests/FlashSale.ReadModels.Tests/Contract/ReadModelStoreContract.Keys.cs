using FlashSale.Contracts;
using FlashSale.Domain;
using FlashSale.Projections.DeadLetters;
using FlashSale.Projections.OrderStatus;
using FlashSale.ReadModels.Audit;
using FlashSale.ReadModels.Queries;
using FlashSale.ReadModels.Storage;
using FlashSale.ReadModels.Tests.Fixtures;
using static FlashSale.ReadModels.Tests.Fixtures.ReusedOrderIds;

namespace FlashSale.ReadModels.Tests.Contract;

/// <summary>An order id is unique per item only: order-status and dead-letter rows are keyed by (order, item).</summary>
public abstract partial class ReadModelStoreContract
{
    [Fact]
    public async Task rows_of_one_order_id_on_two_items_are_written_loaded_and_deleted_by_their_whole_key()
    {
        var first = OrderStatusTable.KeyOf("sku-1", "o-1");
        var second = OrderStatusTable.KeyOf("sku-2", "o-1");
        (await Store.CommitAsync(Commit(OrderStatus, 1, 2,
            [OrderRow("o-1", "u1", 10, OrderStatuses.Confirmed, itemId: "sku-1"), OrderRow("o-1", "u2", 11, itemId: "sku-2")]))).ShouldBeTrue();
        (await Store.CommitAsync(Commit(OrderStatus, 2, 3, [OrderRow("o-1", "u2", 11, OrderStatuses.TimedOut, itemId: "sku-2")]))).ShouldBeTrue();

        OrderStatus.FromValues((await Store.GetRowAsync(OrderStatus, first))!).Status.ShouldBe(OrderStatuses.Confirmed, "the other item's upsert left it");
        OrderStatus.FromValues((await Store.GetRowAsync(OrderStatus, second))!).Status.ShouldBe(OrderStatuses.TimedOut);
        (await Store.LoadRowsAsync(OrderStatus, ReadModelSlot.Live, [first, second, OrderStatusTable.KeyOf("sku-3", "o-1")])).Keys
            .ShouldBe([first, second], ignoreOrder: true);
        (await Store.QueryRowsAsync(OrderStatus, new RowQuery([OrderStatusTable.OrderId.Is("o-1")], [], 10)))
            .Select(r => (string)r[OrderStatusTable.ItemId.Ordinal]!).ShouldBe(["sku-1", "sku-2"], "ordered by the whole key");

        (await Store.CommitAsync(Commit(OrderStatus, 3, 4, [], deletes: [second]))).ShouldBeTrue();

        (await Store.GetRowAsync(OrderStatus, second)).ShouldBeNull();
        (await Store.GetRowAsync(OrderStatus, first)).ShouldNotBeNull("a delete takes only the row with the whole key");
        await Should.ThrowAsync<ArgumentException>(() => Store.GetRowAsync(OrderStatus, "o-1"));
    }

    [Fact]
    public async Task an_order_id_on_two_items_is_one_order_status_row_and_one_dead_letter_per_item()
    {
        await ReusedOrderIds.AppendAsync(Log);
        foreach (var projection in Projections) await ReplayAsync(projection, batchSize: 3);
        var queries = new ReadModelQueries(Store, Projections);

        (await queries.OrdersWithIdAsync(Twin)).Select(o => (o.ItemId, o.UserId, o.Status))
            .ShouldBe([(Chair, "u2", OrderStatuses.TimedOut), (Desk, "u1", OrderStatuses.Confirmed)]);
        (await queries.GetOrderAsync(Twin, Desk))!.PaymentReference.ShouldBe("psp-desk");
        (await queries.GetOrderAsync(Twin, Chair))!.Reason.ShouldBe("deadline_passed");
        (await queries.GetOrderAsync(Twin, "sku-elsewhere")).ShouldBeNull();
        (await queries.GetOrderAsync(Solo))!.ItemId.ShouldBe(Desk, "one item has it: found by the order id alone");
        (await queries.GetOrderAsync("nobody")).ShouldBeNull();
        ShouldBeAmbiguous(await Should.ThrowAsync<DomainException>(() => queries.GetOrderAsync(Twin)));

        (await queries.GetDeadLetterAsync(Twin))!.ItemId.ShouldBe(Chair, "only the chair's twin timed out");
        (await queries.GetDeadLetterAsync(Echo, Desk))!.Reason.ShouldBe("gateway_timeout");
        (await queries.GetDeadLetterAsync(Echo, Chair))!.Reason.ShouldBe("deadline_passed");
        ShouldBeAmbiguous(await Should.ThrowAsync<DomainException>(() => queries.GetDeadLetterAsync(Echo)));
        (await queries.DeadLettersAsync(DeadLetterStates.Open, null, 10)).Select(d => (d.OrderId, d.ItemId))
            .ShouldBe([(Echo, Desk), (Twin, Chair), (Echo, Chair)], ignoreOrder: true);

        foreach (var item in new[] { Desk, Chair })
        {
            var stock = (await queries.GetItemAsync(item))!;
            (stock.Available + stock.Reserved + stock.Sold).ShouldBe(Stock, $"no unit of {item} is stranded or counted twice");
        }
        var verifier = new ReplayVerifier(Events, Store, Projections);
        (await verifier.VerifyAsync()).IsClean.ShouldBeTrue();
        await ShouldEqualCleanReplayAsync();

        var checkpoint = await CheckpointOf(OrderStatus);
        (await Store.CommitAsync(Commit(OrderStatus, checkpoint.Version, checkpoint.Position!.Value.Commit, [],
            deletes: [OrderStatusTable.KeyOf(Chair, Twin)]))).ShouldBeTrue();
        var lost = (await verifier.VerifyAsync([OrderStatus.Name])).Projections.Single().Differences.ShouldHaveSingleItem();
        (lost.Key, lost.Kind).ShouldBe((Twin, "missing"));
        lost.KeyColumns.ShouldBe(new Dictionary<string, string> { ["order_id"] = Twin, ["item_id"] = Chair }, "the chair's twin, not the desk's");
    }

    [Fact]
    public async Task audit_finds_an_order_by_its_id_alone_only_when_one_item_knows_it()
    {
        await ReusedOrderIds.AppendAsync(Log);
        foreach (var projection in Projections) await ReplayAsync(projection, batchSize: 100);
        var queries = new ReadModelQueries(Store, Projections);
        var locator = new OrderLocator(queries, new KnownOrders((Solo, Chair), ("unprojected", Desk)));
        var trail = new AuditTrail(Events, locator);
        var history = new HistoryQuery(Events, trail, locator);

        (await locator.ItemOfAsync(Twin, Desk)).ShouldBe(Desk);
        (await locator.ItemOfAsync(Twin, "sku-elsewhere")).ShouldBeNull();
        (await locator.ItemOfAsync("unprojected")).ShouldBe(Desk, "the write side's index knows orders the model has not seen yet");
        ShouldBeAmbiguous(await Should.ThrowAsync<DomainException>(() => locator.ItemOfAsync(Twin)));
        ShouldBeAmbiguous(await Should.ThrowAsync<DomainException>(() => locator.ItemOfAsync(Solo)),
            "the model has the desk's, the index also the chair's");

        (await history.OrderAsync(Twin, Chair, AsOf.Now))![^1].State!.Status.ShouldBe(OrderStatuses.TimedOut);
        (await history.OrderAsync(Twin, Desk, AsOf.Now))![^1].State!.Status.ShouldBe(OrderStatuses.Confirmed);
        ShouldBeAmbiguous(await Should.ThrowAsync<DomainException>(() => history.OrderAsync(Twin, AsOf.Now)));
        (await trail.OrderAsync(Twin, Desk, 0, 10))!.Events.Select(e => e.Type).ShouldBe(["V1.OrderPlaced", "V1.StockReserved", "V1.PaymentConfirmed"]);
        ShouldBeAmbiguous(await Should.ThrowAsync<DomainException>(() => trail.OrderAsync(Twin, 0, 10)));
    }

    private static void ShouldBeAmbiguous(DomainException refused, string? because = null)
    {
        refused.Code.ShouldBe(DomainErrors.OrderAmbiguous, because);
        refused.Message.ShouldContain($"'{Chair}'");
        refused.Message.ShouldContain($"'{Desk}'");
    }

    private sealed class KnownOrders(params (string OrderId, string ItemId)[] orders) : IOrderItemLookup
    {
        public IReadOnlyList<string> ItemsOf(string orderId) => [.. orders.Where(o => o.OrderId == orderId).Select(o => o.ItemId)];
    }
}
