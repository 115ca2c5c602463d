using FlashSale.Application.CommandPath;
using FlashSale.Domain;
using FlashSale.Domain.Items;

namespace FlashSale.Application.Tests.CommandPath;

/// <summary>The order index learns every item an order id is an order on (another process may have accepted the same
/// id on another item), so a call that names only the order never reaches one of them by chance.</summary>
public sealed class OrderIndexTests
{
    private static readonly DateTimeOffset T = new(2026, 11, 27, 9, 0, 0, TimeSpan.Zero);

    private static OrderPlaced Placed(string itemId, string orderId) => new(itemId, orderId, "u1", 1, T);

    [Fact]
    public void an_order_id_recorded_on_two_items_names_both_and_is_ambiguous_without_an_item()
    {
        var index = new OrderIndex();
        index.Record(Placed("desk", "o-1"));
        index.Record(Placed("chair", "o-1"));
        index.Record(Placed("chair", "o-1"));

        index.ItemsOf("o-1").ShouldBe(["desk", "chair"]);
        index.ItemOf("o-1", "chair").ShouldBe("chair");
        var refused = Should.Throw<DomainException>(() => index.ItemOf("o-1", null));
        refused.Code.ShouldBe(DomainErrors.OrderAmbiguous);
        refused.Message.ShouldContain("'chair', 'desk'");
        index.Count.ShouldBe(1);
    }

    [Fact]
    public void an_order_id_on_one_item_is_found_by_the_id_alone_and_an_unknown_one_is_not_found()
    {
        var index = new OrderIndex();
        index.Record(Placed("desk", "o-1"));

        index.ItemOf("o-1", null).ShouldBe("desk");
        index.ItemsOf("o-2").ShouldBeEmpty();
        Should.Throw<DomainException>(() => index.ItemOf("o-2", null)).Code.ShouldBe(DomainErrors.OrderNotFound);
    }

    [Fact]
    public void a_claim_is_refused_for_another_item_but_granted_on_every_item_the_id_is_recorded_on()
    {
        var index = new OrderIndex();
        index.Claim("o-1", "desk").ShouldBeNull();
        index.Record(Placed("chair", "o-1")); // from the log: another process took o-1 on the chair meanwhile

        index.Claim("o-1", "desk").ShouldBeNull("a repeat on the desk is answered by the desk's writer");
        index.Claim("o-1", "chair").ShouldBeNull("and one on the chair by the chair's");
        index.Claim("o-1", "lamp").ShouldBe("desk");
    }

    [Fact]
    public void releasing_a_refused_claim_keeps_the_items_the_log_recorded()
    {
        var index = new OrderIndex();
        index.Claim("o-1", "desk").ShouldBeNull();
        index.Record(Placed("chair", "o-1"));

        index.Release("o-1", "desk");

        index.ItemsOf("o-1").ShouldBe(["chair"]);
        index.Claim("o-1", "lamp").ShouldBe("chair");
        index.Release("o-1", "chair");
        index.Release("o-1", "chair");
        index.ItemsOf("o-1").ShouldBeEmpty();
        index.Claim("o-1", "lamp").ShouldBeNull();
    }

    [Fact]
    public async Task claims_raced_onto_two_items_grant_each_order_id_to_one_of_them()
    {
        var index = new OrderIndex();
        const int orders = 20_000;
        var granted = new int[orders];
        await Task.WhenAll(new[] { "desk", "chair" }.Select(item => Task.Run(() =>
        {
            for (var i = 0; i < orders; i++)
                if (index.Claim($"o-{i}", item) is null) Interlocked.Increment(ref granted[i]);
        })));

        granted.ShouldAllBe(n => n == 1);
        index.Count.ShouldBe(orders);
        Enumerable.Range(0, orders).ShouldAllBe(i => index.ItemsOf($"o-{i}").Count == 1);
    }
}
