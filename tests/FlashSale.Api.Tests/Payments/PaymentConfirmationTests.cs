using System.Net;
using FlashSale.Api.Tests.Fixtures;
using FlashSale.Domain.Items;

namespace FlashSale.Api.Tests.Payments;

/// <summary>The payment provider's callback, with the in-process processor off so only the callback settles.</summary>
public sealed class PaymentConfirmationTests(FlashSaleApiFactory api) : IClassFixture<FlashSaleApiFactory>
{
    [Fact]
    public Task confirming_a_reservation_answers_200_and_a_repeat_answers_the_same() =>
        PaymentConfirmationSpecs.ConfirmingAReservationAnswers200AndARepeatAnswersTheSameAsync(api);

    [Fact]
    public async Task a_second_payment_with_another_reference_answers_409_and_keeps_the_first()
    {
        var itemId = Ids.New("paid-twice");
        await api.ListItemAsync(itemId, stock: 3);
        var orderId = Ids.New("order");
        (await api.PlaceOrderAsync(orderId, itemId, "payer")).Status.ShouldBe(HttpStatusCode.Created);
        (await api.Buyer.PayAsync(orderId, "psp-first")).Status.ShouldBe(HttpStatusCode.OK);
        var head = await api.HeadAsync();

        var second = await api.Buyer.PayAsync(orderId, "psp-second");

        second.Status.ShouldBe(HttpStatusCode.Conflict);
        second.Code.ShouldBe("payment.already_confirmed");
        (await api.HeadAsync()).ShouldBe(head);
        (await api.ReadItemAsync(itemId)).OfOrder<PaymentConfirmed>(orderId).ShouldHaveSingleItem().PaymentReference.ShouldBe("psp-first");
    }

    [Fact]
    public async Task paying_for_an_unknown_order_answers_404()
    {
        var head = await api.HeadAsync();

        var answer = await api.Buyer.PayAsync(Ids.New("ghost"), "psp-ref-1");

        answer.Status.ShouldBe(HttpStatusCode.NotFound);
        answer.MediaType.ShouldBe("application/problem+json");
        answer.Code.ShouldBe("order.not_found");
        (await api.HeadAsync()).ShouldBe(head);
    }

    [Fact]
    public async Task paying_for_a_rejected_order_answers_409()
    {
        var itemId = Ids.New("none-left");
        await api.ListItemAsync(itemId, stock: 0);
        var orderId = Ids.New("order");
        (await api.PlaceOrderAsync(orderId, itemId, "payer")).Status.ShouldBe(HttpStatusCode.Conflict);

        var answer = await api.Buyer.PayAsync(orderId, "psp-ref-1");

        answer.Status.ShouldBe(HttpStatusCode.Conflict);
        answer.Code.ShouldBe("order.not_reserved");
    }

    [Theory]
    [InlineData("{}")]
    [InlineData("""{"paymentReference": ""}""")]
    [InlineData("""{"paymentReference": "bad\u0001ref"}""")]
    public async Task a_payment_without_a_usable_reference_answers_400_naming_it(string body)
    {
        var itemId = Ids.New("ref");
        await api.ListItemAsync(itemId, stock: 1);
        var orderId = Ids.New("order");
        await api.PlaceOrderAsync(orderId, itemId, "payer");
        var head = await api.HeadAsync();

        var answer = await api.Buyer.PostSignedAsync($"/api/orders/{orderId}/payment", body);

        answer.Status.ShouldBe(HttpStatusCode.BadRequest);
        answer.ErrorFields.ShouldContain("paymentReference");
        (await api.HeadAsync()).ShouldBe(head);
    }
}
