using System.Net;
using FlashSale.Api.Tests.Fixtures;

namespace FlashSale.Api.Tests.Operators;

/// <summary>A buyer at an operator endpoint learns nothing about the request it sent: the key is checked before the body is read.</summary>
public sealed class OperatorCheckFirstTests(FlashSaleApiFactory api) : IClassFixture<FlashSaleApiFactory>
{
    [Theory]
    [InlineData("/api/items", "{\"itemId\": ", "application/json")]
    [InlineData("/api/items", "itemId=x", "text/plain")]
    [InlineData("/api/items/some-item/restock", "{\"quantity\": \"lots\"}", "application/json")]
    [InlineData("/api/admin/dlq/some-order/discard", "reason=x", "text/plain")]
    public async Task a_buyer_sending_a_broken_body_to_an_operator_endpoint_is_refused_401(string path, string body, string mediaType)
    {
        var answer = await api.Buyer.PostRawAsync(path, body, mediaType);

        answer.Status.ShouldBe(HttpStatusCode.Unauthorized, answer.ToString());
        answer.Code.ShouldBe("unauthorized");
    }
}
