using System.Net;
using FlashSale.Api.Tests.Fixtures;
using FlashSale.Domain.Items;

namespace FlashSale.Api.Tests.Payments;

/// <summary>What a payment confirmation answers, the same on every event store (the embedded one and the others'
/// <see cref="EventStores.PaymentsOnStoreTests"/>).</summary>
internal static class PaymentConfirmationSpecs
{
    public static async Task ConfirmingAReservationAnswers200AndARepeatAnswersTheSameAsync(FlashSaleApiFactory api)
    {
        var itemId = Ids.New("paid");
        await api.ListItemAsync(itemId, stock: 3);
        var orderId = Ids.New("order");
        (await api.PlaceOrderAsync(orderId, itemId, "payer")).Status.ShouldBe(HttpStatusCode.Created);

        var confirmed = await api.Buyer.PayAsync(orderId, "psp-ref-42");
        var head = await api.HeadAsync();
        var repeat = await api.Buyer.PayAsync(orderId, "psp-ref-42");

        confirmed.Status.ShouldBe(HttpStatusCode.OK);
        confirmed.String("status").ShouldBe("confirmed");
        confirmed.String("orderId").ShouldBe(orderId);
        confirmed.String("itemId").ShouldBe(itemId);
        confirmed.String("paymentReference").ShouldBe("psp-ref-42");
        confirmed.String("position").ShouldNotBeNullOrWhiteSpace();
        repeat.SameAs(confirmed).ShouldBeTrue($"first: {confirmed}\nrepeat: {repeat}");
        (await api.HeadAsync()).ShouldBe(head);
        (await api.ReadItemAsync(itemId)).OfOrder<PaymentConfirmed>(orderId).ShouldHaveSingleItem().PaymentReference.ShouldBe("psp-ref-42");
    }
}
