using FlashSale.Domain.Items;
using FlashSale.Projections;
using FlashSale.Projections.DeadLetters;
using FlashSale.Projections.Inventory;
using FlashSale.Projections.OrderStatus;

namespace FlashSale.ReadModels.Tests.Tables;

/// <summary>Rows go to the stores as values in column order and come back equal: every field has its own column, and
/// the values are exactly what the tables held before the columns were declared with their fields.</summary>
public sealed class ReadModelTableTests
{
    private static readonly DateTimeOffset T = new(2026, 11, 27, 9, 0, 0, TimeSpan.Zero);

    private static DateTimeOffset At(int second) => T.AddSeconds(second).AddTicks(second);

    private static string Stored(int second) => Values.Timestamp(At(second))!;

    [Fact]
    public void an_inventory_row_is_stored_as_text_and_integers_in_column_order_and_reads_back_equal()
    {
        var row = new InventoryRow("sku-1", "Lamp", 2, At(1), At(2), 10, 3, 4, 5, 6, 7, 8, "12", At(3));

        var values = new InventoryProjection().ToValues(row);

        values.ShouldBe(["sku-1", "Lamp", 2L, "2026-11-27T09:00:01.0000001Z", Stored(2), 10L, 3L, 4L, 5L, 6L, 7L, 8L, "12", Stored(3)]);
        new InventoryProjection().FromValues(values).ShouldBe(row);
        new InventoryProjection().FromValues(new InventoryProjection().ToValues(row with { SaleStartsAt = null, SaleEndsAt = null }))
            .ShouldBe(row with { SaleStartsAt = null, SaleEndsAt = null });
    }

    [Fact]
    public void rows_of_one_decision_time_share_its_stored_text_and_every_other_time_and_integer_is_stored_as_itself()
    {
        var projection = new InventoryProjection();
        InventoryRow Row(DateTimeOffset at, int stock) => new("sku-1", "Lamp", 2, null, null, stock, 3, 4, 5, 6, 7, 8, "12", at);

        var first = projection.ToValues(Row(At(1), 10));
        var second = projection.ToValues(Row(At(1), 300));
        var other = projection.ToValues(Row(At(2), -1));
        var sameInstantElsewhere = projection.ToValues(Row(At(2).ToOffset(TimeSpan.FromHours(5)), int.MaxValue));

        ReferenceEquals(first[^1], second[^1]).ShouldBeTrue("formatted once for the batch's rows");
        (first[^1], other[^1], sameInstantElsewhere[^1]).ShouldBe((Stored(1), Stored(2), Stored(2)));
        (first[5], second[5], other[5], sameInstantElsewhere[5]).ShouldBe((10L, 300L, -1L, (long)int.MaxValue));
        projection.FromValues(other).ShouldBe(Row(At(2), -1));
    }

    [Fact]
    public void an_order_status_row_with_every_field_set_or_every_optional_field_empty_reads_back_equal()
    {
        var full = new OrderStatusRow("o-1", "sku-1", "u-1", 2, OrderStatuses.Discarded, "customer gone", At(1), At(2), At(3), At(4), At(5),
            "psp-1", At(6), At(7), 3, "42", At(8));
        var empty = new OrderStatusRow("o-2", "sku-1", "u-1", 1, OrderStatuses.Placed, null, At(1), null, null, null, null, null, null, null, 0,
            "43", At(1));
        var projection = new OrderStatusProjection();

        projection.ToValues(full).ShouldBe(["o-1", "sku-1", "u-1", 2L, "discarded", "customer gone", Stored(1), Stored(2), Stored(3), Stored(4),
            Stored(5), "psp-1", Stored(6), Stored(7), 3L, "42", Stored(8)]);
        projection.FromValues(projection.ToValues(full)).ShouldBe(full);
        projection.ToValues(empty).ShouldBe(["o-2", "sku-1", "u-1", 1L, "placed", null, Stored(1), null, null, null, null, null, null, null, 0L,
            "43", Stored(1)]);
        projection.FromValues(projection.ToValues(empty)).ShouldBe(empty);
    }

    [Fact]
    public void a_dead_letter_row_with_every_field_set_or_every_optional_field_empty_reads_back_equal()
    {
        var full = new DeadLetterRow("o-1", "sku-1", DeadLetterStates.Discarded, "sold_out", 3, 2, At(1), At(2), At(3), At(4), "gone", "ops", "9");
        var empty = new DeadLetterRow("o-2", "sku-1", DeadLetterStates.Open, "gateway_timeout", 1, 0, At(1), At(1), null, null, null, null, "10");
        var projection = new DeadLetterProjection();

        projection.ToValues(full).ShouldBe(["o-1", "sku-1", "discarded", "sold_out", 3L, 2L, Stored(1), Stored(2), Stored(3), Stored(4), "gone",
            "ops", "9", 0L, null]);
        projection.FromValues(projection.ToValues(full)).ShouldBe(full);
        projection.ToValues(empty).ShouldBe(["o-2", "sku-1", "open", "gateway_timeout", 1L, 0L, Stored(1), Stored(1), null, null, null, null, "10",
            0L, null]);
        projection.FromValues(projection.ToValues(empty)).ShouldBe(empty);
        var refunded = full with { State = DeadLetterStates.RefundRequired, Refunds = 2, RefundReference = "psp-late" };
        projection.ToValues(refunded)[^2..].ShouldBe([2L, "psp-late"]);
        projection.FromValues(projection.ToValues(refunded)).ShouldBe(refunded);
    }

    [Fact]
    public void queries_filter_on_a_column_by_its_stored_value()
    {
        OrderStatusTable.UserId.Is("u-1").ShouldBe(("user_id", (object)"u-1"));
        OrderStatusTable.Quantity.Is(2).ShouldBe(("quantity", (object)2L));
        DeadLetterTable.FirstFailedAt.Is(At(1)).ShouldBe(("first_failed_at", (object)Stored(1)));
        Should.Throw<ArgumentNullException>(() => OrderStatusTable.Reason.Is(null));
    }

    [Fact]
    public void a_column_belongs_to_one_table_only()
    {
        var exception = Should.Throw<ArgumentException>(() => new ReadModelTable<InventoryRow>("inventory_copy", [InventoryTable.ItemId],
            v => throw new InvalidOperationException()));

        exception.Message.ShouldContain("item_id");
    }

    [Fact]
    public void order_status_and_dead_letter_rows_are_keyed_by_order_and_item_inventory_by_item()
    {
        OrderStatusTable.Definition.Key.Select(c => c.Name).ShouldBe(["order_id", "item_id"]);
        DeadLetterTable.Definition.Key.Select(c => c.Name).ShouldBe(["order_id", "item_id"]);
        InventoryTable.Definition.Key.Select(c => c.Name).ShouldBe(["item_id"]);
        var row = new OrderStatusRow("o-1", "sku-1", "u-1", 1, OrderStatuses.Placed, null, At(1), null, null, null, null, null, null, null, 0,
            "43", At(1));
        var placed = new ProjectedEvent(new OrderPlaced("sku-1", "o-1", "u-1", 1, At(1)), "item-sku-1", 1, EventStore.LogPosition.At(43), At(1));

        OrderStatusTable.Definition.KeyOf(new OrderStatusProjection().ToValues(row)).ShouldBe(OrderStatusTable.KeyOf("sku-1", "o-1"));
        new OrderStatusProjection().KeyOf(placed).ShouldBe(OrderStatusTable.KeyOf("sku-1", "o-1"));
        new InventoryProjection().KeyOf(placed).ShouldBe((RowKey)"sku-1");
        OrderStatusTable.KeyOf("sku-1", "o-1").ShouldNotBe(OrderStatusTable.KeyOf("sku-2", "o-1"));
        Should.Throw<ArgumentException>(() => OrderStatusTable.Definition.Checked("o-1")).Message.ShouldContain("(order_id, item_id)");
    }

    [Fact]
    public void a_key_is_made_of_non_null_text_columns()
    {
        var name = Column.NullableText<InventoryRow>("name", r => r.Name);
        var id = Column.Text<InventoryRow>("item_id", r => r.ItemId);

        Should.Throw<ArgumentException>(() => new ReadModelTable<InventoryRow>("nameless", [id, name], v => throw new InvalidOperationException(),
            key: [id, name])).Message.ShouldContain("non-null text");
    }
}
