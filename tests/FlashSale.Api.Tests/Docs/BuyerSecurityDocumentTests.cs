using FlashSale.Api.Tests.Fixtures;

namespace FlashSale.Api.Tests.Docs;

/// <summary>The buyer endpoints' security in the document follows <c>Buyers:Authentication</c>.</summary>
public sealed class BuyerSecurityDocumentTests
{
    [Fact]
    public async Task under_jwt_buyer_endpoints_take_a_bearer_token_order_reads_also_the_operator_key_and_a_token_for_another_user_is_403()
    {
        using var api = new FlashSaleApiFactory(BuyerCredentials.JwtMode());
        var document = await ApiDocument.FetchAsync(api.Buyer);

        var bearer = document.Root.GetProperty("components").GetProperty("securitySchemes").GetProperty("BuyerJwt");
        (bearer.GetProperty("type").GetString(), bearer.GetProperty("scheme").GetString()).ShouldBe(("http", "bearer"));
        DocumentRouteTests.Security(document, "POST", "/api/orders").ShouldBe(["BuyerJwt"]);
        DocumentRouteTests.Security(document, "GET", "/api/orders/x").ShouldBe(["BuyerJwt", "OperatorKey"]);
        DocumentRouteTests.Security(document, "GET", "/api/users/x/orders").ShouldBe(["BuyerJwt", "OperatorKey"]);
        var placeOrder = document.Find("POST", "/api/orders").Operation.GetProperty("responses");
        ApiDocument.ProblemCodes(placeOrder.GetProperty("401")).ShouldBe(["unauthorized"]);
        ApiDocument.ProblemCodes(placeOrder.GetProperty("403")).ShouldBe(["user.mismatch"]);
        ApiDocument.ProblemCodes(document.Find("GET", "/api/users/x/orders").Operation.GetProperty("responses").GetProperty("403")).ShouldBe(["user.mismatch"]);
        document.Find("GET", "/api/orders/x").Operation.GetProperty("responses").TryGetProperty("403", out _).ShouldBeFalse();
    }

    [Fact]
    public async Task under_api_key_buyer_endpoints_take_the_buyer_api_key_and_never_answer_403()
    {
        using var api = new FlashSaleApiFactory(BuyerCredentials.ApiKeyMode());
        var document = await ApiDocument.FetchAsync(api.Buyer);

        document.Root.GetProperty("components").GetProperty("securitySchemes").GetProperty("BuyerApiKey").GetProperty("name").GetString()
            .ShouldBe(BuyerCredentials.ApiKeyHeader);
        DocumentRouteTests.Security(document, "POST", "/api/orders").ShouldBe(["BuyerApiKey"]);
        DocumentRouteTests.Security(document, "GET", "/api/orders/x").ShouldBe(["BuyerApiKey", "OperatorKey"]);
        document.Find("POST", "/api/orders").Operation.GetProperty("responses").TryGetProperty("403", out _).ShouldBeFalse();
        ApiDocument.ProblemCodes(document.Find("POST", "/api/orders").Operation.GetProperty("responses").GetProperty("401")).ShouldBe(["unauthorized"]);
    }
}
