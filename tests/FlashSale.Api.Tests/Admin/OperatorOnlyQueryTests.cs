using System.Net;
using FlashSale.Api.Tests.Fixtures;

namespace FlashSale.Api.Tests.Admin;

public sealed class OperatorOnlyQueryTests(FlashSaleApiFactory api) : IClassFixture<FlashSaleApiFactory>
{
    public static TheoryData<string, string> OperatorEndpoints => new()
    {
        { "GET", "/api/admin/dlq" },
        { "GET", "/api/admin/dlq/some-order" },
        { "POST", "/api/admin/dlq/some-order/retry" },
        { "POST", "/api/admin/dlq/some-order/discard" },
        { "GET", "/api/admin/projections" },
        { "GET", "/api/admin/projections/inventory" },
        { "POST", "/api/admin/projections/inventory/rebuild" },
        { "GET", "/api/admin/projections/inventory/dead-letters" },
        { "GET", "/api/admin/audit/verify" },
        { "POST", "/api/admin/audit/verify" },
        { "GET", "/api/audit/items/some-item" },
        { "GET", "/api/audit/orders/some-order" },
        { "GET", "/api/audit/items/some-item/history" },
        { "GET", "/api/audit/orders/some-order/history" },
        { "GET", "/api/audit/export" },
    };

    [Theory]
    [MemberData(nameof(OperatorEndpoints))]
    public async Task operator_queries_and_decisions_refuse_buyers_and_wrong_keys(string method, string path)
    {
        foreach (var client in new[] { api.Buyer, api.CreateOperatorClient("not-the-key") })
        {
            using var request = new HttpRequestMessage(new HttpMethod(method), path);
            var answer = await HttpAnswer.ReadAsync(await client.SendAsync(request));

            answer.Status.ShouldBe(HttpStatusCode.Unauthorized, answer.ToString());
            answer.Code.ShouldBe("unauthorized");
        }
        Microsoft.Extensions.DependencyInjection.ServiceProviderServiceExtensions.GetRequiredService<FlashSale.ReadModels.Rebuilding.RebuildCoordinator>(api.Services).LatestOf("inventory").ShouldBeNull();
    }
}
