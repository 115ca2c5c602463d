using System.Net;
using FlashSale.Api.Buyers;
using FlashSale.Api.Tests.Fixtures;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features.Authentication;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace FlashSale.Api.Tests.Buyers;

/// <summary>Which buyer endpoints carry an authorization policy: none under <c>None</c> (it would ask for nothing and cost
/// every order its evaluation), the buyer policies under the modes that check a credential.</summary>
public sealed class BuyerPolicyTests
{
    private static readonly string[] BuyerRoutes = ["PlaceOrder", "GetOrder", "ListUserOrders"];

    [Fact]
    public async Task under_none_buyer_endpoints_carry_no_policy_and_still_take_orders()
    {
        using var api = new FlashSaleApiFactory();

        PoliciesOf(api).ShouldBe(BuyerRoutes.ToDictionary(r => r, _ => ""));
        var itemId = Ids.New("open");
        await api.ListItemAsync(itemId, stock: 1);
        (await api.PlaceOrderAsync(Ids.New("order"), itemId, "alice")).Status.ShouldBe(HttpStatusCode.Created);
    }

    [Fact]
    public async Task under_api_key_buyer_endpoints_carry_their_policies_and_refuse_a_caller_without_the_key()
    {
        using var api = new FlashSaleApiFactory(BuyerCredentials.ApiKeyMode());

        PoliciesOf(api).ShouldBe(new Dictionary<string, string>
        {
            ["PlaceOrder"] = BuyerAccess.BuyerPolicy,
            ["GetOrder"] = BuyerAccess.OrderReaderPolicy,
            ["ListUserOrders"] = BuyerAccess.OrderReaderPolicy,
        });
        var itemId = Ids.New("guarded");
        await api.ListItemAsync(itemId, stock: 1);
        (await api.PlaceOrderAsync(Ids.New("order"), itemId, "alice")).Status.ShouldBe(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public void under_none_the_buyer_scope_of_a_request_is_any_user_without_making_it_a_principal()
    {
        var http = new DefaultHttpContext();

        new BuyerScopes(Options.Create(new BuyerOptions())).Of(http).ShouldBe(BuyerScope.AnyUser);

        http.Features.Get<IHttpAuthenticationFeature>()?.User.ShouldBeNull();
    }

    private static Dictionary<string, string> PoliciesOf(FlashSaleApiFactory api) =>
        api.Services.GetRequiredService<EndpointDataSource>().Endpoints
            .Where(e => e.Metadata.GetMetadata<IEndpointNameMetadata>()?.EndpointName is { } name && BuyerRoutes.Contains(name))
            .ToDictionary(e => e.Metadata.GetRequiredMetadata<IEndpointNameMetadata>().EndpointName,
                e => string.Join(",", e.Metadata.GetOrderedMetadata<IAuthorizeData>().Select(a => a.Policy)));
}
