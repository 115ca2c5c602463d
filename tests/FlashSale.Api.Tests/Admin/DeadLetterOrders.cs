using System.Net;
using FlashSale.Api.Tests.Fixtures;
using FlashSale.Application.CommandPath;
using FlashSale.Application.Orders;
using FlashSale.Domain.Items;
using Mediator;
using Microsoft.Extensions.DependencyInjection;

namespace FlashSale.Api.Tests.Admin;

/// <summary>Dead letters made at once: an order placed over HTTP whose payment the gateway gave up on (as the payment
/// processor records it), without waiting for a real gateway to time out.</summary>
public static class DeadLetterOrders
{
    public static async Task<string> PlaceAndTimeOutAsync(FlashSaleApiFactory api, string itemId, string userId)
    {
        var orderId = Ids.New("dead");
        (await api.PlaceOrderAsync(orderId, itemId, userId)).Status.ShouldBe(HttpStatusCode.Created);
        var timedOut = await api.Services.GetRequiredService<IMediator>()
            .Send(new TimeOutPaymentRequest(itemId, orderId, TimeoutCauses.GatewayTimeout, CommandContext.System("payments")));
        timedOut.ShouldBeTrue();
        return orderId;
    }
}
