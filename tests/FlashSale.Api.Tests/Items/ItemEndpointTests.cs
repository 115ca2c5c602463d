using System.Net;
using FlashSale.Api.Tests.Fixtures;
using FlashSale.Domain.Items;

namespace FlashSale.Api.Tests.Items;

public sealed class ItemEndpointTests(FlashSaleApiFactory api) : IClassFixture<FlashSaleApiFactory>
{
    [Fact]
    public async Task listing_an_item_answers_201_with_its_available_stock()
    {
        var itemId = Ids.New("listed");

        var answer = await api.ListItemAsync(itemId, stock: 7);

        answer.Status.ShouldBe(HttpStatusCode.Created);
        answer.String("itemId").ShouldBe(itemId);
        answer.Json.GetProperty("available").GetInt32().ShouldBe(7);
        (await api.ReadItemAsync(itemId)).ShouldHaveSingleItem().ShouldBeOfType<SaleItemListed>().Stock.ShouldBe(7);
    }

    [Fact]
    public async Task listing_an_item_twice_answers_409_and_keeps_the_first_listing()
    {
        var itemId = Ids.New("twice");
        (await api.ListItemAsync(itemId, stock: 3)).Status.ShouldBe(HttpStatusCode.Created);

        var duplicate = await api.ListItemAsync(itemId, stock: 50);

        duplicate.Status.ShouldBe(HttpStatusCode.Conflict);
        duplicate.MediaType.ShouldBe("application/problem+json");
        duplicate.Code.ShouldBe("item.already_listed");
        (await api.ReadItemAsync(itemId)).ShouldHaveSingleItem().ShouldBeOfType<SaleItemListed>().Stock.ShouldBe(3);
    }

    [Fact]
    public async Task restocking_a_sold_out_item_answers_200_and_orders_are_accepted_again()
    {
        var itemId = Ids.New("restock");
        await api.ListItemAsync(itemId, stock: 1);
        (await api.PlaceOrderAsync(Ids.New("restock-1"), itemId, "user-1")).Status.ShouldBe(HttpStatusCode.Created);
        var soldOut = await api.PlaceOrderAsync(Ids.New("restock-2"), itemId, "user-2");
        soldOut.Code.ShouldBe(RejectionReasons.SoldOut);

        var restock = await api.Operator.RestockAsync(itemId, 2, "second batch");

        restock.Status.ShouldBe(HttpStatusCode.OK);
        restock.String("itemId").ShouldBe(itemId);
        restock.Json.GetProperty("available").GetInt32().ShouldBe(2);
        (await api.PlaceOrderAsync(Ids.New("restock-3"), itemId, "user-3")).Status.ShouldBe(HttpStatusCode.Created);
        (await api.PlaceOrderAsync(soldOut.String("orderId"), itemId, "user-2")).SameAs(soldOut)
            .ShouldBeTrue("an order rejected before the restock keeps its recorded outcome");
        (await api.ReadItemAsync(itemId)).OfType<ItemRestocked>().ShouldHaveSingleItem().Quantity.ShouldBe(2);
    }

    [Fact]
    public async Task restocking_an_unknown_item_answers_404_and_appends_nothing()
    {
        var head = await api.HeadAsync();

        var answer = await api.Operator.RestockAsync(Ids.New("nowhere"), 5);

        answer.Status.ShouldBe(HttpStatusCode.NotFound);
        answer.Code.ShouldBe("item.not_found");
        (await api.HeadAsync()).ShouldBe(head);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-3)]
    public async Task restocking_with_a_quantity_below_one_answers_400_naming_quantity(int quantity)
    {
        var itemId = Ids.New("bad-restock");
        await api.ListItemAsync(itemId, stock: 1);
        var head = await api.HeadAsync();

        var answer = await api.Operator.RestockAsync(itemId, quantity);

        answer.Status.ShouldBe(HttpStatusCode.BadRequest);
        answer.ErrorFields.ShouldContain("quantity");
        (await api.HeadAsync()).ShouldBe(head);
    }

    [Fact]
    public async Task restocking_past_the_int_range_is_refused_instead_of_wrapping_the_stock_negative()
    {
        var itemId = Ids.New("huge");
        await api.ListItemAsync(itemId, stock: 1_000_000_000);
        (await api.Operator.RestockAsync(itemId, 1_000_000_000)).Json.GetProperty("available").GetInt32().ShouldBe(2_000_000_000);
        var head = await api.HeadAsync();

        var overflow = await api.Operator.RestockAsync(itemId, 1_000_000_000);

        ((int)overflow.Status).ShouldBeInRange(400, 499, overflow.ToString());
        overflow.MediaType.ShouldBe("application/problem+json");
        (await api.HeadAsync()).ShouldBe(head);
        (await api.PlaceOrderAsync(Ids.New("order"), itemId, "user-1")).Status.ShouldBe(HttpStatusCode.Created);
        (await api.ReadItemAsync(itemId)).ShouldNeverOversell();
    }

    [Theory]
    [InlineData(1, 2, "the sale has not started")]
    [InlineData(-2, -1, "the sale has ended")]
    public async Task an_order_outside_the_sale_window_is_rejected_sale_not_active(int startsInHours, int endsInHours, string why)
    {
        var itemId = Ids.New("window");
        var now = DateTimeOffset.UtcNow;
        // A window that has ended can no longer be listed (item.sale_already_ended): such an item was listed before it ended.
        if (endsInHours < 0) await EarlierListings.AppendAsync(api.Store, itemId, now.AddHours(startsInHours), now.AddHours(endsInHours));
        else
            (await api.Operator.PostJsonAsync("/api/items", new
            {
                itemId,
                name = "Timed deal",
                stock = 5,
                perUserLimit = 1,
                saleStartsAt = now.AddHours(startsInHours),
                saleEndsAt = now.AddHours(endsInHours),
            })).Status.ShouldBe(HttpStatusCode.Created);

        var answer = await api.PlaceOrderAsync(Ids.New("order"), itemId, "early-bird");

        answer.Status.ShouldBe(HttpStatusCode.Conflict, why);
        answer.Code.ShouldBe(RejectionReasons.SaleNotActive);
        (await api.ReadItemAsync(itemId)).OfType<OrderRejected>().ShouldHaveSingleItem().Reason.ShouldBe(RejectionReasons.SaleNotActive);
    }
}
