using FlashSale.Projections.OrderStatus;
using FlashSale.ReadModels.Storage;
using FlashSale.ReadModels.Tests.Fixtures;

namespace FlashSale.ReadModels.Tests.Contract;

public abstract partial class ReadModelStoreContract
{
    [Fact]
    public async Task queries_filter_order_and_page_the_live_rows()
    {
        (await Store.CommitAsync(Commit(OrderStatus, 1, 8,
        [
            OrderRow("o-5", "u1", 50), OrderRow("o-1", "u1", 10), OrderRow("o-3", "u1", 30, OrderStatuses.Confirmed),
            OrderRow("o-2", "u2", 20), OrderRow("o-4", "u1", 40, OrderStatuses.Rejected, itemId: "sku-2"), OrderRow("o-6", "u1", 30),
        ]))).ShouldBeTrue();

        async Task<IReadOnlyList<string>> Query(RowQuery query) => [.. (await Store.QueryRowsAsync(OrderStatus, query)).Select(r => (string)r[0]!)];

        (await Query(new RowQuery([("user_id", "u1")], ["placed_at"], 10))).ShouldBe(["o-1", "o-3", "o-6", "o-4", "o-5"], "by placed_at, then key");
        (await Query(new RowQuery([("user_id", "u1")], ["placed_at"], 2, Offset: 1))).ShouldBe(["o-3", "o-6"]);
        (await Query(new RowQuery([("user_id", "u1")], ["placed_at"], 10, Offset: 5))).ShouldBeEmpty();
        (await Query(new RowQuery([("user_id", "u1"), ("status", OrderStatuses.Reserved)], ["placed_at"], 10))).ShouldBe(["o-1", "o-6", "o-5"]);
        (await Query(new RowQuery([("item_id", "sku-2")], [], 10))).ShouldBe(["o-4"]);
        (await Query(new RowQuery([("quantity", 1L)], [], 3))).ShouldBe(["o-1", "o-2", "o-3"], "integer filters, ordered by key");
        (await Query(new RowQuery([("user_id", "nobody")], [], 10))).ShouldBeEmpty();
    }

    [Fact]
    public async Task a_row_is_read_by_its_key_and_a_missing_key_reads_null()
    {
        (await Store.CommitAsync(Commit(OrderStatus, 1, 2, [OrderRow("o-1", "u1", 10, OrderStatuses.Confirmed)]))).ShouldBeTrue();

        var row = OrderStatus.FromValues((await Store.GetRowAsync(OrderStatus, OrderStatusTable.KeyOf("sku-1", "o-1")))!);
        (row.UserId, row.Status, row.PlacedAt, row.ReservedAt).ShouldBe(("u1", OrderStatuses.Confirmed, ScriptedSale.At(10), (DateTimeOffset?)null));
        (await Store.GetRowAsync(OrderStatus, OrderStatusTable.KeyOf("sku-1", "o-2"))).ShouldBeNull();
        (await Store.GetRowAsync(Inventory, "o-1")).ShouldBeNull("each projection has its own table");
    }

    [Fact]
    public async Task loading_rows_returns_only_those_that_exist_even_for_many_keys()
    {
        var rows = Enumerable.Range(0, 1200).Select(i => OrderRow($"o-{i:D4}", $"u{i % 7}", i)).ToList();
        (await Store.CommitAsync(Commit(OrderStatus, 1, 1, rows))).ShouldBeTrue();
        var wanted = Enumerable.Range(0, 1500).Where(i => i % 3 == 0).Select(i => $"o-{i:D4}").ToList();

        var loaded = await Store.LoadRowsAsync(OrderStatus, ReadModelSlot.Live, [.. wanted.Select(o => OrderStatusTable.KeyOf("sku-1", o))]);

        loaded.Keys.Select(k => k[0]).Order(StringComparer.Ordinal)
            .ShouldBe(wanted.Where(k => int.Parse(k[2..], System.Globalization.CultureInfo.InvariantCulture) < 1200));
        loaded[OrderStatusTable.KeyOf("sku-1", "o-0300")].ShouldBe(rows[300]);
    }
}
